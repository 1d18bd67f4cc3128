"""PDF jobs beside a build: run in worker processes at a lower priority than the build, their
results collected (and a job's own error raised) when the build asks."""

from __future__ import annotations

import os
from functools import partial

import pytest

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
