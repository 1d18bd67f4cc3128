"""A generated page, and what the print handbook is made of: what rendering produces and publishing writes.

A module of its own, importing nothing from the pipeline, so that a cached build
(:mod:`generator.content_cache`) is read back without loading pydantic, the standards or Jinja.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

PRINT_PDF = "handbook.pdf"  # site path of the print handbook


@dataclass(frozen=True)
class Page:
    """One generated page: where it goes in the site and nav, and its Markdown."""

    path: str  # site-relative Markdown path, e.g. "taking-part/when-a-match-isnt-working.md"
    title: str
    section: str  # nav section title, e.g. "Taking part"
    markdown: str
    in_nav: bool = True  # False: reached by links only (an evidence item's page: there may be thousands)


@dataclass(frozen=True)
class PrintCover:
    """What the print handbook's cover says: the programme, its organisation, the date and the edition."""

    programme_name: str
    organisation: str
    date: dt.date  # printed in words, in the site's language
    edition: str  # "public edition" or "assessor edition"


@dataclass(frozen=True)
class RenderedPage:
    """One page as MkDocs rendered it, for the print handbook."""

    url: str  # relative to the site root, as MkDocs gives it: "programme/welcome/" or "programme/welcome.html"
    title: str
    section: str | None  # the nav section it sits in
    html: str  # the page's content (without the theme around it)
