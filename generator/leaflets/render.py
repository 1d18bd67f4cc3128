"""The leaflets laid out: web pages (Markdown for MkDocs Material) and print HTML for WeasyPrint.

Both use the handbook's Jinja environment (:func:`generator.templating.make_environment`),
so a programme overrides a leaflet template, or the print CSS, by putting a file of the same name
under ``templates/leaflets/``, and data text is made safe the same way on every page. Paper has
no hyperlinks: the print filters turn each link into its text followed by a short address, and the
few links that matter most into QR codes.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import markdown as markdown_lib
from jinja2 import Environment
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from generator.audience import Edition
from generator.i18n import Language, language, message
from generator.leaflets.items import key_links, leaflets_for
from generator.leaflets.parts import Context, Entry, KeyLink, Leaflet, lower_first, shown_items, upper_first
from generator.render import Page
from generator.safe_links import SafeLinks
from generator.safe_text import safe_markdown
from generator.safety import escape_html
from generator.templating import HandbookEnvironment, make_environment, render_template
from generator.wording import mailto, tel

SECTION = message("Leaflets")  # the site section; its name is put into the site's language in the nav
PRINT_TEMPLATE = "leaflets/print.html.j2"
PRINT_CSS = "leaflets/print.css"
BLANK_LINES = re.compile(r"\n{3,}")
ONE_PARAGRAPH = re.compile(r"^<p>(.*)</p>$", re.DOTALL)


def leaflet_environment(template_dir: Path | None, site_language: Language | None = None) -> HandbookEnvironment:
    """The handbook's environment plus the filters leaflets need (links, print Markdown, QR codes).
    Those that take text are given a :class:`~generator.i18n.Message` in the site's language."""
    environment = make_environment(template_dir, site_language)
    words = environment.words
    environment.filters.update({
        "mailto": mailto,
        "tel": tel,
        "short_address": short_address,
        "paper_address": paper_address,
        "print_markdown": lambda value: print_markdown(words.text(value)),
        "print_inline": lambda value: print_inline(words.text(value)),
        "qr_code": lambda link: qr_code(link, words),
        "address_lines": address_lines,
        "month_year": words.month_year,
        "lower_first": lambda value: lower_first(words.text(value)),
        "upper_first": lambda value: upper_first(words.text(value)),
    })
    return environment


def leaflet_context(edition: Edition, leaflet: Leaflet, *, today: dt.date, pdfs: bool = True) -> dict[str, Any]:
    """What a leaflet template lays out: the items with data, from an edition. ``pdf_link`` is
    None when the site has no PDFs (the plugin's ``leaflets: false``)."""
    programme = edition.programme
    context = Context(programme, leaflet.reader, edition.withheld_contacts)
    return {
        "leaflet": leaflet,
        "items": shown_items(leaflet, context),
        "reader": reader.title if (reader := leaflet.reader_role(programme)) else leaflet.reader,
        "programme_name": programme.programme.name,
        "organisation": programme.programme.organisation,
        "key_links": key_links(leaflet, context),
        "pdf_link": leaflet.pdf_path.rpartition("/")[2] if pdfs else None,
        "audience": edition.audience,
        "today": today,
    }


def leaflet_pages(edition: Edition, *, template_dir: Path | None, today: dt.date, pdfs: bool = True,
                  site_language: Language | None = None) -> list[Page]:
    """An edition's leaflets as web pages, each linking its printable PDF (if ``pdfs``). Raises DataError for template problems."""
    environment = leaflet_environment(template_dir, site_language)
    pages = []
    for leaflet in leaflets_for(edition.programme):
        context = leaflet_context(edition, leaflet, today=today, pdfs=pdfs)
        markdown = render_template(environment, f"leaflets/{leaflet.key}.md.j2", context)
        pages.append(Page(leaflet.page_path, environment.words.text(leaflet.nav_title), SECTION, BLANK_LINES.sub("\n\n", markdown).strip() + "\n"))
    return pages


def leaflet_html(edition: Edition, leaflet: Leaflet, *, template_dir: Path | None, today: dt.date,
                 environment: Environment | None = None) -> str:
    """One leaflet of an edition as a self-contained HTML document (print CSS inlined), ready for WeasyPrint."""
    environment = environment or leaflet_environment(template_dir)
    assert environment.loader is not None  # leaflet_environment always has one
    css, _, _ = environment.loader.get_source(environment, PRINT_CSS)
    context = leaflet_context(edition, leaflet, today=today) | {"css": Markup(css)}
    return render_template(environment, PRINT_TEMPLATE, context)


# --- links on paper ------------------------------------------------------------------------------


