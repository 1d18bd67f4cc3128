"""The award submission pack (`handbook submission`): the report PDF and the zip an assessor receives.

Made with the real command, WeasyPrint and pypdf from a copy of the example that has one evidence
file of each kind besides Markdown: a PDF (appended to the report), a text file, a file of another
kind (listed with its checksum) and a Markdown file with script and an unsafe link in it.
"""

from __future__ import annotations

import csv
import ctypes.util
import datetime as dt
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner, Result
from pdfcheck import PdfReport, assert_accessible, page_image_problems, read_pdf
from sitetools import TODAY, copy_example_project, unavailable

from generator.assess import Assessment, CatalogResult, assess
from generator.audience import edition_for
from generator.cli import main
from generator.model import EvidenceItem
from generator.pdf import html_to_pdf
from generator.pipeline import LoadedProgramme, load_programme
from generator.render.assessment_view import STATUS_BADGES, criterion_anchor, criterion_label, standard_heading
from generator.submission import submission_pack, submission_source

STANDARDS = ("ismpe", "ima")
PDF_MARKER = "APPENDED-PDF-MARKER"
TEXT_MARKER = "TEXT-EVIDENCE-MARKER"
MARKDOWN_MARKER = "UNSAFE-NOTES-MARKER"
PDF_TITLE = "Signed training attendance register"
ADDED_EVIDENCE = f"""
  - id: ev-attendance-register
    title: {PDF_TITLE}
    kind: file
    path: evidence/attendance-register.pdf
    date: 2026-09-20
    owner: Supervision lead
    visibility: internal
    supports: [ismpe:2.1, ima:IV-1]

  - id: ev-survey-export
    title: Survey export
    kind: file
    path: evidence/survey-export.txt
    date: 2026-09-20
    owner: Programme coordinator
    visibility: public
    supports: [ismpe:4.1]

  - id: ev-session-photos
    title: Session photographs
    kind: file
    path: evidence/session-photos.docx
    date: 2026-09-20
    owner: Programme coordinator
    visibility: public
    supports: [ismpe:2.1]

  - id: ev-unsafe-notes
    title: Notes with script in them
    kind: file
    path: evidence/unsafe-notes.md
    date: 2026-09-20
    owner: Programme coordinator
    visibility: public
    supports: [ismpe:2.1]
"""


@dataclass
class Pack:
    pdf: bytes
    zip: bytes
    report: PdfReport
    reader: pypdf.PdfReader
    output: str


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_example_project(tmp_path_factory.mktemp("submission") / "project")
    evidence = project / "data" / "evidence"
    (evidence / "attendance-register.pdf").write_bytes(html_to_pdf(
        '<html lang="en"><head><title>Attendance</title></head>'
        f"<body><h1>Attendance register</h1><p>{PDF_MARKER}: signed by every trainer.</p></body></html>"))
    (evidence / "survey-export.txt").write_text(f"{TEXT_MARKER}\n  an indented line <b>kept as text</b>\n", encoding="utf-8")
    (evidence / "session-photos.docx").write_bytes(b"PK\x03\x04 stands in for a Word document")
    (evidence / "unsafe-notes.md").write_text(
        "# Notes\n\nSee [the notes](javascript:alert(1)) and <script>alert(2)</script>.\n\n"
        f"<img src=x onerror=alert(3)>\n\n## Details\n\n{MARKDOWN_MARKER}\n", encoding="utf-8")
    with (project / "data" / "evidence.yaml").open("a", encoding="utf-8") as file:
        file.write(ADDED_EVIDENCE)
    return project


@pytest.fixture(scope="module")
def loaded(project: Path) -> LoadedProgramme:
    return load_programme(project / "data")


@pytest.fixture(scope="module")
def assessment(loaded: LoadedProgramme) -> Assessment:
    return assess(loaded.programme, loaded.standards, dt.date.fromisoformat(TODAY))


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("packs")


@pytest.fixture(scope="module")
def packs(project: Path, out_dir: Path) -> dict[str, Pack]:
    made = {}
    for standard in STANDARDS:
        result = submission(project, standard, out_dir)
        assert result.exit_code == 0, result.output
        pdf = (out_dir / f"{standard}-self-assessment.pdf").read_bytes()
        made[standard] = Pack(pdf, (out_dir / f"{standard}-submission.zip").read_bytes(), read_pdf(pdf),
                              pypdf.PdfReader(io.BytesIO(pdf)), result.stdout)
    return made


