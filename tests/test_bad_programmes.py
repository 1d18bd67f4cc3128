"""Every broken programme in the corpus: exit code 1, exactly its one-line error, no traceback,
and the previous site left as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from corpus import corpus_cases, make_programme, read_case

from generator.cli import main
from generator.starter import EXAMPLE

PREVIOUS_SITE = "<html>the previous, good site</html>"


def test_corpus_is_large_enough() -> None:
    assert len(corpus_cases()) >= 40


@pytest.mark.parametrize("case", corpus_cases(), ids=lambda path: path.stem)
def test_broken_programme_fails_cleanly_and_keeps_the_site(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = read_case(case)
    shutil.copy2(EXAMPLE / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "handbook").mkdir()
    (tmp_path / "handbook" / "index.md").write_text("# Home\n")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text(PREVIOUS_SITE)
    make_programme(tmp_path / "data", spec["edits"])
    monkeypatch.chdir(tmp_path)

    result = CliRunner().invoke(main, ["build"])

    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception  # a clean exit, not a crash
    problems = [line for line in result.stderr.splitlines() if not line.endswith("nothing was written.")]
    assert problems == [spec["expect"]]
    assert [p.name for p in (tmp_path / "site").iterdir()] == ["index.html"]
    assert (tmp_path / "site" / "index.html").read_text() == PREVIOUS_SITE
