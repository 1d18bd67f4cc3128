"""Every generated page, opened in the browser: no console errors, nothing fetched off 127.0.0.1, no serious axe violations."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

BLOCKING_IMPACTS = ("serious", "critical")


@dataclass
class Crawl:
    """What one visit of every page found."""

    pages: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the built site, as a URL path from the site root (``conduct/code-of-conduct/``)."""
    paths = []
    for html in sorted(site.rglob("*.html")):
        relative = html.relative_to(site).as_posix()
        paths.append(relative.removesuffix("index.html"))
    return paths


def describe(path: str, violation: dict) -> str:
    """One line per page and rule: where the rule failed and on which elements."""
    nodes = violation["nodes"]
    targets = ", ".join(" ".join(map(str, node["target"])) for node in nodes[:3])
    more = f" and {len(nodes) - 3} more" if len(nodes) > 3 else ""
    return f"{violation['id']} ({violation['impact']}: {violation['help']}) on /{path}: {len(nodes)} element(s): {targets}{more}"


@pytest.fixture(scope="module")
def crawl(context: Any, site: Path, watcher: Any, axe: Any) -> Crawl:
    """Open every built page once in one tab, running axe-core on each; record what went wrong where."""
    result = Crawl(pages=site_pages(site))
    page = context.new_page()
    log = watcher(page)
    try:
        for path in result.pages:
            response = page.goto(path, wait_until="load")
            if response is None or not response.ok:
                result.errors.append(f"/{path}: HTTP {response.status if response else 'no response'}")
                continue
            report = axe.run(page, options={"resultTypes": ["violations"]}).response
            result.violations += [describe(path, v) for v in report["violations"] if v["impact"] in BLOCKING_IMPACTS]
        page.wait_for_timeout(200)  # let the last page's late messages arrive
    finally:
        page.close()
    result.errors += log.errors
    result.outside_requests += log.outside_requests
    return result


def test_every_page_was_visited(crawl: Crawl) -> None:
    assert len(crawl.pages) >= 20, crawl.pages
    assert "" in crawl.pages and "assessment/checklist/" in crawl.pages


def report(problems: list[str], heading: str) -> None:
    """Fail with every problem on its own line (no repr of the whole list)."""
    if problems:
        pytest.fail(f"{heading}:\n" + "\n".join(sorted(problems)), pytrace=False)


def test_no_page_logs_a_console_error(crawl: Crawl) -> None:
    report(crawl.errors, "console errors and uncaught page errors")


def test_no_request_leaves_localhost(crawl: Crawl) -> None:
    report(crawl.outside_requests, "requests that left 127.0.0.1 (page -> request)")


def test_no_serious_or_critical_accessibility_violations(crawl: Crawl) -> None:
    report(crawl.violations, "serious or critical axe-core violations")