def short_address(target: str) -> str:
    """A link as people type it: ``mentoring.example.org/resources``, ``help@example.org``, ``+441174960314``."""
    if target.startswith("mailto:"):
        return unquote(target[len("mailto:"):].split("?")[0])
    if target.startswith("tel:"):
        return target[len("tel:"):]
    parts = urlsplit(target)
    if not parts.netloc:
        return target
    address = parts.netloc.removeprefix("www.") + parts.path.rstrip("/")
    return address + (f"?{parts.query}" if parts.query else "")


def paper_address(entry: Entry) -> str | None:
    """An entry's link as a short address, unless the entry's own text already gives it."""
    if not entry.link or not urlsplit(entry.link).scheme:
        return None
    address = short_address(entry.link)
    said = f"{entry.detail or ''} {entry.note or ''}"
    if entry.link.startswith("tel:"):
        digits = re.sub(r"\D", "", address)
        return None if digits[-9:] in re.sub(r"\D", "", said) else address
    return None if address.lower() in said.lower() else address


class LinksOnPaper(Treeprocessor):
    """Paper has no hyperlinks: ``[the toolkit](https://example.org/toolkit)`` becomes ``the toolkit
    (example.org/toolkit)``, a link within the site just its text, an image its alt text. Runs after
    :class:`~generator.safe_links.SafeLinks` has defused unsafe links."""

    def run(self, root: Any) -> None:
        for element in root.iter():
            if element.tag == "a":
                target = element.get("href") or ""
                label = "".join(element.itertext())
                element.tag = "span"
                element.attrib.clear()
                address = short_address(target) if urlsplit(target).scheme else label
                if address.lower() != label.lower():
                    element.tail = f" ({address}){element.tail or ''}"
            elif element.tag == "img":
                alt = element.get("alt") or ""
                element.tag = "span"
                element.attrib.clear()
                element.text = alt


# An email or web address in printed text (``help@harbourside-water.example``, ``example.org/a-b``).
PRINTED_ADDRESS = re.compile(r"(?<![\w@./-])(?:[\w.+-]+@)?[\w-]+(?:\.[\w-]+)+(?:/[\w./?=&%#~+-]*)?(?![\w@-])")


class AddressesOnPaper(Postprocessor):
    """Addresses in printed text wrap only where :func:`address_lines` allows, never at a hyphen."""

    def run(self, text: str) -> str:
        return re.sub(r">([^<]+)<", lambda part: ">" + PRINTED_ADDRESS.sub(_unbroken, part.group(1)) + "<", f">{text}<")[1:-1]


def _unbroken(address: re.Match[str]) -> str:
    return str(address_lines(unescape(address.group(0)))) if "-" in address.group(0) else address.group(0)


def _print_converter() -> markdown_lib.Markdown:
    converter = markdown_lib.Markdown(extensions=[SafeLinks()])
    converter.treeprocessors.register(LinksOnPaper(converter), "links_on_paper", -200)
    converter.postprocessors.register(AddressesOnPaper(converter), "addresses_on_paper", -200)
    return converter


PRINT_MARKDOWN = _print_converter()  # one converter, reset before each use (setting one up costs more than converting)


def print_markdown(value: Any) -> Markup:
    """Data Markdown as HTML for paper: made safe first, converted with the same link guard as any
    page (:class:`~generator.safe_links.SafeLinks`), links spelled out."""
    return Markup(PRINT_MARKDOWN.reset().convert(str(safe_markdown(value))))


def print_inline(value: Any) -> Markup:
    """Like :func:`print_markdown` for a short text inside a line: a single paragraph loses its ``<p>``."""
    html = str(print_markdown(value))
    single = ONE_PARAGRAPH.match(html)
    return Markup(single.group(1) if single and "<p>" not in single.group(1) else html)


def qr_code(link: KeyLink, words: Language | None = None) -> Markup:
    """A key link's QR code as inline SVG whose title says where it leads, so a screen reader (and
    the tagged PDF, as the figure's alternative text) names it, in ``words`` (English when None)."""
    description = message("QR code: %(link)s, %(address)s", link=link.label, address=short_address(link.target))
    return _qr_svg(link.target, (words or language()).text(description))


@functools.lru_cache(maxsize=64)
def _qr_svg(target: str, description: str) -> Markup:
    """Remembered: the same few links are drawn on every rebuild. It scales to the size the CSS gives it."""
    import segno

    return Markup(segno.make_qr(target, error="m").svg_inline(omitsize=True, border=0, svgclass="qr-code", title=description))


ADDRESS_BREAKS = re.compile(r"(?<=[@./])")


def address_lines(address: str) -> Markup:
    """An email or web address that may wrap only after ``@``, ``.`` or ``/``, never inside a word or
    at a hyphen (``harbourside-`` / ``water.example`` misleads a reader who types it)."""
    pieces = (f'<span class="unbroken">{escape_html(piece)}</span>' for piece in ADDRESS_BREAKS.split(address) if piece)
    return Markup("<wbr>".join(pieces))
