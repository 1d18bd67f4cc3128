"""PDF jobs beside a build: run in worker processes at a lower priority than the build, their
results collected (and a job's own error raised) when the build asks."""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path

import pytest
from click.testing import CliRunner
from sitetools import TODAY, copy_example_project

from generator.cli import main
from generator.pdf_jobs import MAX_WORKERS, WORKER_NICENESS, PdfJobs


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


def test_a_build_starts_its_workers_before_the_pipeline_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers load WeasyPrint while the data is read and the pages are converted, so the first
    PDF job does not wait for them."""
    import generator.site

    events: list[str] = []
    warm_up, site_content = PdfJobs.warm_up, generator.site.site_content

    def recording_warm_up(jobs: PdfJobs) -> None:
        events.append(f"warm up {jobs.workers} workers")
        warm_up(jobs)

    def recording_site_content(*args: object, **kwargs: object) -> object:
        events.append("pipeline")
        return site_content(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(PdfJobs, "warm_up", recording_warm_up)
    monkeypatch.setattr(generator.site, "site_content", recording_site_content)
    project = copy_example_project(tmp_path / "project")
    result = CliRunner().invoke(main, ["build", "--config", str(project / "mkdocs.yml"), "--today", TODAY])
    assert result.exit_code == 0, result.output
    assert events[:2] == [f"warm up {max(1, min(MAX_WORKERS, os.cpu_count() or 1))} workers", "pipeline"]
    assert (project / "site" / "handbook.pdf").read_bytes().startswith(b"%PDF")
