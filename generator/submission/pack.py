"""A submission pack made: the report PDF with the evidence PDFs appended, and the zip.

Making a pack has two steps, like the leaflets: :func:`submission_source` gathers everything the
pack is made from (the report's print HTML, the evidence files, which criterion cites which file)
and writes nothing; :func:`make_pack` makes the PDF and the zip in memory. The report is laid out by
:func:`generator.pdf.cached_pdf`, and the report with the evidence PDFs appended is kept in the same
cache, so an unchanged pack costs one file read.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from generator.audience import Edition
from generator.files import write_atomically
from generator.i18n import Language, language
from generator.pdf import CACHE_SUFFIX, cache_key, cached_pdf, stored_pdf
from generator.standards.loading import Standards
from generator.submission.report import report_html, report_view

MANIFEST = "manifest.csv"
MANIFEST_COLUMNS = ("criterion", "evidence_id", "file", "sha256")
SITE_FOLDER = "assessment/submission"
EARLIEST_ZIP_DATE = dt.date(1980, 1, 1)  # a zip file cannot record an earlier one
UNIX = 3  # ZipInfo.create_system: the same on every system, so the zip is too


def report_name(catalog_id: str) -> str:
    """The report PDF's file name, e.g. ``ismpe-self-assessment.pdf``."""
    return f"{catalog_id}-self-assessment.pdf"


def archive_name(catalog_id: str) -> str:
    """The zip's file name, e.g. ``ismpe-submission.zip``."""
    return f"{catalog_id}-submission.zip"


@dataclass(frozen=True)
class AppendedPdf:
    """An evidence PDF appended after the report, with its bookmark."""

    bookmark: str
    content: bytes


@dataclass(frozen=True)
class SubmissionSource:
    """Everything one standard's pack is made from, as plain values."""

    catalog_id: str
    date: dt.date  # of the assessment: the zip's entries carry it
    report_html: str
    appended: tuple[AppendedPdf, ...]
    evidence_files: tuple[tuple[str, bytes], ...]  # path in the zip, content
    citations: tuple[tuple[str, str, str], ...]  # criterion (catalog:id), evidence id, path in the zip


@dataclass(frozen=True)
class SubmissionPack:
    """One standard's pack: the report PDF and the zip, with their file names."""

    report_name: str
    report_pdf: bytes
    archive_name: str
    zip: bytes


def submission_source(edition: Edition, standards: Standards, catalog_id: str, data_dir: Path, *,
                      template_dir: Path | None, today: dt.date, site_language: Language | None = None) -> SubmissionSource:
    """What the pack of one standard is made from, for an edition with an assessment (the assessor
    edition: ``handbook submission`` makes no other). Reads the evidence files the edition
    publishes that the standard's criteria cite; writes nothing. Raises DataError for template
    problems or an evidence PDF that cannot be read, KeyError for an unknown standard. The report
    is written in ``site_language`` (English when None)."""
    view = report_view(edition, standards, catalog_id, data_dir, today=today)
    words = site_language or language()
    paths: dict[str, str] = {}  # evidence id -> its file's path in the zip
    contents: dict[str, bytes] = {}  # path in the zip -> content
    for document in view.evidence:
        if document.archive_path and document.content is not None:
            paths[document.entry.item.id] = document.archive_path
            contents[document.archive_path] = document.content
    return SubmissionSource(
        catalog_id=catalog_id,
        date=today,
        report_html=report_html(view, template_dir=template_dir, site_language=site_language),
        appended=tuple(AppendedPdf(words.text(document.bookmark), document.content) for document in view.appended if document.content),
        evidence_files=tuple(sorted(contents.items())),
        citations=tuple((criterion.result.ref, entry.item.id, paths[entry.item.id])
                        for standard in view.catalog.standards for criterion in standard.criteria
                        for entry in criterion.evidence if entry.item.id in paths),
    )


def submission_sources(edition: Edition, standards: Standards, data_dir: Path, *, template_dir: Path | None,
                       today: dt.date, site_language: Language | None = None) -> list[SubmissionSource]:
    """:func:`submission_source` for every standard the edition's assessment has."""
    assessment = edition.assessment
    return [submission_source(edition, standards, result.id, data_dir, template_dir=template_dir, today=today,
                              site_language=site_language)
            for result in (assessment.standards if assessment else [])]


