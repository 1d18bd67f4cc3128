"""The self-assessment report for one standard, as print HTML for WeasyPrint.

The view is built here from an edition, reusing the checklist's criterion views
(:func:`generator.render.assessment_view.assessment_view`): the same reasons, fixes, plans, evidence
entries and handbook pages the assessor site shows. The template ``submission/report.html.j2`` and
its ``submission/report.css`` only lay it out; a programme overrides either by name from its
templates folder. The document carries everything inline (CSS, evidence text), as
:mod:`generator.pdf` requires.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from generator.assess import Notice
from generator.audience import Edition
from generator.i18n import Language
from generator.render import included_pages
from generator.render.assessment_view import (
    CHECKLIST_PAGE,
    STATUS_BADGES,
    CatalogView,
    CriterionView,
    assessment_view,
    published_evidence_files,
)
from generator.render.view import EDITIONS
from generator.site_map import PAGES_BY_KEY, links_from
from generator.standards.catalog import Band
from generator.standards.loading import Standards
from generator.submission.evidence import EvidenceDocument, evidence_document
from generator.templating import make_environment, render_template

REPORT_TEMPLATE = "submission/report.html.j2"
REPORT_CSS = "submission/report.css"
GAP_STATUSES = ("partly-met", "not-met")


@dataclass(frozen=True)
class ReportView:
    """Everything the report template may use."""

    programme_name: str
    organisation: str
    date: dt.date  # the assessment's date (printed in words)
    edition: str  # "assessor edition"
    catalog: CatalogView  # score, band, counts, and each standard with its criterion views
    bands: list[Band]  # the standard's award bands, lowest first
    gaps: list[CriterionView]  # partly met and not met, in the standard's order
    notices: list[Notice]  # what the coordinator should attend to (the assessor edition has them)
    evidence: list[EvidenceDocument]  # every item the standard's criteria cite, in the register's order
    statuses: dict[str, str]  # status -> its badge

    @property
    def appended(self) -> list[EvidenceDocument]:
        """The evidence PDFs, appended after the report in this order."""
        return [document for document in self.evidence if document.form == "pdf"]

    def context(self) -> dict[str, Any]:
        """The view's fields as template variables."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__} | {"appended": self.appended}


def report_view(edition: Edition, standards: Standards, catalog_id: str, data_dir: Path, *, today: dt.date) -> ReportView:
    """The report's view of one standard (``catalog_id``) in an edition that has an assessment.
    Reads the evidence files the edition publishes and the standard's criteria cite. Raises
    KeyError for a standard the edition's assessment does not have."""
    spec = PAGES_BY_KEY["checklist"]
    view = assessment_view(edition, standards.catalogs, spec, {page.key for page in included_pages(edition)})
    catalog = next((c for c in view.catalogs if c.result.id == catalog_id), None)
    if catalog is None:
        raise KeyError(f"the assessment has no standard {catalog_id!r}")
    criteria = [criterion for standard in catalog.standards for criterion in standard.criteria]
    cited_by: dict[str, list[CriterionView]] = {}
    for criterion in criteria:
        for entry in criterion.evidence:
            cited_by.setdefault(entry.item.id, []).append(criterion)
    # Each published file by the link its evidence entry has (made by the same function from the same page).
    link = links_from(CHECKLIST_PAGE)
    sources = {link(site_path): source for site_path, source in published_evidence_files(edition)}
    documents = [evidence_document(entry, cited_by[entry.item.id], sources.get(entry.file_link or ""), data_dir)
                 for entry in view.evidence if entry.item.id in cited_by]
    overview = edition.programme.programme
    return ReportView(
        programme_name=overview.name,
        organisation=overview.organisation,
        date=today,
        edition=EDITIONS[edition.audience],
        catalog=catalog,
        bands=sorted(next(c for c in standards.catalogs if c.id == catalog_id).bands, key=lambda band: band.min_score),
        gaps=[criterion for criterion in criteria if criterion.result.status in GAP_STATUSES],
        notices=view.notices,
        evidence=documents,
        statuses=STATUS_BADGES,
    )


def report_html(view: ReportView, *, template_dir: Path | None, site_language: Language | None = None) -> str:
    """The report as a self-contained HTML document (CSS inlined), in ``site_language`` (English when
    None). Raises DataError for template problems."""
    environment = make_environment(template_dir, site_language)
    assert environment.loader is not None  # make_environment always sets one
    css, _, _ = environment.loader.get_source(environment, REPORT_CSS)
    return render_template(environment, REPORT_TEMPLATE, view.context() | {"css": Markup(css)})
