"""The generated words in the site's language: message catalogs that are complete and up to date,
and every template rendered in every shipped language with no English left in its headings.

A pseudo-language whose every translation is the English wrapped in ⟦ ⟧ finds fixed text that
never went through the catalog: in its pages, a heading may hold only wrapped text and the
programme's own data."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po
from sitetools import TODAY

import generator.i18n as i18n
from generator.i18n import LOCALES, catalog_file, language, shipped_catalogs
from generator.page import PrintCover, RenderedPage
from generator.print_handbook import print_document
from generator.site import site_content
from generator.starter import EXAMPLE

ROOT = Path(__file__).resolve().parents[1]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
TRANSLATED_LANGUAGES = [code for code in shipped_catalogs() if code != "en"]
WRAPPED = re.compile(r"⟦[^⟦⟧]*⟧")


def template_catalog() -> Catalog:
    with (LOCALES / "handbook.pot").open("rb") as file:
        return read_po(file)


def test_welsh_and_spanish_ship() -> None:
    assert TRANSLATED_LANGUAGES == ["cy", "es"]


def test_the_template_catalog_holds_every_string_the_code_and_templates_mark() -> None:
    method_map = [("**.py", "python"), ("templates/**.j2", "jinja2")]
    options = {"templates/**.j2": {"trim_blocks": "True", "lstrip_blocks": "True"}}
    keywords = {"message": None, "plural_message": (1, 2), "_": None, "gettext": None, "ngettext": (1, 2)}
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(ROOT / "generator", method_map, options, keywords):
        found.add(message if isinstance(message, str) else message[0])
    listed = {entry.id if isinstance(entry.id, str) else entry.id[0] for entry in template_catalog() if entry.id}
    assert sorted(found - listed) == [], "run `make catalogs`"
    assert sorted(listed - found) == [], "run `make catalogs`"


@pytest.mark.parametrize("code", TRANSLATED_LANGUAGES)
def test_each_shipped_catalog_translates_every_string_keeping_its_placeholders(code: str) -> None:
    with catalog_file(code).open("rb") as file:
        catalog = read_po(file, locale=code)
    problems = []
    for entry in template_catalog():
        if not entry.id:
            continue
        translated = catalog.get(entry.id)
        forms = () if translated is None else translated.string if isinstance(translated.string, tuple) else (translated.string,)
        if translated is None or translated.fuzzy or not all(forms):
            problems.append(f"not translated: {entry.id!r}")
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        wanted = {name for text in ids for name in PLACEHOLDER.findall(text)}
        for form in forms:
            names = set(PLACEHOLDER.findall(form))
            if names - wanted or (wanted - {"count"}) - names:  # a plural form may leave the count to its words
                problems.append(f"placeholders {sorted(names)} in {form!r}, expected {sorted(wanted)}")
            if form.count("**") != ids[0].count("**"):
                problems.append(f"emphasis differs in {form!r}")
    assert problems == []


def test_a_theme_language_without_a_catalog_gives_english_words() -> None:
    french = language("fr")
    assert not french.has_catalog and french.gettext("Warning signs") == "Warning signs"
    assert french.date(dt.date(2026, 9, 14)) == "14 septembre 2026"  # Babel still writes its dates


# --- every template in a pseudo-language -------------------------------------------------------------


@pytest.fixture(scope="module")
def pseudo(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A language ``qps`` whose catalog wraps every English string in ⟦ ⟧."""
    folder = tmp_path_factory.mktemp("locales")
    catalog = Catalog(locale="en")
    for entry in template_catalog():
        if entry.id:
            wrapped = tuple(f"⟦{text}⟧" for text in entry.id) if isinstance(entry.id, tuple) else f"⟦{entry.id}⟧"
            catalog.add(entry.id, wrapped)
    target = folder / "qps" / "LC_MESSAGES" / "handbook.po"
    target.parent.mkdir(parents=True)
    with target.open("wb") as file:
        write_po(file, catalog)
    for code in shipped_catalogs():
        if catalog_file(code).is_file():
            (folder / code / "LC_MESSAGES").mkdir(parents=True)
            (folder / code / "LC_MESSAGES" / "handbook.po").write_bytes(catalog_file(code).read_bytes())
    (folder / "handbook.pot").write_bytes((LOCALES / "handbook.pot").read_bytes())
    patch = pytest.MonkeyPatch()
    patch.setattr(i18n, "LOCALES", folder)
    language.cache_clear()
    yield "qps"
    patch.undo()
    language.cache_clear()


