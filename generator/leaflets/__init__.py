"""Orientation leaflets for mentees, mentors and line managers: web pages and A4 PDFs.

Each leaflet is generated from the programme data, so it never disagrees with the handbook. What
each one must say is defined in :mod:`.items`; :mod:`.render` lays it out as a web page and as
print HTML; :mod:`.pdf` turns the HTML into a cached PDF; :mod:`.checks` gives ``handbook
validate`` its warnings (missing items, hard-to-read text).

Imports happen inside the functions, so that ``handbook validate`` (which only needs
:func:`leaflet_warnings`) loads neither the template engine's extras nor WeasyPrint.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from generator.model import Programme
    from generator.pipeline import LoadedProgramme
    from generator.problems import Problem
    from generator.render import Page
    from generator.yaml_source import SourceMap

__all__ = ["LeafletSource", "leaflet_pages", "leaflet_pdfs", "leaflet_warnings"]


class LeafletContent(Protocol):
    """What the PDF functions read from a build's content (a ``SiteContent`` or a ``LeafletSource``)."""

    @property
    def loaded(self) -> LoadedProgramme: ...
    @property
    def audience(self) -> str: ...
    @property
    def today(self) -> dt.date: ...
    @property
    def template_dir(self) -> Path | None: ...


@dataclass(frozen=True)
class LeafletSource:
    """Just enough of a build to make the leaflets, for ``handbook leaflets`` (no site, no assessment)."""

    loaded: LoadedProgramme
    audience: str
    today: dt.date
    template_dir: Path | None


def leaflet_pages(loaded: LoadedProgramme, *, audience: str, template_dir: Path | None, today: dt.date) -> list[Page]:
    """The leaflets as web pages ``leaflets/{mentee,mentor,line-manager}.md``, each linking its PDF."""
    from generator.leaflets.render import leaflet_pages as render_pages

    return render_pages(loaded, audience=audience, template_dir=template_dir, today=today)


def leaflet_pdfs(content: LeafletContent, *, cache_dir: Path) -> dict[str, bytes]:
    """Site path -> PDF bytes for the three leaflets; unchanged leaflets come from ``cache_dir``."""
    from generator.leaflets.items import LEAFLETS
    from generator.leaflets.pdf import cached_pdf
    from generator.leaflets.render import leaflet_environment, leaflet_html

    environment = leaflet_environment(content.template_dir)
    return {
        leaflet.pdf_path: cached_pdf(leaflet_html(content.loaded, leaflet, audience=content.audience,
                                                  template_dir=content.template_dir, today=content.today,
                                                  environment=environment), cache_dir)
        for leaflet in LEAFLETS
    }


def leaflet_warnings(programme: Programme, source: SourceMap) -> list[Problem]:
    """Warnings for ``handbook validate``: items with no data, items hidden from public leaflets,
    and mentee-facing text that reads too hard (Flesch reading ease below the threshold)."""
    from generator.leaflets.checks import leaflet_warnings as check

    return check(programme, source)
