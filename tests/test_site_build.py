"""Real MkDocs builds of the example: pages, values, links and anchors, atomicity, overrides, export, init."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from programme_data import EARLY_PROGRAMME
from sitetools import (
    TODAY,
    broken_internal_links,
    copy_example_project,
    parse_html,
)

from generator.cli import main
from generator.pipeline import load_programme
from generator.plugin import THEME_CSS, THEME_DIR, THEME_JAVASCRIPT
from generator.site import site_content
from generator.starter import EXAMPLE


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("public") / "site"
    result = CliRunner().invoke(main, ["build", "--config", str(EXAMPLE / "mkdocs.yml"), "--site-dir", str(site), "--today", TODAY])
    assert result.exit_code == 0, result.output
    return site


@pytest.fixture(scope="module")
def content():
    return site_content(EXAMPLE / "data", None, audience="public", today=dt.date.fromisoformat(TODAY))


def html_of(site: Path, page_path: str) -> Path:
    return site / page_path.removesuffix(".md") / "index.html" if not page_path.endswith("index.md") else site / page_path.replace(".md", ".html")


def test_every_generated_page_is_built(built_site: Path, content) -> None:
    missing = [page.path for page in content.pages if not html_of(built_site, page.path).is_file()]
    assert not missing
    assert (built_site / "index.html").is_file()


def test_data_values_appear_where_they_belong(built_site: Path, content) -> None:
    programme = load_programme(EXAMPLE / "data").programme
    pages = {page.path: html_of(built_site, page.path).read_text(encoding="utf-8") for page in content.pages}
    everything = "\n".join(pages.values())
    contact = next(c for c in programme.support.contacts if c.id == programme.mismatch_policy.contact)
    mismatch_page = next(text for path, text in pages.items() if "isnt-working" in path)
    assert contact.name in mismatch_page
    assert programme.mismatch_policy.warning_signs[0].split()[0] in mismatch_page
    assert "14 September 2026" in everything  # the cohort start, as a real date
    assert programme.roles[0].responsibilities[0][:40] in everything.replace("&#39;", "'").replace("&rsquo;", "’")
    assert programme.training.sessions[0].title in everything


def test_every_internal_link_and_anchor_resolves(built_site: Path) -> None:
    assert broken_internal_links(built_site) == []


def test_checklist_links_reach_evidence_and_back(built_site: Path, content) -> None:
    checklist = parse_html(built_site / "assessment/checklist/index.html")
    evidence = parse_html(built_site / "assessment/evidence/index.html")
    to_evidence = [href for href in checklist.links if "evidence/#ev-" in href]
    back = [href for href in evidence.links if "checklist/#" in href]
    assert to_evidence and back
    assert {href.split("#")[1] for href in to_evidence} <= evidence.ids
    assert {href.split("#")[1] for href in back} <= checklist.ids


def test_assessment_downloads_sit_beside_the_checklist(built_site: Path) -> None:
    exported = json.loads((built_site / "assessment/assessment.json").read_text(encoding="utf-8"))
    assert {standard["id"] for standard in exported["standards"]} == {"ima", "ismpe", "best-practice"}
    header = (built_site / "assessment/assessment.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("catalog,criterion,status")


def test_failed_validation_leaves_the_previous_site_intact(tmp_path: Path) -> None:
    project = copy_example_project(tmp_path / "project")
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("previous good site")
    roles = project / "data" / "roles.yaml"
    roles.write_text(roles.read_text(encoding="utf-8").replace("hours_per_month: ", "hours_per_month: about ", 1), encoding="utf-8")

    result = CliRunner().invoke(main, ["build", "--config", str(project / "mkdocs.yml"), "--today", TODAY])

    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit), result.exception
    assert "roles.yaml:" in result.stderr and "hours_per_month: must be a number" in result.stderr
    assert (site / "index.html").read_text() == "previous good site"
    assert not list(project.glob(".building-*")) and not list(project.glob(".previous-*"))  # no staging left behind


def test_template_override_replaces_one_page(tmp_path: Path) -> None:
    project = copy_example_project(tmp_path / "project")
    override = project / "templates" / "pages" / "welcome.md.j2"
    override.parent.mkdir(parents=True, exist_ok=True)
    override.write_text("# Welcome to {{ programme.name }}\n\nOverridden by the coordinator.\n", encoding="utf-8")

    result = CliRunner().invoke(main, ["build", "--config", str(project / "mkdocs.yml"), "--today", TODAY])

    assert result.exit_code == 0, result.output
    welcome = next(project.glob("site/**/welcome/index.html"))
    assert "Overridden by the coordinator." in welcome.read_text(encoding="utf-8")


def test_the_handbook_theme_layer_sits_under_the_coordinators_custom_dir(tmp_path: Path) -> None:
    """The plugin brings its styles and scripts to any mkdocs.yml; a coordinator's custom_dir overrides them."""
    project = copy_example_project(tmp_path / "project")
    (project / "overrides" / "assets" / "handbook").mkdir(parents=True)
    (project / "overrides" / "assets" / "handbook" / "handbook.css").write_text("/* the coordinator's own */\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  name: material\n", "  name: material\n  custom_dir: overrides\n"), encoding="utf-8")

    result = CliRunner().invoke(main, ["build", "--config", str(config), "--today", TODAY])

    assert result.exit_code == 0, result.output
    site = project / "site"
    assert (site / "assets/handbook/handbook.css").read_text(encoding="utf-8") == "/* the coordinator's own */\n"
    assert (site / "assets/handbook/checklist.js").read_bytes() == (THEME_DIR / "assets/handbook/checklist.js").read_bytes()


