"""The benchmark: `make bench` prints a table and writes it to bench/results.md.

Measures, on this machine: our build against plain MkDocs building the same exported pages (the
overhead ratio), each pipeline stage, scaling with synthetic programmes of 10 to 10,000 evidence
items, whole builds of the largest (time and peak memory), CLI start-up, and live-preview latency
under `serve`.
Timings are medians of several runs; nothing here is a test and nothing asserts.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

from sitetools import copy_example_project
from synthetic import write_programme

from generator.starter import EXAMPLE

TODAY = "2026-11-23"
RUNS = 5
PREVIEW_ROUNDS = 5
SIZES = (10, 100, 1_000, 10_000)
FULL_BUILD_SIZES = (1_000, 10_000)
PYTHON = sys.executable


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - start


def median_of(command: list[str], cwd: Path, runs: int = RUNS) -> float:
    timed(command, cwd)  # warm-up: file caches, .pyc, the leaflet cache
    return statistics.median(timed(command, cwd) for _ in range(runs))


def overhead(work: Path, example: Path) -> dict[str, float]:
    """handbook build of the example against mkdocs build of the same pages exported.

    Without the plugin, MkDocs would render the exported Markdown evidence files as pages, which
    our build publishes as raw files; they are left out of the plain build (``exclude_docs``) so that
    both build the same pages, and ours still does a little more (copying them).
    """
    export = work / "export"
    subprocess.run([PYTHON, "-m", "generator.cli", "export", str(export), "--today", TODAY], cwd=example, check=True, capture_output=True)
    settings = yaml.safe_load((export / "mkdocs.yml").read_text(encoding="utf-8"))
    settings["exclude_docs"] = settings.pop("not_in_nav", "")
    (export / "mkdocs.yml").write_text(yaml.safe_dump(settings, sort_keys=False, allow_unicode=True), encoding="utf-8")
    ours = median_of([PYTHON, "-m", "generator.cli", "build", "--site-dir", str(work / "ours"), "--today", TODAY], example)
    plain = median_of([PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(export / "mkdocs.yml"), "-d", str(work / "plain")], example)
    return {"handbook build": ours, "mkdocs build (exported pages)": plain, "ratio": ours / plain}


def stages() -> dict[str, float]:
    """Each pipeline stage on the example, in process, median of RUNS (PDFs without the cache)."""
    from generator.assess import assess
    from generator.audience import edition_for
    from generator.loader import load_data_folder
    from generator.pdf import cached_pdfs
    from generator.pipeline import load_programme
    from generator.render import render_pages
    from generator.site import site_content
    from generator.standards.loading import load_standards
    from generator.templating import COMPILED_TEMPLATES
    from generator.validate import validate

    today = dt.date.fromisoformat(TODAY)
    data = EXAMPLE / "data"
    results: dict[str, list[float]] = {name: [] for name in ("load", "validate", "assess", "render (first in a process: templates compiled)", "render (again)",
                                                                    "leaflet PDFs (cold)", "leaflet PDFs (cached)")}
    content = site_content(data, None, audience="public", today=today)
    for _ in range(RUNS):
        start = time.perf_counter()
        raw = load_data_folder(data)
        standards, _ = load_standards()
        results["load"].append(time.perf_counter() - start)
        start = time.perf_counter()
        validate(raw, [cid for catalog in standards.catalogs for cid in catalog.criterion_ids()], standards.vocabularies)
        results["validate"].append(time.perf_counter() - start)
        loaded = load_programme(data)
        start = time.perf_counter()
        assessment = assess(loaded.programme, loaded.standards, today)
        results["assess"].append(time.perf_counter() - start)
        COMPILED_TEMPLATES.compiled.clear()
        for stage in ("render (first in a process: templates compiled)", "render (again)"):
            start = time.perf_counter()
            render_pages(edition_for(loaded.programme, assessment, "public"), loaded.standards, template_dir=None, today=today)
            results[stage].append(time.perf_counter() - start)
    for _ in range(RUNS):  # after the others: WeasyPrint leaves many objects for the garbage collector to walk
        with tempfile.TemporaryDirectory() as cache:
            start = time.perf_counter()
            cached_pdfs(content.leaflet_documents, cache_dir=Path(cache))
            results["leaflet PDFs (cold)"].append(time.perf_counter() - start)
            start = time.perf_counter()
            cached_pdfs(content.leaflet_documents, cache_dir=Path(cache))
            results["leaflet PDFs (cached)"].append(time.perf_counter() - start)
    return {name: statistics.median(times) for name, times in results.items()}


def print_outputs(work: Path) -> dict[str, float]:
    """The example's print handbook and submission packs: made cold (empty cache) and again (cached), median of 3."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from generator.pdf import cached_pdf
    from generator.plugin import handbook_plugin
    from generator.site import site_content
    from generator.submission import submission_files

    today = dt.date.fromisoformat(TODAY)
    config = load_config(str(EXAMPLE / "mkdocs.yml"), site_dir=str(work / "print-site"))
    plugin = handbook_plugin(config)
    assert plugin is not None
    mkdocs_build(config)
    document = plugin.print_html
    assert document is not None
    submission = site_content(EXAMPLE / "data", None, audience="assessor", today=today).submission
    results: dict[str, list[float]] = {name: [] for name in ("print handbook PDF (cold)", "print handbook PDF (cached)",
                                                             "submission packs, every standard (cold)", "submission packs (cached)")}
    for _ in range(3):
        with tempfile.TemporaryDirectory() as cache:
            for name in ("print handbook PDF (cold)", "print handbook PDF (cached)"):
                start = time.perf_counter()
                cached_pdf(document, Path(cache))
                results[name].append(time.perf_counter() - start)
            for name in ("submission packs, every standard (cold)", "submission packs (cached)"):
                start = time.perf_counter()
                submission_files(submission, cache_dir=Path(cache))
                results[name].append(time.perf_counter() - start)
    return {name: statistics.median(times) for name, times in results.items()}


