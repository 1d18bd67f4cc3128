"""The words the handbook prints, in the site's language: message catalogs, and how code uses them.

Every fixed string that a generated page, leaflet, checklist, report or PDF prints is an English
msgid in a gettext catalog, ``generator/locales/<language>/LC_MESSAGES/handbook.po``, kept as
text and compiled when first used (Babel reads it). Templates call ``_()`` and ``ngettext()`` (see
:mod:`generator.templating`). Python code that makes words before the language is known, such as
the assessment's reasons, makes a :class:`Message`: English text that remembers its msgid and
values, so that :meth:`Language.text` can put it into the site's language when a page is rendered.
Run ``make catalogs`` after changing a msgid.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import Any

DOMAIN = "handbook"
LOCALES = Path(__file__).resolve().parent / "locales"
SOURCE_LANGUAGE = "en"
LANGUAGE_NAMES = {"en": "English", "cy": "Cymraeg", "es": "Español"}  # each in its own language
TRANSLATIONS_FOLDER = "translations"  # in the data folder: the programme's own text in other languages
TRANSLATION_SUFFIX = ".yaml"
DATE_LOCALES = {"en": "en_GB"}  # the Babel locale a language's dates and numbers follow, where it is not the language itself


class Message(str):
    """English text that knows how to be translated: a msgid (and, for a count, its plural) with
    the values its ``%(name)s`` placeholders take. It is the English text wherever it is used as a
    string, so code and tests that read English are unaffected; a value may itself be a Message, and
    a date value reads as English prose (``14 September 2026``; a :class:`Month`, ``March 2025``)."""

    msgid: str
    plural: str | None
    values: dict[str, Any]

    def __new__(cls, msgid: str, values: dict[str, Any] | None = None, plural: str | None = None) -> Message:
        values = dict(values or {})
        chosen = plural if plural is not None and values.get("count") != 1 else msgid
        text = str.__new__(cls, chosen % {name: english_date(value) for name, value in values.items()} if values else chosen)
        text.msgid, text.plural, text.values = msgid, plural, values
        return text

    def __reduce__(self) -> tuple:
        return Message, (self.msgid, self.values, self.plural)


class Month(dt.date):
    """A month (by its first day), as a value of a Message: named as each language names a month
    standing alone (``March 2025``, ``Mawrth 2025``)."""


def english_date(value: Any) -> Any:
    """A date (or Month) as English prose, as Babel writes it for en_GB without loading Babel;
    any other value as it is."""
    return _english_date(value) if isinstance(value, dt.date) else value


@lru_cache(maxsize=4096, typed=True)  # typed: a Month equals the date of its first day
def _english_date(value: dt.date) -> str:
    """Kept once worked out: a large register prints the same few hundred dates thousands of times."""
    if isinstance(value, Month):
        return f"{value:%B %Y}"
    return f"{value.day} {value:%B %Y}"


def message(msgid: str, **values: Any) -> Message:
    """A message to translate at render time: ``message("%(count)s items", count=3)``."""
    return Message(msgid, values)


def plural_message(singular: str, plural: str, count: int, **values: Any) -> Message:
    """A message with singular and plural forms, chosen by ``count`` (also its ``%(count)s`` value)."""
    return Message(singular, values | {"count": count}, plural)


@dataclass(frozen=True)
class Language:
    """One language's catalog, and how numbers and dates are written in it."""

    code: str
    catalog: gettext.NullTranslations
    has_catalog: bool  # False: no catalog ships for this language, so the words stay English

    @cached_property
    def locale(self) -> str:
        """The Babel locale its dates and numbers are written in (Babel is loaded only when a
        language other than English writes one)."""
        return formats_locale(self.code)

    def gettext(self, msgid: str) -> str:
        return self.catalog.gettext(msgid)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self.catalog.ngettext(singular, plural, count)

    def text(self, value: Any) -> Any:
        """A Message in this language (its values too), a date as this language writes it; anything
        else as it is."""
        if type(value) is str:  # most printed values: plain data text
            return value
        if isinstance(value, Month):
            return self.month_year(value)
        if isinstance(value, dt.date):
            return self.date(value)
        if not isinstance(value, Message):
            return value
        values = {name: self.text(item) for name, item in value.values.items()}
        words = self.ngettext(value.msgid, value.plural, values["count"]) if value.plural is not None else self.gettext(value.msgid)
        return words % values if values else words

    def date(self, value: dt.date) -> str:
        """A date as people write it: ``14 September 2026``, ``14 Medi 2026``, ``14 de septiembre de 2026``."""
        if self.code == SOURCE_LANGUAGE:
            return english_date(value)
        from babel.dates import format_date

        return format_date(value, format="long", locale=self.locale)

    def month_year(self, value: dt.date) -> str:
        """``September 2026``, ``Medi 2026``: a month as this language names it standing alone."""
        if self.code == SOURCE_LANGUAGE:
            return english_date(Month(value.year, value.month, 1))
        from babel.dates import format_date

        return format_date(value, format="LLLL y", locale=self.locale)

    def amount(self, value: float) -> str:
        """Money: ``42,000`` or ``1,250.50`` in English, ``42.000`` in Spanish, with the language's
        separators, and pence only when there are any."""
        if self.code == SOURCE_LANGUAGE:
            return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"
        from babel.numbers import format_decimal

        return format_decimal(value, format="#,##0" if value == int(value) else "#,##0.00", locale=self.locale)