def submission(project: Path, standard: str, out: Path) -> Result:
    return CliRunner().invoke(main, ["submission", "--standard", standard, "--out", str(out),
                                     "--config", str(project / "mkdocs.yml"), "--today", TODAY])


def result_of(assessment: Assessment, standard: str) -> CatalogResult:
    return next(result for result in assessment.standards if result.id == standard)


def words(text: str) -> str:
    return " ".join(text.split())


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def register(loaded: LoadedProgramme) -> dict[str, EvidenceItem]:
    return {item.id: item for item in loaded.programme.evidence}


def outline(reader: pypdf.PdfReader, entries: list | None = None) -> list[tuple[str, int]]:
    """Every bookmark, depth first: its title and the index of the page it opens."""
    found = []
    for entry in reader.outline if entries is None else entries:
        if isinstance(entry, list):
            found += outline(reader, entry)
        else:
            found.append((str(entry.title), reader.get_destination_page_number(entry)))
    return found


def test_the_command_writes_the_report_and_the_zip(packs: dict[str, Pack], out_dir: Path) -> None:
    for standard, pack in packs.items():
        assert pack.output.splitlines() == [str(out_dir / f"{standard}-self-assessment.pdf"),
                                            str(out_dir / f"{standard}-submission.zip")]
        assert pack.pdf.startswith(b"%PDF-") and pack.zip.startswith(b"PK")


@pytest.mark.parametrize("standard", STANDARDS)
def test_the_summary_gives_the_assessments_own_numbers(packs: dict[str, Pack], assessment: Assessment, loaded: LoadedProgramme,
                                                       standard: str) -> None:
    result = result_of(assessment, standard)
    score = result.score
    text = words(packs[standard].report.text)
    assert score.score is not None and f"Score {score.score:.1f} %" in text
    assert (f"{score.met} met, {score.partly_met} partly met, {score.not_met} not met, "
            f"{score.not_applicable} not applicable, of {score.total} criteria") in text
    catalog = next(catalog for catalog in loaded.catalogs if catalog.id == standard)
    if catalog.bands:
        assert ", ".join(f"{band.name} from {band.min_score:g} %" for band in catalog.bands) in text
        assert (f"This score reaches {result.band}." if result.band else "This score reaches none of them.") in text
    else:
        assert "The standard has no award bands." in text
    for section in result.sections:
        assert section.score is not None
        assert f"Score {section.score:.1f} %: {section.met} met, {section.partly_met} partly met" in text


def test_the_ismpe_bands_are_the_award_guides() -> None:
    """Bronze, Silver and Gold at 85, 90 and 95 per cent, from the catalog's data."""
    from generator.standards.loading import load_standards

    standards, problems = load_standards([])
    assert problems == []
    ismpe = next(catalog for catalog in standards.catalogs if catalog.id == "ismpe")
    assert [(band.name, band.min_score) for band in ismpe.bands] == [("Bronze", 85), ("Silver", 90), ("Gold", 95)]


@pytest.mark.parametrize("standard", STANDARDS)
def test_every_criterion_is_in_the_report_with_its_status(packs: dict[str, Pack], assessment: Assessment, standard: str) -> None:
    result = result_of(assessment, standard)
    expected = {f"{criterion_label(c.catalog, c.id)} · {STATUS_BADGES[c.status]}" for c in result.criteria}
    prefix = criterion_label(standard, "")
    shown = {title for title, _ in outline(packs[standard].reader) if title.startswith(prefix)}
    assert shown == expected
    text = words(packs[standard].report.text)
    assert all(f"{criterion_label(c.catalog, c.id)} · {STATUS_BADGES[c.status]}" in text for c in result.criteria)


@pytest.mark.parametrize("standard", STANDARDS)
def test_the_contents_give_the_pages_the_parts_start_on(packs: dict[str, Pack], assessment: Assessment, standard: str) -> None:
    reader = packs[standard].reader
    destinations = reader.named_destinations
    result = result_of(assessment, standard)
    parts = [("Summary", "summary")]
    parts += [(standard_heading(section.id, section.title), criterion_anchor(standard, f"standard-{section.id}"))
              for section in result.sections]
    parts += [("Gaps and what to add", "gaps"), ("Evidence appendix", "evidence-appendix")]
    contents = reader.pages[1].extract_text()
    assert contents.startswith("Contents")
    bookmarks = dict(outline(reader))
    for title, anchor in parts:
        printed = re.search(rf"^{re.escape(title)} ?\.* ?(\d+)$", contents, re.MULTILINE)
        assert printed, f"{title} is not in the contents"
        page = reader.get_destination_page_number(destinations[anchor])
        assert int(printed.group(1)) == page + 1
        assert bookmarks[title] == page


