"""Every broken programme in the corpus gives exactly its one-line error, exit code 1, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from corpus import corpus_cases, make_programme, read_case
from generator.cli import main


def test_corpus_is_large_enough() -> None:
    assert len(corpus_cases()) >= 40


@pytest.mark.parametrize("case", corpus_cases(), ids=lambda path: path.stem)
def test_broken_programme_reports_one_precise_line(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = read_case(case)
    make_programme(tmp_path / "data", spec["edits"])
    monkeypatch.chdir(tmp_path)

    result = CliRunner().invoke(main, ["validate"])

    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    problems = [line for line in result.stderr.splitlines() if not line.endswith("nothing was written.")]
    assert problems == [spec["expect"]]
