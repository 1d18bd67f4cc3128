"""Links made from data cannot run script, and relative links in data text are checked before the build.

The attacker's cases, each in every edition it applies to:

1. A Markdown link in a text field whose target nests parentheses (or is a ``data:`` URL, or hides
   its scheme behind an entity or whitespace) stays text: on the roles page, the mentee leaflet's
   page, and in the mentee leaflet's PDF (its link annotations).
2. A link field that would close the template's own Markdown link (``https://example.org/)[click](javascript:...)``)
   is refused by validation, naming the character; the ``link`` filter templates use keeps any
   target inside its link even when validation is bypassed.
3. A relative link in a data text to a page the handbook does not have is a data error at the
   field's file and line, not a MkDocs warning about a generated page.

Then properties, on the render stage (no MkDocs build per example): hostile Markdown in text fields
and hostile addresses in link fields never give an element an ``href``/``src`` with a
``javascript:``, ``data:`` or ``vbscript:`` scheme (as a browser reads it), nor any ``on*``
attribute, in the pages converted as the site converts them or in the leaflets' print HTML.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import markdown
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pdfcheck import pdf_text
from pypdf import PdfReader
from sitetools import TODAY, copy_example_project

from generator.cli import main
from generator.problems import DataError
from generator.safe_text import safe_markdown
from generator.site import site_content
from generator.starter import EXAMPLE

MINIMAL = Path(__file__).parent / "fixtures" / "minimal"
EDITIONS = ("public", "assessor")
DANGEROUS = ("javascript:", "data:", "vbscript:")
URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "poster", "data", "cite", "background", "xlink:href"}
NESTED = "[Book here](javascript:alert((document.domain)))"
DATA_URL = "[Data](data:text/html,<script>alert((1))</script>)"
DISGUISED = ["[Entity](jav&#x61;script:alert(1))", "[Tab](java\tscript:alert(2))", "[Spaces](  javascript:alert(3))",
             "[Case](JaVaScRiPt:alert(4))"]
KEPT = "Read [the guide](https://example.org/guide) and bring [optional] notes."
CLOSING = "https://example.org/)[click](javascript:alert(document.domain)"


# --- inspecting output -------------------------------------------------------------------------------


class _Attributes(HTMLParser):
    """Every attribute of every element (values with entities decoded, as a browser reads them)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attributes: list[tuple[str, str, str]] = []
        self.links: list[str] = []
        self.depth = 0  # inside how many <a>
        self.outside: list[str] = []  # text not inside any link

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes += [(tag, name.lower(), value or "") for name, value in attrs]
        if tag == "a":
            self.links.append(dict(attrs).get("href") or "")
            self.depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes += [(tag, name.lower(), value or "") for name, value in attrs]

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self.depth = max(0, self.depth - 1)

    def handle_data(self, data: str) -> None:
        if not self.depth:
            self.outside.append(data)


def parsed(html_text: str) -> _Attributes:
    parser = _Attributes()
    parser.feed(html_text)
    parser.close()
    return parser


def scheme_of(address: str) -> str:
    """An address as a browser reads its scheme: whitespace and control characters dropped, lower case."""
    return re.sub(r"[\x00-\x20\x7f-\x9f]", "", address).lower()


def dangerous(address: str) -> bool:
    return any(scheme_of(candidate).startswith(DANGEROUS) for candidate in [address, *address.split(",")])


def dangers(html_text: str) -> list[str]:
    """Every event-handler attribute and every address attribute that would run something."""
    return [f"<{tag} {name}={value!r}>" for tag, name, value in parsed(html_text).attributes
            if name.startswith("on") or (name in URL_ATTRIBUTES and dangerous(value))]


def pdf_link_targets(pdf: Path) -> list[str]:
    """The URIs of a PDF's link annotations."""
    targets = []
    for page in PdfReader(pdf).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            if "/URI" in action:
                targets.append(str(action["/URI"]))
    return targets


def site_extensions() -> tuple[list[Any], dict[str, Any]]:
    """The Markdown extensions (and their settings) of the example site, which MkDocs converts pages with."""
    listed = yaml.safe_load((EXAMPLE / "mkdocs.yml").read_text(encoding="utf-8"))["markdown_extensions"]
    names = [next(iter(entry)) if isinstance(entry, dict) else entry for entry in listed]
    return names, {next(iter(entry)): entry[next(iter(entry))] for entry in listed if isinstance(entry, dict)}


