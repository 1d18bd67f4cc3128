"""`handbook serve` rebuilds when a data file changes, and pages carry the live-reload script."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from sitetools import copy_example_project


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.3)
    return False


def test_serve_rebuilds_when_data_changes(tmp_path: Path) -> None:
    project = copy_example_project(tmp_path / "project")
    port = free_port()
    url = f"http://127.0.0.1:{port}/programme/welcome/"
    server = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "serve", "--config", str(project / "mkdocs.yml"), "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    try:
        assert wait_for(lambda: fetch(url) is not None, 120), "the server never answered"
        first = fetch(url)
        assert "livereload" in first  # the browser is told to reload after a rebuild
        programme = project / "data" / "programme.yaml"
        programme.write_text(programme.read_text(encoding="utf-8").replace("Harbourside Mentoring", "Quayside Mentoring"), encoding="utf-8")
        assert wait_for(lambda: "Quayside Mentoring" in (fetch(url) or ""), 60), "the page was not rebuilt"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)


def test_plain_mkdocs_serve_keeps_live_reload_on_by_default() -> None:
    """Some click releases (8.2.0) turned MkDocs' --livereload default off; this catches a repeat."""
    from mkdocs.__main__ import cli

    assert cli.commands["serve"].make_context("serve", []).params["livereload"] is True