def test_export_builds_with_plain_mkdocs(tmp_path: Path, content) -> None:
    out = tmp_path / "export"
    result = CliRunner().invoke(main, ["export", str(out), "--config", str(EXAMPLE / "mkdocs.yml"), "--today", TODAY])
    assert result.exit_code == 0, result.output
    exported = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "handbook" not in [p if isinstance(p, str) else next(iter(p)) for p in exported["plugins"]]

    plain = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(out / "mkdocs.yml")],
                           capture_output=True, text=True, check=False)

    assert plain.returncode == 0, plain.stderr
    assert all(html_of(out / "site", page.path).is_file() for page in content.pages)
    home = (out / "site" / "index.html").read_text(encoding="utf-8")
    assert all(f'src="{script}"' in home for script in THEME_JAVASCRIPT) and all(f'href="{css}"' in home for css in THEME_CSS)
    assert all((out / "site" / path).is_file() for path in THEME_CSS + THEME_JAVASCRIPT)

    again = CliRunner().invoke(main, ["export", str(out), "--config", str(EXAMPLE / "mkdocs.yml")])
    assert again.exit_code == 1 and "already exists and is not empty" in again.stderr


@pytest.mark.parametrize("options", [["--name", "Riverside Peer Mentoring", "--organisation", "Riverside College"], ["--example"]])
def test_init_creates_a_valid_programme_and_never_overwrites(tmp_path: Path, options: list[str]) -> None:
    target = tmp_path / "new-programme"
    result = CliRunner().invoke(main, ["init", str(target), *options])
    assert result.exit_code == 0, result.output
    assert [line.split("#")[0].strip() for line in result.output.splitlines()[1:]] == [f"cd {target}", "handbook assess", "handbook serve"]
    assert {".gitignore", "handbook-schema.json", "mkdocs.yml"} <= {path.name for path in target.iterdir()}
    assert CliRunner().invoke(main, ["validate", "--data", str(target / "data")]).exit_code == 0

    (target / "data" / "programme.yaml").write_text("edited", encoding="utf-8")
    again = CliRunner().invoke(main, ["init", str(target), *options])
    assert again.exit_code == 1
    assert (target / "data" / "programme.yaml").read_text(encoding="utf-8") == "edited"


def test_init_asks_for_the_name_or_says_which_option_gives_it(tmp_path: Path) -> None:
    no_terminal = CliRunner().invoke(main, ["init", str(tmp_path / "a")])
    assert no_terminal.exit_code == 2 and "give --name" in no_terminal.output
    assert not (tmp_path / "a").exists()


def test_an_early_programme_with_only_its_identity_and_roles_builds_a_site(tmp_path: Path) -> None:
    """Only what identifies the programme: validate passes, the strict build succeeds, every page says what is missing."""
    project = copy_example_project(tmp_path / "project")
    shutil.rmtree(project / "data")
    (project / "data").mkdir()
    (project / "data" / "programme.yaml").write_text(EARLY_PROGRAMME, encoding="utf-8")
    (project / "handbook" / "index.md").write_text("# Riverside Peer Mentoring\n\nWelcome.\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator.cli", "build", "--config", str(project / "mkdocs.yml"),
                             "--today", TODAY], capture_output=True, text=True, check=False, cwd=project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    mismatch = (site / "taking-part/when-a-match-isnt-working/index.html").read_text(encoding="utf-8")
    assert "The programme has not published its mismatch policy yet." in mismatch
    assert "None" not in mismatch
    assert sorted(path.name for path in (site / "leaflets").glob("*.pdf")) == ["mentee.pdf", "mentor.pdf"]
    assert broken_internal_links(site) == []


def test_init_asks_for_the_name_and_organisation_on_a_terminal(tmp_path: Path) -> None:
    """Run in a pseudo-terminal, as a coordinator types: the answers become the programme's identity."""
    import os
    import pty

    controller, terminal = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "generator.cli", "init", "riverside"], cwd=tmp_path,
                               stdin=terminal, stdout=terminal, stderr=terminal, close_fds=True)
    os.close(terminal)
    transcript = b""
    for answer in (b"Riverside Peer Mentoring\n", b"Riverside College\n"):
        while not transcript.rstrip().endswith(b":"):
            transcript += os.read(controller, 1024)
        os.write(controller, answer)
        transcript += os.read(controller, 1024)
    assert process.wait(timeout=60) == 0
    os.close(controller)
    programme = yaml.safe_load((tmp_path / "riverside" / "data" / "programme.yaml").read_text(encoding="utf-8"))["programme"]
    assert programme == {"name": "Riverside Peer Mentoring", "organisation": "Riverside College"}
    assert b"The programme's name" in transcript and b"The organisation that runs it" in transcript


def test_a_plugin_date_that_is_not_a_date_is_a_configuration_error_not_a_traceback(tmp_path: Path) -> None:
    project = copy_example_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("      templates_dir: templates\n",
                                                                "      templates_dir: templates\n      today: soon\n"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator.cli", "build", "--config", str(config)],
                            capture_output=True, text=True, check=False, cwd=project)
    assert result.returncode == 1
    assert "option 'today': 'soon' is not a date; write it as YYYY-MM-DD" in result.stderr
    assert "Traceback" not in result.stderr and not (project / "site").exists()
