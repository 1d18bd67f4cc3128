"""The whole handbook as one print document, from the pages MkDocs rendered, in nav order.

Made after the build from each page's HTML (so hand-written pages print with the site's own
Markdown extensions) and laid out by the ``print/handbook.html.j2`` template and its CSS: a cover, a
table of contents with page numbers, running headers, every page in nav order. Links are rewritten
for paper: a link to another printed page goes to its place in the document, a link to anything
else (a web address, a download, a page not in the nav) keeps its address, printed after it in
short form. Images from the site are carried inline, so the PDF needs nothing else.

Only pages of the edition being built reach this module, so the print handbook shows exactly what
that edition's site shows.
"""

from __future__ import annotations

import base64
import mimetypes
import posixpath
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from markupsafe import Markup

from generator.i18n import Language
from generator.page import PrintCover, RenderedPage
from generator.templating import make_environment, render_template

PRINT_TEMPLATE = "print/handbook.html.j2"
PRINT_CSS = "print/handbook.css"
SHORT_ADDRESS_LENGTH = 48
DROPPED_ELEMENTS = {"script", "style"}


@dataclass(frozen=True)
class PrintedPage:
    """A page as the print document shows it: its place (``anchor``) and its content rewritten for paper."""

    anchor: str
    title: str
    section: str | None
    html: Markup  # the page's HTML (MkDocs made it, with the site's safe-links guard), rewritten for paper


def print_document(pages: list[RenderedPage], cover: PrintCover, *, site_language: Language, template_dir: Path | None,
                   site_url: str | None, read_site_file: Callable[[str], bytes | None], not_printed: Sequence[str] = ()) -> str:
    """The print handbook's HTML: ``pages`` in order, with links and images made to work on paper.

    ``not_printed``: titles of the site's pages left out, which the contents page names. ``site_language`` is the site's language (the theme's). ``read_site_file`` gives a built site file by its site path (None if there is none): images are
    read through it and carried inline. ``site_url`` (mkdocs.yml's), when set, makes links to
    downloads and unprinted pages full web addresses.
    """
    anchors = {_page_path(page.url): f"p{number}" for number, page in enumerate(pages, start=1)}
    printed = [PrintedPage(anchors[_page_path(page.url)], page.title, page.section,
                           Markup(_for_paper(page, anchors, site_url, read_site_file))) for page in pages]
    environment = make_environment(template_dir, site_language)
    assert environment.loader is not None
    css, _, _ = environment.loader.get_source(environment, PRINT_CSS)
    context = {"cover": cover, "lang": site_language.code, "not_printed": list(not_printed), "site_url": site_url, "pages": printed, "sections": _sections(printed), "css": Markup(css)}
    return render_template(environment, PRINT_TEMPLATE, context)


def _sections(pages: list[PrintedPage]) -> list[tuple[str | None, list[PrintedPage]]]:
    """The pages grouped by nav section for the table of contents, in order (a page outside any section is a group of its own)."""
    sections: list[tuple[str | None, list[PrintedPage]]] = []
    for page in pages:
        if page.section is not None and sections and sections[-1][0] == page.section:
            sections[-1][1].append(page)
        else:
            sections.append((page.section, [page]))
    return sections


def short_address(url: str) -> str:
    """A web address as a reader types it: no scheme, no ``www.``, no query; long paths shortened."""
    parts = urlsplit(url)
    if parts.scheme in ("mailto", "tel"):
        return unquote(parts.path)
    host = parts.netloc.removeprefix("www.")
    path = unquote(parts.path).rstrip("/")
    address = host + path
    if len(address) > SHORT_ADDRESS_LENGTH and "/" in path.strip("/"):
        address = f"{host}/…/{path.rsplit('/', 1)[1]}"
    return address


def _page_path(url: str) -> str:
    """A page's URL without ``index.html``, so directory and file URLs of one page compare equal."""
    path = url.split("#", 1)[0]
    return path.removesuffix("index.html")


def _for_paper(page: RenderedPage, anchors: dict[str, str], site_url: str | None,
               read_site_file: Callable[[str], bytes | None]) -> str:
    rewriter = _PaperRewriter(page, anchors, site_url, read_site_file)
    rewriter.feed(page.html)
    rewriter.close()
    html = "".join(rewriter.out)
    return html if "<h1" in html else f"<h1>{escape(page.title)}</h1>\n{html}"


