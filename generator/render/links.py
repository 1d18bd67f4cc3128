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
EXPLICIT_ID = re.compile(r"\{:?[^}\n]*?#(?P<id>[\w-]+)[^}\n]*\}|\bid=\"(?P<html>[^\"]+)\"")
HEADING = re.compile(r"^#{1,6}[ \t]+(?P<text>.+?)[ \t]*#*[ \t]*$", re.MULTILINE)


def page_anchors(markdown: str) -> set[str]:
    """The anchors a page will have: explicit ids, and the slugs of headings without one."""
    anchors = {match.group("id") or match.group("html") for match in EXPLICIT_ID.finditer(markdown)}
    anchors |= {slugify(match.group("text"), "-") for match in HEADING.finditer(markdown) if "{" not in match.group("text")}
    return anchors


def drop_missing_anchors(path: str, markdown: str, anchors: dict[str, set[str]]) -> str:
    """Links from page ``path`` to a generated page lose any ``#anchor`` that page does not have."""

    def check(match: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(path), match.group("page")))
        if target in anchors and match.group("anchor") not in anchors[target]:
            return f"]({match.group('page')})"
        return match.group(0)

    return CROSS_PAGE_LINK.sub(check, markdown)
