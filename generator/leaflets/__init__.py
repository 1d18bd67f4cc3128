"""Orientation leaflets for mentees, mentors and line managers: web pages and A4 PDFs.

Each leaflet is generated from the programme data, so it never disagrees with the handbook. What
each one must say is defined in :mod:`.items`; :mod:`.render` lays it out as a web page and as
print HTML; :mod:`generator.pdf` turns the HTML into a cached PDF; :mod:`.checks` gives ``handbook
validate`` its warnings (missing items, hard-to-read text).

Imports happen inside the functions, so that ``handbook validate`` (which only needs
:func:`leaflet_warnings`) loads neither the template engine's extras nor WeasyPrint.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.audience import Edition
    from generator.i18n import Language
    from generator.model import Programme
    from generator.problems import Problem
    from generator.render import Page
    from generator.yaml_source import SourceMap

__all__ = ["leaflet_documents", "leaflet_pages", "leaflet_warnings"]


def leaflet_pages(edition: Edition, *, template_dir: Path | None, today: dt.date, pdfs: bool = True,
                  site_language: Language | None = None) -> list[Page]:
    """An edition's leaflets as web pages ``leaflets/{mentee,mentor,line-manager}.md``, each linking
    its PDF (unless ``pdfs`` is false: a site built without them): one for each of these parties
    that a role of the programme plays."""
    from generator.leaflets.render import leaflet_pages as render_pages

    return render_pages(edition, template_dir=template_dir, today=today, pdfs=pdfs, site_language=site_language)


def leaflet_documents(edition: Edition, *, template_dir: Path | None, today: dt.date,
                      site_language: Language | None = None) -> dict[str, str]:
    """Site path -> print HTML for an edition's leaflets: everything their PDFs are made from."""
    from generator.leaflets.items import leaflets_for
    from generator.leaflets.render import leaflet_environment, leaflet_html

    environment = leaflet_environment(template_dir, site_language)
    return {leaflet.pdf_path: leaflet_html(edition, leaflet, template_dir=template_dir, today=today, environment=environment)
            for leaflet in leaflets_for(edition.programme)}


def leaflet_warnings(programme: Programme, source: SourceMap) -> list[Problem]:
    """Warnings for ``handbook validate``: items with no data, items hidden from public leaflets,
    and mentee-facing text that reads too hard (Flesch reading ease below the threshold)."""
    from generator.leaflets.checks import leaflet_warnings as check

    return check(programme, source)
