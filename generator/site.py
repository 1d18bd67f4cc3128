"""Everything a site build needs, computed in memory: the pipeline from data folder to pages.

``site_content`` runs load → validate → assess, cuts the programme and its assessment down to the
audience's edition (:func:`generator.audience.edition_for`: nothing after that sees more), then
renders and returns pages, downloads, the evidence files the edition publishes and the leaflets'
print documents. It writes nothing: the MkDocs plugin and ``handbook export`` decide where the
content goes. ``SiteContent`` holds plain values only, and the pipeline is imported when it runs,
so a cached build reads it back cheaply.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.i18n import language as language_named
from generator.i18n import language_code, message
from generator.page import Page, PrintCover
from generator.problems import Problem

HOME_PAGE = "index.md"
HOME_TITLE, MORE_TITLE = message("Home"), message("More")  # the nav's own entries


@dataclass(frozen=True)
class SiteContent:
    """The generated part of a site for one audience."""

    pages: list[Page]
    generated_nav: list[dict]  # the nav sections of the generated pages
    downloads: dict[str, str]  # site path -> text (the assessment exports, the cohort calendar)
    evidence_files: list[tuple[str, Path]]  # site path, file in the data folder
    leaflet_documents: dict[str, str]  # PDF site path -> print HTML
    print_cover: PrintCover  # for the print handbook, which is made from the built pages
    not_printed: list[str]  # the pages the print handbook leaves out: the assessment's (their print form is the submission report)
    submission: list  # SubmissionSource of each standard, for the assessor edition's submission packs
    warnings: list[Problem]
    language: str  # the language it is written in (a catalog's code)

    def nav(self, hand_written: list[str]) -> list:
        """The site nav: the home page, the generated sections, then other hand-written pages."""
        generated = {page.path for page in self.pages}
        extra = [path for path in hand_written if path != HOME_PAGE and path not in generated]
        words = language_named(self.language)
        nav: list = [{words.text(HOME_TITLE): HOME_PAGE}] if HOME_PAGE in hand_written else []
        nav += self.generated_nav
        if extra:
            nav.append({words.text(MORE_TITLE): extra})
        return nav


def evidence_text(path: Path) -> str | None:
    """An evidence file's text, for its page; None when it cannot be read as UTF-8 text."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def site_content(data_dir: Path, template_dir: Path | None, *, audience: str, today: dt.date,
                 leaflets: bool = True, public_assessment: bool = True, submission_packs: bool = True,
                 language: str | None = None, data_language: str = "en",
                 when_valid: Callable[[], None] | None = None) -> SiteContent:
    """Run the pipeline for one audience. Raises DataError for data or template problems.
    ``leaflets=False``: no leaflet PDFs, and the leaflet pages link none. ``public_assessment=False``:
    the public edition has no checklist, traceability matrix or assessment downloads.
    ``submission_packs``: the assessor edition carries each standard's submission pack (the public
    one never does: a pack is made from the assessor edition). ``language``: the site's (the
    theme's), which the generated words, dates and PDFs are written in; English when None.
    ``data_language``: the language the data itself is written in. ``when_valid`` is called once
    the data has loaded without problems, before it is assessed and rendered."""
    from generator.assess import assess
    from generator.audience import edition_for
    from generator.cohort_calendar import calendar_downloads
    from generator.leaflets import leaflet_documents, leaflet_pages
    from generator.pipeline import load_programme
    from generator.render import nav_for, published_evidence_files, render_pages
    from generator.render.view import EDITIONS
    from generator.site_exports import assessment_downloads
    from generator.site_map import ASSESSMENT
    from generator.submission import submission_site_paths, submission_sources

    site_language = language_named(language)
    loaded = load_programme(data_dir, site_language.code, data_language=language_code(data_language))
    if when_valid is not None:
        when_valid()
    assessment = assess(loaded.programme, loaded.standards, today)  # of the data itself, whatever language pages are in
    edition = edition_for(loaded.shown, assessment, audience, public_assessment=public_assessment)
    submission = submission_sources(edition, loaded.standards, data_dir, template_dir=template_dir, today=today,
                                    site_language=site_language) if submission_packs and audience == "assessor" else []
    pages = render_pages(edition, loaded.standards, template_dir=template_dir, today=today, site_language=site_language,
                         read_evidence=lambda path: evidence_text(data_dir / path), submission=submission_site_paths(submission))
    pages += leaflet_pages(edition, template_dir=template_dir, today=today, pdfs=leaflets, site_language=site_language)
    return SiteContent(
        pages=pages,
        generated_nav=nav_for(pages, site_language),
        downloads=assessment_downloads(edition.assessment) | calendar_downloads(edition, today, site_language),
        evidence_files=[(site_path, data_dir / source) for site_path, source in published_evidence_files(edition)],
        leaflet_documents=leaflet_documents(edition, template_dir=template_dir, today=today,
                                            site_language=site_language) if leaflets else {},
        submission=submission,
        not_printed=[page.path for page in pages if page.section == ASSESSMENT],
        print_cover=PrintCover(edition.programme.programme.name, edition.programme.programme.organisation,
                               today, site_language.text(EDITIONS[audience])),
        warnings=loaded.warnings,
        language=site_language.code,
    )
