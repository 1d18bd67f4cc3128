"""Keep links between generated pages working when a coordinator overrides one of them.

Pages link to anchors on other pages (a role on the roles page, the goals on the welcome page). An
override may drop such an anchor; rather than break a strict build, a link whose anchor is no
longer on its target page is made a link to the page itself.
"""

from __future__ import annotations

import posixpath
import re

from markdown.extensions.toc import slugify

CROSS_PAGE_LINK = re.compile(r"\]\((?P<page>[^()\s#]+\.md)#(?P<anchor>[^()\s]+)\)")
# An attribute list's #id, or an HTML id="..." attribute; and a heading, a line starting with 1-6 #.
# The check on what comes before ``id`` (a word boundary) and before ``#`` (the start of a line) is a
# look-behind written after that first character, so the search can jump from one ``id`` or ``#`` to
# the next instead of trying every position of pages several megabytes long.
EXPLICIT_ID = re.compile(r"\{:?[^}\n]*?#(?P<id>[\w-]+)[^}\n]*\}|id(?<!\wid)=\"(?P<html>[^\"]+)\"")
HEADING = re.compile(r"#(?<![^\n]#)#{0,5}[ \t]+(?P<text>.+?)[ \t]*#*[ \t]*$", re.MULTILINE)


def page_anchors(markdown: str) -> set[str]:
    """The anchors a page will have: explicit ids, and the slugs of headings without one."""
    anchors = {match.group("id") or match.group("html") for match in EXPLICIT_ID.finditer(markdown)}
    anchors |= {slugify(match.group("text"), "-") for match in HEADING.finditer(markdown) if "{" not in match.group("text")}
    return anchors


def drop_missing_anchors(path: str, markdown: str, anchors: dict[str, set[str]]) -> str:
    """Links from page ``path`` to a generated page lose any ``#anchor`` that page does not have."""
    folder = posixpath.dirname(path)
    targets: dict[str, str] = {}  # a link's page as written -> the page it reaches, worked out once each

    def check(match: re.Match[str]) -> str:
        page = match.group("page")
        if page not in targets:
            targets[page] = posixpath.normpath(posixpath.join(folder, page))
        target = targets[page]
        if target in anchors and match.group("anchor") not in anchors[target]:
            return f"]({page})"
        return match.group(0)

    return CROSS_PAGE_LINK.sub(check, markdown)
