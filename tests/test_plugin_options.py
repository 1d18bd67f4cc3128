"""The plugin's options behave like MkDocs' own, data warnings reach MkDocs' log, the assessor
edition cannot pass for the public one, and errors exit through click with their codes."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from corpus import make_programme
from sitetools import TODAY, broken_internal_links, copy_example_project

from generator.cli import main
from generator.pipeline import load_programme
from generator.problems import (
    BuildFailed,
    DataError,
    Position,
    Problem,
    WarningsAsErrors,
)
from generator.starter import EXAMPLE

BANNER = "Assessor edition — not for publication"
NOINDEX = '<meta name="robots" content="noindex">'
LEAFLET_WARNING = 'warning: code_of_conduct.boundaries: the mentee leaflet item "Boundaries" has no data'


def set_plugin_options(project: Path, options: str) -> None:
    """Add options (YAML lines at the plugin's indentation) to the handbook plugin in mkdocs.yml."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      templates_dir: templates\n" in text
    config.write_text(text.replace("      templates_dir: templates\n", "      templates_dir: templates\n" + options), encoding="utf-8")


def young_project(target: Path) -> Path:
    """A project whose data has leaflet warnings (items with no data), as a young programme's has."""
    target.mkdir(parents=True)
    (target / "mkdocs.yml").write_text((EXAMPLE / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    (target / "handbook").mkdir()
    (target / "handbook" / "index.md").write_text("# Test Mentoring\n\nWelcome.\n", encoding="utf-8")
    make_programme(target / "data")
    return target


def mkdocs(project: Path, *arguments: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", *arguments, "-f", str(project / "mkdocs.yml")],
                          capture_output=True, text=True, check=False, cwd=cwd or project)


def handbook(*arguments: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator.cli", *arguments], capture_output=True, text=True, check=False, cwd=cwd)


# --- leaflets: false ------------------------------------------------------------------------------


def test_leaflets_false_builds_in_strict_mode_without_linking_pdfs(tmp_path: Path) -> None:
    project = copy_example_project(tmp_path / "project")
    set_plugin_options(project, f"      leaflets: false\n      today: {TODAY}\n")

    result = mkdocs(project, "--strict")

    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert not list((site / "leaflets").rglob("*.pdf")) and (site / "handbook.pdf").is_file()  # the print handbook is not a leaflet
    for name in ("mentee", "mentor", "line-manager"):
        page = (site / "leaflets" / name / "index.html").read_text(encoding="utf-8")
        assert ".pdf" not in page and "Download the printable leaflet" not in page
        assert "The printable leaflet says the same" not in page
    assert broken_internal_links(site) == []


# --- data warnings ---------------------------------------------------------------------------------


def test_data_warnings_are_mkdocs_warnings_so_strict_mkdocs_stops_on_them(tmp_path: Path) -> None:
    project = young_project(tmp_path / "project")

    result = mkdocs(project, "--strict")

    assert result.returncode == 1
    assert f"WARNING -  data/policies.yaml:2:3: {LEAFLET_WARNING}" in result.stderr
    assert re.search(r"Aborted with \d+ warnings in strict mode", result.stdout + result.stderr)
    assert "Traceback" not in result.stderr

    set_plugin_options(project, "      warnings: info\n")  # the switch: data warnings inform, links still count
    relaxed = mkdocs(project, "--strict")
    assert relaxed.returncode == 0, relaxed.stderr
    assert f"INFO    -  data/policies.yaml:2:3: {LEAFLET_WARNING}" in relaxed.stderr


def test_handbook_build_prints_data_warnings_as_lines_and_builds_a_young_programme(tmp_path: Path) -> None:
    project = young_project(tmp_path / "project")

    result = handbook("build", "--today", TODAY, cwd=project)

    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert f"data/policies.yaml:2:3: {LEAFLET_WARNING}, so the leaflet leaves it out; add boundaries to code_of_conduct" in lines
    assert not [line for line in lines if line.startswith("WARNING")]  # printed once, as validate prints them
    assert (project / "site" / "index.html").is_file()

    strict = handbook("build", "--strict", "--site-dir", "strict-site", "--today", TODAY, cwd=project)
    assert strict.returncode == 1
    assert re.search(r"^\d+ warnings, which --strict treats as errors; nothing was written\.$", strict.stderr, re.MULTILINE)
    assert not (project / "strict-site").exists()
    assert "Traceback" not in strict.stderr


# --- folders ---------------------------------------------------------------------------------------


def test_folder_options_are_absolute_and_relative_to_mkdocs_yml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.config import load_config

    project = copy_example_project(tmp_path / "programmes" / "riverside")
    (project / "data").rename(project / "programme-data")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("data_dir: data", "data_dir: programme-data"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    options = load_config(str(Path("programmes/riverside/mkdocs.yml"))).plugins["handbook"].config

    assert options.data_dir == str(project / "programme-data")
    assert options.templates_dir == str(project / "templates")
    assert options.cache_dir == str(project / ".cache" / "handbook")
    result = mkdocs(project, "--strict", cwd=tmp_path)  # from another folder: the data is still found
    assert result.returncode == 0, result.stderr
    assert (project / "site" / "programme" / "welcome" / "index.html").is_file()


def test_cache_dir_is_honoured_by_builds_and_the_leaflets_command(tmp_path: Path) -> None:
    project = copy_example_project(tmp_path / "project")
    set_plugin_options(project, "      cache_dir: ../shared-cache\n")

    result = handbook("build", "--today", TODAY, cwd=project)
    assert result.returncode == 0, result.stderr
    cache = tmp_path / "shared-cache"
    assert list(cache.glob("content-*.pickle")) and len(list(cache.glob("*.pdf"))) == 4  # three leaflets, the print handbook
    assert not (project / ".cache").exists()

    for pdf in cache.glob("*.pdf"):
        pdf.write_bytes(b"%PDF-1.7 from the cache")  # the leaflets command must take these, not make new ones
    leaflets = handbook("leaflets", "--out", "out", "--today", TODAY, cwd=project)
    assert leaflets.returncode == 0, leaflets.stderr
    assert (project / "out" / "mentee.pdf").read_bytes() == b"%PDF-1.7 from the cache"
    assert not (project / ".cache").exists()


def test_a_bad_today_is_a_usage_error_everywhere(tmp_path: Path) -> None:
    """--today is read by the same parser as mkdocs.yml's today: the same message, as a usage error."""
    for command in (["build"], ["export", "out"], ["leaflets"], ["assess"]):
        result = handbook(*command, "--today", "soon", cwd=tmp_path)
        assert result.returncode == 2, (command, result.stderr)
        assert "'soon' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-23" in result.stderr
        assert "Traceback" not in result.stderr


# --- the assessor edition --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One project built twice, as a coordinator would: the public edition, then the assessor edition."""
    project = copy_example_project(tmp_path_factory.mktemp("editions") / "project")
    (project / "handbook" / "about.md").write_text("# About this handbook\n\nWritten by hand.\n", encoding="utf-8")
    for audience in ("public", "assessor"):
        result = handbook("build", "--audience", audience, "--today", TODAY, cwd=project)
        assert result.returncode == 0, result.stderr
    return project


def test_the_assessor_edition_goes_to_its_own_folder(editions: Path) -> None:
    assert (editions / "site-assessor" / "index.html").is_file()
    assert (editions / "site" / "index.html").is_file()
    assert "site-assessor/" in (EXAMPLE.parent / "common" / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_every_assessor_page_has_the_banner_and_noindex_and_no_public_page_has(editions: Path) -> None:
    site = editions / "site-assessor"
    pages = sorted(site.rglob("*.html"))
    names = {str(page.relative_to(site)) for page in pages}
    assert {"index.html", "about/index.html", "programme/welcome/index.html", "leaflets/mentee/index.html",
            "assessment/checklist/index.html", "404.html"} <= names  # hand-written, generated, the theme's own
    for page in pages:
        text = page.read_text(encoding="utf-8")
        head, _, body = text.partition("</head>")
        assert NOINDEX in head, page
        assert body.count(BANNER) == 1, page
        assert body.index(BANNER) < body.index('class="md-header'), page  # at the top, above the header

    public = sorted((editions / "site").rglob("*.html"))
    internal_items = {f"assessment/evidence/{item.id}/index.html" for item in load_programme(EXAMPLE / "data").programme.evidence
                      if item.visibility != "public"}  # their pages are in the assessor edition only
    assert internal_items and internal_items <= names
    assert {str(page.relative_to(editions / "site")) for page in public} == names - internal_items
    for page in public:
        text = page.read_text(encoding="utf-8")
        assert BANNER not in text and "noindex" not in text, page


def test_an_assessor_export_built_without_the_plugin_still_carries_the_banner_and_noindex(tmp_path: Path) -> None:
    out = tmp_path / "export"
    result = handbook("export", str(out), "--audience", "assessor", "--config", str(EXAMPLE / "mkdocs.yml"), "--today", TODAY,
                      cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    plain = mkdocs(out, "--strict")
    assert plain.returncode == 0, plain.stderr
    for page in (out / "site" / "index.html", out / "site" / "programme" / "welcome" / "index.html", out / "site" / "404.html"):
        text = page.read_text(encoding="utf-8")
        assert BANNER in text and NOINDEX in text.partition("</head>")[0], page


# --- errors ----------------------------------------------------------------------------------------


def test_errors_are_click_exceptions_that_carry_their_exit_code() -> None:
    problem = Problem(Position("data/roles.yaml", 3, 5), "roles[0].title", "must not be empty")
    warning = Problem(Position("data/roles.yaml", 4, 5), "roles[0].summary", "reads hard", severity="warning")
    for error in (DataError([problem]), WarningsAsErrors([warning]), BuildFailed("a link is broken")):
        assert isinstance(error, click.ClickException) and error.exit_code == 1
    assert DataError([problem, warning]).format_message().splitlines() == [
        "data/roles.yaml:3:5: roles[0].title: must not be empty",
        "data/roles.yaml:4:5: warning: roles[0].summary: reads hard",
        "1 error; nothing was written.",
    ]
    assert BuildFailed("a link is broken").format_message() == "build failed: a link is broken; the previous site was left as it was."


def test_errors_anywhere_in_a_command_exit_through_click_with_their_lines_and_no_traceback(tmp_path: Path) -> None:
    @main.command("raise-data-error", hidden=True)
    def raise_data_error() -> None:
        raise DataError([Problem(Position("data/roles.yaml", 3, 5), "roles[0].title", "must not be empty")])

    try:
        result = CliRunner().invoke(main, ["raise-data-error"])
    finally:
        del main.commands["raise-data-error"]

    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert result.stderr.splitlines() == ["data/roles.yaml:3:5: roles[0].title: must not be empty", "1 error; nothing was written."]
    assert result.stdout == ""

    project = copy_example_project(tmp_path / "project")  # BuildFailed: MkDocs stopped the strict build
    (project / "handbook" / "broken.md").write_text("# Broken\n\n[nowhere](nowhere.md)\n", encoding="utf-8")
    build = handbook("build", "--today", TODAY, cwd=project)
    assert build.returncode == 1
    assert build.stderr.splitlines()[-1] == "build failed: Aborted with 1 warnings in strict mode!; the previous site was left as it was."
    assert "Traceback" not in build.stderr
