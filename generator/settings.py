"""What one build of the handbook is made with, resolved in one place.

The plugin's options in ``mkdocs.yml`` (``plugins: - handbook: …``), with what a command's options
override (``--audience``, ``--today``, ``--data``), become one frozen :class:`HandbookSettings`
that the plugin and the ``handbook`` commands use. The date is parsed here and only here
(:func:`parse_date`), for ``mkdocs.yml`` and for ``--today`` alike.

This module imports neither MkDocs nor the pipeline, so that a command that does not build starts fast.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

# How the plugin's ``warnings`` option logs data warnings (a leaflet item with no data...).
# At WARNING, MkDocs' --strict counts them.
WARNING_LEVELS = {"warn": logging.WARNING, "info": logging.INFO}
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(value: object) -> dt.date:
    """A date written YYYY-MM-DD (or one YAML already read as a date). Raises ValueError saying how to write it."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        if ISO_DATE.fullmatch(text):
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise ValueError(f"{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-11-23")


@dataclass(frozen=True)
class HandbookSettings:
    """The settings of one build: whom it is for, as of when, from which folders."""

    audience: str  # public | assessor
    today: dt.date
    data_dir: Path  # absolute, like every folder here
    templates_dir: Path  # may not exist: then the package's templates are used as they are
    cache_dir: Path
    leaflets: bool = True  # leaflet PDFs made, and linked from the leaflet pages
    print_handbook: bool = True  # the whole handbook as one PDF, made from the built pages
    submission_packs: bool = True  # the assessor edition carries each standard's submission pack
    public_assessment: bool = True  # the public edition shows the checklist, scores, traceability and downloads
    warning_level: int = logging.WARNING  # the level the plugin logs data warnings at
    language: str = "en"  # the site's language (the theme's): generated words, dates and PDFs in it
    data_language: str = "en"  # the language the data is written in: the theme's, or the first of a site in several

    @classmethod
    def from_options(cls, options: Any, *, audience: str | None = None, today: dt.date | None = None,
                     data_dir: Path | None = None, leaflets: bool | None = None,
                     warning_level: int | None = None, language: str | None = None,
                     data_language: str | None = None) -> HandbookSettings:
        """The plugin's validated options (:class:`generator.plugin.HandbookPluginConfig`, whose
        folders are already absolute) with a command's overrides; None keeps the option."""
        return cls(
            audience=audience or options.audience,
            today=today or options.today or dt.date.today(),
            data_dir=Path(data_dir or options.data_dir).resolve(),
            templates_dir=Path(options.templates_dir),
            cache_dir=Path(options.cache_dir),
            leaflets=options.leaflets if leaflets is None else leaflets,
            print_handbook=options.print_handbook,
            submission_packs=options.submission_packs,
            public_assessment=options.public_assessment,
            warning_level=WARNING_LEVELS[options.warnings] if warning_level is None else warning_level,
            language=language or "en",
            data_language=data_language or language or "en",
        )

    @property
    def template_dir(self) -> Path | None:
        """The programme's templates folder, if it has one."""
        return self.templates_dir if self.templates_dir.is_dir() else None

    def content_key(self) -> list[str]:
        """Every setting the generated content depends on (all but where the cache is and how
        warnings are logged), for the content cache's key."""
        return [f"{field.name}={getattr(self, field.name)}" for field in fields(self)
                if field.name not in ("cache_dir", "warning_level")]
