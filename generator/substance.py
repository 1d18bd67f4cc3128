"""Whether a text says something, or only stands in for something not written yet.

A coordinator who could not leave a field out used to write "Not yet written", "TBC" or "No
procedure is published", and the field then counted as filled. Such text is a placeholder: the
assessment treats it as missing, leaflets leave it out, and ``handbook validate`` warns so the
coordinator can remove it (or record a plan). The test only ever makes a text count for less:
a short text that opens by saying the thing does not exist, or that is a stock placeholder.
Longer texts are read by people, never searched here for what they might mean.
"""

from __future__ import annotations

import re

# A stock phrase such as "TBC" inside a longer text ("dates TBC") leaves the rest of it standing.
SHORT = 30  # words
STOCK = {
    "", "-", "--", "—", "–", "?", "...", "…", "x", "xx", "xxx", "tbd", "tbc", "tba", "todo", "to do", "n/a", "na",
    "none", "nil", "nothing", "unknown", "not known", "not applicable", "placeholder", "pending", "coming soon",
    "to follow", "in progress", "work in progress", "wip", "draft", "see above", "see below", "fill in",
    "fill this in", "insert text here", "add text here", "not set", "not started", "no", "under development",
    "in development", "being developed", "under review",
}
EXISTENCE = (r"(?:published|written|described|documented|defined|decided|agreed|developed|in place|available|"
             r"offered|provided|given|held|run|kept|used|set up|established|planned|confirmed|known|exists?)")
SAYS_MISSING = re.compile(
    r"^(?:"
    rf"(?:it is |this is |this has )?not (?:yet |been )*{EXISTENCE}"  # "Not yet written", "Not published"
    rf"|(?:there (?:is|are) )?(?:currently |at present |as yet |still )?no (?:[\w'-]+ ){{0,5}}"
    rf"(?:(?:is|are|has been|have been|was|were) (?:yet |currently |formally )*{EXISTENCE}|yet|at present|currently)"
    r"|(?:we|the programme|the scheme|it|this) (?:do|does|did|have|has) not (?:yet |currently )?"
    r"(?:have|publish|offer|run|provide|keep|use|hold|collect|give|write|written|published|agreed|decided)"
    r"|there (?:is|are) (?:currently |as yet |still |yet )?no(?: [\w'-]+){1,4}$"
    r"|to be (?:confirmed|decided|determined|agreed|written|defined|added|developed|arranged|announced)"
    r"|(?:none|nothing)(?: (?:yet|so far|at present|currently|formal|written|agreed))"
    r"|(?:tbd|tbc|tba|todo|n/a|pending|placeholder|coming soon)\b"
    r"|lorem ipsum"
    r")",
)
ANYWHERE = re.compile(rf"\b(?:tbd|tbc|tba|todo|lorem ipsum|not yet (?:been )?{EXISTENCE})\b")
MARKUP = re.compile(r"[*_`#>]+")


def placeholder(text: str) -> str | None:
    """Why a text is a placeholder rather than content (quoting it), or None when it says something.

    A text whose first sentence says the thing is missing is a placeholder however long it runs on;
    a stock phrase ("TBC") anywhere makes only a short text one.
    """
    plain = " ".join(MARKUP.sub(" ", text).lower().split())
    bare = plain.strip(" .!;:,")
    first = re.split(r"(?<=[.!?;])\s", bare, maxsplit=1)[0].strip(" .!;:,")
    short = len(plain.split()) <= SHORT
    if SAYS_MISSING.match(first) or (short and (bare in STOCK or ANYWHERE.search(bare))):
        return f"reads as a placeholder (“{_quoted(text)}”)"
    return None


def is_content(value: object) -> bool:
    """Whether a value says something: a text that is not a placeholder, a list or mapping holding
    such a value (a mapping's visibility is a setting, not content), or any other value that is there."""
    if value is None:
        return False
    if isinstance(value, str):
        return placeholder(value) is None
    if isinstance(value, list):
        return any(is_content(item) for item in value)
    fields = getattr(type(value), "model_fields", None)
    if fields is not None:
        return any(is_content(getattr(value, name)) for name in fields if name != "visibility")
    return True


def _quoted(text: str) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= 60 else one_line[:57] + "…"
