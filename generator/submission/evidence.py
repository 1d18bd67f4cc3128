"""The evidence a submission pack carries, read from the data folder only as far as the edition allows.

Each evidence item a criterion of the standard cites becomes one entry of the report's appendix:

- a Markdown file is shown rendered for paper: raw HTML in it stays text, links go through the
  same guard as every page (:class:`~generator.safe_links.SafeLinks`) and are then spelled out
  (:class:`~generator.leaflets.render.LinksOnPaper`), its headings sit below the entry's own;
- a plain text or CSV file is shown as written;
- a PDF is appended to the report as its own pages (see :mod:`generator.submission.pack`);
- any other file (a Word document, an image) is listed with its SHA-256;
- a web page is listed with its address;
- confidential evidence is listed by title, owner and date: the edition has it in its withheld
  form, with no path, so its file is never opened.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import markdown as markdown_lib
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from generator.i18n import message
from generator.leaflets.render import LinksOnPaper
from generator.problems import DataError, Position, Problem, display_path
from generator.render.assessment_view import CriterionView, EvidenceEntry
from generator.safe_links import SafeLinks

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
TEXT_SUFFIXES = frozenset({".txt", ".csv"})
PDF_SUFFIX = ".pdf"
ARCHIVE_FOLDER = "evidence"  # in the pack's zip, each file sits under it at its path in the data folder
FIRST_CONTENT_HEADING = 4  # the appendix is a level-2 heading, each document level 3
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
Form = Literal["markdown", "text", "pdf", "file", "web", "confidential"]


@dataclass(frozen=True)
class EvidenceDocument:
    """One evidence item of the appendix: how it is shown, and for a file its content and checksum."""

    entry: EvidenceEntry
    form: Form
    cited_by: list[CriterionView]  # the criteria of the standard that cite it
    source: str | None = None  # a file's path in the data folder
    content: bytes | None = None
    sha256: str | None = None
    html: Markup | None = None  # a Markdown file, rendered for paper
    text: str | None = None  # a text file, as written
    pages: int | None = None  # a PDF's page count

    @property
    def anchor(self) -> str:
        """Its place in the report (evidence ids are unique and unlike any criterion anchor)."""
        return self.entry.item.id

    @property
    def archive_path(self) -> str | None:
        """Where the pack's zip holds the file: ``evidence/`` and its path in the data folder."""
        return f"{ARCHIVE_FOLDER}/{self.source}" if self.source else None

    @property
    def bookmark(self) -> str:
        """The bookmark of an appended PDF (a :class:`~generator.i18n.Message`: put it into the
        report's language before writing it into the PDF)."""
        return message("Evidence: %(title)s", title=self.entry.item.title)


def evidence_document(entry: EvidenceEntry, cited_by: list[CriterionView], source: Path | None,
                      data_dir: Path) -> EvidenceDocument:
    """An evidence entry for the appendix; ``source`` is its file in the data folder when the
    edition publishes one (None for web pages and confidential items). Raises DataError for a PDF
    that cannot be read."""
    if entry.access != "full":
        return EvidenceDocument(entry, "confidential", cited_by)
    if source is None:
        return EvidenceDocument(entry, "web", cited_by)
    content = (data_dir / source).read_bytes()
    found: dict[str, Any] = {"source": source.as_posix(), "content": content, "sha256": hashlib.sha256(content).hexdigest()}
    suffix = source.suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        return EvidenceDocument(entry, "markdown", cited_by, html=paper_html(_text(content)), **found)
    if suffix in TEXT_SUFFIXES:
        return EvidenceDocument(entry, "text", cited_by, text=_text(content), **found)
    if suffix == PDF_SUFFIX:
        return EvidenceDocument(entry, "pdf", cited_by, pages=pdf_pages(content, data_dir / source), **found)
    return EvidenceDocument(entry, "file", cited_by, **found)


def _text(content: bytes) -> str:
    return content.decode("utf-8-sig", errors="replace")


def pdf_pages(content: bytes, path: Path) -> int:
    """How many pages an evidence PDF has. Raises DataError when it cannot be appended (damaged, encrypted)."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted:
            raise PyPdfError("it is encrypted")
        return len(reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError) as error:
        raise DataError([Problem(Position(display_path(path)), "evidence", f"cannot be appended to the submission report: {error}",
                                 fix="replace it with a PDF that opens without a password")]) from None


class ContentHeadings(Treeprocessor):
    """A document's headings moved down below the appendix entry's own, keeping their order: its
    highest heading becomes level 4 (at most level 6)."""

    def run(self, root: Any) -> None:
        headings = [element for element in root.iter() if element.tag in HEADINGS]
        if not headings:
            return
        shift = FIRST_CONTENT_HEADING - min(int(element.tag[1]) for element in headings)
        for element in headings:
            element.tag = f"h{min(6, int(element.tag[1]) + shift)}"


def _paper_converter() -> markdown_lib.Markdown:
    """Python-Markdown with raw HTML kept as text, unsafe links defused, links spelled out for paper."""
    converter = markdown_lib.Markdown(extensions=["tables", "def_list", "fenced_code", SafeLinks()])
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    converter.treeprocessors.register(LinksOnPaper(converter), "links_on_paper", -200)
    converter.treeprocessors.register(ContentHeadings(converter), "content_headings", -300)
    return converter


PAPER_MARKDOWN = _paper_converter()  # one converter, reset before each use


def paper_html(text: str) -> Markup:
    """An evidence file's Markdown as HTML for the report."""
    return Markup(PAPER_MARKDOWN.reset().convert(text))
