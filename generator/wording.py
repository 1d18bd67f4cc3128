"""How numbers, dates and contact details are written in the handbook and on leaflets, in one place."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import quote


def long_date(value: dt.date) -> str:
    """A date as people write it: ``14 September 2026``."""
    return f"{value.day} {value:%B %Y}"


def mailto(email: str) -> str:
    """A ``mailto:`` target with characters that would end a Markdown link percent-encoded."""
    return "mailto:" + quote(email, safe="@.+-_")


def tel(phone: str) -> str:
    """A ``tel:`` target: the digits of a phone number, with a leading ``+`` kept."""
    digits = re.sub(r"[^\d+]", "", phone)
    return "tel:" + (digits[0] + digits[1:].replace("+", "") if digits else "")


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 day``, ``5 days``: a count with its noun."""
    return f"{count} {singular if count == 1 else plural_form or singular + 's'}"


def hours(value: float) -> str:
    """``1 hour``, ``1.5 hours``, ``2 hours``: a number of hours without a needless ``.0``."""
    return f"{value:g} hour{'' if value == 1 else 's'}"


def amount(value: float) -> str:
    """``42,000`` or ``1,250.50``: money with thousands separators, pence only when there are any."""
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


def per_year(value: float) -> str:
    """``once a year``, ``twice a year``, ``4 times a year``, ``once every 2 years``: how often, in words."""
    if value < 1:
        return f"once every {1 / value:.2g} years"
    if value == 1:
        return "once a year"
    return "twice a year" if value == 2 else f"{value:g} times a year"