@pytest.mark.parametrize("standard", STANDARDS)
def test_every_link_in_the_report_goes_to_a_place_in_it(packs: dict[str, Pack], standard: str) -> None:
    reader = packs[standard].reader
    destinations = reader.named_destinations
    targets = []
    for page in reader.pages:
        for reference in page.get("/Annots") or []:
            annotation = reference.get_object()
            if annotation.get("/Subtype") == "/Link":
                assert "/Dest" in annotation, f"a link that leaves the report: {annotation}"
                targets.append(str(annotation["/Dest"]))
    assert targets and set(targets) <= set(destinations)
    assert {"summary", "gaps", "evidence-appendix", "ev-attendance-register"} <= set(targets)
    assert packs[standard].report.external_links == []


@pytest.mark.parametrize("standard", STANDARDS)
def test_the_report_is_an_accessible_pdf(packs: dict[str, Pack], assessment: Assessment, standard: str) -> None:
    title = f"Harbourside Mentoring: self-assessment against the {result_of(assessment, standard).title}"
    report = assert_accessible(packs[standard].pdf, title=title, lang="en")
    assert {"Contents", "Summary", "Gaps and what to add", "Evidence appendix"} <= set(report.bookmarks)
    assert page_image_problems(packs[standard].pdf, scale=0.5) == []  # no page cut off, none blank


@pytest.mark.parametrize("standard", STANDARDS)
def test_the_manifest_checksums_match_the_zip_and_the_data(packs: dict[str, Pack], assessment: Assessment, loaded: LoadedProgramme,
                                                           project: Path, standard: str) -> None:
    archive = zipfile.ZipFile(io.BytesIO(packs[standard].zip))
    rows = list(csv.DictReader(io.StringIO(archive.read("manifest.csv").decode("utf-8"))))
    assert rows and list(rows[0]) == ["criterion", "evidence_id", "file", "sha256"]
    for row in rows:
        assert sha256(archive.read(row["file"])) == row["sha256"]
        if row["evidence_id"]:
            assert sha256((project / "data" / row["file"].removeprefix("evidence/")).read_bytes()) == row["sha256"]
    assert {row["file"] for row in rows} == set(archive.namelist()) - {"manifest.csv"}
    report = f"{standard}-self-assessment.pdf"
    assert [row for row in rows if not row["criterion"]] == [
        {"criterion": "", "evidence_id": "", "file": report, "sha256": sha256(packs[standard].pdf)}]
    items = register(loaded)
    expected = {(c.ref, evidence_id, f"evidence/{items[evidence_id].path}")
                for c in result_of(assessment, standard).criteria for evidence_id in c.evidence
                if items[evidence_id].kind == "file" and items[evidence_id].visibility != "confidential"}
    assert {(row["criterion"], row["evidence_id"], row["file"]) for row in rows if row["criterion"]} == expected


@pytest.mark.parametrize("standard", STANDARDS)
def test_confidential_evidence_is_named_but_neither_packed_nor_shown(packs: dict[str, Pack], assessment: Assessment,
                                                                     loaded: LoadedProgramme, project: Path, standard: str) -> None:
    cited = {evidence_id for c in result_of(assessment, standard).criteria for evidence_id in c.evidence}
    confidential = [item for item in loaded.programme.evidence if item.visibility == "confidential" and item.id in cited]
    assert confidential, "the example cites confidential evidence for this standard"
    text = words(packs[standard].report.text)
    names = zipfile.ZipFile(io.BytesIO(packs[standard].zip)).namelist()
    for item in confidential:
        assert item.title in text and item.owner in text
        assert item.path and f"evidence/{item.path}" not in names
        assert item.description and words(item.description) not in text
        lines = [words(line.lstrip("#|-* ")) for line in (project / "data" / item.path).read_text(encoding="utf-8").splitlines()]
        distinctive = [line for line in lines if len(line) > 30 and line not in (item.title, item.description)]
        assert distinctive and not [line for line in distinctive if line in text]