def translation_files(data_dir: Path) -> dict[str, Path]:
    """Each language a programme has a translation file for (see :mod:`generator.translations`):
    code -> file, in code order."""
    folder = data_dir / TRANSLATIONS_FOLDER
    if not folder.is_dir():
        return {}
    return {path.stem: path for path in sorted(folder.glob(f"*{TRANSLATION_SUFFIX}")) if path.is_file()}


def catalog_file(code: str) -> Path:
    return LOCALES / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def language_code(requested: str | None) -> str:
    """The catalog a theme language asks for: ``cy``, ``es_MX`` → ``es``; none → English."""
    return (requested or SOURCE_LANGUAGE).replace("-", "_").split("_")[0].lower() or SOURCE_LANGUAGE


@cache
def language(requested: str | None = None) -> Language:
    """The language a site is written in (``theme.language``), its catalog compiled once per process.
    A language with no catalog gives English words (``has_catalog`` False)."""
    code = language_code(requested)
    source = catalog_file(code)
    if code == SOURCE_LANGUAGE or not source.is_file():
        return Language(code, gettext.NullTranslations(), code == SOURCE_LANGUAGE)
    return Language(code, gettext.GNUTranslations(io.BytesIO(compiled_catalog(source, code))), True)


def formats_locale(code: str) -> str:
    """The Babel locale for a language's dates and numbers; British English where Babel has none."""
    from babel import Locale, UnknownLocaleError

    name = DATE_LOCALES.get(code, code)
    try:
        Locale.parse(name)
    except (UnknownLocaleError, ValueError):
        return DATE_LOCALES[SOURCE_LANGUAGE]
    return name


def catalog_progress(code: str) -> tuple[int, int]:
    """How many of the interface's strings a language's catalog translates, and how many there are
    (English, the source, translates them all; a language with no catalog, none)."""
    from babel.messages.pofile import read_po

    with (LOCALES / f"{DOMAIN}.pot").open("rb") as template:
        total = sum(1 for entry in read_po(template) if entry.id)
    if code == SOURCE_LANGUAGE:
        return total, total
    if not catalog_file(code).is_file():
        return 0, total
    with catalog_file(code).open("rb") as po:
        catalog = read_po(po, locale=code)
    done = sum(1 for entry in catalog if entry.id and not entry.fuzzy and all(entry.string if isinstance(entry.string, tuple) else (entry.string,)))
    return done, total


def shipped_catalogs() -> list[str]:
    """The languages whose catalogs ship with the package, English (the source) first."""
    return [SOURCE_LANGUAGE, *sorted(path.name for path in LOCALES.iterdir() if catalog_file(path.name).is_file())]


def compiled_catalog(source: Path, code: str) -> bytes:
    """A ``.po`` file compiled to ``.mo`` bytes (fuzzy entries left out, as ``msgfmt`` does)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with source.open("rb") as po:
        catalog = read_po(po, locale=code, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    return compiled.getvalue()