SCALING_SCRIPT = """
import datetime as dt, json, resource, sys, time
from pathlib import Path
from generator.assess import assess
from generator.audience import edition_for
from generator.loader import load_data_folder
from generator.render import render_pages
from generator.standards.loading import load_standards
from generator.validate import validate
data = Path(sys.argv[1]); today = dt.date(2026, 11, 23)
start = time.perf_counter(); raw = load_data_folder(data); standards, _ = load_standards(); loaded_at = time.perf_counter()
programme, problems = validate(raw, [c for cat in standards.catalogs for c in cat.criterion_ids()], standards.vocabularies)
assert programme is not None, problems[:3]
assessment = assess(programme, standards, today)
render_pages(edition_for(programme, assessment, "assessor"), standards, template_dir=None, today=today)
done = time.perf_counter()
print(json.dumps({"load": loaded_at - start, "validate+assess+render": done - loaded_at,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def scaling(work: Path) -> dict[int, dict[str, float]]:
    """Synthetic programmes of growing size, each measured in a fresh process (median of 3)."""
    results = {}
    for size in SIZES:
        folder = write_programme(work / f"synthetic-{size}", evidence_items=size)
        runs = [json.loads(subprocess.run([PYTHON, "-c", SCALING_SCRIPT, str(folder)], check=True, capture_output=True, text=True).stdout)
                for _ in range(3)]
        results[size] = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    return results


FULL_BUILD_SCRIPT = """
import json, resource, sys, time
from generator.cli import main
start = time.perf_counter()
try:
    main(["build", "--audience", "assessor", "--today", "2026-11-23"])
except SystemExit as exit:
    assert not exit.code, exit.code
