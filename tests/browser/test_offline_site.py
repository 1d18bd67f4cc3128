"""The offline site (``handbook build --offline``) opened from disk, as a person would from a USB stick.

The example is built once with ``--offline`` and opened at ``file:///…/site/index.html`` in Debian's
Chromium with the same launch flags as every other browser test (``CHROMIUM_ARGS`` in conftest):
none of them loosens what a ``file://`` page may do. In particular there is no
``--allow-file-access-from-files`` and no ``--disable-web-security``; a person who double-clicks
``index.html`` passes no flags, and ``test_the_browser_has_the_restrictions_of_a_double_clicked_file``
checks that this browser really refuses what theirs would (a ``fetch`` of a sibling file), so search
working here means it works for them.

Nothing may leave the machine: every request must be ``file:``, ``data:``, ``blob:`` or ``about:``;
anything else is recorded and aborted. Console errors and uncaught page errors are recorded for every
page visited, and none is tolerated: Chromium logs none for these pages. (The one page that does log
errors from disk is ``404.html``, which is never visited: MkDocs writes it with links from the site
root, ``/assets/…``, for a web server to serve at any depth; from disk nothing links to it and a
missing file shows Chromium's own error page, so it plays no part in the offline site.)
``HANDBOOK_OFFLINE_SITE=DIR`` tests an already-built offline site instead of building the example.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

import pytest
from sitetools import built_example

LOCAL_SCHEMES = ("file", "data", "blob", "about")
NAV_LINKS = "nav.md-nav--primary a.md-nav__link[href]"
SEARCH_WORD = "mentee"  # in the example's leaflet, roles and matching pages, among others
VIEWPORT = {"width": 1280, "height": 900}  # wide enough for the sidebar navigation and the header's search box
# What the offline search needs, all from the site folder: the iframe-worker shim (which Material's
# offline plugin would otherwise load from unpkg.com), Material's search worker and the inlined index.
SEARCH_FILES = ("assets/handbook/iframe-worker-shim.js", "assets/javascripts/workers/search.", "search/search_index.js")


def is_on_machine(url: str) -> bool:
    return urlsplit(url).scheme in LOCAL_SCHEMES


def file_path(url: str) -> Path:
    """The file a ``file://`` URL names (query and fragment dropped)."""
    parts = urlsplit(url)
    assert parts.scheme == "file", f"not a file:// URL: {url}"
    return Path(url2pathname(parts.path))


def report(problems: list[str], heading: str) -> None:
    """Fail with every problem on its own line."""
    if problems:
        pytest.fail(f"{heading}:\n" + "\n".join(problems), pytrace=False)


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example built with ``handbook build --offline`` (``HANDBOOK_OFFLINE_SITE`` reuses a built one)."""
    return built_example(tmp_path_factory, "HANDBOOK_OFFLINE_SITE", "--offline")


@pytest.fixture(scope="module")
def home(offline_site: Path) -> str:
    """``file:///…/site/index.html``: what a person opens by double-clicking."""
    return (offline_site / "index.html").as_uri()


@pytest.fixture(scope="module")
def file_context(browser: Any) -> Any:
    """A browser context for file:// pages; every request that is not file:/data:/blob:/about: is aborted."""
    context = browser.new_context(viewport=VIEWPORT, service_workers="block", locale="en-GB")
    context.set_default_timeout(10_000)
    context.route("**/*", lambda route, request: route.continue_() if is_on_machine(request.url) else route.abort("blockedbyclient"))
    yield context
    context.close()


@pytest.fixture
def tab(file_context: Any, watcher: Any) -> Any:
    """A fresh tab whose ``log`` records its requests and errors."""
    page = file_context.new_page()
    page.log = watcher(page, stays=is_on_machine)
    yield page
    page.close()


@dataclass
class Visit:
    """One page opened from a navigation link: where it landed and what it looked like."""

    href: str  # as written in the navigation
    url: str  # the file:// URL it resolves to
    landed: str = ""
    title: str = ""
    headers: int = 0
    headings: int = 0
    problem: str = ""  # set when the page could not be opened at all


@dataclass
class Crawl:
    visits: list[Visit] = field(default_factory=list)
    log: Any = None  # the tab's PageLog (conftest's watch)


@pytest.fixture(scope="module")
def crawl(file_context: Any, home: str, watcher: Any) -> Crawl:
    """Open the home page, collect the primary navigation's page links, and open each in one tab."""
    from playwright.sync_api import Error

    result = Crawl()
    page = file_context.new_page()
    result.log = watcher(page, stays=is_on_machine)
    try:
        page.goto(home, wait_until="load")
        links = page.eval_on_selector_all(NAV_LINKS, "links => links.map(a => [a.getAttribute('href'), a.href])")
        seen = set()
        for href, absolute in links:
            if href.startswith("#"):
                continue  # the home page's table of contents, folded into the navigation
            url = absolute.split("#", 1)[0]
            if url not in seen:
                seen.add(url)
                result.visits.append(Visit(href=href, url=url))
        for visit in result.visits:
            try:
                page.goto(visit.url, wait_until="load")
            except Error as error:
                visit.problem = error.message.splitlines()[0]
                continue
            visit.landed = page.url
            visit.title = page.title()
            visit.headers = page.locator(".md-header").count()
            visit.headings = page.locator("h1").count()
        page.wait_for_timeout(200)  # let the last page's late messages arrive
    finally:
        page.close()
    return result


