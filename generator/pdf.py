"""Print documents to PDF with WeasyPrint (leaflets, the print handbook, the submission report),
cached by content so an unchanged document costs a file read.

Every PDF is tagged PDF/UA-1: a structure tree that screen readers and text extraction follow in
reading order, the document's language (``<html lang>``) and title (``<title>``), and bookmarks from
its headings. A document must therefore carry all of its content inline (CSS, SVG, images as
``data:`` URLs): nothing else is ever loaded.

The cache key is the SHA-256 of the document's HTML, the WeasyPrint version and the options; the
PDF is kept as ``<cache_dir>/<key>.pdf``, like Material's social plugin keeps its cards. WeasyPrint
is imported only when a PDF has to be made, so neither ``handbook validate`` nor a cached build pays
for loading it.
"""

from __future__ import annotations

import hashlib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from generator.files import write_atomically

CACHE_SUFFIX = ".pdf"
# Accessible PDF (PDF/UA-1, which includes tagging): public bodies must publish accessible documents.
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1"}


def weasyprint_version() -> str:
    """The installed WeasyPrint's version, read without importing it."""
    try:
        return version("weasyprint")
    except PackageNotFoundError:  # pragma: no cover - weasyprint is a dependency
        return "unknown"


def cache_key(html: str) -> str:
    """What a cached PDF depends on: the document's HTML and CSS, the WeasyPrint that makes it, and how."""
    digest = hashlib.sha256()
    digest.update(html.encode("utf-8"))
    digest.update(f"\0weasyprint {weasyprint_version()} {sorted(PDF_OPTIONS.items())}".encode())
    return digest.hexdigest()


def stored_pdf(html: str, cache_dir: Path) -> bytes | None:
    """The cached PDF for a print document, or None if it has not been made yet."""
    try:
        return (cache_dir / f"{cache_key(html)}{CACHE_SUFFIX}").read_bytes()
    except OSError:
        return None


def cached_pdf(html: str, cache_dir: Path) -> bytes:
    """The PDF for a print document: from the cache when it is there, else made and stored."""
    pdf = stored_pdf(html, cache_dir)
    if pdf is None:
        pdf = html_to_pdf(html)
        write_atomically(cache_dir / f"{cache_key(html)}{CACHE_SUFFIX}", pdf)
    return pdf


def cached_pdfs(documents: dict[str, str], *, cache_dir: Path) -> dict[str, bytes]:
    """Site path -> PDF for print documents (site path -> HTML); unchanged ones come from ``cache_dir``."""
    return {site_path: cached_pdf(html, cache_dir) for site_path, html in documents.items()}


def uncached(documents: dict[str, str], cache_dir: Path) -> tuple[dict[str, bytes], dict[str, str]]:
    """The documents split in two: site path -> PDF for those in the cache, site path -> HTML for the rest."""
    stored, to_make = {}, {}
    for site_path, html in documents.items():
        pdf = stored_pdf(html, cache_dir)
        if pdf is None:
            to_make[site_path] = html
        else:
            stored[site_path] = pdf
    return stored, to_make


def html_to_pdf(html: str) -> bytes:
    """Lay out a self-contained HTML document (inline CSS and SVG) as a PDF.

    Only ``data:`` URLs are loaded: a document never reads files or web addresses, even if an image
    written into data text reaches it.
    """
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    return HTML(string=html, base_url=None, url_fetcher=URLFetcher(allowed_protocols={"data"})).write_pdf(**PDF_OPTIONS)
