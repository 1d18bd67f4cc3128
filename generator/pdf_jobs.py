"""PDFs made beside a MkDocs build, in worker processes, so that layout runs on other cores while
MkDocs converts and writes the pages.

WeasyPrint lays out one document on one core, and a site has several: the leaflets, the print
handbook, each standard's submission pack. A build hands each one that is not in the cache to
:class:`PdfJobs` as soon as its print document is known (leaflets and packs when the files are
listed, the print handbook once MkDocs has converted the pages it holds) and collects the results
after MkDocs has written the site. Workers are started fresh (``spawn``), not forked from a process
that may hold threads, once the data has loaded without problems, and load WeasyPrint as they start.
Where worker processes cannot run, the jobs run in this process, one after another.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

Made = dict[str, bytes]  # site path -> file content
MAX_WORKERS = 2
WORKER_NICENESS = 10  # added to a worker's niceness: it yields the core the build is on


def _start_worker() -> None:
    """A worker's start: give way to the build, and import WeasyPrint now, in parallel with the
    build, not with the first job.

    The build converts and writes every page on one core, and nothing can finish before it does,
    so a worker runs at a lower priority: where cores are few it takes what the build leaves, not
    a share of the build's core."""
    if hasattr(os, "nice"):
        os.nice(WORKER_NICENESS)
    import weasyprint  # noqa: F401


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """Worker processes for PDF layout, started fresh (``spawn``) on first use, at a lower priority,
    each loading WeasyPrint as it starts."""
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"), initializer=_start_worker)


def _warm() -> None:
    """A job that does nothing: it makes the pool start a worker (which loads WeasyPrint) now."""


class PdfJobs:
    """Jobs that each return site path -> content, run in worker processes started on first use."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or max(1, min(MAX_WORKERS, os.cpu_count() or 1))
        self.pool: ProcessPoolExecutor | None = None
        self.jobs: list[tuple[Future[Made] | None, Callable[[], Made]]] = []

    def warm_up(self) -> None:
        """Start the workers now (each loads WeasyPrint), for jobs about to come."""
        try:
            for _ in range(self.workers):
                self._pool().submit(_warm)
        except (OSError, BrokenProcessPool, RuntimeError):
            pass  # no worker processes here: jobs will run in this process

    def submit(self, make: Callable[[], Made]) -> None:
        """Start ``make`` (a picklable callable, e.g. a ``functools.partial`` of a module function)."""
        future = None
        try:
            future = self._pool().submit(make)
        except (OSError, BrokenProcessPool, RuntimeError):
            pass  # no worker processes here: the job runs in this process when its result is asked for
        self.jobs.append((future, make))

    def _pool(self) -> ProcessPoolExecutor:
        if self.pool is None:
            self.pool = worker_pool(self.workers)
        return self.pool

    def results(self) -> Made:
        """Every job's files, waiting for those still running. A job's own error is raised here."""
        made: Made = {}
        try:
            for future, make in self.jobs:
                try:
                    made |= future.result() if future is not None else make()
                except BrokenProcessPool:
                    made |= make()
        finally:
            self.close()
        return made

    def close(self) -> None:
        """Stop the workers; jobs not yet started are dropped."""
        self.jobs = []
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None
