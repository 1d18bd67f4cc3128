"""The award submission pack: what a programme sends an assessor for one standard.

The ISMPE award process asks the programme to gather its documentation and evidence and submit it
to a First Assessor; ``handbook submission --standard ismpe --out DIR`` makes that pack, and the
assessor site carries it under ``assessment/submission/``. It is always made from the assessor
edition (:func:`generator.audience.edition_for`): internal evidence is included, confidential
evidence is named by title, owner and date only, and its file is never opened.

A pack is two files:

``<standard>-self-assessment.pdf``
    The report, an accessible tagged PDF (PDF/UA-1): a cover, contents with page numbers, a
    summary (score, award band, counts), every criterion in the standard's own wording with its
    status, the reasons, the coordinator's claim and note, any contradiction, its evidence and the
    handbook pages that show it, then the gaps and what to add, then an appendix with every piece
    of evidence the criteria cite (see :mod:`generator.submission.evidence`). Evidence PDFs follow
    the report as their own pages, each with a bookmark.

``<standard>-submission.zip``
    The report, each evidence file in the appendix under ``evidence/`` at its path in the data
    folder (``evidence/evidence/minutes.md`` for ``data/evidence/minutes.md``), and
    ``manifest.csv``, so an assessor can check that nothing changed after submission. The
    manifest's columns are ``criterion`` (``ismpe:1.1``), ``evidence_id``, ``file`` (its path in
    the zip) and ``sha256``: one row for each criterion and each evidence file it cites, in the
    standard's order, and a last row for the report itself, with the criterion and evidence id
    empty. A file in the zip is there because a criterion cites it, so every file but the manifest
    has at least one row. The same data gives the same zip, byte for byte: entries sorted, each
    dated the day of the assessment.
"""

from __future__ import annotations

from generator.submission.pack import (
    SubmissionPack,
    SubmissionSource,
    archive_name,
    make_pack,
    pack_in_cache,
    report_name,
    submission_files,
    submission_pack,
    submission_site_paths,
    submission_source,
    submission_sources,
)

__all__ = ["SubmissionPack", "SubmissionSource", "archive_name", "make_pack", "pack_in_cache", "report_name", "submission_files",
           "submission_pack", "submission_site_paths", "submission_source", "submission_sources"]