def data_strings() -> list[str]:
    """Every text the example's data and the standards' catalogs hold: what may stand in a heading untranslated."""
    texts: set[str] = set()

    def collect(value: Any) -> None:
        if isinstance(value, str):
            texts.update(part.strip() for part in re.split(r"\n+", value) if part.strip())
        elif isinstance(value, dict):
            for item in value.values():
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    for file in [*(EXAMPLE / "data").glob("*.yaml"), *(ROOT / "generator" / "standards").rglob("*.yaml")]:
        collect(yaml.safe_load(file.read_text(encoding="utf-8")))
    for file in (EXAMPLE / "data" / "evidence").iterdir():  # evidence documents, shown on their pages
        if file.suffix in (".md", ".txt"):
            collect([re.sub(r"^[#>*\s-]+|\*", "", cell).strip() for line in file.read_text(encoding="utf-8").splitlines()
                     for cell in line.split("|")])
    return sorted(texts, key=len, reverse=True)


def leftover(text: str, data: list[str]) -> str:
    """What is left of a line once the wrapped (translated) text, the data and markup are taken out."""
    text = re.sub(r"\{:[^}]*\}|\]\([^)]*\)|`[^`]*`|<[^>]+>|https?://[^\s⟦⟧]+|[^\s⟦⟧]+@[^\s⟦⟧]+", " ", html.unescape(text))
    while WRAPPED.search(text):
        text = WRAPPED.sub(" ", text)
    return " ".join(re.findall(r"[A-Za-z]{2,}", without(text, data)))


def without(text: str, data: list[str]) -> str:
    """A line with the programme's own text taken out."""
    text = html.unescape(text)
    for value in data:
        if value in text:
            text = text.replace(value, " ")
    return text


def headings_of_markdown(markdown: str) -> list[str]:
    lines = markdown.splitlines()
    found = [line for line in lines if re.match(r"#{1,6} ", line)]
    found += [match for line in lines for match in re.findall(r'^\s*[!?]{3}\+? \w+ "(.*)"', line)]
    found += [line for index, line in enumerate(lines[:-1]) if line.startswith("|") and re.match(r"^\|[-:| ]+\|$", lines[index + 1])]
    found += [line for line in lines if re.fullmatch(r"\*\*[^*]+\*\*:?", line.strip())]
    return found


def headings_of_html(html: str) -> list[str]:
    return re.findall(r"<(?:h[1-6]|th|caption|title)[^>]*>(.*?)</(?:h[1-6]|th|caption|title)>", html, re.DOTALL)


@pytest.mark.parametrize("audience", ["public", "assessor"])
def test_every_generated_heading_comes_from_the_catalog(pseudo: str, audience: str) -> None:
    content = site_content(EXAMPLE / "data", None, audience=audience, today=dt.date.fromisoformat(TODAY), language=pseudo)
    data = data_strings()
    english = []
    for page in content.pages:
        english += [f"{page.path}: {line!r}" for line in headings_of_markdown(page.markdown) if leftover(line, data)]
        if leftover(page.title, data):
            english.append(f"{page.path}: title {page.title!r}")
    for section in content.generated_nav:
        (name,) = section
        if leftover(name, data):
            english.append(f"nav section {name!r}")
    documents = dict(content.leaflet_documents)
    documents |= {f"submission/{source.catalog_id}": source.report_html for source in content.submission}
    for path, document in documents.items():
        english += [f"{path}: {line!r}" for line in headings_of_html(document) if leftover(line, data)]
    assert english == []


