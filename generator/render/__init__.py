"""Rendering: a validated programme (and its assessment) into Markdown pages, through Jinja templates.

Pure: nothing is read but templates and nothing is written. Rendering starts from an edition
(:func:`generator.audience.edition_for`): the programme and assessment with what the audience may
not see already left out, so no template can print it. Each page's template gets a view built in
Python from the edition (see :mod:`generator.render.view` and :mod:`generator.render.assessment_view`);
the templates only lay it out, so a coordinator can override any of them by name from the
programme's own template folder.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from generator.audience import Edition
from generator.i18n import Language, language
from generator.page import Page
from generator.render.assessment_view import (
    CRITERION_EVIDENCE,
    EVIDENCE_REGISTER,
    AssessmentView,
    assessment_view,
    evidence_item_path,
    published_evidence_files,
)
from generator.render.evidence_pages import criterion_evidence_pages, evidence_item_pages, register_pages
from generator.render.links import drop_missing_anchors, page_anchors
from generator.render.view import EDITIONS, handbook_views
from generator.site_map import ASSESSMENT, PAGES, PageSpec
from generator.standards.loading import Standards
from generator.templating import make_environment, render_template

__all__ = ["Page", "nav_for", "published_evidence_files", "render_pages"]

BLANK_LINES = re.compile(r"\n{3,}")


def included_pages(edition: Edition) -> list[PageSpec]:
    """The pages this edition has: all but those showing an area hidden from its audience (and the
    checklist and traceability matrix without an assessment). An area not written yet keeps its page."""
    return [spec for spec in PAGES
            if edition.hidden_areas.isdisjoint(spec.areas) and (edition.assessment is not None or not spec.needs_assessment)]


def render_pages(edition: Edition, standards: Standards, *, template_dir: Path | None = None, today: dt.date,
                 read_evidence: Callable[[str], str | None] | None = None, submission: Sequence[str] = (),
                 site_language: Language | None = None) -> list[Page]:
    """Pure: an edition -> its pages, in nav order, then each evidence item's page (not in the nav).
    ``read_evidence`` gives a published evidence file's text by its path in the data folder, for
    the item pages to show it (without it they show the item's details only). ``submission``: the
    site paths of the submission packs the site carries, which the checklist links. Pages are
    written in ``site_language`` (English when None). Raises DataError for template problems."""
    words = site_language or language()
    environment = make_environment(template_dir, words)
    specs = included_pages(edition)
    included = {spec.key for spec in specs}
    rendered = {}
    handbook_view = handbook_views(edition, standards.vocabularies, included, today=today)
    assessment_contexts: dict[str, dict[str, Any]] = {}  # by folder: links from pages in one folder are the same
    for spec in specs:
        context: dict[str, Any] = handbook_view(spec).context()
        if spec.section == ASSESSMENT:
            folder = posixpath.dirname(spec.path)
            if folder not in assessment_contexts:
                assessment_contexts[folder] = assessment_view(edition, standards.catalogs, spec, included, submission).context()
            context |= assessment_contexts[folder]
        markdown = render_template(environment, spec.template, context | {"page": spec})
        rendered[spec.path] = BLANK_LINES.sub("\n\n", markdown).strip() + "\n"
    items: list[Page] = []
    if "evidence" in included:
        def view_from(folder: str) -> AssessmentView:  # its links work from a page in this folder
            return assessment_view(edition, standards.catalogs, PageSpec("evidence", f"{folder}/page.md", "", ASSESSMENT), included)

        base = {"programme_name": edition.programme.programme.name, "edition": words.text(EDITIONS[edition.audience]), "today": today}
        items = evidence_item_pages(edition, view_from(posixpath.dirname(evidence_item_path("item"))).evidence, environment,
                                    read_evidence=read_evidence, base=base)
        register = view_from(EVIDENCE_REGISTER)
        items += register_pages(register, environment, base=base)
        if any(c.evidence_page for catalog in register.catalogs for standard in catalog.standards for c in standard.criteria):
            items += criterion_evidence_pages(view_from(CRITERION_EVIDENCE), environment, base=base)
    anchors = {path: page_anchors(markdown) for path, markdown in rendered.items()}
    anchors |= {page.path: page_anchors(page.markdown) for page in items if page.path.startswith(EVIDENCE_REGISTER + "/")}
    pages = [Page(spec.path, words.text(spec.title), spec.section, drop_missing_anchors(spec.path, rendered[spec.path], anchors))
             for spec in specs]
    return pages + [replace(page, markdown=drop_missing_anchors(page.path, page.markdown, anchors)) for page in items]


def nav_for(pages: list[Page], site_language: Language | None = None) -> list[dict]:
    """MkDocs nav: ``[{"Section": [{"Title": "path.md"}, ...]}, ...]``, its sections named in ``site_language``.

    Sections come in first-seen order, except that the assessment section, which is for assessors
    rather than participants, always comes last (after leaflets or any other section added later).
    """
    words = site_language or language()
    sections: dict[str, list[dict[str, str]]] = {}
    for page in pages:
        if not page.in_nav:
            continue
        sections.setdefault(page.section, []).append({words.text(page.title): page.path})
    order = sorted(sections, key=lambda section: section == ASSESSMENT)
    return [{words.text(section): sections[section]} for section in order]
