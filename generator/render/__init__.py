"""Rendering: a validated programme (and its assessment) into Markdown pages, through Jinja templates.

Pure: nothing is read but templates and nothing is written. Each page's template gets a view built
in Python for the build's audience (see :mod:`generator.render.view` and
:mod:`generator.render.assessment_view`); the templates only lay it out, so a coordinator can
override any of them by name from the programme's own template folder.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from pathlib import Path
from typing import Any

from generator.assess import Assessment
from generator.page import Page
from generator.pipeline import LoadedProgramme
from generator.render.assessment_view import assessment_view, published_evidence_files
from generator.render.audience import check_audience, hidden_areas
from generator.render.environment import make_environment, render_template
from generator.render.links import drop_missing_anchors, page_anchors
from generator.render.site_map import ASSESSMENT, PAGES, PageSpec
from generator.render.view import handbook_views

__all__ = ["Page", "nav_for", "published_evidence_files", "render_pages"]

BLANK_LINES = re.compile(r"\n{3,}")


def included_pages(loaded: LoadedProgramme, assessment: Assessment | None, audience: str) -> list[PageSpec]:
    """The pages this build has: all but those showing an area hidden from the audience (and the
    checklist and traceability matrix without an assessment). An area not written yet keeps its page."""
    hidden = hidden_areas(loaded.programme, audience)
    return [spec for spec in PAGES
            if hidden.isdisjoint(spec.areas) and (assessment is not None or not spec.needs_assessment)]


def render_pages(loaded: LoadedProgramme, assessment: Assessment | None, *, audience: str = "public",
                 template_dir: Path | None = None, today: dt.date) -> list[Page]:
    """Pure: programme (+ assessment) -> pages, in nav order. Raises DataError for template problems."""
    check_audience(audience)
    environment = make_environment(template_dir)
    specs = included_pages(loaded, assessment, audience)
    included = {spec.key for spec in specs}
    rendered = {}
    handbook_view = handbook_views(loaded.programme, loaded.standards.vocabularies, included, audience=audience, today=today)
    assessment_contexts: dict[str, dict[str, Any]] = {}  # by folder: links from pages in one folder are the same
    for spec in specs:
        context: dict[str, Any] = handbook_view(spec).context()
        if spec.section == ASSESSMENT:
            folder = posixpath.dirname(spec.path)
            if folder not in assessment_contexts:
                assessment_contexts[folder] = assessment_view(loaded.programme, loaded.standards.catalogs, assessment, spec,
                                                              included, audience=audience).context()
            context |= assessment_contexts[folder]
        markdown = render_template(environment, spec.template, context | {"page": spec})
        rendered[spec.path] = BLANK_LINES.sub("\n\n", markdown).strip() + "\n"
    anchors = {path: page_anchors(markdown) for path, markdown in rendered.items()}
    return [Page(spec.path, spec.title, spec.section, drop_missing_anchors(spec.path, rendered[spec.path], anchors))
            for spec in specs]


def nav_for(pages: list[Page]) -> list[dict]:
    """MkDocs nav: ``[{"Section": [{"Title": "path.md"}, ...]}, ...]``.

    Sections come in first-seen order, except that the assessment section, which is for assessors
    rather than participants, always comes last (after leaflets or any other section added later).
    """
    sections: dict[str, list[dict[str, str]]] = {}
    for page in pages:
        sections.setdefault(page.section, []).append({page.title: page.path})
    order = sorted(sections, key=lambda section: section == ASSESSMENT)
    return [{section: sections[section]} for section in order]