print(json.dumps({"seconds": time.perf_counter() - start, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def full_builds(work: Path) -> dict[int, dict[str, float]]:
    """A whole `handbook build` (assessor edition, MkDocs included) of the larger synthetic
    programmes, in a fresh process with an empty cache: wall time and peak memory (one run each)."""
    results = {}
    for size in FULL_BUILD_SIZES:
        project = copy_example_project(work / f"full-{size}")
        shutil.rmtree(project / "data")
        write_programme(project / "data", evidence_items=size)
        config = project / "mkdocs.yml"  # the packs are timed for the example; at this size they take minutes
        config.write_text(config.read_text(encoding="utf-8").replace(
            "      templates_dir: templates\n", "      templates_dir: templates\n      submission_packs: false\n"), encoding="utf-8")
        run = subprocess.run([PYTHON, "-c", FULL_BUILD_SCRIPT], cwd=project, check=True, capture_output=True, text=True)
        results[size] = json.loads(run.stdout.strip().splitlines()[-1])
    return results


def startup(example: Path) -> dict[str, object]:
    """`handbook validate` wall time, and whether the CLI imported heavy libraries it does not need."""
    wall = median_of([PYTHON, "-m", "generator.cli", "validate"], example)
    probe = ("import sys; from generator.cli import main\n"
             "try:\n    main(['validate'])\nexcept SystemExit:\n    pass\n"
             "print(sorted(m for m in ('mkdocs', 'weasyprint', 'playwright', 'material') if m in sys.modules))")
    imported = subprocess.run([PYTHON, "-c", probe], cwd=example, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
    return {"handbook validate (wall)": wall, "heavy modules imported by validate": imported}


def live_preview(work: Path) -> dict[str, float]:
    """Seconds from saving a data file to the rebuilt page being served by `handbook serve`, and to
    the leaflet PDF that shows the change (made after the rebuild). The edit changes the programme's
    name, which every page and leaflet shows: the worst case. Median of PREVIEW_ROUNDS edits, a few
    seconds apart as a person's edits are."""
    project = copy_example_project(work / "preview")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([PYTHON, "-m", "generator.cli", "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=project,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def fetch(path: str) -> bytes:
        try:
            with urllib.request.urlopen(base + path, timeout=5) as response:
                return response.read()
        except OSError:
            return b""

    def seconds_until(start: float, condition) -> float:
        while not condition() and time.perf_counter() - start < 60:
            time.sleep(0.02)
        return time.perf_counter() - start

    try:
        deadline = time.monotonic() + 120
        while not fetch("/programme/welcome/") and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(2)  # let the watcher settle after the first build
        programme = project / "data" / "programme.yaml"
        name = "Harbourside Mentoring"
        pages, pdfs = [], []
        for round_number in range(PREVIEW_ROUNDS):
            new_name = f"Preview Round {round_number}"
            old_pdf = fetch("/leaflets/mentee.pdf")
            programme.write_text(programme.read_text().replace(f"name: {name}", f"name: {new_name}", 1))
            start = time.perf_counter()
            pages.append(seconds_until(start, lambda: new_name.encode() in fetch("/programme/welcome/")))
            pdfs.append(seconds_until(start, lambda: fetch("/leaflets/mentee.pdf") not in (b"", old_pdf)))
            name = new_name
            time.sleep(2)
        return {"page": statistics.median(pages), "leaflet PDF": statistics.median(pdfs)}
    finally:
        server.terminate()
        server.wait(timeout=20)


def report(results: dict) -> str:
    o, s, sc, st, lp = results["overhead"], results["stages"], results["scaling"], results["startup"], results["live_preview"]
    lines = [f"# Benchmark results ({results['when']}, {results['machine']})", "",
             "## Overhead against plain MkDocs (median of 5, target ratio ≤ 1.10)", "", "| build | seconds |", "|---|---|"]
    lines += [f"| {name} | {o[name]:.2f} |" for name in ("handbook build", "mkdocs build (exported pages)")]
    lines += [f"| **ratio** | **{o['ratio']:.2f}** |", "", "## Stages on the example (median of 5)", "", "| stage | ms |", "|---|---|"]
    lines += [f"| {name} | {seconds * 1000:.1f} |" for name, seconds in s.items()]
    lines += ["", "## The example's print handbook and submission packs (median of 3)", "", "| output | seconds |", "|---|---|"]
    lines += [f"| {name} | {seconds:.2f} |" for name, seconds in results["print_outputs"].items()]
    lines += ["", "## Scaling (synthetic programmes, fresh process, median of 3; target: 10,000 items under 2 s, each ten-fold step ≤ 12×)", "",
              "| evidence items | load s | validate+assess+render s | step × | peak MB |", "|---|---|---|---|---|"]
    previous = None
    for size, row in sc.items():
        step = f"{row['validate+assess+render'] / previous:.1f}" if previous else "–"
        lines.append(f"| {size:,} | {row['load']:.2f} | {row['validate+assess+render']:.3f} | {step} | {row['peak_mb']:.0f} |")
        previous = row["validate+assess+render"]
    lines += ["", "## Whole build of a large programme (`handbook build --audience assessor`, MkDocs and the print handbook included, "
              "submission packs left out, empty cache, one run)", "",
              "| evidence items | seconds | peak MB |", "|---|---|---|"]
    lines += [f"| {size:,} | {row['seconds']:.1f} | {row['peak_mb']:.0f} |" for size, row in results["full_builds"].items()]
    lines += ["", "## Start-up and live preview", "", "| measure | value |", "|---|---|",
              f"| `handbook validate` wall (median of 5; target < 0.5 s) | {st['handbook validate (wall)']:.2f} s |",
              f"| heavy modules imported by `validate` | {st['heavy modules imported by validate']} |",
              f"| save a data file → rebuilt page under `serve` (median of {PREVIEW_ROUNDS}; target < 1 s) | {lp['page']:.2f} s |",
              f"| save a data file → its leaflet PDF remade under `serve` (made after the page) | {lp['leaflet PDF']:.2f} s |", ""]
    return "\n".join(lines)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="handbook-bench-") as tmp:
        work = Path(tmp)
        example = copy_example_project(work / "example")
        results = {
            "when": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
            "machine": f"{subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} cores, Python {sys.version.split()[0]}",
            "overhead": overhead(work, example),
            "stages": stages(),
            "print_outputs": print_outputs(work),
            "scaling": scaling(work),
            "full_builds": full_builds(work),
            "startup": startup(example),
            "live_preview": live_preview(work),
        }
    text = report(results)
    (ROOT / "bench" / "results.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