@dataclass
class SearchRun:
    """A search typed on the home page, and the page its first result opened."""

    shimmed: bool = False  # window.Worker was replaced by the local iframe-worker shim
    results: int = 0
    first_href: str = ""
    landed: str = ""
    title: str = ""
    headers: int = 0
    headings: int = 0
    problem: str = ""
    log: Any = None  # the tab's PageLog (conftest's watch)


@pytest.fixture(scope="module")
def search(file_context: Any, home: str, watcher: Any) -> SearchRun:
    """Open the home page, click the search box, type ``SEARCH_WORD``, wait for results and click the first."""
    from playwright.sync_api import Error

    run = SearchRun()
    page = file_context.new_page()
    run.log = watcher(page, stays=is_on_machine)
    step = "opening the home page"
    try:
        page.goto(home, wait_until="load")
        run.shimmed = page.evaluate("() => typeof window.IFrameWorker === 'function' && window.Worker === window.IFrameWorker")
        step = "clicking the search box and typing"
        box = page.locator("input.md-search__input")
        if not box.is_visible():  # on narrow screens the box sits behind the header's search button
            page.locator("label.md-header__button[for='__search']").click()
        box.click()
        box.press_sequentially(SEARCH_WORD, delay=20)
        items = page.locator("li.md-search-result__item")
        try:
            items.first.wait_for(state="visible", timeout=10_000)
        except Error as error:
            run.problem = f"no search result appeared for {SEARCH_WORD!r}: {error.message.splitlines()[0]}"
            return run
        step = "following the first result"
        run.results = items.count()
        first = page.locator("li.md-search-result__item a.md-search-result__link").first
        run.first_href = first.evaluate("a => a.href")
        with page.expect_navigation(wait_until="load"):
            first.click()
        run.landed = page.url
        run.title = page.title()
        run.headers = page.locator(".md-header").count()
        run.headings = page.locator("h1").count()
        page.wait_for_timeout(200)
    except Error as error:
        run.problem = f"{step}: {error.message.splitlines()[0]}"
    finally:
        page.close()
    return run


def lands_on_a_page(landed: str, title: str, headers: int, headings: int) -> str:
    """Why a visited URL is not a real handbook page (empty when it is)."""
    path = urlsplit(landed).path
    if not landed.startswith("file:"):
        return f"landed on {landed!r}, not a file:// page"
    if title.startswith("Index of"):
        return f"a directory listing ({title!r})"
    if not path.endswith(".html"):
        return f"the URL does not end in .html ({landed})"
    if not file_path(landed).is_file():
        return f"no such file on disk ({file_path(landed)})"
    if headers == 0:
        return "no Material header (.md-header)"
    if headings == 0:
        return "no h1"
    return ""


def test_every_navigation_link_opens_a_page(crawl: Crawl, offline_site: Path) -> None:
    hrefs = [visit.href for visit in crawl.visits]
    assert len(hrefs) >= 20, f"the primary navigation has too few page links: {hrefs}"
    assert "programme/welcome.html" in hrefs and "assessment/checklist.html" in hrefs, hrefs
    problems = []
    for visit in crawl.visits:
        why = visit.problem or lands_on_a_page(visit.landed, visit.title, visit.headers, visit.headings)
        if why:
            problems.append(f"{visit.href} -> {visit.landed or visit.url}: {why}")
        elif offline_site.resolve() not in file_path(visit.landed).resolve().parents:
            problems.append(f"{visit.href} -> {visit.landed}: outside the site folder")
    report(problems, "navigation links that do not open a handbook page from disk")


def test_clicking_navigation_links_opens_their_pages(tab: Any, home: str) -> None:
    """Really click two navigation links from the home page, as a person would, and see the page change."""
    from playwright.sync_api import expect

    tab.goto(home, wait_until="load")
    home_heading = tab.locator("article h1").first.inner_text()
    for href in ("programme/welcome.html", "leaflets/mentee.html"):
        tab.goto(home, wait_until="load")
        link = tab.locator(f"nav.md-nav--primary a.md-nav__link[href='{href}']").first
        expect(link).to_be_visible()
        expected = link.evaluate("a => a.href")
        with tab.expect_navigation(wait_until="load"):
            link.click()
        assert tab.url == expected, f"clicking {href} landed on {tab.url}"
        why = lands_on_a_page(tab.url, tab.title(), tab.locator(".md-header").count(), tab.locator("h1").count())
        assert not why, f"clicking {href}: {why}"
        heading = tab.locator("article h1").first.inner_text()
        assert heading != home_heading, f"clicking {href} still shows the home page's heading {heading!r}"
    report(tab.log.errors + tab.log.outside_requests, "errors or requests off the machine while clicking")


