"""What may be linked to and which files may be published: the checks that keep output safe."""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import NamedTuple
from urllib.parse import quote, urlsplit

HTML_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "{": "&#123;"}
HTML_SPECIAL = str.maketrans(HTML_ESCAPES)
WEB_SCHEMES = ("https", "http")
LINK_SCHEMES = WEB_SCHEMES + ("mailto", "tel")
# Characters that end or break a Markdown link target or an HTML attribute (besides whitespace and
# control characters): a link field holding one could close the page's own link and open another.
ENDS_A_LINK = frozenset("()<>\"'`[]\\")


class LinkProblem(NamedTuple):
    """Why a link field cannot be used, and how to put it right."""

    message: str
    fix: str


def escape_html(text: str) -> str:
    """Escape what would let data text become HTML or attributes in Markdown."""
    return text.translate(HTML_SPECIAL)


def link_problem(link: str, *, web_only: bool = False) -> LinkProblem | None:
    """Why a link is unsafe or malformed, or None when it is fine.

    The link is checked as one whole address: it parses, its scheme is allowed (https/http with a
    host, mailto: and tel: unless ``web_only``; or a relative path that stays inside the site), and
    it holds no character that could end a Markdown link or an HTML attribute, so that where a page
    links it, it is the whole target and nothing more.
    """
    usual = "use an https:// address" if web_only else "use an https:// address, mailto:, tel: or a relative path"
    cleaned = "".join(link.split())  # browsers ignore whitespace inside schemes: "java script:"
    try:
        parts = urlsplit(cleaned)
    except ValueError:  # an unclosed "[" where an IPv6 host would be: https://[oops/x
        return LinkProblem(f"link {link!r} is not a valid address (check the part after '//')", usual)
    allowed = WEB_SCHEMES if web_only else LINK_SCHEMES
    if parts.scheme:
        if parts.scheme.lower() not in allowed:
            return LinkProblem(f"link scheme {parts.scheme + ':'!r} is not allowed (allowed: {', '.join(s + ':' for s in allowed)})",
                               usual)
        if parts.scheme.lower() in WEB_SCHEMES and not parts.netloc:
            return LinkProblem(f"web address {link!r} has no host", usual)
    elif web_only:
        return LinkProblem(f"{link!r} is not a web address", usual)
    elif parts.netloc or cleaned.startswith(("/", "\\")):
        return LinkProblem(f"link {link!r} must be relative to the site, or a full https:// address", usual)
    elif ".." in PurePosixPath(parts.path).parts:
        return LinkProblem(f"link {link!r} leaves the site folder", usual)
    return _breaking_character(link, parts.netloc)


def _breaking_character(link: str, host: str) -> LinkProblem | None:
    """The first character of a link that would end its Markdown target or HTML attribute, if any.

    The brackets of an IPv6 host (``https://[2001:db8::1]/``) are part of the address and allowed.
    """
    opening = link.find("//[") + 2 if host.startswith("[") else -1
    allowed = range(opening, link.find("]", opening) + 1) if opening >= 2 else range(0)
    for index, char in enumerate(link):
        if index in allowed or not (char.isspace() or _is_control(char) or char in ENDS_A_LINK):
            continue
        encoded = quote(char, safe="")
        return LinkProblem(f"link {link!r} contains {_character_name(char)}, which would end the link",
                           f"percent-encode it as {encoded}, or remove it")
    return None


def _is_control(char: str) -> bool:
    return ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0


def _character_name(char: str) -> str:
    names = {" ": "a space", "\t": "a tab", "\n": "a line break", "\r": "a line break"}
    if char in names:
        return names[char]
    if char.isspace() or _is_control(char):
        return f"the invisible character U+{ord(char):04X}"
    return repr(char)


def evidence_path_problem(data_dir: Path, relative: str) -> str | None:
    """Why an evidence file path is unusable (escapes the data folder, missing), or None."""
    if "\0" in relative:
        return f"evidence path {relative!r} contains a NUL character; write the file's name as it appears in the folder"
    candidate = PurePosixPath(relative.replace("\\", "/"))
    if candidate.is_absolute() or relative.startswith(("/", "\\")) or ":" in candidate.parts[0]:
        return f"evidence path {relative!r} must be relative to the data folder"
    if ".." in candidate.parts:
        return f"evidence path {relative!r} leaves the data folder"
    full = data_dir / candidate
    try:
        resolved = full.resolve(strict=True)
    except (FileNotFoundError, NotADirectoryError):
        return f"evidence file {relative!r} not found in {data_dir.name}/"
    except (OSError, RuntimeError) as error:  # symlink loops
        return f"evidence file {relative!r} cannot be read: {error}"
    if not resolved.is_relative_to(data_dir.resolve()):
        return f"evidence path {relative!r} is a link to a file outside the data folder"
    if not resolved.is_file():
        return f"evidence path {relative!r} is not a file"
    return None
