"""Everything a site build needs, computed in memory: the pipeline from data folder to pages.

``site_content`` runs load → validate → assess → render and returns pages, downloads and the
evidence files the audience may see. It writes nothing: the MkDocs plugin and ``handbook export``
decide where the content goes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from generator.assess import Assessment, assess
from generator.pipeline import LoadedProgramme, load_programme
from generator.problems import Problem
from generator.render import Page, nav_for, published_evidence_files, render_pages
from generator.site_exports import assessment_downloads, redact_assessment

HOME_PAGE = "index.md"


@dataclass(frozen=True)
class SiteContent:
    """The generated part of a site for one audience."""

    loaded: LoadedProgramme
    assessment: Assessment
    audience: str
    today: dt.date
    template_dir: Path | None
    pages: list[Page]
    downloads: dict[str, str]
    evidence_files: list[tuple[str, Path]]

    @property
    def warnings(self) -> list[Problem]:
        return self.loaded.warnings

    def nav(self, hand_written: list[str]) -> list:
        """The site nav: the home page, the generated sections, then other hand-written pages."""
        generated = {page.path for page in self.pages}
        extra = [path for path in hand_written if path != HOME_PAGE and path not in generated]
        nav: list = [{"Home": HOME_PAGE}] if HOME_PAGE in hand_written else []
        nav += nav_for(self.pages)
        if extra:
            nav.append({"More": extra})
        return nav


def site_content(data_dir: Path, template_dir: Path | None, *, audience: str, today: dt.date) -> SiteContent:
    """Run the pipeline for one audience. Raises DataError for data or template problems."""
    from generator.leaflets import leaflet_pages

    loaded = load_programme(data_dir)
    assessment = assess(loaded.programme, loaded.catalogs, today)
    pages = render_pages(loaded, assessment, audience=audience, template_dir=template_dir, today=today)
    pages += leaflet_pages(loaded, audience=audience, template_dir=template_dir, today=today)
    evidence_files = [(site_path, data_dir / source) for site_path, source in published_evidence_files(loaded.programme, audience)]
    downloads = assessment_downloads(redact_assessment(assessment, loaded.programme, audience))
    return SiteContent(loaded, assessment, audience, today, template_dir, pages, downloads, evidence_files)
