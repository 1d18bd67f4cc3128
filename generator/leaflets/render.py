"""The leaflets laid out: web pages (Markdown for MkDocs Material) and print HTML for WeasyPrint.

Both use the handbook's Jinja environment (:func:`generator.render.environment.make_environment`),
so a programme overrides a leaflet template, or the print CSS, by putting a file of the same name
under ``templates/leaflets/``, and data text is made safe the same way on every page. Paper has
no hyperlinks: the print filters turn each link into its text followed by a short address, and the
few links that matter most into QR codes.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import markdown as markdown_lib
from jinja2 import Environment
from markupsafe import Markup

from generator.leaflets.items import key_links, leaflets_for
from generator.leaflets.parts import Context, Entry, Leaflet, lower_first, shown_items
from generator.pipeline import LoadedProgramme
from generator.render import Page
from generator.render.audience import check_audience, visible_areas
from generator.render.environment import make_environment, render_template
from generator.render.text import INLINE_LINK, mailto, safe_markdown, tel

SECTION = "Leaflets"
PRINT_TEMPLATE = "leaflets/print.html.j2"
PRINT_CSS = "leaflets/print.css"
BLANK_LINES = re.compile(r"\n{3,}")
ONE_PARAGRAPH = re.compile(r"^<p>(.*)</p>$", re.DOTALL)
PRINT_MARKDOWN = markdown_lib.Markdown()  # one converter, reset before each use (setting one up costs more than converting)


def leaflet_environment(template_dir: Path | None) -> Environment:
    """The handbook's environment plus the filters leaflets need (links, print Markdown, QR codes)."""
    environment = make_environment(template_dir)
    environment.filters.update({
        "mailto": mailto,
        "tel": tel,
        "short_address": short_address,
        "paper_address": paper_address,
        "print_markdown": print_markdown,
        "print_inline": print_inline,
        "qr_svg": qr_svg,
        "month_year": lambda day: f"{day:%B %Y}",
        "lower_first": lower_first,
    })
    return environment


def leaflet_context(loaded: LoadedProgramme, leaflet: Leaflet, *, audience: str, today: dt.date) -> dict[str, Any]:
    """What a leaflet template lays out: the items with data, for this audience."""
    programme = loaded.programme
    context = Context(programme, leaflet.reader, visible_areas(programme, audience), check_audience(audience))
    return {
        "leaflet": leaflet,
        "items": shown_items(leaflet, context),
        "reader": reader.title if (reader := leaflet.reader_role(programme)) else leaflet.reader,
        "programme_name": programme.programme.name,
        "organisation": programme.programme.organisation,
        "key_links": key_links(leaflet, context),
        "pdf_link": leaflet.pdf_path.rpartition("/")[2],
        "audience": audience,
        "today": today,
    }


def leaflet_pages(loaded: LoadedProgramme, *, audience: str, template_dir: Path | None, today: dt.date) -> list[Page]:
    """The three leaflets as web pages, each linking its printable PDF. Raises DataError for template problems."""
    environment = leaflet_environment(template_dir)
    pages = []
    for leaflet in leaflets_for(loaded.programme):
        context = leaflet_context(loaded, leaflet, audience=audience, today=today)
        markdown = render_template(environment, f"leaflets/{leaflet.key}.md.j2", context)
        pages.append(Page(leaflet.page_path, leaflet.nav_title, SECTION, BLANK_LINES.sub("\n\n", markdown).strip() + "\n"))
    return pages


def leaflet_html(loaded: LoadedProgramme, leaflet: Leaflet, *, audience: str, template_dir: Path | None,
                 today: dt.date, environment: Environment | None = None) -> str:
    """One leaflet as a self-contained HTML document (print CSS inlined), ready for WeasyPrint."""
    environment = environment or leaflet_environment(template_dir)
    css, _, _ = environment.loader.get_source(environment, PRINT_CSS)
    context = leaflet_context(loaded, leaflet, audience=audience, today=today) | {"css": Markup(css)}
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


def _links_as_text(text: str) -> str:
    """``[the toolkit](https://example.org/toolkit)`` -> ``the toolkit (example.org/toolkit)``."""

    def replace(match: re.Match[str]) -> str:
        label, target = match.group("text"), match.group("target")
        if match.group("image") or not urlsplit(target).scheme:
            return label
        address = short_address(target)
        return label if address.lower() == label.lower() else f"{label} ({address})"

    return INLINE_LINK.sub(replace, text)


def print_markdown(value: Any) -> Markup:
    """Data Markdown as HTML for paper: made safe first, links spelled out."""
    return Markup(PRINT_MARKDOWN.reset().convert(_links_as_text(str(safe_markdown(value)))))


def print_inline(value: Any) -> Markup:
    """Like :func:`print_markdown` for a short text inside a line: a single paragraph loses its ``<p>``."""
    html = str(print_markdown(value))
    single = ONE_PARAGRAPH.match(html)
    return Markup(single.group(1) if single and "<p>" not in single.group(1) else html)


@functools.lru_cache(maxsize=64)
def qr_svg(target: str) -> Markup:
    """A QR code for a link, as inline SVG that scales to the size the CSS gives it (remembered:
    the same few links are drawn on every rebuild)."""
    import segno

    return Markup(segno.make_qr(target, error="m").svg_inline(omitsize=True, border=0, svgclass="qr-code"))
