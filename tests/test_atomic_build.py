"""A build killed part-way leaves the previous site intact, and the next build cleans up after it."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sitetools import TODAY, copy_example_project

PREVIOUS_SITE = "<html>the previous, good site</html>"


@pytest.mark.parametrize("delay", [0.0, 0.5, 1.0], ids=["at-start", "while-rendering", "while-writing"])
def test_killed_build_keeps_the_previous_site(tmp_path: Path, delay: float) -> None:
    project = copy_example_project(tmp_path / "project")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text(PREVIOUS_SITE)
    command = [sys.executable, "-m", "generator.cli", "build", "--today", TODAY]

    build = subprocess.Popen(command, cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not list(project.glob(".building-site-*")) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert list(project.glob(".building-site-*")), "the build never started staging"
    time.sleep(delay)
    build.send_signal(signal.SIGKILL)
    build.wait()

    assert (project / "site" / "index.html").read_text() == PREVIOUS_SITE

    finished = subprocess.run(command, cwd=project, capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr
    assert "Harbourside Mentoring" in (project / "site" / "index.html").read_text()
    assert not list(project.glob(".building-*")) and not list(project.glob(".previous-*"))
