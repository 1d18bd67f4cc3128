"""The orientation leaflets: real PDFs from WeasyPrint, read back with pypdf; warnings; the cache."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from corpus import make_programme
from pypdf import PdfReader

from generator.audience import Edition, edition_for
from generator.cli import main
from generator.leaflets import leaflet_documents, leaflet_pages, leaflet_warnings
from generator.leaflets.items import LEAFLETS
from generator.leaflets.parts import ContactCard, Entry
from generator.leaflets.readability import READING_EASE_THRESHOLD, plain_text, reading_ease
from generator.leaflets.render import leaflet_context, leaflet_html, short_address
from generator.pdf import cached_pdfs
from generator.pipeline import LoadedProgramme, load_programme
from generator.starter import EXAMPLE as EXAMPLE_PROJECT

ROOT = Path(__file__).parents[1]
EXAMPLE = EXAMPLE_PROJECT / "data"
TODAY = dt.date(2026, 9, 1)
A4 = (595.28, 841.89)
PDF_PATHS = [leaflet.pdf_path for leaflet in LEAFLETS]

HARD = ("Notwithstanding the aforementioned organisational considerations, participants are expected to demonstrate "
        "comprehensive engagement with developmental opportunities, and confidentiality obligations are applicable "
        "notwithstanding exceptional circumstances necessitating disclosure to appropriate institutional authorities.")
PLAIN = ("When the year ends you can keep in touch with your mentor if you both want to. You can book a short chat "
         "with the coordinator about what to do next. You can also join the alumni group, or train to be a mentor.")


def squash(text: str) -> str:
    """Text without whitespace or Markdown emphasis, so line breaks in a PDF do not matter."""
    return re.sub(r"\s+|\*\*|__", "", text)


def pdf_text(pdf: bytes) -> str:
    return squash("".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


def edition(loaded: LoadedProgramme, audience: str = "public") -> Edition:
    return edition_for(loaded.programme, None, audience)


def documents(loaded: LoadedProgramme, audience: str = "public", today: dt.date = TODAY) -> dict[str, str]:
    return leaflet_documents(edition(loaded, audience), template_dir=None, today=today)


@pytest.fixture(scope="module")
def example() -> LoadedProgramme:
    return load_programme(EXAMPLE)


@pytest.fixture(scope="module")
def example_pdfs(example: LoadedProgramme, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return cached_pdfs(documents(example), cache_dir=tmp_path_factory.mktemp("cache"))


# --- the PDFs ------------------------------------------------------------------------------------


@pytest.mark.parametrize("site_path", PDF_PATHS)
def test_each_pdf_is_a4_and_at_most_two_pages(example_pdfs: dict[str, bytes], site_path: str) -> None:
    reader = PdfReader(io.BytesIO(example_pdfs[site_path]))
    assert 1 <= len(reader.pages) <= 2
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(A4[0], abs=1)
        assert float(page.mediabox.height) == pytest.approx(A4[1], abs=1)


@pytest.mark.parametrize("leaflet", LEAFLETS, ids=lambda leaflet: leaflet.key)
def test_each_pdf_prints_every_item_with_data(example: LoadedProgramme, example_pdfs: dict[str, bytes], leaflet) -> None:
    text = pdf_text(example_pdfs[leaflet.pdf_path])
    items = leaflet_context(edition(example, "public"), leaflet, today=TODAY)["items"]
    assert len(items) == len(leaflet.items)  # the example has data for every item
    for item in items:
        assert squash(item.title) in text
        for block in item.blocks:
            for shown in block.items:
                for value in _values(shown):
                    assert squash(value)[:60] in text, f"{leaflet.key}/{item.key}: {value[:60]!r} not in the PDF"


def _values(shown: str | Entry | ContactCard) -> list[str]:
    """The data text of one shown thing, as printed: no Markdown markup or link targets."""
    if isinstance(shown, Entry):
        values = [shown.term, shown.detail or "", shown.note or ""]
    elif isinstance(shown, ContactCard):
        values = [shown.name, shown.email or "", shown.phone or "", shown.hours or ""]
    else:
        values = [shown]
    return [plain_text(value) for value in values if value]


def test_pdfs_carry_the_concrete_facts_people_need(example: LoadedProgramme, example_pdfs: dict[str, bytes]) -> None:
    programme = example.programme
    contact = next(c for c in programme.support.contacts if c.id == programme.mismatch_policy.contact)
    mentee, mentor, line_manager = (pdf_text(example_pdfs[path]) for path in PDF_PATHS)
    for text in (mentee, mentor, line_manager):
        assert squash(contact.name) in text and squash(contact.email) in text and squash(contact.phone) in text
        assert squash(programme.lifecycle.meeting_frequency) in text
    mandatory = [s.title for s in programme.training.sessions if s.mandatory and "mentor" in s.audience]
    assert mandatory and all(squash(title) in mentor for title in mandatory)
    assert squash("Line manager briefing") in line_manager  # optional sessions for line managers are listed too
    line_manager_role = next(role for role in programme.roles if role.id == "line-manager")
    assert all(squash(benefit)[:50] in line_manager for benefit in line_manager_role.benefits)
    assert squash(programme.code_of_conduct.boundaries[0])[:50] in mentee
    assert squash(programme.governance.records[0].record) in mentee


def test_links_print_as_short_addresses_and_at_most_three_qr_codes(example: LoadedProgramme,
                                                                  example_pdfs: dict[str, bytes]) -> None:
    website = example.programme.programme.website
    assert website and short_address(website) == "mentoring.harbourside-water.example"
    assert squash(short_address(website)) in pdf_text(example_pdfs["leaflets/mentee.pdf"])
    for leaflet in LEAFLETS:
        html = leaflet_html(edition(example, "public"), leaflet, template_dir=None, today=TODAY)
        assert 1 <= html.count('class="qr-code"') <= 3
        assert "href=" not in html  # paper has no hyperlinks: every link is spelled out


def test_short_address() -> None:
    assert short_address("https://www.example.org/a/b/") == "example.org/a/b"
    assert short_address("mailto:help%2Bdesk@example.org") == "help+desk@example.org"
    assert short_address("tel:+441174960314") == "+441174960314"


# --- the web pages -------------------------------------------------------------------------------


def test_web_pages_link_their_pdfs_and_have_no_empty_headings(example: LoadedProgramme) -> None:
    pages = leaflet_pages(edition(example, "public"), template_dir=None, today=TODAY)
    assert [page.path for page in pages] == ["leaflets/mentee.md", "leaflets/mentor.md", "leaflets/line-manager.md"]
    assert {page.section for page in pages} == {"Leaflets"}
    for page in pages:
        name = page.path.rpartition("/")[2].replace(".md", ".pdf")
        assert f"[Download the printable leaflet (PDF)]({name})" in page.markdown
        sections = re.split(r"^## ", page.markdown, flags=re.MULTILINE)[1:]
        assert sections and all(section.split("\n", 1)[1].strip() for section in sections)
    mentee = pages[0].markdown
    assert mentee.count("\n## ") == 13  # every one of the best-practice guide's orientation items


def test_a_programme_can_override_a_leaflet_template(example: LoadedProgramme, tmp_path: Path) -> None:
    (tmp_path / "leaflets").mkdir()
    (tmp_path / "leaflets" / "mentor.md.j2").write_text(
        '{% extends "leaflets/leaflet.md.j2" %}{% block intro %}Our own words.{% endblock %}', encoding="utf-8")
    pages = leaflet_pages(edition(example, "public"), template_dir=tmp_path, today=TODAY)
    assert "Our own words." in pages[1].markdown and "Our own words." not in pages[0].markdown


# --- missing data, hidden data ------------------------------------------------------------------

BOUNDARIES = ("  parties: [mentor, mentee, coordinator]\n",
              "  parties: [mentor, mentee, coordinator]\n  boundaries: [Meet in work time, never at home.]\n")


def test_an_item_without_data_is_a_warning_naming_the_field_and_is_left_out(tmp_path: Path) -> None:
    data = make_programme(tmp_path / "data")
    loaded = load_programme(data)
    missing = [w for w in loaded.warnings if w.field == "code_of_conduct.boundaries"]
    assert len(missing) == 1
    assert missing[0].severity == "warning"
    assert str(missing[0]).startswith(f"{data / 'policies.yaml'}:2:3: warning: code_of_conduct.boundaries: "
                                      'the mentee leaflet item "Boundaries" has no data')
    assert "add boundaries to code_of_conduct" in str(missing[0])
    pages = leaflet_pages(edition(loaded, "public"), template_dir=None, today=TODAY)
    assert "## Boundaries" not in pages[0].markdown

    fixed = make_programme(tmp_path / "fixed", [{"file": "policies.yaml", "find": BOUNDARIES[0], "replace": BOUNDARIES[1]}])
    loaded = load_programme(fixed)
    assert not [w for w in loaded.warnings if w.field == "code_of_conduct.boundaries"]
    assert "## Boundaries" in leaflet_pages(edition(loaded, "public"), template_dir=None, today=TODAY)[0].markdown


def test_leaflets_follow_the_roles_the_programme_has(tmp_path: Path) -> None:
    loaded = load_programme(make_programme(tmp_path / "data"))
    assert [page.path for page in leaflet_pages(edition(loaded, "public"), template_dir=None, today=TODAY)] == [
        "leaflets/mentee.md", "leaflets/mentor.md"]  # no role plays line-manager: no briefing for line managers
    assert list(documents(loaded)) == ["leaflets/mentee.pdf", "leaflets/mentor.pdf"]
    assert not any("line manager leaflet" in w.message for w in loaded.warnings)


PRINCIPAL = ("  - id: coordinator\n", "  - id: principal\n    title: Principal\n    plays: [line-manager]\n"
                                      "    responsibilities: [Release the new teacher for mentoring.]\n  - id: coordinator\n")


def test_a_role_that_plays_line_manager_gets_the_briefing_under_its_own_title(tmp_path: Path) -> None:
    loaded = load_programme(make_programme(tmp_path / "data", [{"file": "programme.yaml", "find": PRINCIPAL[0],
                                                                 "replace": PRINCIPAL[1]}]))
    pages = {page.path: page.markdown for page in leaflet_pages(edition(loaded, "public"), template_dir=None, today=TODAY)}
    assert "Release the new teacher for mentoring." in pages["leaflets/line-manager.md"]
    assert leaflet_context(edition(loaded, "public"), LEAFLETS[2], today=TODAY)["reader"] == "Principal"
    warning = next(w for w in loaded.warnings if w.field == "roles[id=line-manager].benefits")
    assert warning.fix == "add benefits to the role that plays line-manager"


def test_a_briefing_lists_the_sessions_of_the_role_that_plays_line_manager(tmp_path: Path) -> None:
    loaded = load_programme(make_programme(tmp_path / "data", [
        {"file": "programme.yaml", "find": PRINCIPAL[0], "replace": PRINCIPAL[1]},
        {"file": "policies.yaml", "find": "training:\n  sessions:\n",
         "replace": "training:\n  sessions:\n    - id: principals\n      title: Principals' briefing\n      audience: [principal]\n"}]))
    briefing = {page.path: page.markdown for page in leaflet_pages(edition(loaded, "public"), template_dir=None, today=TODAY)}
    assert "**Principals' briefing**" in briefing["leaflets/line-manager.md"]


def test_a_placeholder_is_never_printed_on_a_leaflet(tmp_path: Path) -> None:
    loaded = load_programme(make_programme(tmp_path / "data", [
        {"file": "policies.yaml", "find": "  data_protection: Records are kept under the data protection policy.",
         "replace": "  data_protection: Not yet written."}]))
    mentee = leaflet_pages(edition(loaded, "public"), template_dir=None, today=TODAY)[0].markdown
    assert "Not yet written" not in mentee and "## Your personal information" not in mentee
    assert "Not yet written" not in documents(loaded)["leaflets/mentee.pdf"]
    warnings = [str(w) for w in loaded.warnings if w.field == "governance.data_protection"]
    assert len(warnings) == 1 and "reads as a placeholder" in warnings[0]  # one warning, from validation, not two


def test_a_record_without_its_readers_is_listed_by_name(tmp_path: Path) -> None:
    loaded = load_programme(make_programme(tmp_path / "data", [
        {"file": "policies.yaml", "find": "governance:\n", "replace": "governance:\n  records:\n    - record: Sign-up spreadsheet\n"}]))
    mentee = leaflet_pages(edition(loaded, "public"), template_dir=None, today=TODAY)[0].markdown
    assert "**Sign-up spreadsheet**" in mentee


def test_an_area_not_written_yet_leaves_its_items_out_without_a_warning_each(tmp_path: Path) -> None:
    data = make_programme(tmp_path / "data")
    text = (data / "policies.yaml").read_text(encoding="utf-8")
    start = text.index("mismatch_policy:\n")
    (data / "policies.yaml").write_text(text[:start] + text[text.index("\n\n", start) + 2:], encoding="utf-8")
    loaded = load_programme(data)
    mentee = leaflet_pages(edition(loaded, "public"), template_dir=None, today=TODAY)[0].markdown
    assert "## If the match is not working" not in mentee
    assert not [w for w in loaded.warnings if w.field.startswith("mismatch_policy")]


def test_validate_strict_makes_leaflet_warnings_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_programme(tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    relaxed = CliRunner().invoke(main, ["validate"])
    assert relaxed.exit_code == 0
    assert "code_of_conduct.boundaries" in relaxed.stderr
    strict = CliRunner().invoke(main, ["validate", "--strict"])
    assert strict.exit_code == 1
    assert "warning: code_of_conduct.boundaries: the mentee leaflet item \"Boundaries\" has no data" in strict.stderr
    assert "which --strict treats as errors" in strict.stderr


def test_public_leaflets_leave_out_internal_areas_and_contacts(tmp_path: Path) -> None:
    data = make_programme(tmp_path / "data", [
        {"file": "policies.yaml", "find": "governance:\n", "replace": "governance:\n  visibility: internal\n"},
        {"file": "policies.yaml", "find": "      email: sam@example.org",
         "replace": "      email: sam@example.org\n      visibility: internal"},
    ])
    loaded = load_programme(data)
    public = leaflet_pages(edition(loaded, "public"), template_dir=None, today=TODAY)[0].markdown
    assert "## Your personal information" not in public
    assert "Sam Coordinator" not in public and "sam@example.org" not in public
    assert "The coordinator" in public  # the role is named, so people still know whom to ask
    assessor = leaflet_pages(edition(loaded, "assessor"), template_dir=None, today=TODAY)[0].markdown
    assert "## Your personal information" in assessor
    hidden = {w.field: w.message for w in loaded.warnings if w.message.startswith("governance has visibility: internal")}
    assert hidden == {"governance.data_protection": 'governance has visibility: internal, so public mentee leaflets '
                                                    'leave it out ("Your personal information")'}


# --- readability ---------------------------------------------------------------------------------


def test_reading_ease_separates_hard_from_plain_text() -> None:
    assert reading_ease(HARD).score < READING_EASE_THRESHOLD <= reading_ease(PLAIN).score
    assert not reading_ease(HARD).plain and reading_ease(PLAIN).plain


@pytest.mark.parametrize(("text", "warned"), [(HARD, True), (PLAIN, False)], ids=["hard", "plain"])
def test_hard_mentee_text_is_a_warning_with_its_score(tmp_path: Path, text: str, warned: bool) -> None:
    data = make_programme(tmp_path / "data", [{"file": "policies.yaml", "find": "support:\n",
                                               "replace": f"support:\n  end_of_relationship: >-\n    {text}\n"}])
    loaded = load_programme(data)
    found = [w for w in leaflet_warnings(loaded.programme, loaded.source) if w.field == "support.end_of_relationship"]
    if warned:
        assert len(found) == 1
        score = reading_ease(text).score
        assert f"Flesch reading ease {score:.0f} (aim for {READING_EASE_THRESHOLD:.0f} or more)" in found[0].message
        lines = (data / "policies.yaml").read_text(encoding="utf-8").splitlines()
        assert found[0].position.line == next(n for n, line in enumerate(lines, 1) if "end_of_relationship" in line)
    else:
        assert found == []


# --- the cache, the command, start-up ------------------------------------------------------------


def test_unchanged_leaflets_come_from_the_cache(example: LoadedProgramme, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = cached_pdfs(documents(example), cache_dir=cache)
    files = sorted(cache.glob("*.pdf"))
    assert len(files) == 3 and {f.read_bytes() for f in files} == set(first.values())
    stamps = {f: f.stat().st_mtime_ns for f in files}
    # Replace one cached PDF with a marker: if the second call rendered again, it could not return it.
    marker = b"%PDF-1.7 cached marker"
    mentee_file = next(f for f in files if f.read_bytes() == first["leaflets/mentee.pdf"])
    mentee_file.write_bytes(marker)
    stamps[mentee_file] = mentee_file.stat().st_mtime_ns

    second = cached_pdfs(documents(example), cache_dir=cache)
    assert second["leaflets/mentee.pdf"] == marker
    assert second["leaflets/mentor.pdf"] == first["leaflets/mentor.pdf"]
    assert sorted(cache.glob("*.pdf")) == files and {f: f.stat().st_mtime_ns for f in files} == stamps

    # A change that shows on a leaflet makes a new PDF (the assessor edition adds nothing here, a new month does).
    cached_pdfs(documents(example, today=TODAY.replace(month=10)), cache_dir=cache)
    assert len(list(cache.glob("*.pdf"))) == 6


def test_leaflets_command_writes_the_programmes_pdfs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_programme(tmp_path / "data", [{"file": "programme.yaml", "find": PRINCIPAL[0], "replace": PRINCIPAL[1]}])
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["leaflets", "--out", "out", "--today", "2026-09-01"])
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == ["out/mentee.pdf", "out/mentor.pdf", "out/line-manager.pdf"]
    for name in ("mentee", "mentor", "line-manager"):
        assert (tmp_path / "out" / f"{name}.pdf").read_bytes().startswith(b"%PDF")
    assert len(list((tmp_path / ".cache" / "handbook").glob("*.pdf"))) == 3


def test_validate_does_not_load_weasyprint() -> None:
    code = ("import sys; from click.testing import CliRunner; from generator.cli import main; "
            f"result = CliRunner().invoke(main, ['validate', '--data', {str(EXAMPLE)!r}]); "
            "assert result.exit_code == 0, result.output; "
            "print(sorted(m for m in ('weasyprint', 'segno', 'mkdocs') if m in sys.modules))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert run.stdout.strip() == "[]"


def test_pdf_making_loads_nothing_from_outside(tmp_path) -> None:
    """A file or web image in the HTML is left out of the PDF; an inline data: image is kept."""
    import base64

    from generator.pdf import html_to_pdf

    png = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")
    picture = tmp_path / "private.png"
    picture.write_bytes(png)

    outside = html_to_pdf(f'<p>Hello</p><img src="file://{picture}"><img src="https://example.org/track.png">')
    inline = html_to_pdf(f'<p>Hello</p><img src="data:image/png;base64,{base64.b64encode(png).decode()}">')

    assert b"/Subtype /Image" not in outside
    assert b"/Subtype /Image" in inline


def test_spanish_syllables_follow_diphthong_and_hiatus_rules_and_the_score_separates_hard_from_plain() -> None:
    from generator.leaflets.readability import INFLESZ_THRESHOLD, spanish_syllables

    counts = {"mentoría": 4, "ciudad": 2, "aéreo": 4, "hoy": 1, "programa": 3, "guía": 2, "leer": 2, "y": 1, "cuidado": 3}
    assert {word: spanish_syllables(word) for word in counts} == counts
    plain = ("Si algo no va bien, dilo pronto. Habla con tu mentor o con la coordinación. "
             "Puedes dejar la pareja sin dar explicaciones. Te buscaremos otra persona si quieres.")
    hard = ("La consecución de los objetivos organizacionales establecidos requiere la participación comprometida, "
            "sistemática y continuada de la totalidad de las personas participantes en el programa institucional.")
    assert reading_ease(hard, "es").score < INFLESZ_THRESHOLD <= reading_ease(plain, "es").score
