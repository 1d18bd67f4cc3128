"""Reading a PDF the way an accessibility checker and an assessor would: its tags, language, title,
bookmarks, figures' alternative text, link targets and text, with pypdf. Shared by the tests of
every PDF the handbook makes (leaflets, the print handbook, the submission report)."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pypdf
from pypdf.generic import ArrayObject, DictionaryObject

WHITESPACE = re.compile(r"\s+")
AFTER_HYPHEN = re.compile(r"-\s+")


def pdf_text(pdf: Path) -> str:
    """A PDF's text for searching it, read by PDFium (fast on PDFs of hundreds of pages): every run of
    whitespace one space and none after a hyphen, so words broken over two lines are still found."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        text = " ".join(page.get_textpage().get_text_bounded() for page in document)
    finally:
        document.close()
    return WHITESPACE.sub(" ", AFTER_HYPHEN.sub("-", text))


@dataclass
class PdfReport:
    """What a PDF says about itself."""

    pages: list[str]  # extracted text, page by page
    lang: str | None
    title: str | None
    marked: bool  # /MarkInfo /Marked true: a tagged PDF
    pdf_ua: bool  # XMP metadata declares PDF/UA conformance
    structure: list[str] = field(default_factory=list)  # structure element types, depth first
    figure_alts: list[str | None] = field(default_factory=list)  # /Alt of each /Figure, None when missing
    bookmarks: list[str] = field(default_factory=list)  # outline titles, depth first
    internal_links: int = 0  # link annotations that go to a place in the document
    external_links: list[str] = field(default_factory=list)  # URIs of link annotations

    @property
    def text(self) -> str:
        return "\n".join(self.pages)


def read_pdf(pdf: bytes) -> PdfReport:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    mark_info = root.get("/MarkInfo")
    metadata = root.get("/Metadata")
    xmp = metadata.get_object().get_data().decode("utf-8", "replace") if metadata is not None else ""
    report = PdfReport(
        pages=[page.extract_text() or "" for page in reader.pages],
        lang=str(root["/Lang"]) if "/Lang" in root else None,
        title=str(reader.metadata.title) if reader.metadata and reader.metadata.title else None,
        marked=bool(mark_info and mark_info.get_object().get("/Marked")),
        pdf_ua="pdfuaid:part" in xmp,
    )
    if "/StructTreeRoot" in root:
        _walk_structure(root["/StructTreeRoot"], report)
    _walk_outline(reader.outline, report)
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            action = annotation.get("/A")
            if action is not None and "/URI" in action.get_object():
                report.external_links.append(str(action.get_object()["/URI"]))
            elif "/Dest" in annotation or (action is not None and action.get_object().get("/S") == "/GoTo"):
                report.internal_links += 1
    return report


def _walk_structure(node: object, report: PdfReport) -> None:
    node = node.get_object() if hasattr(node, "get_object") else node
    if isinstance(node, ArrayObject):
        for kid in node:
            _walk_structure(kid, report)
        return
    if not isinstance(node, DictionaryObject):
        return
    kind = node.get("/S")
    if kind is not None:
        report.structure.append(str(kind))
        if kind == "/Figure":
            alt = node.get("/Alt")
            report.figure_alts.append(str(alt) if alt is not None else None)
    if "/K" in node:
        _walk_structure(node["/K"], report)


def _walk_outline(outline: list, report: PdfReport) -> None:
    for entry in outline:
        if isinstance(entry, list):
            _walk_outline(entry, report)
        else:
            report.bookmarks.append(str(entry.title))


def assert_accessible(pdf: bytes, *, title: str, lang: str = "en") -> PdfReport:
    """A tagged PDF/UA document in ``lang`` titled ``title``, with headings, bookmarks and alternative
    text on every figure. Returns what it read, for further checks."""
    report = read_pdf(pdf)
    assert report.marked and report.pdf_ua, "not a tagged PDF/UA document"
    assert report.lang == lang
    assert report.title == title
    assert "/Document" in report.structure and any(kind.startswith("/H") for kind in report.structure)
    assert report.bookmarks, "no bookmarks"
    assert all(report.figure_alts), f"a figure has no alternative text: {report.figure_alts}"
    return report


def page_image_problems(pdf: bytes, *, edge_mm: float = 4.0, scale: float = 1.0) -> list[str]:
    """Each page looked at as an image (pypdfium2): a blank page, or ink within ``edge_mm`` of the
    paper's edge, where text or a table cut off by the page would show. Empty when every page is fine."""
    import pypdfium2

    problems = []
    document = pypdfium2.PdfDocument(pdf)
    for number, page in enumerate(document, start=1):
        image = page.render(scale=scale).to_pil().convert("L")
        width, height = image.size
        edge = round(edge_mm / 25.4 * 72 * scale)
        ink = image.point(lambda value: 255 if value < 200 else 0)
        if ink.getbbox() is None:
            problems.append(f"page {number} is blank")
            continue
        for side, box in (("left", (0, 0, edge, height)), ("right", (width - edge, 0, width, height)),
                          ("top", (0, 0, width, edge)), ("bottom", (0, height - edge, width, height))):
            if ink.crop(box).getbbox() is not None:
                problems.append(f"page {number} has ink at its {side} edge")
    return problems