def test_the_print_handbook_cover_and_contents_come_from_the_catalog(pseudo: str) -> None:
    pages = [RenderedPage("programme/welcome/", "Welcome", "The programme", "<h1 id='welcome'>Welcome</h1><p>Hello.</p>")]
    cover = PrintCover("Harbourside Mentoring", "Harbourside", dt.date(2026, 11, 23), "public edition")
    html = print_document(pages, cover, site_language=language(pseudo), template_dir=None, site_url=None,
                          read_site_file=lambda path: None, not_printed=["Evidence index"])
    data = ["Harbourside Mentoring", "Harbourside", "Welcome", "The programme", "Evidence index", "public edition"]
    assert [line for line in headings_of_html(html) if leftover(line, data)] == []


@pytest.mark.parametrize("code", TRANSLATED_LANGUAGES)
def test_a_shipped_language_leaves_no_english_in_generated_headings(code: str) -> None:
    """Checked against the catalog: no heading holds an English string the catalog translates
    differently (proper names and words the same in both languages may stay)."""
    words = language(code)
    english = {entry.id for entry in template_catalog()
               if isinstance(entry.id, str) and len(entry.id.split()) > 1 and "%(" not in entry.id and words.gettext(entry.id) != entry.id}
    content = site_content(EXAMPLE / "data", None, audience="assessor", today=dt.date.fromisoformat(TODAY), language=code)
    data = data_strings()
    left = [f"{page.path}: {line!r}" for page in content.pages for line in headings_of_markdown(page.markdown)
            for text in english if text in without(line, data)]
    assert left == []
    assert content.pages[0].title == words.gettext("Welcome")


def test_a_template_may_use_trans_blocks_and_their_values_are_made_safe() -> None:
    from generator.templating import make_environment

    welsh = make_environment(None, language("cy"))
    template = welsh.from_string("{% trans %}Warning signs{% endtrans %}|{% trans contact=who %}Tell {{ contact }}{% endtrans %}|"
                                 "{% trans count=days %}{{ count }} working day{% pluralize %}{{ count }} working days{% endtrans %}")
    heading, tell, days = template.render(who="<script>x</script>", days=5).split("|")
    assert heading == language("cy").gettext("Warning signs") != "Warning signs"
    assert "<script>" not in tell and "&lt;script&gt;" in tell
    assert days.startswith("5 ")


@pytest.mark.parametrize("first", ["month", "day"])
def test_a_month_and_the_date_of_its_first_day_are_written_apart_whichever_comes_first(first: str) -> None:
    month, day = i18n.Month(2025, 3, 1), dt.date(2025, 3, 1)
    assert month == day  # a Month is the date of its first day, yet reads as the month
    values = [month, day] if first == "month" else [day, month]
    written = [i18n.message("%(when)s", when=value) for value in values]
    expected = {"March 2025", "1 March 2025"}
    assert set(map(str, written)) == expected
    assert {language("en").text(message) for message in written} == expected


def test_english_writes_dates_and_money_as_babel_does_without_loading_it() -> None:
    import subprocess
    import sys

    probe = ("import sys, datetime as dt; from generator.i18n import language; en = language('en'); "
             "print(en.date(dt.date(2026, 9, 4)), '|', en.month_year(dt.date(2025, 3, 1)), '|', en.amount(1250.5), '|', en.amount(42000)); "
             "print('babel' in sys.modules)")
    written, loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.splitlines()
    assert loaded == "False"
    from babel.dates import format_date
    from babel.numbers import format_decimal

    assert written.split(" | ") == [format_date(dt.date(2026, 9, 4), format="long", locale="en_GB"),
                                    format_date(dt.date(2025, 3, 1), format="LLLL y", locale="en_GB"),
                                    format_decimal(1250.5, format="#,##0.00", locale="en_GB"),
                                    format_decimal(42000, format="#,##0", locale="en_GB")]
