"""PDF jobs beside a build: run in worker processes at a lower priority than the build, their
results collected (and a job's own error raised) when the build asks."""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest
from click.testing import CliRunner
from sitetools import TODAY, copy_example_project

from generator.cli import main
from generator.pdf_jobs import WORKER_NICENESS, PdfJobs


def niceness_and_process(name: str) -> dict[str, bytes]:
    return {name: f"{os.nice(0)} {os.getpid()}".encode()}


def failing_job() -> dict[str, bytes]:
    raise ValueError("the job's own error")


@pytest.mark.skipif(not hasattr(os, "nice"), reason="no process priorities on this system")
def test_jobs_run_in_other_processes_that_give_way_to_the_build() -> None:
    jobs = PdfJobs(workers=2)
    jobs.submit(partial(niceness_and_process, "a.pdf"))
    jobs.submit(partial(niceness_and_process, "b.pdf"))
    made = jobs.results()
    assert set(made) == {"a.pdf", "b.pdf"}
    for content in made.values():
        niceness, process = (int(part) for part in content.split())
        assert process != os.getpid()
        assert niceness >= min(os.nice(0) + WORKER_NICENESS, 19)


def test_a_jobs_error_is_raised_when_the_results_are_asked_for() -> None:
    jobs = PdfJobs(workers=1)
    jobs.submit(failing_job)
    with pytest.raises(ValueError, match="the job's own error"):
        jobs.results()


def test_a_build_starts_its_workers_once_the_data_is_valid_before_the_pages_are_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers load WeasyPrint while the pages are rendered and converted, so the first PDF job
    does not wait for them; data with a problem starts none (the error is not held up by them)."""
    import generator.pipeline
    import generator.render

    events: list[str] = []
    warm_up, load_programme, render_pages = PdfJobs.warm_up, generator.pipeline.load_programme, generator.render.render_pages

    def recording(name: str, function: Callable[..., object]) -> Callable[..., object]:
        def recorded(*args: object, **kwargs: object) -> object:
            events.append(name)
            return function(*args, **kwargs)
        return recorded

    monkeypatch.setattr(PdfJobs, "warm_up", recording("warm up", warm_up))
    monkeypatch.setattr(generator.pipeline, "load_programme", recording("load", load_programme))
    monkeypatch.setattr(generator.render, "render_pages", recording("render", render_pages))
    project = copy_example_project(tmp_path / "project")
    result = CliRunner().invoke(main, ["build", "--config", str(project / "mkdocs.yml"), "--today", TODAY])
    assert result.exit_code == 0, result.output
    assert events[:3] == ["load", "warm up", "render"]
    assert (project / "site" / "handbook.pdf").read_bytes().startswith(b"%PDF")

    events.clear()
    programme = project / "data" / "programme.yaml"
    programme.write_text(programme.read_text(encoding="utf-8").replace("  name:", "  nme:", 1), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--config", str(project / "mkdocs.yml"), "--today", TODAY])
    assert result.exit_code == 1 and "nme" in result.output
    assert events == ["load"]