@pytest.mark.parametrize("standard", STANDARDS)
def test_an_evidence_pdf_follows_the_report_with_a_bookmark(packs: dict[str, Pack], standard: str) -> None:
    reader = packs[standard].reader
    last = len(reader.pages) - 1
    assert PDF_MARKER in (reader.pages[last].extract_text() or "")
    assert f"Page {last} of {last}" in (reader.pages[last - 1].extract_text() or "")  # the report's own last page
    assert (f"Evidence: {PDF_TITLE}", last) in outline(reader)
    assert f"This PDF (1 page) follows the report as its own pages, bookmarked “Evidence: {PDF_TITLE}”" in words(
        packs[standard].report.text)
    assert "evidence/evidence/attendance-register.pdf" in zipfile.ZipFile(io.BytesIO(packs[standard].zip)).namelist()


def test_text_and_markdown_evidence_are_shown_and_other_files_are_checksummed(packs: dict[str, Pack], project: Path) -> None:
    text = words(packs["ismpe"].report.text)
    assert TEXT_MARKER in text and "an indented line <b>kept as text</b>" in text
    assert MARKDOWN_MARKER in text
    assert sha256((project / "data" / "evidence" / "session-photos.docx").read_bytes()) in text
    assert "Not reproduced here: the file is in the submission zip" in text


def test_script_and_unsafe_links_in_evidence_do_not_reach_the_report(project: Path, loaded: LoadedProgramme) -> None:
    today = dt.date.fromisoformat(TODAY)
    edition = edition_for(loaded.programme, assess(loaded.programme, loaded.standards, today), "assessor")
    html = submission_source(edition, loaded.standards, "ismpe", project / "data", template_dir=None, today=today).report_html
    notes = html[html.index('id="ev-unsafe-notes"'):]
    assert MARKDOWN_MARKER in notes
    assert "<script" not in html and "javascript:" not in html and "<img" not in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in notes  # written in the file, so shown as text
    assert "<h4>Notes</h4>" in notes and "<h5>Details</h5>" in notes  # below the entry's own heading


def test_the_zip_is_the_same_bytes_when_made_again(packs: dict[str, Pack], project: Path, loaded: LoadedProgramme,
                                                   tmp_path: Path) -> None:
    """From nothing cached: WeasyPrint, the appended PDF and the zip all come out the same. Needs
    HarfBuzz-Subset: WeasyPrint's other font subsetter (fontTools) stamps each font with the time."""
    if ctypes.util.find_library("harfbuzz-subset") is None:
        unavailable("the system has no HarfBuzz-Subset library (Debian: apt-get install libharfbuzz-subset0)")
    today = dt.date.fromisoformat(TODAY)
    edition = edition_for(loaded.programme, assess(loaded.programme, loaded.standards, today), "assessor")
    templates = project / "templates"
    again = submission_pack(edition, loaded.standards, "ima", project / "data", template_dir=templates if templates.is_dir() else None,
                            today=today, cache_dir=tmp_path / "cache")
    assert again.report_pdf == packs["ima"].pdf
    assert again.zip == packs["ima"].zip


def test_the_command_never_overwrites(project: Path, tmp_path: Path) -> None:
    (tmp_path / "ismpe-submission.zip").write_bytes(b"an earlier pack")
    result = submission(project, "ismpe", tmp_path)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{tmp_path / 'ismpe-submission.zip'}:1:1: (file): already exists; nothing was overwritten; "
        "remove it, or choose another --out folder", "1 error; nothing was written."]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["ismpe-submission.zip"]
    assert (tmp_path / "ismpe-submission.zip").read_bytes() == b"an earlier pack"


def test_an_unknown_standard_is_one_line_naming_the_known_ones(project: Path, tmp_path: Path) -> None:
    result = submission(project, "iso-9001", tmp_path / "out")
    assert result.exit_code == 1
    assert result.output.splitlines() == ["error: unknown standard 'iso-9001'; known: best-practice, ima, ismpe"]
    assert not (tmp_path / "out").exists()


def test_data_problems_are_one_line_each_and_nothing_is_written(tmp_path: Path) -> None:
    project = copy_example_project(tmp_path / "project")
    evidence = project / "data" / "evidence.yaml"
    evidence.write_text(evidence.read_text(encoding="utf-8").replace("date: 2026-09-01", "date: someday", 1), encoding="utf-8")
    result = submission(project, "ismpe", tmp_path / "out")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[-1].endswith("; nothing was written.")
    assert lines[:-1] and all(re.match(r"\S*evidence\.yaml:\d+:\d+: evidence\[0\]\.date: ", line) for line in lines[:-1])
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()
