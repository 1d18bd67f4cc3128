"""The handbook under the engines that outlive MkDocs 1.6: ProperDocs runs our plugin, Zensical builds an export.

ProperDocs (``properdocs``) is the maintained MkDocs 1.x fork: it reads ``mkdocs.yml`` (``-f``),
loads plugins from the ``mkdocs.plugins`` entry points and Material from ``mkdocs.themes``, and
inside its own process redirects every ``mkdocs.*`` import to ``properdocs.*``; so the example
builds with our plugin unchanged. Zensical (``zensical``) reads ``mkdocs.yml`` too, but silently
ignores third-party plugins, so what it builds is ``handbook export``'s plugin-free sources.

Both engines are in the ``test`` extra and run as subprocesses from the virtualenv's ``bin``
folder; a missing one fails the test, it is never skipped. Neither needs the network.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from sitetools import TODAY, copy_example_project

from generator.cli import main
from generator.site import SiteContent, site_content

BIN = Path(sys.executable).parent
PROGRAMME_NAME = "Harbourside Mentoring"  # the example programme's name
GENERATED_ON = "generated on 23 November 2026"  # TODAY, as the generated pages' footers print it
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")  # Zensical colours its output even into a pipe


@pytest.fixture(scope="module")
def programme(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the example programme whose mkdocs.yml fixes the plugin's date (other options kept)."""
    project = copy_example_project(tmp_path_factory.mktemp("engines") / "prog")
    config_file = project / "mkdocs.yml"
    settings = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    handbook = [plugin for plugin in settings["plugins"] if isinstance(plugin, dict) and "handbook" in plugin]
    assert len(handbook) == 1, f"the example's mkdocs.yml should configure the handbook plugin once: {settings['plugins']}"
    handbook[0]["handbook"] = {**(handbook[0]["handbook"] or {}), "today": TODAY}
    config_file.write_text(yaml.safe_dump(settings, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def content(programme: Path) -> SiteContent:
    return site_content(programme / "data", None, audience="public", today=dt.date.fromisoformat(TODAY))


def engine(name: str) -> Path:
    executable = BIN / name
    if not executable.is_file():
        pytest.fail(f"{name} is not installed beside {sys.executable}: install the test extra "
                    "(pip install -e '.[test]'), which brings ProperDocs and Zensical", pytrace=False)
    return executable


def run(command: list[str | Path], cwd: Path) -> str:
    """Run an engine; fail with its whole output unless it exits 0. Returns that output."""
    result = subprocess.run([str(part) for part in command], cwd=cwd, capture_output=True, text=True, timeout=600, check=False)
    output = ANSI_ESCAPE.sub("", result.stdout + result.stderr)
    assert result.returncode == 0, f"{' '.join(map(str, command))} exited {result.returncode}:\n{output}"
    return output


def html_of(site: Path, page_path: str) -> Path:
    """Where a page's Markdown path lands with directory URLs (both engines' default)."""
    if page_path == "index.md" or page_path.endswith("/index.md"):
        return site / page_path.replace(".md", ".html")
    return site / page_path.removesuffix(".md") / "index.html"


def missing_outputs(site: Path, content: SiteContent) -> list[str]:
    """Every generated page, leaflet PDF and assessment download that the built site lacks."""
    expected = [html_of(site, page.path) for page in content.pages]
    expected += [site / site_path for site_path in content.leaflet_documents]
    expected += [site / site_path for site_path in content.downloads]
    return [str(path.relative_to(site)) for path in expected if not path.is_file()]


def generator_of(html: str) -> str:
    found = re.search(r'<meta name="generator" content="([^"]*)"', html)
    return found.group(1) if found else ""


def test_the_example_builds_with_the_plugin_under_properdocs(programme: Path, content: SiteContent, tmp_path: Path) -> None:
    site = tmp_path / "site"
    run([engine("properdocs"), "build", "--strict", "--clean", "--config-file", "mkdocs.yml", "--site-dir", site], cwd=programme)

    assert missing_outputs(site, content) == []
    assert content.pages and len(content.leaflet_documents) == 3 and content.downloads
    for site_path in content.leaflet_documents:
        assert (site / site_path).read_bytes().startswith(b"%PDF-"), site_path
    for site_path, source in content.evidence_files:  # the plugin publishes evidence as written, never rendered
        assert (site / site_path).read_bytes() == source.read_bytes(), site_path
    first = html_of(site, content.pages[0].path).read_text(encoding="utf-8")
    assert "ProperDocs" in generator_of(first), generator_of(first)  # built by ProperDocs, not by MkDocs
    assert PROGRAMME_NAME in first and GENERATED_ON in first  # generated content, with the fixed date


def test_the_export_builds_under_zensical(programme: Path, content: SiteContent, tmp_path: Path) -> None:
    out = tmp_path / "export"
    exported = CliRunner().invoke(main, ["export", str(out), "--config", str(programme / "mkdocs.yml"), "--today", TODAY])
    assert exported.exit_code == 0, exported.output

    run([engine("zensical"), "build", "--strict", "--clean", "--config-file", out / "mkdocs.yml"], cwd=out)

    settings = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    site = out / settings["site_dir"]
    assert settings.get("use_directory_urls", True)  # html_of assumes directory URLs
    assert missing_outputs(site, content) == []
    for site_path in [*content.leaflet_documents, *content.downloads]:  # copied byte for byte from the export
        assert (site / site_path).read_bytes() == (out / settings["docs_dir"] / site_path).read_bytes(), site_path
    for site_path, _ in content.evidence_files:
        # Without the plugin, Markdown evidence is rendered as a page (as under plain MkDocs); other files are copied.
        built = html_of(site, site_path) if site_path.endswith(".md") else site / site_path
        assert built.is_file(), site_path
    first = html_of(site, content.pages[0].path).read_text(encoding="utf-8")
    assert generator_of(first).startswith("zensical"), generator_of(first)
    assert PROGRAMME_NAME in first and GENERATED_ON in first
    assert "assets/handbook/handbook.css" in first and (site / "assets/handbook/handbook.css").is_file()  # the theme layer


def test_zensical_ignores_the_plugin_so_it_needs_the_export(tmp_path: Path, content: SiteContent) -> None:
    """Zensical given the project's own mkdocs.yml drops ``handbook`` without a word: only hand-written pages build.
    If this starts failing, Zensical runs MkDocs plugins and the export may no longer be needed."""
    project = copy_example_project(tmp_path / "prog")

    run([engine("zensical"), "build", "--clean", "--config-file", project / "mkdocs.yml"], cwd=project)

    site = project / "site"
    assert (site / "index.html").is_file()
    assert not any(html_of(site, page.path).exists() for page in content.pages)
    assert not list(site.rglob("*.pdf"))
