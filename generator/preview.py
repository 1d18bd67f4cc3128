"""The live preview behind ``handbook serve``: MkDocs' development server, tuned so that a saved
data file shows in the browser in under a second.

Three things make the difference against plain ``mkdocs serve``:

- changes are polled for every 0.1 s instead of 0.5 s, and the rebuild starts 0.05 s after them
  instead of 0.1 s (:func:`serve_site`);
- Jinja templates, the theme's and the handbook's, are compiled once per session, not on every
  rebuild (:class:`generator.templating.CompiledTemplates`);
- PDFs never hold up a rebuild: a changed leaflet or print handbook is made after the build, in
  a worker process started once for the session, and replaces its PDF in the served site when
  ready (:class:`generator.leaflets.background.BackgroundPdfs`).

And while a rebuild fails (the data has a problem), every page answers with the problems, one line
each as ``handbook validate`` prints them, and reloads by itself once they are fixed, where MkDocs'
server would hold every request until then (:class:`PreviewServer`).
"""

from __future__ import annotations

import logging
import posixpath
import shutil
import signal
import tempfile
from collections.abc import Iterable
from html import escape
from pathlib import Path
from typing import Any, Self

from mkdocs.livereload import LiveReloadServer

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

    from generator.plugin import handbook_plugin

    site_dir = tempfile.mkdtemp(prefix="handbook_")

    def get_config():
        return load_config(config_file=str(config_file), site_dir=site_dir, dev_addr=dev_addr)

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=False)
    host, port = config.dev_addr

    def build_once(config=None) -> None:
        log.info("Building documentation...")
        config = config or get_config()
        config.site_url = server.url
        plugin = handbook_plugin(config)
        if plugin is not None:  # data problems come out as themselves (DataError), not as MkDocs' abort
            plugin.prepare(plugin.settings_for(config))
        build(config, serve_url=server.url)

    def builder(config=None) -> None:
        """A rebuild: if it fails, the server shows why instead of the site until the next one."""
        with ErrorsLogged() as logged:
            try:
                build_once(config)
            except Exception as error:  # whatever it is, the coordinator sees it on the page
                server.show_problems(_failure_lines(error, logged.messages))
                return
        server.show_problems(None)

    server = PreviewServer(builder=builder, host=host, port=port, root=site_dir,
                           mount_path=urlsplit(config.site_url or "/").path, polling_interval=POLLING_INTERVAL)
    server.build_delay = BUILD_DELAY
    server.error_handler = lambda code: _error_page(Path(site_dir), code)
    try:
        build_once(config)  # broken data at the start stops the command with its problems, as a build does
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


def _failure_lines(error: Exception, logged: list[str]) -> list[str]:
    """What a failed rebuild says: the data's problems one line each, else what MkDocs logged as errors."""
    from mkdocs.exceptions import MkDocsException

    from generator.problems import DataError

    if isinstance(error, DataError):
        lines = [str(problem) for problem in error.problems]
        log.error("The programme data has problems:\n" + "\n".join(lines))
        return lines
    if isinstance(error, MkDocsException):  # MkDocs has logged why (an aborted build), or the message says it
        lines = [line for message in logged for line in message.splitlines()] or [error.format_message().strip()]
        if not logged:
            log.error(error.format_message().strip())
        return lines
    log.exception("The rebuild failed")
    return [f"the build failed: {type(error).__name__}: {error}"]


class ErrorsLogged(logging.Handler):
    """Collects the ERROR messages MkDocs logs while it is installed (a ``with`` block)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())

    def __enter__(self) -> Self:
        logging.getLogger("mkdocs").addHandler(self)
        return self

    def __exit__(self, *exc_info: object) -> None:
        logging.getLogger("mkdocs").removeHandler(self)


class PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server, which answers every page with the problems while the last rebuild failed.

    A failed rebuild counts as a new version of the site (the failure page), so open browsers reload
    onto it, and reload again onto the fixed site after the next rebuild succeeds.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.problems: list[str] | None = None  # set by the builder thread before it publishes a new version

    def show_problems(self, problems: list[str] | None) -> None:
        self.problems = problems

    def _serve_request(self, environ: dict, start_response: Any) -> Iterable[bytes] | None:
        path = environ["PATH_INFO"].encode("latin-1").decode("utf-8", "ignore")
        is_page = (path + "/").startswith(self.mount_path) and posixpath.splitext(path)[1] in ("", ".html", ".htm")
        if not is_page or path.startswith("/livereload/"):
            return super()._serve_request(environ, start_response)
        with self._epoch_cond:  # as MkDocs does: never answer from the middle of a rebuild
            self._epoch_cond.wait_for(lambda: self._visible_epoch == self._wanted_epoch)
            epoch = self._visible_epoch
            problems = self.problems
        if problems is None:
            return super()._serve_request(environ, start_response)
        body = self._inject_js_into_html(problems_page(problems), epoch)
        start_response("503 Service Unavailable", [("Content-Type", "text/html; charset=utf-8"),
                                                   ("Content-Length", str(len(body))), ("Cache-Control", "no-store")])
        return [body]


def problems_page(problems: list[str]) -> bytes:
    """The page a preview shows while the site cannot be built: the problems, one line each."""
    lines = "\n".join(escape(line) for line in problems)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>The handbook cannot be built</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; line-height: 1.5; }}
h1 {{ color: #b42318; font-size: 1.5rem; }}
pre {{ background: #f6f6f6; border-left: 0.3rem solid #b42318; padding: 1rem; white-space: pre-wrap; overflow-wrap: anywhere; }}
</style>
</head>
<body>
<main>
<h1>The handbook cannot be built</h1>
<p>Fix these problems and save the file: this page reloads by itself.</p>
<pre>
{lines}
</pre>
</main>
</body>
</html>
""".encode()


def _error_page(site_dir: Path, code: int) -> bytes | None:
    """The site's own 404 page (Material builds one), as MkDocs' server shows it."""
    page = site_dir / f"{code}.html"
    return page.read_bytes() if code in (404, 500) and page.is_file() else None
