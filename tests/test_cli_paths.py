"""Paths given on the command line are read from where the command runs, as in any shell command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sitetools import TODAY, copy_example_project


def test_site_dir_is_relative_to_where_the_command_runs_not_to_mkdocs_yml(tmp_path: Path) -> None:
    """`make site` runs `handbook build --config generator/starters/example/mkdocs.yml --site-dir site`."""
    copy_example_project(tmp_path / "programmes" / "riverside")
    result = subprocess.run([sys.executable, "-m", "generator.cli", "build", "--config", "programmes/riverside/mkdocs.yml",
                             "--site-dir", "site", "--today", TODAY], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "index.html").is_file()
    assert not (tmp_path / "programmes" / "riverside" / "site").exists()


@pytest.mark.parametrize("command", [["init", "{blocked}/programme", "--example"], ["schema", "--out", "{blocked}/schema.json"]],
                         ids=["init", "schema --out"])
def test_a_folder_that_cannot_be_made_is_one_line_not_a_traceback(tmp_path: Path, command: list[str]) -> None:
    blocked = tmp_path / "a-file"  # a file where a folder would have to be
    blocked.write_text("not a folder\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator.cli", *[part.format(blocked=blocked) for part in command]],
                            cwd=tmp_path, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith(str(blocked)) and line.endswith("(check that the folder exists and that you may write there)")