EXTENSIONS, EXTENSION_CONFIGS = site_extensions()


def as_site_html(page_markdown: str) -> str:
    return markdown.markdown(page_markdown, extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)


# --- building the example with the data edited ------------------------------------------------------


def edit_yaml(path: Path, change: Callable[[dict], None]) -> None:
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(content)
    path.write_text(yaml.safe_dump(content, sort_keys=False, allow_unicode=True), encoding="utf-8")


def build(project: Path, audience: str) -> tuple[Any, Path]:
    site = project / f"site-{audience}"
    result = CliRunner().invoke(main, ["build", "--config", str(project / "mkdocs.yml"), "--site-dir", str(site),
                                       "--audience", audience, "--today", TODAY])
    return result, site


def error_lines(result: Any) -> list[str]:
    return [line for line in result.stderr.splitlines() if not line.endswith("nothing was written.")]


def mentee(content: dict) -> dict:
    return next(role for role in content["roles"] if role["id"] == "mentee")


@pytest.fixture(scope="module")
def text_attack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example with hostile links among the mentee's responsibilities (and a safe one, and plain brackets)."""
    project = copy_example_project(tmp_path_factory.mktemp("text-links") / "project")
    edit_yaml(project / "data" / "roles.yaml",
              lambda content: mentee(content)["responsibilities"].extend([NESTED, DATA_URL, KEPT]))
    return project


@pytest.mark.parametrize("audience", EDITIONS)
def test_a_link_nesting_parentheses_in_a_text_field_stays_text_in_every_place_it_is_shown(text_attack: Path,
                                                                                       audience: str) -> None:
    result, site = build(text_attack, audience)
    assert result.exit_code == 0, result.output
    for page in ("programme/roles/index.html", "leaflets/mentee/index.html"):
        html_text = (site / page).read_text(encoding="utf-8")
        assert dangers(html_text) == [], page
        parser = parsed(html_text)
        outside = "".join(parser.outside)
        for label in ("Book here", "Data"):  # the link's text survives, unlinked
            assert label in outside, (page, label)
        assert "https://example.org/guide" in parser.links, page  # a safe link in the same text still works
        assert "bring [optional] notes" in outside, page  # brackets that are no link print as written
    pdf = site / "leaflets" / "mentee.pdf"
    assert [target for target in pdf_link_targets(pdf) if dangerous(target)] == []
    assert "Book here" in pdf_text(pdf)
    every_page = {path: dangers(path.read_text(encoding="utf-8")) for path in site.rglob("*.html")}
    assert {str(path): found for path, found in every_page.items() if found} == {}


# --- a link field that would close the template's link ------------------------------------------------


def _resource(content: dict) -> None:
    content["support"]["resources"][0]["link"] = CLOSING


def _website(content: dict) -> None:
    content["programme"]["website"] = CLOSING


def _evidence(content: dict) -> None:
    item = next(item for item in content["evidence"] if item["kind"] == "url")
    item["url"] = CLOSING


LINK_FIELDS = {
    "support.resources[0].link": ("support.yaml", _resource),
    "programme.website": ("programme.yaml", _website),
    "evidence[?].url": ("evidence.yaml", _evidence),
}


