"""The assessment as one audience may see it, and its downloadable exports.

A public build must not name internal or confidential evidence anywhere, the JSON and CSV exports
included; an assessor build may name confidential items (their metadata is shown) but never
their content. The checklist page words its own view (it counts what is withheld); the exports are made from
the redacted copy made here.
"""

from __future__ import annotations

from dataclasses import replace

from generator.assess import Assessment, CatalogResult, CriterionResult
from generator.model import Plan, Programme
from generator.render.audience import plan_shown, withheld_evidence, without_withheld_ids
from generator.report import render

DOWNLOADS = {"assessment/assessment.json": "json", "assessment/assessment.csv": "csv"}


def redact_assessment(assessment: Assessment, programme: Programme, audience: str) -> Assessment:
    """A copy of the assessment in which withheld evidence is neither listed nor named, and plans the
    audience may not see are left out (with the notices about them)."""
    withheld = withheld_evidence(programme, audience)

    def shown(plans: list[Plan]) -> list[Plan]:
        return [plan for plan in plans if plan_shown(plan, programme, audience)]

    def unnamed(text: str | None) -> str | None:
        return without_withheld_ids(text, withheld) if text else text

    def criterion(result: CriterionResult) -> CriterionResult:
        return replace(result, evidence=[e for e in result.evidence if e not in withheld],
                       reasons=[unnamed(reason) for reason in result.reasons], fix=unnamed(result.fix),
                       planned=shown(result.planned),
                       contradiction=unnamed(result.contradiction), justification=unnamed(result.justification))

    def catalog(result: CatalogResult) -> CatalogResult:
        return replace(result, criteria=[criterion(c) for c in result.criteria])

    notices = [replace(n, subject=unnamed(n.subject), message=unnamed(n.message), planned=shown(n.planned))
               for n in assessment.notices if n.kind != "overdue-plan" or shown(n.planned)]
    return replace(assessment, standards=[catalog(c) for c in assessment.standards], notices=notices)


def assessment_downloads(assessment: Assessment) -> dict[str, str]:
    """The downloadable exports beside the checklist page (of an already redacted assessment)."""
    return {site_path: render(assessment, output_format) for site_path, output_format in DOWNLOADS.items()}
