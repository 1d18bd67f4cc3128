"""A generated page: what rendering produces and publishing writes.

A module of its own, importing nothing from the pipeline, so that a cached build
(:mod:`generator.content_cache`) is read back without loading pydantic, the standards or Jinja.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    """One generated page: where it goes in the site and nav, and its Markdown."""

    path: str  # site-relative Markdown path, e.g. "taking-part/when-a-match-isnt-working.md"
    title: str
    section: str  # nav section title, e.g. "Taking part"
    markdown: str