def test_search_finds_pages_from_disk(search: SearchRun) -> None:
    assert not search.problem, search.problem
    assert search.shimmed, "window.Worker is not the local iframe-worker shim on the file:// page"
    assert search.results >= 1, f"no search results for {SEARCH_WORD!r}"
    why = lands_on_a_page(search.landed, search.title, search.headers, search.headings)
    assert not why, f"the first result ({search.first_href}) -> {search.landed}: {why}"
    assert urlsplit(search.landed).path == urlsplit(search.first_href).path, (search.first_href, search.landed)


def test_search_used_only_files_from_the_site(search: SearchRun, offline_site: Path) -> None:
    """The shim, the search worker and the index were all read from the site folder, not fetched."""
    assert not search.problem, search.problem
    site = offline_site.resolve().as_uri() + "/"
    for wanted in SEARCH_FILES:
        assert any(url.startswith(site + wanted) for url in search.log.requests), (
            f"the search never loaded {wanted} from {site}; it asked for:\n" + "\n".join(search.log.requests))


def test_no_request_leaves_the_machine(crawl: Crawl, search: SearchRun) -> None:
    requests = crawl.log.requests + search.log.requests
    assert len(crawl.visits) >= 20 and requests, "nothing was visited"
    report(crawl.log.outside_requests + search.log.outside_requests, "requests that are not file:, data:, blob: or about: (page -> request)")
    report([url for url in requests if "unpkg.com" in url], "requests to unpkg.com")


def test_no_page_logs_a_console_error(crawl: Crawl, search: SearchRun) -> None:
    assert len(crawl.visits) >= 20, "nothing was visited"
    report(crawl.log.errors + search.log.errors, "console errors and uncaught page errors on file:// pages")


def test_leaflet_pdf_links_point_at_files_on_disk(tab: Any, offline_site: Path) -> None:
    leaflet_pages = sorted((offline_site / "leaflets").glob("*.html"))
    assert len(leaflet_pages) >= 3, leaflet_pages
    problems = []
    for leaflet in leaflet_pages:
        tab.goto(leaflet.as_uri(), wait_until="load")
        urls = tab.eval_on_selector_all("article a[href$='.pdf']", "links => links.map(a => a.href)")
        if not urls:
            problems.append(f"{leaflet.name}: no PDF download link")
        for url in urls:
            if not url.startswith("file:"):
                problems.append(f"{leaflet.name}: {url} is not a file on disk")
                continue
            pdf = file_path(url)
            if pdf.parent.resolve() != (offline_site / "leaflets").resolve():
                problems.append(f"{leaflet.name}: {url} is not in the site's leaflets folder")
            elif not pdf.is_file():
                problems.append(f"{leaflet.name}: {url} does not exist")
            elif not pdf.read_bytes().startswith(b"%PDF-"):
                problems.append(f"{leaflet.name}: {url} is not a PDF")
    report(problems, "leaflet PDF links")
    report(tab.log.errors + tab.log.outside_requests, "errors or requests off the machine on the leaflet pages")


def test_the_request_guard_catches_an_outside_request(tab: Any, home: str) -> None:
    """The recorder and the route see (and stop) a request to the internet from a file:// page, so their silence means something."""
    tab.goto(home, wait_until="load")
    outcome = tab.evaluate("() => fetch('https://unpkg.com/iframe-worker/shim.js').then(() => 'fetched', () => 'blocked')")
    assert outcome == "blocked"
    assert any("unpkg.com" in entry for entry in tab.log.outside_requests), tab.log.requests


def test_the_browser_has_the_restrictions_of_a_double_clicked_file(browser: Any, file_context: Any, home: str) -> None:
    """No launch flag loosens file:// (as for a person who double-clicks), and the page really cannot fetch its siblings.

    Material's normal search fetches ``search/search_index.json`` and starts a Web Worker; from file://
    Chromium refuses both unless started with ``--allow-file-access-from-files``. So when search works
    here, it works through the offline plugin's inlined index and the iframe shim, as it must for a person.
    """
    page = file_context.new_page()  # not watched: the refused fetch below logs a console error on purpose
    try:
        page.goto("chrome://version", wait_until="load")
        command_line = page.locator("#command_line").inner_text()
        for loosening in ("--allow-file-access", "--disable-web-security"):  # the first also matches ...-from-files
            assert loosening not in command_line, f"Chromium was started with {loosening}: {command_line}"
        page.goto(home, wait_until="load")
        outcome = page.evaluate("() => fetch('search/search_index.json').then(r => 'fetched ' + r.status, () => 'refused')")
        assert outcome == "refused", f"a file:// page could fetch its sibling file ({outcome}); the browser is not as strict as a person's"
    finally:
        page.close()
