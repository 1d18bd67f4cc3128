"""The live preview behind ``handbook serve``: MkDocs' development server, tuned so that a saved
data file shows in the browser in under a second.

Three things make the difference against plain ``mkdocs serve``:

- changes are polled for every 0.1 s instead of 0.5 s, and the rebuild starts 0.05 s after them
  instead of 0.1 s (:func:`serve_site`);
- Jinja templates, the theme's and the handbook's, are compiled once per session, not on every
  rebuild (:class:`generator.render.environment.TemplatesInMemory`);
- leaflet PDFs never hold up a rebuild: a changed leaflet is made after the build, on a worker
  thread, and replaces its PDF in the served site when ready (:class:`BackgroundLeafletPdfs`).
"""

from __future__ import annotations

import logging
import shutil
import signal
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.handbook")
POLLING_INTERVAL = 0.1  # seconds between looks for changed files (MkDocs: 0.5)
BUILD_DELAY = 0.05  # quiet time after a change before rebuilding (MkDocs: 0.1); one look's changes arrive together


def serve_site(config_file: Path, dev_addr: str) -> None:
    """Build the site into a temporary folder, serve it, and rebuild and reload on every change.

    MkDocs' own ``serve`` (mkdocs.commands.serve), except that the watcher polls faster, the
    rebuild waits less, and the temporary folder is removed when the process is terminated, not
    only on Ctrl+C. Its messages (where it serves, each rebuild) go to standard error.
    """
    from generator.publish import mkdocs_messages_to_stderr

    with mkdocs_messages_to_stderr(logging.INFO):
        _serve(config_file, dev_addr)


def _serve(config_file: Path, dev_addr: str) -> None:
    from urllib.parse import urlsplit

    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.livereload import LiveReloadServer

    site_dir = tempfile.mkdtemp(prefix="handbook_")

    def get_config():
        return load_config(config_file=str(config_file), site_dir=site_dir, dev_addr=dev_addr)

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=False)
    host, port = config.dev_addr

    def builder(config=None) -> None:
        log.info("Building documentation...")
        config = config or get_config()
        config.site_url = server.url
        build(config, serve_url=server.url)

    server = LiveReloadServer(builder=builder, host=host, port=port, root=site_dir,
                              mount_path=urlsplit(config.site_url or "/").path, polling_interval=POLLING_INTERVAL)
    server.build_delay = BUILD_DELAY
    server.error_handler = lambda code: _error_page(Path(site_dir), code)
    try:
        builder(config)
        for path in [config.docs_dir, config.config_file_path]:
            server.watch(path)
        server = config.plugins.on_serve(server, config=config, builder=builder)
        for path in config.watch:
            server.watch(path)
        signal.signal(signal.SIGTERM, _interrupt)  # a stopped preview cleans up as after Ctrl+C
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _error_page(site_dir: Path, code: int) -> bytes | None:
    """The site's own 404 page (Material builds one), as MkDocs' server shows it."""
    page = site_dir / f"{code}.html"
    return page.read_bytes() if code in (404, 500) and page.is_file() else None


class BackgroundLeafletPdfs:
    """Leaflet PDFs for a site being served, made so that no rebuild waits for them.

    A PDF already in the cache is published at once. One whose print document changed is
    published in its previous version and made after the build on a worker thread, which then
    writes it into the served site; a newer rebuild makes older work moot. Only the first build
    makes its PDFs before the site is served, as there is no previous version to show.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()  # guards everything below, and writes into the served site
        self.generation = 0  # counts builds; work for an older one stops
        self.published: dict[str, bytes] = {}  # site path -> the PDF the served site has
        self.audience: str | None = None  # whom the published PDFs were made for
        self.to_make: dict[str, str] = {}  # site path -> print HTML the latest build still needs
        self.cache_dir: Path | None = None
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="handbook-leaflets")

    def for_build(self, documents: dict[str, str], cache_dir: Path, audience: str) -> dict[str, bytes]:
        """Site path -> PDF to publish in this build: the cached one, else the previous one for now.

        A previous PDF stands in only for the same audience: a public preview never shows, even for
        a moment, a leaflet made for assessors.
        """
        from generator.leaflets.pdf import cached_pdf, stored_pdf

        with self.lock:
            self.generation += 1
            if audience != self.audience:
                self.published, self.audience = {}, audience
            self.cache_dir, self.to_make, pdfs = cache_dir, {}, {}
            for site_path, html in documents.items():
                pdf = stored_pdf(html, cache_dir)
                if pdf is None and site_path in self.published:
                    pdf, self.to_make[site_path] = self.published[site_path], html
                pdfs[site_path] = pdf if pdf is not None else cached_pdf(html, cache_dir)
            self.published = dict(pdfs)
        return pdfs

    def start(self, site_dir: Path) -> None:
        """After a build: make the PDFs it published in their previous version, in the background."""
        with self.lock:
            if self.to_make:
                self.worker.submit(self._make, self.generation, self.to_make, self.cache_dir, site_dir)

    def stop(self) -> None:
        with self.lock:
            self.generation += 1
        self.worker.shutdown(wait=False, cancel_futures=True)

    def _make(self, generation: int, documents: dict[str, str], cache_dir: Path, site_dir: Path) -> None:
        from generator.leaflets.pdf import cached_pdf, write_atomically

        for site_path, html in documents.items():
            if generation != self.generation:
                return
            try:
                pdf = cached_pdf(html, cache_dir)
            except Exception as error:  # the served site keeps the previous PDF; the next build tries again
                log.error(f"The leaflet {site_path} could not be made: {error}")
                return
            with self.lock:
                if generation != self.generation:
                    return
                self.published[site_path] = pdf
                try:
                    write_atomically(site_dir / site_path, pdf)
                except OSError:
                    return  # the site folder is being rebuilt; that build publishes the PDF
        log.info("Leaflet PDFs updated")
