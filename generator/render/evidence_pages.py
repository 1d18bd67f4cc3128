"""The evidence pages outside the nav: each item's own page, a large register's pages, and the
pages with all the evidence of a criterion that cites many items.

An assessor follows an evidence link from the checklist or the index and lands on a page of the
handbook, not on a raw file: the item's title, owner, date and visibility, the criteria it supports
(linked to the checklist), the handbook pages that show what those criteria check, and, for a
Markdown or text file the edition publishes in full, the document rendered in the page with the
original to download. Confidential items (assessor edition) show their title, owner and date only.

The document is data like any other: its HTML is escaped and its links made safe
(:func:`generator.safe_text.safe_markdown`); its headings move one level down under the page's
title, and links that pointed beside the file (relative links, images, anchors) keep only their
words, as they cannot work from the page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from generator.audience import Edition
from generator.i18n import message
from generator.page import Page
from generator.render.assessment_view import (
    AssessmentView,
    EvidenceEntry,
    criterion_evidence_path,
    evidence_item_path,
)
from generator.site_map import ASSESSMENT, PAGES_BY_KEY, links_from
from generator.templating import HandbookEnvironment, render_template

ITEM_TEMPLATE = "pages/evidence-item.md.j2"
REGISTER_TEMPLATE = "pages/evidence-register.md.j2"
CRITERION_TEMPLATE = "pages/criterion-evidence.md.j2"
MARKDOWN_SUFFIXES = (".md", ".markdown")
TEXT_SUFFIXES = (".txt", ".csv")
HEADING = re.compile(r"^(#{1,5})(?=\s)", re.MULTILINE)
# A Markdown link or image whose target is not a web or mail address: it pointed beside the file.
LOCAL_LINK = re.compile(r"!?\[([^\]]*)\]\((?!https?://|mailto:)[^)]*\)")
BACKTICKS = re.compile(r"`+")


def evidence_item_pages(edition: Edition, entries: list[EvidenceEntry], environment: HandbookEnvironment, *,
                        read_evidence: Callable[[str], str | None] | None, base: dict[str, Any]) -> list[Page]:
    """One page per evidence item the edition shows (``entries`` are built for a page in the items'
    folder, so their links work from each). ``read_evidence`` gives a published file's text by its
    path in the data folder (None when it cannot be read as text)."""
    index = links_from(evidence_item_path("item"))(PAGES_BY_KEY["evidence"].path)
    pages = []
    for entry in entries:
        path = evidence_item_path(entry.item.id)
        context = base | {"entry": entry, "index_link": index, "document": _document(entry, read_evidence)}
        pages.append(Page(path, entry.item.title, ASSESSMENT, render_template(environment, ITEM_TEMPLATE, context), in_nav=False))
    return pages


def register_pages(view: AssessmentView, environment: HandbookEnvironment, *, base: dict[str, Any]) -> list[Page]:
    """A large register's pages, one per year or month (``view`` is built for a page in their folder)."""
    pages = []
    for register_page in view.register_pages:
        index = links_from(register_page.path)(PAGES_BY_KEY["evidence"].path)
        context = base | view.context() | {"register_page": register_page, "evidence": register_page.evidence, "index_link": index}
        title = environment.words.text(message("Evidence dated %(period)s", period=register_page.title))
        pages.append(Page(register_page.path, title, ASSESSMENT,
                          render_template(environment, REGISTER_TEMPLATE, context), in_nav=False))
    return pages


def criterion_evidence_pages(view: AssessmentView, environment: HandbookEnvironment, *, base: dict[str, Any]) -> list[Page]:
    """A page with all the evidence of each criterion that cites more than the checklist lists
    (``view`` is built for a page in their folder)."""
    pages = []
    for catalog in view.catalogs:
        for standard in catalog.standards:
            for criterion in standard.criteria:
                if criterion.evidence_page is None:
                    continue
                path = criterion_evidence_path(criterion.anchor)
                checklist = links_from(path)(PAGES_BY_KEY["checklist"].path, criterion.anchor)
                context = base | {"criterion": criterion, "checklist_link": checklist}
                title = environment.words.text(message("Evidence for %(criterion)s", criterion=criterion.label))
                pages.append(Page(path, title, ASSESSMENT,
                                  render_template(environment, CRITERION_TEMPLATE, context), in_nav=False))
    return pages


def _document(entry: EvidenceEntry, read_evidence: Callable[[str], str | None] | None) -> dict[str, Any] | None:
    """The document to show in the page: ``{"markdown": …}`` or ``{"text": …, "fence": …}``; None for
    other kinds of file, web pages and items the edition does not publish in full."""
    item = entry.item
    if entry.access != "full" or item.kind != "file" or not item.path or read_evidence is None:
        return None
    suffix = "." + item.path.rsplit(".", 1)[-1].lower() if "." in item.path else ""
    if suffix not in MARKDOWN_SUFFIXES + TEXT_SUFFIXES:
        return None
    text = read_evidence(item.path)
    if text is None:
        return None
    if suffix in MARKDOWN_SUFFIXES:
        return {"markdown": HEADING.sub(r"#\1", LOCAL_LINK.sub(r"\1", text))}
    longest = max((len(run) for run in BACKTICKS.findall(text)), default=0)
    # Inside a fence longer than any run of backticks in it, Markdown shows the text as it is and
    # escapes it itself; escaping it here as well would print "&lt;" for "<".
    return {"text": Markup(text), "fence": "`" * max(3, longest + 1)}
