"""How numbers, dates and contact details are written in the handbook and on leaflets, in one place.

Words come back as :class:`~generator.i18n.Message`: English text that a page puts into the site's
language when it is rendered (:meth:`~generator.i18n.Language.text`).
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import quote

from generator.i18n import Message, language, message, plural_message


def long_date(value: dt.date) -> str:
    """A date as people write it in English: ``14 September 2026`` (:meth:`~generator.i18n.Language.date`
    writes it in the site's language; a Message given the date itself does so when translated)."""
    return language().date(value)


def mailto(email: str) -> str:
    """A ``mailto:`` target with characters that would end a Markdown link percent-encoded."""
    return "mailto:" + quote(email, safe="@.+-_")


def tel(phone: str) -> str:
    """A ``tel:`` target: the digits of a phone number, with a leading ``+`` kept."""
    digits = re.sub(r"[^\d+]", "", phone)
    return "tel:" + (digits[0] + digits[1:].replace("+", "") if digits else "")


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 day``, ``5 days``: a count with its English noun (for templates written in English;
    the packaged templates use ``ngettext``)."""
    return f"{count} {singular if count == 1 else plural_form or singular + 's'}"


def hours(value: float) -> Message:
    """``1 hour``, ``1.5 hours``, ``2 hours``: a number of hours without a needless ``.0``."""
    written = f"{value:g}"
    return plural_message("%(hours)s hour", "%(hours)s hours", round(value), hours=written)


def per_year(value: float) -> Message:
    """``once a year``, ``twice a year``, ``4 times a year``, ``once every 2 years``: how often, in words."""
    years, times = f"{1 / value:.2g}", f"{value:g}"
    if value < 1:
        return message("once every %(years)s years", years=years)
    if value == 1:
        return message("once a year")
    return message("twice a year") if value == 2 else message("%(times)s times a year", times=times)
