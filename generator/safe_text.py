"""Making data text safe inside generated Markdown, and the formatting filters templates use.

Data text is Markdown, so it keeps its emphasis, lists and links, but nothing in it may become
HTML: ``&``, ``<``, ``>`` and ``"`` are escaped (raw HTML and script render as text; templates
quote HTML attributes with ``"``), ``{`` is escaped so attr_list cannot add attributes such as
``onclick`` to an element, and links are judged on Python-Markdown's own parse of the text
(:func:`generator.safe_links.markdown_safe_links`): an unsafe one (``javascript:``,
``data:``) keeps only its text, and a bracket that is no safe link's own is escaped, so values
cannot make a link together. Templates link a data address with the ``link`` filter
(:func:`markdown_link`), never by writing ``[text](address)`` themselves. Filters return plain
text; the environment's ``finalize`` makes every printed value safe.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from generator.safe_links import escape_brackets, markdown_safe_links, unsafe_target
from generator.safety import HTML_ESCAPES, escape_html
from generator.wording import long_date

# Text that has none of these needs nothing done: a character to escape, or a bracket, which may
# start or end a link.
NEEDS_MAKING_SAFE = re.compile(f"[{re.escape(''.join(HTML_ESCAPES) + '[]')}]")
# What a link target keeps as written; anything else (spaces, quotes, brackets, parentheses, "|",
# backslashes, control characters) is percent-encoded, so the target cannot end the link early.
TARGET_KEEPS = "/:?#@!$&+,;=%*~"
ODD_BACKSLASHES_AT_END = re.compile(r"(?<!\\)(?:\\\\)*\\$")


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
    return Markup(markdown_safe_links(escape_html(text)))


def safe_html(value: Any) -> Markup:
    """Any printed value as HTML text (for print templates, ``.html.j2``): escaped, nothing else."""
    if isinstance(value, Markup):
        return value
    return Markup(escape_html(long_date(value) if isinstance(value, dt.date) else str(value)))


def markdown_link(text: Any, target: str | None) -> Markup:
    """The ``link`` filter: ``{{ title | link(address) }}`` -> ``[title](address)``, built safely.

    The text is made safe with every bracket in it escaped (a link's text holds no link), the
    target percent-encoded wherever it could end the link; with no target, or one that would run
    something, only the text is printed.
    """
    label = link_text(text)
    if not target or unsafe_target(target):
        return label
    return Markup(f"[{label}]({quote(target, safe=TARGET_KEEPS)})")


def link_text(value: Any) -> Markup:
    """A value as the text of a link: escaped like any value, and with no bracket of its own left live."""
    text = str(value) if isinstance(value, Markup) else escape_html(long_date(value) if isinstance(value, dt.date) else str(value))
    text = escape_brackets(text)
    if ODD_BACKSLASHES_AT_END.search(text):  # a "\" left at the end would escape the closing "]"
        text += "\\"
    return Markup(text)


def table_cell(value: Any) -> str:
    """Text that fits one Markdown table cell: lines and paragraphs joined, ``|`` escaped, ``—`` if empty."""
    if value is None or value == "":
        return "—"
    text = long_date(value) if isinstance(value, dt.date) else str(value)
    return " ".join(text.split()).replace("|", "\\|")


