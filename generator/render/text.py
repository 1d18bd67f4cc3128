"""Making data text safe inside generated Markdown, and the formatting filters templates use.

Data text is Markdown, so it keeps its emphasis, lists and links, but nothing in it may become
HTML: ``&``, ``<``, ``>`` and ``"`` are escaped (raw HTML and script render as text; templates
quote HTML attributes with ``"``), ``{`` is
escaped so attr_list cannot add attributes such as ``onclick`` to an element, and a link whose
target :func:`generator.safety.link_problem` refuses (``javascript:``, ``data:``) keeps only its
text. Filters return plain text; the environment's ``finalize`` makes every printed value safe.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from generator.safety import link_problem

# [text](target "title") and ![alt](target): one level of brackets in the text, balanced parentheses
# in the target. ``rest`` is whatever follows the target up to the closing parenthesis: a title, or
# more of a target that Python-Markdown would still read as one ("java script:...").
INLINE_LINK = re.compile(
    r"(?P<image>!?)\[(?P<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]"
    r"\(\s*<?(?P<target>(?:[^()\s<>]|\([^()\s]*\))*)>?(?P<rest>(?:[^()]|\([^()]*\))*?)\s*\)"
)
# Any "](target)": catches links whose text nests deeper than INLINE_LINK reads.
LINK_TARGET = re.compile(r"\]\(\s*<?(?P<target>(?:[^()\s<>]|\([^()\s]*\))*)>?(?P<rest>(?:[^()]|\([^()]*\))*?)\s*\)")
# [label]: target "title", a reference definition, at any indent (lists, admonitions); the target
# may stand on the next line.
REFERENCE_DEFINITION = re.compile(r"^[ \t]*\[[^\[\]]*\]:[ \t]*\n?[ \t]*<?(?P<target>[^\s>]+)>?[^\n]*$", re.MULTILINE)
HTML_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "{": "&#123;"}
HTML_SPECIAL = str.maketrans(HTML_ESCAPES)
# Text that has none of these needs nothing done: a character to escape, or "]", which ends the text
# of a link or the label of a reference definition.
NEEDS_MAKING_SAFE = re.compile(f"[{re.escape(''.join(HTML_ESCAPES) + ']')}]")


def neutralise_links(text: str) -> str:
    """Drop link targets that are unsafe: an unsafe inline link keeps its text, a definition goes."""
    if "](" not in text and "]:" not in text:  # no link syntax at all: most values, and the cheap case
        return text

    def unsafe(match: re.Match[str]) -> bool:
        target = match.group("target")
        return link_problem(target) is not None or link_problem(target + match.group("rest")) is not None

    text = INLINE_LINK.sub(lambda match: match.group("text") if unsafe(match) else match.group(0), text)
    text = LINK_TARGET.sub(lambda match: "]" if unsafe(match) else match.group(0), text)
    return REFERENCE_DEFINITION.sub(lambda match: "" if link_problem(match.group("target")) else match.group(0), text)


def escape_html(text: str) -> str:
    """Escape what would let data text become HTML or attributes in Markdown."""
    return text.translate(HTML_SPECIAL)


def safe_markdown(value: Any) -> Markup:
    """Any printed value as Markdown that cannot produce HTML or unsafe links: the environment's finalize.

    Markup passes unchanged: it is what a filter or macro built on purpose from values already made
    safe (the environment's ``join`` and ``escape`` filters make their items safe this way too).
    """
    if isinstance(value, Markup):
        return value
    if isinstance(value, dt.date):
        return Markup(long_date(value))
    text = str(value)
    if NEEDS_MAKING_SAFE.search(text) is None:  # most values: one search instead of two passes over the text
        return Markup(text)
    return Markup(escape_html(neutralise_links(text)))


def long_date(value: dt.date) -> str:
    """A date as people write it: ``14 September 2026``."""
    return f"{value.day} {value:%B %Y}"


def table_cell(value: Any) -> str:
    """Text that fits one Markdown table cell: lines and paragraphs joined, ``|`` escaped, ``—`` if empty."""
    if value is None or value == "":
        return "—"
    text = long_date(value) if isinstance(value, dt.date) else str(value)
    return " ".join(text.split()).replace("|", "\\|")


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
