"""Relative links written in data text, checked against the pages the handbook will have.

A check after validation, not part of it: which pages exist, and which texts leaflets print,
depend on the site's map and the leaflets' items, which sit above validation.
"""

from __future__ import annotations

import html
import posixpath
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import unquote, urlsplit

from pydantic import BaseModel

from generator.datapath import address_kind, resolve, walk
from generator.leaflets.items import leaflets_for
from generator.loader import RawData
from generator.model import Programme
from generator.problems import FieldPath, Problem, as_written, format_field_path
from generator.safety import escape_html
from generator.site_map import PAGES, PAGES_BY_KEY, page_for_field


def text_link_problems(programme: Programme, raw: RawData) -> Iterator[Problem]:
    """Relative links written in data text, which MkDocs follows from the page that shows the text.

    A link into a generated section (``programme/``, ``leaflets/``, ...) must reach one of its pages,
    from the field's own page and, if a leaflet shows the field, from the leaflets. Hand-written
    pages live in the docs folder, which validation does not see: links elsewhere are left to the
    build, which checks them too. Unsafe links are not reported: rendering keeps only their text.
    """
    texts = [(path, value) for path, owner, name, value in walk(programme)
             if isinstance(value, str) and "]" in value and address_kind(owner, name) is None]
    if not texts:
        return
    from generator.safe_links import link_targets  # Markdown: loaded only for text with links in it

    def problem(path: FieldPath, message: str, fix: str) -> Problem:
        path = as_written(raw.values, path)
        return Problem(raw.source.position(path), format_field_path(path), message, fix=fix)

    leaflets = leaflets_for(programme)
    pages = {spec.path for spec in PAGES} | {leaflet.page_path for leaflet in leaflets}
    sections = {page.partition("/")[0] for page in pages}
    on_leaflets = _texts_in(value for leaflet in leaflets for item in leaflet.items for part in item.parts
                            for value in resolve(programme, part.field))
    for path, text in texts:
        home = page_for_field(".".join(part for part in path if isinstance(part, str))) or PAGES_BY_KEY["checklist"]
        shown_on = [home.path]  # plans and self-assessment notes are on the checklist
        if id(text) in on_leaflets:
            shown_on.append(leaflets[0].page_path)
        for target in dict.fromkeys(link_targets(escape_html(text))):
            parts = urlsplit(html.unescape(target))
            if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
                continue
            for page in shown_on:
                reached = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
                if reached == ".." or reached.startswith("../") or (
                        reached.partition("/")[0] in sections and reached.endswith(".md") and reached not in pages):
                    yield problem(path, f"link {target!r} points to no page of the handbook (from {page} it leads to {reached})",
                                  "write the path from that page, such as ../support/contacts.md, or a full https:// address")
                    break


def _texts_in(values: Iterable[Any]) -> set[int]:
    """The identities of the values, and of everything inside those that are models: which texts a leaflet prints."""
    texts = set()
    for value in values:
        texts.add(id(value))
        if isinstance(value, BaseModel):
            texts |= {id(inner) for _, _, _, inner in walk(value)}
    return texts


