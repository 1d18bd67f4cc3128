"""The whole handbook as one PDF (``handbook.pdf``): a cover, contents with page numbers that are
right, running headers, every page of the nav in order (hand-written ones too), links within the
document that land on their page, external links printed as short addresses, an accessible tagged
PDF; and the rewriting for paper, on its own."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner
from pdfcheck import assert_accessible, page_image_problems, read_pdf
from sitetools import TODAY, copy_example_project

from generator.cli import main
from generator.i18n import language
from generator.page import PRINT_PDF, PrintCover, RenderedPage
from generator.print_handbook import print_document, short_address
from generator.site import site_content
from generator.site_map import ASSESSMENT
from generator.starter import EXAMPLE
from generator.wording import long_date

COVER = PrintCover("Riverside Peer Mentoring", "Riverside College", dt.date(2027, 3, 1), "public edition")
TOC_LINE = re.compile(r"^(?P<title>.+?) ?\.{3,} ?(?P<page>\d+)$")


def build(site: Path, *options: str, config: Path = EXAMPLE / "mkdocs.yml") -> Path:
    result = CliRunner().invoke(main, ["build", "--config", str(config), "--site-dir", str(site), "--today", TODAY, *options])
    assert result.exit_code == 0, result.output
    return site


@pytest.fixture(scope="module")
def public_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("print") / "site")


@pytest.fixture(scope="module")
def public_pdf(public_site: Path) -> bytes:
    return (public_site / PRINT_PDF).read_bytes()


def nav_titles(audience: str) -> list[str]:
    """The titles of the example's pages in nav order (the hand-written home page, then the generated
    ones), but for the assessment section, which is not printed."""
    content = site_content(EXAMPLE / "data", None, audience=audience, today=dt.date.fromisoformat(TODAY))
    titles: list[str] = []
    for section in content.nav(hand_written=["index.md"]):
        for title, target in section.items():
            if title != ASSESSMENT:
                titles += [title] if isinstance(target, str) else [next(iter(entry)) for entry in target]
    return titles


def contents(report_pages: list[str]) -> list[tuple[str, int]]:
    """The table of contents as (title, printed page number)."""
    lines = [line.strip() for line in report_pages[1].splitlines()]
    return [(match["title"].strip(), int(match["page"])) for line in lines if (match := TOC_LINE.match(line))]


def squeezed_lines(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_cover_names_the_programme_the_organisation_the_date_and_the_edition(public_pdf: bytes) -> None:
    cover = read_pdf(public_pdf).pages[0]
    for line in ("Harbourside Water", "Harbourside Mentoring", "Programme handbook", long_date(dt.date.fromisoformat(TODAY)), "Public edition"):
        assert line in cover


def test_it_is_an_accessible_tagged_pdf_with_bookmarks(public_pdf: bytes) -> None:
    report = assert_accessible(public_pdf, title="Harbourside Mentoring handbook")
    assert "Welcome to Harbourside Mentoring" in report.bookmarks and "Code of conduct" in report.bookmarks


def test_every_page_of_the_nav_is_printed_in_nav_order_with_right_page_numbers(public_site: Path, public_pdf: bytes) -> None:
    report = read_pdf(public_pdf)
    listed = contents(report.pages)
    titles = nav_titles("public")
    assert [title for title, _ in listed] == titles  # every nav page, the hand-written home page first
    assert titles[0] == "Home" and "Code of conduct" in titles
    assert "Not printed here: Self-assessment checklist, Evidence index, Traceability matrix" in squeezed_lines(report.pages[1])
    numbers = [page for _, page in listed]
    assert numbers == sorted(numbers) and numbers[0] == 3  # after the cover and one page of contents
    reader = pypdf.PdfReader(io.BytesIO(public_pdf))
    chapters = [(str(entry.title), reader.get_destination_page_number(entry) + 1)
                for entry in reader.outline if not isinstance(entry, list)][1:]  # top-level bookmarks after "Contents"
    assert [page for _, page in chapters] == numbers  # each listed page starts on the sheet its number says
    for heading, page in chapters:
        printed = reader.pages[page - 1].extract_text()
        assert squeezed(printed).startswith(squeezed(heading)), (heading, printed[:120])  # the running header
        assert f"Page {page} of {len(reader.pages)}" in printed


def test_hand_written_pages_print_with_their_own_text(public_pdf: bytes) -> None:
    text = read_pdf(public_pdf).text
    assert "Where to start" in text and "Most of this handbook is generated" in text


def test_links_between_pages_land_on_the_page_they_name(public_pdf: bytes) -> None:
    reader = pypdf.PdfReader(io.BytesIO(public_pdf))
    destinations = {name: reader.get_destination_page_number(destination)
                    for name, destination in reader.named_destinations.items()}
    links = [annotation.get_object()["/Dest"] for page in reader.pages for annotation in page.get("/Annots") or []
             if "/Dest" in annotation.get_object()]
    assert len(links) > 100
    assert all(str(name) in destinations for name in links), "a link goes nowhere"
    # the contents link to each page goes to the sheet its number says
    listed = dict(contents(read_pdf(public_pdf).pages))
    toc_links = [str(annotation.get_object()["/Dest"]) for annotation in reader.pages[1].get("/Annots")]
    toc_links = [name for place, name in enumerate(toc_links) if place == 0 or toc_links[place - 1] != name]
    assert [destinations[name] + 1 for name in toc_links] == list(listed.values())


def test_external_links_keep_their_address_and_print_it_in_short(public_pdf: bytes) -> None:
    report = read_pdf(public_pdf)
    web = [uri for uri in report.external_links if uri.startswith("https://")]
    assert web
    text = squeezed(report.text)
    for uri in web:
        assert squeezed(short_address(uri)) in text, uri
    assert any(squeezed(f"({short_address(uri)})") in text for uri in web)  # printed after a link's own words


def test_the_assessor_edition_prints_its_own_pages(tmp_path: Path) -> None:
    site = build(tmp_path / "site", "--audience", "assessor")
    report = read_pdf((site / PRINT_PDF).read_bytes())
    assert "Assessor edition" in report.pages[0]
    assert [title for title, _ in contents(report.pages)] == nav_titles("assessor")


def test_print_handbook_false_builds_no_pdf(tmp_path: Path) -> None:
    project = copy_example_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("      templates_dir: templates\n", "      templates_dir: templates\n      print_handbook: false\n"),
                      encoding="utf-8")
    linked = CliRunner().invoke(main, ["build", "--config", str(config), "--site-dir", str(tmp_path / "site"), "--today", TODAY])
    assert linked.exit_code == 1 and "'index.md' contains a link 'handbook.pdf'" in linked.output  # the home page links it
    home = project / "handbook" / "index.md"
    home.write_text(re.sub(r"\n.*handbook\.pdf.*\n", "\n", home.read_text(encoding="utf-8")), encoding="utf-8")
    site = build(tmp_path / "site", config=config)
    assert not (site / PRINT_PDF).exists() and (site / "index.html").exists()


def test_a_broken_print_template_is_one_line_naming_it_and_the_site_stays(tmp_path: Path) -> None:
    project = copy_example_project(tmp_path / "project")
    site = tmp_path / "site"
    (site).mkdir()
    (site / "index.html").write_text("previous", encoding="utf-8")
    (project / "templates" / "print").mkdir(parents=True)
    (project / "templates" / "print" / "handbook.html.j2").write_text("<p>{{ cover.nothing_here }}</p>\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--config", str(project / "mkdocs.yml"), "--site-dir", str(site), "--today", TODAY])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "handbook.html.j2:1" in result.output
    assert (site / "index.html").read_text(encoding="utf-8") == "previous"


# The rewriting for paper, on its own.

def rewrite(html: str, *, site_url: str | None = None, files: dict[str, bytes] | None = None) -> str:
    pages = [RenderedPage("programme/welcome/", "Welcome", "The programme", html),
             RenderedPage("support/contacts/", "Contacts", "Support", "<h1 id=\"contacts\">Contacts</h1><h2 id=\"who\">Who</h2>")]
    return print_document(pages, COVER, site_language=language("cy"), template_dir=None, site_url=site_url,
                          read_site_file=(files or {}).get)


def test_links_to_printed_pages_and_anchors_become_places_in_the_document() -> None:
    document = rewrite('<h1 id="welcome">Welcome</h1><p id="x"><a href="../../support/contacts/#who">who</a> '
                       '<a href="#x">here</a> <a href="../../support/contacts/">contacts</a></p>')
    assert 'href="#p2-who"' in document and 'href="#p1-x"' in document and 'href="#p2"' in document
    assert 'id="p1-welcome"' in document and 'id="p2-who"' in document and '<html lang="cy">' in document


def test_other_links_print_their_address_or_only_their_text() -> None:
    html = ('<h1>Welcome</h1><p><a href="https://www.example.org/apply/">Apply</a> '
            '<a href="https://example.org/x">https://example.org/x</a> <a href="mailto:amy@example.org">Amy</a> '
            '<a href="../../assessment/assessment.csv">the CSV</a></p>')
    offline = rewrite(html)
    assert "Apply</a><span class=\"print-address\"> (example.org/apply)</span>" in offline
    assert "https://example.org/x</a><span" not in offline  # the text is the address already
    assert "Amy</a><span class=\"print-address\"> (amy@example.org)</span>" in offline
    assert "<a>the CSV</a>" in offline  # nowhere to go from paper without the site's address
    online = rewrite(html, site_url="https://handbook.example.org/")
    assert 'href="https://handbook.example.org/assessment/assessment.csv"' in online
    assert "(handbook.example.org/assessment/assessment.csv)" in online


def test_images_are_carried_inline_and_scripts_dropped() -> None:
    document = rewrite('<h1>Welcome</h1><img alt="Our team" src="../../images/team.png"><img alt="Gone" src="gone.png">'
                       '<script>alert(1)</script>', files={"images/team.png": b"\x89PNG fake"})
    assert 'alt="Our team" src="data:image/png;base64,' in document
    assert "[Gone]" in document and "gone.png" not in document
    assert "alert(1)" not in document


def test_a_page_without_a_heading_gets_its_title() -> None:
    assert "<h1>Welcome</h1>\n<p>Text</p>" in rewrite("<p>Text</p>")


def test_short_addresses() -> None:
    assert short_address("https://www.example.org/apply/form/?x=1#top") == "example.org/apply/form"
    assert short_address("mailto:amy@example.org") == "amy@example.org"
    assert short_address("https://intranet.example.org/policies/mentoring/2026/handbook/appendix/document-name.pdf") == (
        "intranet.example.org/…/document-name.pdf")


def test_every_page_of_the_print_handbook_is_whole_when_looked_at(public_pdf: bytes) -> None:
    assert page_image_problems(public_pdf, scale=0.5) == []


def test_it_is_started_once_its_pages_are_converted_before_the_evidence_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The print handbook is laid out while MkDocs converts the pages it does not hold (an assessor
    edition's evidence pages, thousands in a large programme), not after them."""
    from mkdocs.structure.pages import Page

    from generator.plugin import HandbookPlugin

    converted: list[str] = []
    converted_when_started: list[int] = []
    render, start = Page.render, HandbookPlugin._start_print_handbook

    def recording_render(page: Page, *args: object, **kwargs: object) -> None:
        converted.append(page.file.src_uri)
        render(page, *args, **kwargs)

    def recording_start(plugin: HandbookPlugin, *args: object) -> None:
        converted_when_started.append(len(converted))
        start(plugin, *args)

    monkeypatch.setattr(Page, "render", recording_render)
    monkeypatch.setattr(HandbookPlugin, "_start_print_handbook", recording_start)
    site = build(tmp_path / "site", "--audience", "assessor")
    assert converted_when_started and converted_when_started[0] < len(converted)
    before, after = converted[:converted_when_started[0]], converted[converted_when_started[0]:]
    assert any(path.startswith("assessment/evidence/") for path in after)
    assert not any(path.startswith("assessment/") for path in before)
    assert "leaflets/line-manager.md" in before  # the last generated page it holds
    assert "briefing for line managers" in "\n".join(read_pdf((site / PRINT_PDF).read_bytes()).pages)
