"""PDFs for a site being served (leaflets, the print handbook), made in the background so that no rebuild waits for them."""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.handbook")


class BackgroundPdfs:
    """PDFs for a site being served, made so that no rebuild waits for them.

    A PDF already in the cache is published at once. One whose print document changed is
    published in its previous version and made after the build on a worker thread, which then
    writes it into the served site; a newer rebuild makes older work moot. Only the first build
    makes its PDFs before the site is served, as there is no previous version to show.

    The layout itself runs in a worker process (:func:`generator.pdf_jobs.worker_pool`), started
    once for the session: on a thread of this process it would hold the interpreter, and the
    next rebuild, after a quick second edit, would wait for it.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()  # guards everything below, and writes into the served site
        self.generation = 0  # counts builds; work for an older one stops
        self.published: dict[str, bytes] = {}  # site path -> the PDF the served site has
        self.audience: str | None = None  # whom the published PDFs were made for
        self.to_make: dict[str, str] = {}  # site path -> print HTML the latest build still needs
        self.cache_dir: Path | None = None
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="handbook-leaflets")
        self.layout: ProcessPoolExecutor | None = None  # started with the first PDF made in the background

    def for_build(self, documents: dict[str, str], cache_dir: Path, audience: str, *,
                  wait_for_new: bool = True) -> dict[str, bytes]:
        """Site path -> PDF to publish in this build: the cached one, else the previous one for now.

        A previous PDF stands in only for the same audience: a public preview never shows, even for
        a moment, a leaflet made for assessors. A PDF with no version yet is made now, or, if not
        ``wait_for_new``, left out of this build and made in the background like the others.
        """
        from generator.pdf import cached_pdf, stored_pdf

        with self.lock:
            self.generation += 1
            if audience != self.audience:
                self.published, self.audience = {}, audience
            self.cache_dir, self.to_make, pdfs = cache_dir, {}, {}
            for site_path, html in documents.items():
                pdf = stored_pdf(html, cache_dir)
                if pdf is None and (site_path in self.published or not wait_for_new):
                    self.to_make[site_path] = html
                    pdf = self.published.get(site_path)
                elif pdf is None:
                    pdf = cached_pdf(html, cache_dir)
                if pdf is not None:
                    pdfs[site_path] = pdf
            self.published = dict(pdfs)
        return pdfs

    def start(self, site_dir: Path) -> None:
        """After a build: make the PDFs it published in their previous version, in the background."""
        with self.lock:
            if self.to_make and self.cache_dir is not None:
                self.worker.submit(self._make, self.generation, self.to_make, self.cache_dir, site_dir)

    def stop(self) -> None:
        with self.lock:
            self.generation += 1
        self.worker.shutdown(wait=False, cancel_futures=True)
        if self.layout is not None:
            self.layout.shutdown(wait=False, cancel_futures=True)

    def _laid_out(self, html: str, cache_dir: Path) -> bytes:
        """The PDF for ``html``, laid out in the worker process (on this thread where there can be
        none, or it broke). The layout's own error is raised as it is."""
        from generator.pdf import cached_pdf

        try:
            if self.layout is None:
                from generator.pdf_jobs import worker_pool

                self.layout = worker_pool(1)
            made = self.layout.submit(cached_pdf, html, cache_dir)
        except (OSError, BrokenProcessPool, RuntimeError):  # no worker process here, or the session is ending
            return cached_pdf(html, cache_dir)
        try:
            return made.result()
        except BrokenProcessPool:
            return cached_pdf(html, cache_dir)

    def _make(self, generation: int, documents: dict[str, str], cache_dir: Path, site_dir: Path) -> None:
        from generator.files import write_atomically

        for site_path, html in documents.items():
            if generation != self.generation:
                return
            try:
                pdf = self._laid_out(html, cache_dir)
            except Exception as error:  # the served site keeps the previous PDF; the next build tries again
                log.error(f"{site_path} could not be made: {error}")
                return
            with self.lock:
                if generation != self.generation:
                    return
                self.published[site_path] = pdf
                try:
                    write_atomically(site_dir / site_path, pdf)
                except OSError:
                    return  # the site folder is being rebuilt; that build publishes the PDF
        log.info("PDFs updated")
