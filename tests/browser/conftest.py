"""Real-browser tests: the example site built once, served on 127.0.0.1 and driven in Chromium.

The browser is Debian's Chromium at ``/usr/bin/chromium`` (never a downloaded one), run headless
with background networking off, since the machine may have no internet. When Playwright or the
browser is missing the tests are skipped with the reason; when the ``CI`` environment variable is
set they fail instead, so a CI run cannot pass without them (``browser_unavailable``).

Every request the browser makes is checked: anything not addressed to 127.0.0.1 is recorded and
aborted, and console errors and uncaught page errors are recorded per page, so a test can assert
that what it visited was clean. Screenshots and print PDFs go to ``tests/browser/screenshots/``
(ignored by git) for a person to look at. ``HANDBOOK_BROWSER_SITE=DIR`` tests an already-built site
instead of building the example (handy while working on the tests themselves).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from sitetools import built_example, unavailable

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-quic",
    "--metrics-recording-only",
    "--password-store=basic",
]
LOCAL_HOST = "127.0.0.1"
SCREENSHOTS = Path(__file__).parent / "screenshots"
VIEWPORT = {"width": 1280, "height": 900}


def browser_unavailable(reason: str) -> None:
    """Skip a browser test for a missing browser, or fail it when ``CI`` is set."""
    unavailable(f"browser tests: {reason}")


@dataclass
class PageLog:
    """What went wrong while a page was open: console errors, uncaught errors and requests that left 127.0.0.1."""

    errors: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)  # every request, for tests that check where files came from

    def problems(self) -> list[str]:
        return self.errors + [f"request left {LOCAL_HOST}: {entry}" for entry in self.outside_requests]

    def assert_clean(self) -> None:
        """Fail, listing every problem, when the page logged an error or fetched something off 127.0.0.1."""
        problems = self.problems()
        assert not problems, "\n".join(problems)


def is_local(url: str) -> bool:
    """True for URLs served by the test server, or that never touch the network (data:, blob:, about:)."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "chrome-error", ""):
        return True
    return parts.hostname == LOCAL_HOST


def watch(page: Any, log: PageLog | None = None, *, stays: Callable[[str], bool] = is_local) -> PageLog:
    """Record console errors, page errors and every request of one page, each with the page URL;
    requests for which ``stays`` is false (by default: off 127.0.0.1) are also listed as outside."""
    log = log if log is not None else PageLog()

    def on_console(message: Any) -> None:
        if message.type == "error":
            location = message.location or {}
            where = f" ({location.get('url')}:{location.get('lineNumber')})" if location.get("url") else ""
            log.errors.append(f"{page.url}: console error: {message.text}{where}")

    def on_request(request: Any) -> None:
        log.requests.append(request.url)
        if not stays(request.url):
            log.outside_requests.append(f"{page.url} -> {request.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: log.errors.append(f"{page.url}: uncaught error: {error}"))
    page.on("request", on_request)
    page.on("websocket", lambda socket: None if stays(socket.url) else log.outside_requests.append(f"{page.url} -> {socket.url}"))
    return log


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site, built once per session (``HANDBOOK_BROWSER_SITE`` reuses a built one)."""
    return built_example(tmp_path_factory, "HANDBOOK_BROWSER_SITE")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """A built site served over HTTP on 127.0.0.1 (a free port) from a background thread: its address."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer((LOCAL_HOST, 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """The example site, served (see :func:`served`)."""
    with served(site) as address:
        yield address


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, through Playwright; skipped (or failed under CI) when either is missing."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError as error:
        browser_unavailable(f"Playwright for Python is not installed ({error}); pip install -e '.[test]'")
    if not CHROMIUM.is_file():
        browser_unavailable(f"{CHROMIUM} is missing; apt-get install chromium")
    playwright = sync_playwright().start()
    try:
        try:
            launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        except Error as error:
            browser_unavailable(f"{CHROMIUM} did not start: {error.message.splitlines()[0]}")
        yield launched
        launched.close()
    finally:
        playwright.stop()


@pytest.fixture(scope="session")
def context(browser: Any, base_url: str) -> Iterator[Any]:
    """One browser context for the session; any request not addressed to 127.0.0.1 is aborted (and recorded by ``watch``)."""
    context = browser.new_context(base_url=base_url, viewport=VIEWPORT, service_workers="block", locale="en-GB")
    context.set_default_timeout(10_000)
    context.route("**/*", lambda route, request: route.continue_() if is_local(request.url) else route.abort("blockedbyclient"))
    yield context
    context.close()


@pytest.fixture(scope="session")
def axe(browser: Any) -> Any:
    """axe-core, as shipped by axe-playwright-python (it injects the script; nothing is fetched)."""
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError as error:
        browser_unavailable(f"axe-playwright-python is not installed ({error}); pip install -e '.[test]'")
    return Axe()


@pytest.fixture(scope="session")
def watcher() -> Any:
    """``watch``, for tests that open their own tabs."""
    return watch


@pytest.fixture
def page(context: Any) -> Iterator[Any]:
    """A fresh tab; ``page.log`` holds its console errors and non-local requests."""
    tab = context.new_page()
    tab.log = watch(tab)
    yield tab
    tab.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """The folder for screenshots and print PDFs, for a person to look at after the run."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS

