"""Helpers for tests that build real sites: copy the example project, crawl built HTML for links."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from click.testing import CliRunner

from generator.starter import EXAMPLE, start_programme

ROOT = Path(__file__).resolve().parents[1]
TODAY = "2026-11-23"


def unavailable(reason: str) -> None:
    """Skip a test for a system part this machine lacks (a browser, a library), or fail it when
    ``CI`` is set, so a CI run cannot pass without it. The one place this is decided."""
    import pytest

    if os.environ.get("CI", "").lower() not in ("", "0", "false"):
        pytest.fail(f"cannot run: {reason} (CI is set, so it must)", pytrace=False)
    pytest.skip(f"skipped: {reason}")


def wait_for(predicate: Callable[[], object], seconds: float, interval: float = 0.1) -> bool:
    """Poll until ``predicate()`` is true; False if ``seconds`` pass first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False


def built_example(tmp_path_factory: Any, prebuilt_variable: str, *options: str) -> Path:
    """The example site built with the CLI and ``options``, or the built one the environment variable names."""
    prebuilt = os.environ.get(prebuilt_variable)
    if prebuilt:
        return Path(prebuilt)
    from generator.cli import main

    target = tmp_path_factory.mktemp("browser") / "site"
    result = CliRunner().invoke(main, ["build", *options, "--config", str(EXAMPLE / "mkdocs.yml"), "--site-dir", str(target), "--today", TODAY])
    assert result.exit_code == 0, f"the example site did not build:\n{result.output}"
    return target


def copy_example_project(target: Path) -> Path:
    """A private copy of the example project (config, data, pages, templates, theme) to build or break."""
    start_programme(target, example=True)
    return target


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])


def parse_html(path: Path) -> _LinkParser:
    parser = _LinkParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def broken_internal_links(site: Path) -> list[str]:
    """Every relative link in the built site whose file or #anchor does not exist.

    404.html is skipped: MkDocs writes its links from the site root, since it is served at any depth.
    """
    pages = {path: parse_html(path) for path in site.rglob("*.html")}
    broken = []
    for page, parsed in pages.items():
        if page == site / "404.html":
            continue
        for href in parsed.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "tel:")):
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)}: {href} (no such file)")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in pages[target].ids:
                broken.append(f"{page.relative_to(site)}: {href} (no such anchor)")
    return broken


WELSH_NAME = "Mentora Harbourside"
WELSH_HOME = """# Llawlyfr Mentora Harbourside

Croeso i'r llawlyfr. Dechreuwch gyda'r [croeso](programme/welcome.md) neu'r [rolau](programme/roles.md).
"""


def add_welsh_translation(project: Path) -> Path:
    """Give a copy of the example a partial Welsh translation (the programme's name and summary,
    each role's title) and a Welsh home page, so that it builds in English and Welsh. Returns the
    translation file."""
    import yaml

    roles = yaml.safe_load((project / "data" / "roles.yaml").read_text(encoding="utf-8"))["roles"]
    translation = {
        "programme": {"name": WELSH_NAME, "summary": "Rhaglen fentora i staff newydd Harbourside."},
        "roles": {role["id"]: {"title": f"{role['title']} (CY)"} for role in roles},
    }
    file = project / "data" / "translations" / "cy.yaml"
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(yaml.safe_dump(translation, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (project / "handbook-cy").mkdir(exist_ok=True)
    (project / "handbook-cy" / "index.md").write_text(WELSH_HOME, encoding="utf-8")
    return file