def make_pack(source: SubmissionSource, *, cache_dir: Path) -> SubmissionPack:
    """The report PDF (from the cache when unchanged) with the evidence PDFs appended, and the zip."""
    report = _report_pdf(source, cache_dir)
    name = report_name(source.catalog_id)
    entries = dict(source.evidence_files) | {name: report}
    entries[MANIFEST] = _manifest(source.citations, name, entries).encode("utf-8")
    return SubmissionPack(name, report, archive_name(source.catalog_id), _zip(entries, source.date))


def submission_pack(edition: Edition, standards: Standards, catalog_id: str, data_dir: Path, *, template_dir: Path | None,
                    today: dt.date, cache_dir: Path, site_language: Language | None = None) -> SubmissionPack:
    """One standard's pack, made from an edition (see :func:`submission_source` and :func:`make_pack`)."""
    return make_pack(submission_source(edition, standards, catalog_id, data_dir, template_dir=template_dir, today=today,
                                       site_language=site_language),
                     cache_dir=cache_dir)


def submission_site_paths(sources: list[SubmissionSource]) -> list[str]:
    """The site paths :func:`submission_files` fills, in order, known before any pack is made (for the checklist's links)."""
    return [f"{SITE_FOLDER}/{name(source.catalog_id)}" for source in sources for name in (report_name, archive_name)]


def submission_files(sources: list[SubmissionSource], *, cache_dir: Path) -> dict[str, bytes]:
    """Site path -> content of every pack, for the assessor site: ``assessment/submission/ismpe-self-assessment.pdf``,
    ``assessment/submission/ismpe-submission.zip`` and so on for each standard."""
    made = [make_pack(source, cache_dir=cache_dir) for source in sources]
    return dict(zip(submission_site_paths(sources), [file for pack in made for file in (pack.report_pdf, pack.zip)], strict=True))


def pack_in_cache(source: SubmissionSource, cache_dir: Path) -> bool:
    """Whether the pack's report PDF is in the cache, so that making the pack is only zipping."""
    return stored_pdf(_report_key(source), cache_dir) is not None


def _report_key(source: SubmissionSource) -> str:
    """What the report PDF is kept in the cache under: the report's HTML, and the PDFs appended to it."""
    return source.report_html + "".join(f"\0appended {hashlib.sha256(document.content).hexdigest()} {document.bookmark}"
                                        for document in source.appended)


def _report_pdf(source: SubmissionSource, cache_dir: Path) -> bytes:
    """The report PDF with the evidence PDFs appended, kept in the PDF cache (see :func:`_report_key`),
    so an unchanged pack is one file read however many PDFs it appends."""
    key = _report_key(source)
    if not source.appended:
        return cached_pdf(key, cache_dir)
    merged = stored_pdf(key, cache_dir)
    if merged is None:
        merged = _with_appended(cached_pdf(source.report_html, cache_dir), source.appended)
        write_atomically(cache_dir / f"{cache_key(key)}{CACHE_SUFFIX}", merged)
    return merged


def _with_appended(report: bytes, appended: tuple[AppendedPdf, ...]) -> bytes:
    """The report with each evidence PDF's pages after it, each bookmarked. Written as an
    incremental update, so the report's own bytes (its tags, language, title, bookmarks) stay as
    they are; the appended pages keep their content as it is, outside the report's tag structure."""
    from pypdf import PdfWriter

    writer = PdfWriter(io.BytesIO(report), incremental=True)
    for document in appended:
        writer.append(io.BytesIO(document.content), outline_item=document.bookmark, import_outline=False)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _manifest(citations: tuple[tuple[str, str, str], ...], report: str, entries: dict[str, bytes]) -> str:
    """The manifest: a row per criterion and evidence file it cites, then the report's own row."""
    digests = {path: hashlib.sha256(content).hexdigest() for path, content in entries.items()}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(MANIFEST_COLUMNS)
    writer.writerows((criterion, evidence_id, path, digests[path]) for criterion, evidence_id, path in citations)
    writer.writerow(("", "", report, digests[report]))
    return out.getvalue()


def _zip(entries: dict[str, bytes], date: dt.date) -> bytes:
    """A zip of the entries, sorted, every one dated ``date`` at midnight: the same entries give the same bytes."""
    stamp = max(date, EARLIEST_ZIP_DATE)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=(stamp.year, stamp.month, stamp.day, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = UNIX
            info.external_attr = 0o644 << 16
            archive.writestr(info, entries[name])
    return out.getvalue()