class _PaperRewriter(HTMLParser):
    """Copies a page's HTML, rewriting what paper changes: ids made unique in the document, links
    between printed pages turned into links within it, other links given their printed address,
    images carried inline, scripts dropped."""

    def __init__(self, page: RenderedPage, anchors: dict[str, str], site_url: str | None,
                 read_site_file: Callable[[str], bytes | None]) -> None:
        super().__init__(convert_charrefs=False)
        self.page_anchor = anchors[_page_path(page.url)]
        self.base = "/" + page.url
        self.anchors = anchors
        self.site_url = site_url.rstrip("/") + "/" if site_url else None
        self.read_site_file = read_site_file
        self.out: list[str] = []
        self.open_links: list[tuple[str | None, list[str]]] = []  # for each open <a>: the address to print after it, its text
        self.dropping = 0  # inside a dropped element

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, self_closing=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, self_closing=True)

    def handle_endtag(self, tag: str) -> None:
        if tag in DROPPED_ELEMENTS:
            self.dropping = max(0, self.dropping - 1)
            return
        if self.dropping:
            return
        self.out.append(f"</{tag}>")
        if tag == "a" and self.open_links:
            address, text = self.open_links.pop()
            if address and address.casefold() not in "".join(text).casefold():  # not when the text is the address
                self.out.append(f'<span class="print-address"> ({escape(address)})</span>')

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.out.append(data)
            for _, text in self.open_links:
                text.append(data)

    def handle_entityref(self, name: str) -> None:
        self.handle_data(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.handle_data(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        pass

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], *, self_closing: bool) -> None:
        if tag in DROPPED_ELEMENTS:
            self.dropping += not self_closing
            return
        if self.dropping:
            return
        values = dict(attrs)
        if values.get("id"):
            values["id"] = f"{self.page_anchor}-{values['id']}"
        if tag == "a":
            values, address = self._link(values)
            if not self_closing:
                self.open_links.append((address, []))
        elif tag == "img":
            inline = self._image(values)
            if inline is None:
                return
            values = inline
        rendered = "".join(f' {name}="{escape(value)}"' if value is not None else f" {name}"
                           for name, value in values.items())
        self.out.append(f"<{tag}{rendered}{' /' if self_closing else ''}>")

    def _link(self, values: dict[str, str | None]) -> tuple[dict[str, str | None], str | None]:
        """The link's attributes for paper, and the address to print after it (if any)."""
        href = values.get("href")
        if not href:
            return values, None
        if href.startswith("#"):
            values["href"] = f"#{self.page_anchor}-{href[1:]}" if href[1:] else f"#{self.page_anchor}"
            return values, None
        parts = urlsplit(href)
        if parts.scheme:
            return values, None if parts.scheme not in ("http", "https", "mailto", "tel") else short_address(href)
        target = urljoin(self.base, href)
        path, _, fragment = target.lstrip("/").partition("#")
        anchor = self.anchors.get(_page_path(path))
        if anchor is not None:
            values["href"] = f"#{anchor}-{fragment}" if fragment else f"#{anchor}"
            return values, None
        if self.site_url:  # a download or a page that is not printed: its address on the web
            values["href"] = self.site_url + target.lstrip("/")
            return values, short_address(values["href"] or "")
        values.pop("href")  # nowhere to go from paper: the text stays
        return values, None

    def _image(self, values: dict[str, str | None]) -> dict[str, str | None] | None:
        """The image carried inline, or None when it cannot be (then only its description prints)."""
        source = values.get("src") or ""
        if source.startswith("data:"):
            return values
        content = None if urlsplit(source).scheme else self.read_site_file(
            posixpath.normpath(urljoin(self.base, source).split("#", 1)[0].split("?", 1)[0].lstrip("/")))
        media_type = mimetypes.guess_type(source.split("?", 1)[0])[0]
        if content is None or media_type is None:
            alt = values.get("alt")
            if alt:
                self.out.append(f'<span class="print-image-missing">[{escape(alt)}]</span>')
            return None
        values["src"] = f"data:{media_type};base64,{base64.b64encode(content).decode('ascii')}"
        return values
