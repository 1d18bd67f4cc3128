"""The assessment's downloadable exports, beside the checklist page.

They are made from an edition's assessment (:func:`generator.audience.edition_for`), so a public
build names no internal or confidential evidence in them, and an assessor build names confidential
items (their metadata is shown) but never their content.
"""

from __future__ import annotations

from generator.assess import Assessment
from generator.report import render

DOWNLOADS = {"assessment/assessment.json": "json", "assessment/assessment.csv": "csv"}


def assessment_downloads(assessment: Assessment | None) -> dict[str, str]:
    """The downloadable exports of an edition's assessment; none when the edition has no assessment."""
    if assessment is None:
        return {}
    return {site_path: render(assessment, output_format) for site_path, output_format in DOWNLOADS.items()}
