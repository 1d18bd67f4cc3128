"""`handbook serve` rebuilds when a data file changes, pages carry the live-reload script, and the
leaflet PDFs catch up with the data after the rebuild."""

from __future__ import annotations

import io
import os
import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

from pypdf import PdfReader

from sitetools import copy_example_project, wait_for


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch_bytes(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read()
    except OSError:
        return None


def fetch(url: str) -> str | None:
    body = fetch_bytes(url)
    return None if body is None else body.decode("utf-8")


def pdf_text(pdf: bytes | None) -> str:
    return "" if pdf is None else " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_serve_rebuilds_when_data_changes(tmp_path: Path) -> None:
    project = copy_example_project(tmp_path / "project")
    port = free_port()
    url = f"http://127.0.0.1:{port}/programme/welcome/"
    log = tmp_path / "serve.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "generator.cli", "serve", "--config", str(project / "mkdocs.yml"), "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
        )
    try:
        assert wait_for(lambda: fetch(url) is not None, 120), "the server never answered"
        first = fetch(url)
        assert "livereload" in first  # the browser is told to reload after a rebuild
        programme = project / "data" / "programme.yaml"
        programme.write_text(programme.read_text(encoding="utf-8").replace("Harbourside Mentoring", "Quayside Mentoring"), encoding="utf-8")
        assert wait_for(lambda: "Quayside Mentoring" in (fetch(url) or ""), 60), "the page was not rebuilt"
        leaflet = f"http://127.0.0.1:{port}/leaflets/mentee.pdf"
        assert wait_for(lambda: "Quayside Mentoring" in pdf_text(fetch_bytes(leaflet)), 60), "the leaflet PDF was not remade"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
    messages = log.read_text(encoding="utf-8")
    assert f"Serving on http://127.0.0.1:{port}/" in messages  # the coordinator is told where to look
    assert "Traceback" not in messages


def test_plain_mkdocs_serve_keeps_live_reload_on_by_default() -> None:
    """Some click releases (8.2.0) turned MkDocs' --livereload default off; this catches a repeat."""
    from mkdocs.__main__ import cli

    assert cli.commands["serve"].make_context("serve", []).params["livereload"] is True
