"""`handbook serve` rebuilds when a data file changes, pages carry the live-reload script, the
leaflet PDFs catch up with the data after the rebuild, and broken data is reported as one line."""

from __future__ import annotations

import html
import io
import os
import re
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
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


@contextmanager
def serving(project: Path, log: Path) -> Iterator[str]:
    """Run `handbook serve` on the project, its output in ``log``; yields the site's address."""
    port = free_port()
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "generator.cli", "serve", "--config", str(project / "mkdocs.yml"), "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
        )
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)


def rename_programme(project: Path, old: str, new: str) -> None:
    programme = project / "data" / "programme.yaml"
    programme.write_text(programme.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_serve_rebuilds_when_data_changes(tmp_path: Path) -> None:
    project = copy_example_project(tmp_path / "project")
    log = tmp_path / "serve.log"
    with serving(project, log) as site:
        url = f"{site}/programme/welcome/"
        assert wait_for(lambda: fetch(url) is not None, 120), "the server never answered"
        assert "livereload" in fetch(url)  # the browser is told to reload after a rebuild
        rename_programme(project, "Harbourside Mentoring", "Quayside Mentoring")
        assert wait_for(lambda: "Quayside Mentoring" in (fetch(url) or ""), 60), "the page was not rebuilt"
        leaflet = f"{site}/leaflets/mentee.pdf"
        assert wait_for(lambda: "Quayside Mentoring" in pdf_text(fetch_bytes(leaflet)), 60), "the leaflet PDF was not remade"
    messages = log.read_text(encoding="utf-8")
    assert f"Serving on {site}/" in messages  # the coordinator is told where to look
    assert "Traceback" not in messages


BROKEN_NAME = "data/programme.yaml:2:9: programme.name: "  # the unclosed "[" (the message itself is test_yaml_source's)


def test_serve_reports_data_broken_while_it_runs_and_recovers(tmp_path: Path) -> None:
    project = copy_example_project(tmp_path / "project")
    log = tmp_path / "serve.log"
    with serving(project, log) as site:
        url = f"{site}/programme/welcome/"
        assert wait_for(lambda: fetch(url) is not None, 120), "the server never answered"
        rename_programme(project, "name: Harbourside Mentoring", "name: [Harbourside Mentoring")
        assert wait_for(lambda: BROKEN_NAME in log.read_text(encoding="utf-8"), 60), "the problem was not reported"
        rename_programme(project, "name: [Harbourside Mentoring", "name: Quayside Mentoring")
        assert wait_for(lambda: "Quayside Mentoring" in (fetch(url) or ""), 60), "the fixed data was not rebuilt"
    assert "Traceback" not in log.read_text(encoding="utf-8")


def fetch_page(url: str) -> tuple[int, str] | None:
    """The status and text of a page, error pages included; None when the server does not answer in time."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")
    except OSError:
        return None


def test_while_the_data_is_broken_every_page_shows_the_problems_and_reloads_when_fixed(tmp_path: Path) -> None:
    project = copy_example_project(tmp_path / "project")
    roles = project / "data" / "roles.yaml"
    good = roles.read_text(encoding="utf-8")
    with serving(project, tmp_path / "serve.log") as site:
        url = f"{site}/programme/welcome/"
        assert wait_for(lambda: fetch(url) is not None, 120), "the server never answered"
        roles.write_text(good.replace("hours_per_month: ", "hours_per_month: about ", 1), encoding="utf-8")

        def problem_page() -> str | None:
            answer = fetch_page(url)
            return answer[1] if answer and answer[0] == 503 else None

        assert wait_for(problem_page, 10), "the page did not show the problem"
        page = problem_page() or ""
        validate = subprocess.run([sys.executable, "-m", "generator.cli", "validate"], cwd=project, capture_output=True, text=True, check=False)
        problem = next(line for line in validate.stderr.splitlines() if "hours_per_month: must be a number" in line)
        assert problem.startswith("data/roles.yaml:")
        listed = html.unescape(re.search(r"<pre>(.*?)</pre>", page, re.DOTALL).group(1)).strip().splitlines()
        assert "The handbook cannot be built" in page and listed == [problem]  # one line, as validate prints it
        for other in (f"{site}/", f"{site}/leaflets/mentee/"):  # every page, not only the one asked for first
            assert problem in html.unescape((fetch_page(other) or (0, ""))[1])
        epoch = int(re.search(r"livereload\((\d+),", page).group(1))  # the page reloads itself...

        roles.write_text(good, encoding="utf-8")
        rename_programme(project, "name: Harbourside Mentoring", "name: Quayside Mentoring")
        # ...once a newer version of the site exists: the live-reload poll answers with it.
        assert wait_for(lambda: int(fetch(f"{site}/livereload/{epoch}/1") or 0) > epoch, 30), "the browser was not told to reload"
        answer = fetch_page(url)
        assert answer is not None and answer[0] == 200 and "Quayside Mentoring" in answer[1]


def test_serve_refuses_to_start_on_broken_data(tmp_path: Path) -> None:
    project = copy_example_project(tmp_path / "project")
    rename_programme(project, "name: Harbourside Mentoring", "name: [Harbourside Mentoring")
    result = subprocess.run([sys.executable, "-m", "generator.cli", "serve", "--dev-addr", f"127.0.0.1:{free_port()}"],
                            cwd=project, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert BROKEN_NAME in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_plain_mkdocs_serve_keeps_live_reload_on_by_default() -> None:
    """Some click releases (8.2.0) turned MkDocs' --livereload default off; this catches a repeat."""
    from mkdocs.__main__ import cli

    assert cli.commands["serve"].make_context("serve", []).params["livereload"] is True