@pytest.mark.parametrize("audience", EDITIONS)
@pytest.mark.parametrize("field", LINK_FIELDS)
def test_a_link_field_that_would_close_the_templates_link_is_refused_naming_the_character(
        field: str, audience: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_example_project(tmp_path / "project")
    monkeypatch.chdir(project)  # errors name files relative to where the command runs
    file, change = LINK_FIELDS[field]
    edit_yaml(project / "data" / file, change)
    result, site = build(project, audience)
    assert result.exit_code == 1, result.output
    pattern = re.escape(f"data/{file}:") + r"\d+:\d+: " + re.escape(field).replace(r"\?", r"\d+") + re.escape(
        f": link {CLOSING!r} contains ')', which would end the link; percent-encode it as %29, or remove it")
    assert [line for line in error_lines(result) if re.fullmatch(pattern, line)] == error_lines(result) != []
    assert not site.exists()


def test_the_link_filter_keeps_a_closing_target_inside_its_link() -> None:
    from generator.safe_text import markdown_link

    html_text = as_site_html(f"Before {markdown_link('Toolkit', CLOSING)} after.")
    parser = parsed(html_text)
    assert dangers(html_text) == [] and len(parser.links) == 1
    assert unquote(parser.links[0]) == CLOSING  # the whole address, percent-encoded, is the one target
    assert "".join(parser.outside) == "Before  after."


# --- relative links in data text ----------------------------------------------------------------------


@pytest.mark.parametrize("audience", EDITIONS)
def test_a_relative_link_in_text_to_no_page_is_a_data_error_at_its_file_and_line(audience: str, tmp_path: Path,
                                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_example_project(tmp_path / "project")
    monkeypatch.chdir(project)
    roles = project / "data" / "roles.yaml"
    text = roles.read_text(encoding="utf-8")
    roles.write_text(text.replace("your experience. You do not manage, assess or sponsor them.",
                                  "your experience. You do not manage, assess or sponsor them. [see](no-such-page.md)", 1),
                     encoding="utf-8")
    result, site = build(project, audience)
    assert result.exit_code == 1, result.output
    line = next(number for number, content in enumerate(text.splitlines(), 1) if content.strip() == "summary: >-")
    assert error_lines(result) == [
        f"data/roles.yaml:{line}:14: roles[0].summary: link 'no-such-page.md' points to no page of the handbook "
        "(from programme/roles.md it leads to programme/no-such-page.md); write the path from that page, such as "
        "../support/contacts.md, or a full https:// address"]
    assert not site.exists()


@pytest.mark.parametrize(("link", "error"), [
    ("../support/contacts.md", None),
    ("../support/contacts.md#contacts", None),
    ("roles.md", None),  # the roles page, from the roles page
    ("../index.md", None),  # a hand-written page: the build checks it, validation cannot
    ("https://example.org/page.md", None),
    ("../support/no-such-page.md", "support/no-such-page.md"),
    ("../../outside.md", "../outside.md"),
])
def test_relative_links_in_text_are_checked_against_the_generated_pages(link: str, error: str | None, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    edit_yaml(data / "programme.yaml", lambda content: content["roles"][2].update(summary=f"Runs the programme; [see]({link})."))
    result = CliRunner().invoke(main, ["validate", "--data", str(data)])
    if error is None:
        assert result.exit_code == 0, result.output
    else:
        assert result.exit_code == 1
        assert f"roles[2].summary: link {link!r} points to no page of the handbook (from programme/roles.md it leads to {error})" \
            in result.output


def test_a_relative_link_in_text_shown_on_a_leaflet_must_work_from_the_leaflet_too(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    edit_yaml(data / "programme.yaml", lambda content: mentee(content).update(responsibilities=["See [roles](roles.md)."]))
    result = CliRunner().invoke(main, ["validate", "--data", str(data)])
    assert result.exit_code == 1
    assert "roles[1].responsibilities[0]: link 'roles.md' points to no page of the handbook " \
           "(from leaflets/mentee.md it leads to leaflets/roles.md)" in result.output


# --- properties: the render stage ------------------------------------------------------------------------

SCHEMES = ["javascript:", "JaVaScRiPt:", "data:text/html,", "DATA:", "vbscript:", "jav&#x61;script:", "&#106;avascript:",
           "&#x6A;avascript:", "&#X6a;avascript:", "javascript&colon;", "java\tscript:", "java\nscript:", "java\rscript:",
           "  javascript:", "\x01javascript:", "java\x0bscript:", "\x7fjavascript:", "java&#9;script:", "java&Tab;script:",
           "https://ok.example/", "mailto:someone@example.org?x=", "tel:+44", "#", ""]
PAYLOADS = ["alert(1)", "alert((document.domain))", "alert(((1)))", "x)", "(x", "<script>alert(1)</script>", "%0aalert(1)",
            "x\"onmouseover=\"alert(1)", "x' onerror='alert(1)", "x`", "x]", "[x", "x) [y](javascript:z", ""]
targets = st.builds(str.__add__, st.sampled_from(SCHEMES), st.sampled_from(PAYLOADS))
labels = st.text(alphabet=st.sampled_from(list("ab[]()!*_`\\ <>\"'&{}:")), max_size=6)
titles = st.sampled_from(["", ' "title"', " 'title'", " (title)", ' "t(x)"'])
links = st.one_of(
    st.builds(lambda label, target, title: f"[{label}]({target}{title})", labels, targets, titles),
    st.builds(lambda label, target: f"![{label}]({target})", labels, targets),
    st.builds(lambda label, target: f"[{label}](<{target}>)", labels, targets),
    st.builds(lambda label, target: f"[{label}][r]\n\n[r]: {target}\n", labels, targets),
    st.builds(lambda label, target: f"[{label}]\n\n[{label}]: {target}", labels, targets),
    st.builds(lambda outer, inner, target: f"[{outer}[{inner}]({target})]({target})", labels, labels, targets),
    st.builds(lambda label, target: f"[[{label}]]({target})", labels, targets),
)
pieces = st.one_of(links, targets, st.sampled_from(["[", "]", "(", ")", "![", "](", "]: ", "<", ">", "\"", "'", "`", "\\", "{", "}",
                                                    " ", "\n", "\n\n", "    ", "- ", "1. ", "|", "*", "[x]", "[]", "&", "&#"]),
                   st.text(alphabet="ab", min_size=1, max_size=3))
# Text a field takes: blank text (only spaces or line breaks) is refused as empty (tests/bad_programmes/empty-required-text.yaml).
hostile_markdown = st.lists(pieces, min_size=1, max_size=8).map("".join).filter(str.strip)


def render_stage(edit: Callable[[Path], None], audience: str) -> dict[str, str] | DataError:
    """The minimal programme, edited, through load/validate/assess/render: page or print document -> HTML
    (pages converted as the site converts them), or the DataError if validation refused the data."""
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        shutil.copytree(MINIMAL, data)
        edit(data)
        try:
            content = site_content(data, None, audience=audience, today=dt.date.fromisoformat(TODAY))
        except DataError as error:
            return error  # the caller decides whether refusing was right
    documents = {page.path: as_site_html(page.markdown) for page in content.pages}
    return documents | content.leaflet_documents


def place_text(fragments: list[str]) -> Callable[[Path], None]:
    """Put text fragments into fields shown on pages, leaflets and in print, some printed side by side."""
    first, second, third = (fragments * 3)[:3]

    def edit(data: Path) -> None:
        def programme(content: dict) -> None:
            content["programme"]["summary"] = first
            content["roles"][0]["summary"] = second
            mentee(content)["responsibilities"] = [first, second, third]
            content["roles"][2]["title"] = f"Coordinator {third}"

        def policies(content: dict) -> None:
            content["support"]["resources"] = [{"title": first, "description": second, "link": "https://ok.example/r"}]
            content["support"]["signposting"] = [{"service": second, "how_to_reach": third, "link": "tel:+441174960314"}]
            content["mismatch_policy"]["no_fault_exit"] = f"{first}{second}"

        edit_yaml(data / "programme.yaml", programme)
        edit_yaml(data / "policies.yaml", policies)

    return edit


def refused_only_for(error: DataError, wording: str) -> bool:
    return all(wording in str(problem) for problem in error.problems if problem.severity == "error")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fragments=st.lists(hostile_markdown, min_size=1, max_size=3), audience=st.sampled_from(EDITIONS))
@example(fragments=[NESTED, DATA_URL], audience="public")
@example(fragments=["[x", "](javascript:alert(1))", "[y]"], audience="public")
@example(fragments=DISGUISED, audience="assessor")
@example(fragments=["[a](java&#x61;script:alert(1)) [b](&#106;avascript:x) [c](java\tscript:x)"], audience="assessor")
def test_hostile_markdown_in_text_fields_never_makes_an_unsafe_link_or_handler(fragments: list[str], audience: str) -> None:
    documents = render_stage(place_text(fragments), audience)
    if isinstance(documents, DataError):  # only a relative link to a missing page may be refused
        assert refused_only_for(documents, "points to no page of the handbook"), str(documents)
        return
    assert documents
    found = {path: dangers(html_text) for path, html_text in documents.items()}
    assert {path: items for path, items in found.items() if items} == {}


addresses = st.one_of(targets, st.builds(str.__add__, st.sampled_from(["https://ok.example/", "mailto:a@b.org", "tel:+44", "page.md"]),
                                         st.text(alphabet=st.sampled_from(list("ab)(][ \"'<>`\\|{}\t\n\x01&#;:")), max_size=12)))


def place_address(address: str) -> Callable[[Path], None]:
    def edit(data: Path) -> None:
        edit_yaml(data / "programme.yaml", lambda content: content["programme"].update(website=address))
        edit_yaml(data / "policies.yaml", lambda content: content["support"].update(
            resources=[{"title": "Toolkit", "link": address}], signposting=[{"service": "Helpline", "link": address}]))

    return edit


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(address=addresses, audience=st.sampled_from(EDITIONS))
@example(address=CLOSING, audience="public")
@example(address="https://ok.example/a b", audience="public")
@example(address="https://ok.example/?a=1&b=2", audience="assessor")
def test_a_hostile_address_in_a_link_field_is_refused_or_linked_whole(address: str, audience: str) -> None:
    documents = render_stage(place_address(address), audience)
    if isinstance(documents, DataError):
        assert all(problem.field in ("programme.website", "support.resources[0].link", "support.signposting[0].link")
                   for problem in documents.problems if problem.severity == "error"), str(documents)
        return
    found = {path: dangers(html_text) for path, html_text in documents.items()}
    assert {path: items for path, items in found.items() if items} == {}
    support = parsed(documents["support/contacts.md"])
    assert "Toolkit" not in "".join(support.outside)  # the resource is linked, its whole title inside the link


@settings(max_examples=150, deadline=None)
@given(fragments=st.lists(hostile_markdown, min_size=2, max_size=3), separator=st.sampled_from(["", " ", "\n", ": "]))
@example(fragments=["[x", "](javascript:alert(1))"], separator="")
@example(fragments=["[x]", "(javascript:alert(1))"], separator="")
@example(fragments=["see [x", "y](javascript:alert(1))"], separator=" ")
def test_values_printed_side_by_side_never_make_a_link_together(fragments: list[str], separator: str) -> None:
    # Each value is made safe on its own (the environment's finalize); a template may print them next to each other.
    html_text = as_site_html(separator.join(str(safe_markdown(fragment)) for fragment in fragments))
    assert dangers(html_text) == []


@settings(max_examples=150, deadline=None)
@given(label=labels, target=st.one_of(targets, st.text(max_size=20)))
def test_the_link_filter_never_lets_a_target_out_of_its_link(label: str, target: str) -> None:
    from generator.safe_text import markdown_link

    html_text = as_site_html(f"before {markdown_link(label, target)} after")
    parser = parsed(html_text)
    assert dangers(html_text) == []
    assert len(parser.links) <= 1
    outside = "".join(parser.outside)
    assert outside.startswith("before ") and outside.endswith(" after"), html_text


raw_html = st.sampled_from(['<a href="javascript:alert(1)">x</a>', "<a href=jav&#x61;script:alert(1)>x</a>", "<img src=x onerror=alert(1)>",
                            '<div markdown="1" onclick="alert(1)">\n\n[a](javascript:b)\n\n</div>', "<svg><a xlink:href='data:x'>y</a></svg>",
                            "<p onmouseover=alert(1)>p</p>", "<iframe src=' javascript:alert(1)'></iframe>", "<x y=1>"])


@settings(max_examples=150, deadline=None)
@given(text=st.lists(st.one_of(pieces, raw_html), min_size=1, max_size=8).map("".join))
@example(text=NESTED + DATA_URL + "".join(DISGUISED))
def test_the_safe_links_extension_defuses_whatever_a_conversion_makes(text: str) -> None:
    # The Markdown extension (the leaflets' print HTML uses it; a site may list it in markdown_extensions), on raw
    # Markdown and HTML that nothing has escaped first.
    html_text = markdown.markdown(text, extensions=[*EXTENSIONS, "generator.safe_links"], extension_configs=EXTENSION_CONFIGS)
    assert dangers(html_text) == []
