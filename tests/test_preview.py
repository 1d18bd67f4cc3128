"""The live preview's parts: leaflet PDFs made after a rebuild, theme templates compiled once, and
a cached build that never loads the pipeline."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import jinja2
from sitetools import TODAY, copy_example_project, wait_for

from generator.leaflets.background import BackgroundPdfs
from generator.pdf import stored_pdf
from generator.templating import CompiledTemplates

PDF_PATH = "leaflets/mentee.pdf"


def leaflet_document(text: str) -> dict[str, str]:
    return {PDF_PATH: f"<!doctype html><html><body><p>{text}</p></body></html>"}


def test_a_changed_leaflet_is_published_at_once_in_its_previous_version_then_replaced(tmp_path: Path) -> None:
    cache, site = tmp_path / "cache", tmp_path / "site"
    pdfs = BackgroundPdfs()
    try:
        first = pdfs.for_build(leaflet_document("First edition"), cache, "public")  # nothing to show yet: made now
        assert first[PDF_PATH].startswith(b"%PDF")
        pdfs.start(site)  # nothing left to make
        assert not (site / PDF_PATH).exists()

        changed = leaflet_document("Second edition")
        second = pdfs.for_build(changed, cache, "public")
        assert second == first  # the build does not wait: it publishes the previous PDF
        assert stored_pdf(changed[PDF_PATH], cache) is None
        pdfs.start(site)
        assert wait_for(lambda: (site / PDF_PATH).is_file(), 60)
        made = stored_pdf(changed[PDF_PATH], cache)
        assert made is not None and made != first[PDF_PATH]
        assert (site / PDF_PATH).read_bytes() == made
        # laid out in a worker process: a thread of the serving process would hold up the next rebuild
        assert pdfs.layout is not None and pdfs.layout._processes  # type: ignore[attr-defined]
        assert os.getpid() not in pdfs.layout._processes  # type: ignore[attr-defined]

        assert pdfs.for_build(changed, cache, "public") == {PDF_PATH: made}  # the next build finds it in the cache
    finally:
        pdfs.stop()


def test_work_for_an_older_build_is_dropped(tmp_path: Path) -> None:
    cache, site = tmp_path / "cache", tmp_path / "site"
    pdfs = BackgroundPdfs()
    gate = threading.Event()
    try:
        pdfs.for_build(leaflet_document("First edition"), cache, "public")
        pdfs.worker.submit(gate.wait)  # hold the worker, as a long PDF would
        pdfs.for_build(leaflet_document("Second edition"), cache, "public")
        pdfs.start(site)
        pdfs.for_build(leaflet_document("Third edition"), cache, "public")  # a newer build before the second's PDF was made
        pdfs.start(site)
        gate.set()
        pdfs.worker.shutdown(wait=True)
        assert stored_pdf(leaflet_document("Second edition")[PDF_PATH], cache) is None
        third = stored_pdf(leaflet_document("Third edition")[PDF_PATH], cache)
        assert third is not None and (site / PDF_PATH).read_bytes() == third
    finally:
        gate.set()
        pdfs.stop()


def test_templates_in_memory_recompile_an_edited_template(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text("first {{ value }}", encoding="utf-8")
    compiled = CompiledTemplates()

    def render() -> str:
        environment = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path), bytecode_cache=compiled)
        return environment.get_template("page.html").render(value=1)

    assert render() == "first 1"
    assert len(compiled.compiled) == 1
    assert render() == "first 1"  # a new environment, as each rebuild has, loads the compiled code
    (tmp_path / "page.html").write_text("second {{ value }}", encoding="utf-8")
    assert render() == "second 1"


def test_a_cached_build_does_not_load_the_pipeline(tmp_path: Path) -> None:
    """An unchanged rebuild reads its pages from the cache: no pydantic, standards or WeasyPrint."""
    project = copy_example_project(tmp_path / "project")
    probe = ("import sys\nfrom generator.cli import main\n"
             f"try:\n    main(['build', '--today', '{TODAY}'])\nexcept SystemExit as exit:\n    assert not exit.code, exit.code\n"
             "print(sorted(m for m in ('pydantic', 'generator.model', 'generator.assess', 'weasyprint') if m in sys.modules))")
    first = subprocess.run([sys.executable, "-c", probe], cwd=project, capture_output=True, text=True, check=True)
    assert "pydantic" in first.stdout  # the first build runs the pipeline
    second = subprocess.run([sys.executable, "-c", probe], cwd=project, capture_output=True, text=True, check=True)
    assert second.stdout.strip().splitlines()[-1] == "[]"
    assert (project / "site" / "programme" / "welcome" / "index.html").is_file()


def test_a_previous_pdf_stands_in_only_for_the_same_audience(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    pdfs = BackgroundPdfs()
    try:
        assessor = pdfs.for_build(leaflet_document("Assessor edition"), cache, "assessor")
        public = leaflet_document("Public edition")
        published = pdfs.for_build(public, cache, "public")
        assert published != assessor  # made at once, not the assessors' leaflet for now
        assert published[PDF_PATH] == stored_pdf(public[PDF_PATH], cache)
    finally:
        pdfs.stop()


def test_compiled_templates_are_kept_for_the_user_and_an_edited_override_is_compiled_afresh(tmp_path: Path) -> None:
    """The packaged templates compiled by one project's build serve the next project's (they are
    read, not written again); a coordinator's override lands beside them and its edit is seen."""
    environment = os.environ | {"XDG_CACHE_HOME": str(tmp_path / "user-cache")}
    folder = tmp_path / "user-cache" / "mentoring-handbook" / "templates"

    def build(project: Path) -> str:
        subprocess.run([sys.executable, "-m", "generator.cli", "build", "--today", TODAY], cwd=project, env=environment,
                       capture_output=True, text=True, check=True)
        return (project / "site" / "programme" / "welcome" / "index.html").read_text(encoding="utf-8")

    first = copy_example_project(tmp_path / "first")
    build(first)
    kept = {entry.name: entry.stat().st_mtime_ns for entry in folder.iterdir()}
    assert kept
    assert not [path for path in (first / ".cache").rglob("*") if path.suffix == ".jinja"]

    second = copy_example_project(tmp_path / "second")
    override = second / "templates" / "pages" / "welcome.md.j2"
    override.parent.mkdir(parents=True, exist_ok=True)
    override.write_text("# Welcome\n\nFirst wording of the welcome.\n", encoding="utf-8")
    assert "First wording of the welcome." in build(second)
    now = {entry.name: entry.stat().st_mtime_ns for entry in folder.iterdir()}
    assert {name: now[name] for name in kept} == kept  # loaded, not compiled and written again
    assert len(now) == len(kept) + 1  # the override's own entry

    override.write_text("# Welcome\n\nSecond wording of the welcome.\n", encoding="utf-8")
    welcome = build(second)
    assert "Second wording of the welcome." in welcome and "First wording" not in welcome
