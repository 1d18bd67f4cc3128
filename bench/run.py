"""The benchmark: `make bench` prints a table and writes it to bench/results.md.

Measures, on this machine: our build against plain MkDocs building the same exported pages (ratios
for an unchanged project, an edit, an empty cache, and `handbook validate`), each pipeline stage,
what a second language costs, scaling with synthetic programmes of 10 to 10,000 evidence
items, whole builds of the largest (time, peak memory, ratio against plain MkDocs), CLI start-up, and live-preview latency
under `serve`.
Timings are medians of several runs; nothing here is a test and nothing asserts.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from functools import partial
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

from sitetools import add_welsh_translation, copy_example_project
from synthetic import write_programme

from generator.starter import EXAMPLE
from generator.templating import compiled_templates_folder

TODAY = "2026-11-23"
RUNS = 5
PREVIEW_ROUNDS = 5
SIZES = (10, 100, 1_000, 10_000)
FULL_BUILD_SIZES = (1_000, 10_000)
FULL_BUILD_RUNS = {1_000: 3, 10_000: 1}  # a 10,000-item build and its plain twin take minutes
PYTHON = sys.executable


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - start


def median_of(command: list[str], cwd: Path, runs: int = RUNS) -> float:
    timed(command, cwd)  # warm-up: file caches, .pyc, the leaflet cache
    return statistics.median(timed(command, cwd) for _ in range(runs))


def plain_export(project: Path, target: Path, *options: str) -> Path:
    """``handbook export`` of a project, set up so plain MkDocs builds the same pages as ours: the
    exported Markdown evidence files, which our build publishes as raw files and MkDocs without the
    plugin would render as pages, are left out (``exclude_docs``). Returns the export's mkdocs.yml."""
    subprocess.run([PYTHON, "-m", "generator.cli", "export", str(target), "--today", TODAY, *options], cwd=project,
                   check=True, capture_output=True)
    config = target / "mkdocs.yml"
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    outside_nav = str(settings.get("not_in_nav", "")).split()
    settings["exclude_docs"] = "\n".join(folder for folder in outside_nav if folder.startswith("/evidence/"))
    config.write_text(yaml.safe_dump(settings, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return config


def alternating(ours: Callable[[], float], plain: Callable[[], float], runs: int) -> dict[str, float]:
    """Medians of ``runs`` timings of each, taken in turn (ours, plain, ours, ...), and their ratio."""
    times: dict[str, list[float]] = {"ours": [], "plain": []}
    for _ in range(runs):
        times["ours"].append(ours())
        times["plain"].append(plain())
    medians = {name: statistics.median(values) for name, values in times.items()}
    return medians | {"ratio": medians["ours"] / medians["plain"]}


def against_mkdocs(work: Path, example: Path) -> dict[str, dict[str, float]]:
    """The example: ``handbook build`` and ``handbook validate`` against ``mkdocs build`` of the same
    pages exported, each pair measured in turn, median of RUNS.

    Cases: nothing changed since the last build; one data file edited (each run writes a different
    word into a warning sign of the mismatch policy, which its page, the mentee leaflet and the print
    handbook show); the cache
    emptied; the cache emptied in a copy built without PDFs (leaflets and print handbook off), the
    part of the build MkDocs also does.
    """
    config = plain_export(example, work / "export")
    plain_build = [PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(work / "plain")]
    build = [PYTHON, "-m", "generator.cli", "build", "--site-dir", str(work / "ours"), "--today", TODAY]
    timed(build, example)
    timed(plain_build, example)  # warm-up: file caches, .pyc, the PDF cache
    marker = "    - Meetings keep being cancelled"
    edits = iter(range(10_000))

    def edited_build(project: Path) -> float:
        policies = project / "data" / "matching.yaml"
        policies.write_text(policies.read_text(encoding="utf-8").replace(marker, f"{marker} (edit {next(edits)})", 1), encoding="utf-8")
        return timed(build, project)

    def cold_build(project: Path, *, compiled_templates: bool = True) -> float:
        shutil.rmtree(project / ".cache", ignore_errors=True)
        if not compiled_templates:
            shutil.rmtree(compiled_templates_folder(), ignore_errors=True)
        return timed(build, project)

    without_pdfs = copy_example_project(work / "example-without-pdfs")
    mkdocs_yml = without_pdfs / "mkdocs.yml"
    mkdocs_yml.write_text(mkdocs_yml.read_text(encoding="utf-8").replace(
        "      templates_dir: templates\n", "      templates_dir: templates\n      leaflets: false\n      print_handbook: false\n"),
        encoding="utf-8")
    home = without_pdfs / "handbook" / "index.md"
    home.write_text("\n".join(line for line in home.read_text(encoding="utf-8").splitlines() if "handbook.pdf" not in line),
                    encoding="utf-8")
    timed(build, without_pdfs)
    policies = example / "data" / "matching.yaml"
    original = policies.read_text(encoding="utf-8")
    plain = partial(timed, plain_build, example)
    results = {
        "nothing changed": alternating(partial(timed, build, example), plain, RUNS),
        "one data file edited": alternating(partial(edited_build, example), plain, RUNS),
        "one data file edited, no PDFs": alternating(partial(edited_build, without_pdfs), plain, RUNS),
        "empty cache": alternating(partial(cold_build, example), plain, RUNS),
        "empty cache, no PDFs": alternating(partial(cold_build, without_pdfs), plain, RUNS),
        "empty cache and no compiled templates, no PDFs": alternating(partial(cold_build, without_pdfs, compiled_templates=False), plain, RUNS),
        "handbook validate": alternating(partial(timed, [PYTHON, "-m", "generator.cli", "validate"], example), plain, RUNS),
    }
    policies.write_text(original, encoding="utf-8")
    return results


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
        COMPILED_TEMPLATES.keep_in(None)
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


def languages(work: Path) -> dict[str, float]:
    """What a second language costs: the example built in English only, and in English and Welsh
    (a partial translation: two sites, each with its leaflets and print handbook), empty cache,
    median of 3; and rendering the pages in English and in Welsh, in process, median of RUNS."""
    from generator.assess import assess
    from generator.audience import edition_for
    from generator.i18n import language
    from generator.pipeline import load_programme
    from generator.render import render_pages
    from generator.site import site_content

    one = copy_example_project(work / "one-language")
    two = copy_example_project(work / "two-languages")
    add_welsh_translation(two)
    build = [PYTHON, "-m", "generator.cli", "build", "--today", TODAY]

    def cold(project: Path) -> float:
        shutil.rmtree(project / ".cache", ignore_errors=True)
        return timed(build, project)

    results = {"build, English only (empty cache)": statistics.median(cold(one) for _ in range(3)),
               "build, English and Welsh (empty cache)": statistics.median(cold(two) for _ in range(3))}
    today = dt.date.fromisoformat(TODAY)
    for code, name in (("en", "render the pages, English"), ("cy", "render the pages, Welsh")):
        loaded = load_programme(two / "data", code)
        edition = edition_for(loaded.shown, assess(loaded.programme, loaded.standards, today), "assessor")
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            render_pages(edition, loaded.standards, today=today, site_language=language(code))
            times.append(time.perf_counter() - start)
        results[name] = statistics.median(times)
    site_content(two / "data", None, audience="public", today=today, language="cy")  # the Welsh content is whole
    return results


# A process's own peak memory: its VmHWM. Linux keeps ru_maxrss across exec, so a child started
# by a large process (this one, once it has built a site) would report the parent's peak.
PEAK_MB = """
def peak_mb():
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024
    except (OSError, StopIteration):
        import resource
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""

SCALING_SCRIPT = PEAK_MB + """
import datetime as dt, json, sys, time
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
                  "peak_mb": peak_mb()}))
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


FULL_BUILD_SCRIPT = PEAK_MB + """
import json, sys, time
from generator.cli import main
start = time.perf_counter()
try:
    main(["build", "--audience", "assessor", "--today", "2026-11-23"])
except SystemExit as exit:
    assert not exit.code, exit.code
print(json.dumps({"seconds": time.perf_counter() - start, "peak_mb": peak_mb()}))
"""


def full_builds(work: Path) -> dict[int, dict[str, float]]:
    """A whole `handbook build` (assessor edition, MkDocs included) of the larger synthetic
    programmes, in a fresh process with an empty cache, against `mkdocs build` of the same pages
    exported, taken in turn: medians of FULL_BUILD_RUNS (wall time, peak memory, ratio)."""
    results = {}
    for size in FULL_BUILD_SIZES:
        project = copy_example_project(work / f"full-{size}")
        shutil.rmtree(project / "data")
        write_programme(project / "data", evidence_items=size)
        config = project / "mkdocs.yml"  # the packs are timed for the example; at this size they take minutes
        config.write_text(config.read_text(encoding="utf-8").replace(
            "      templates_dir: templates\n", "      templates_dir: templates\n      submission_packs: false\n"), encoding="utf-8")
        plain_config = plain_export(project, work / f"full-{size}-export", "--audience", "assessor")
        runs: list[dict[str, float]] = []

        def ours(project: Path = project, runs: list[dict[str, float]] = runs) -> float:
            shutil.rmtree(project / ".cache", ignore_errors=True)
            run = subprocess.run([PYTHON, "-c", FULL_BUILD_SCRIPT], cwd=project, check=True, capture_output=True, text=True)
            runs.append(json.loads(run.stdout.strip().splitlines()[-1]))
            return runs[-1]["seconds"]

        plain = partial(timed, [PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(plain_config), "-d", str(work / f"full-{size}-plain")], project)
        measured = alternating(ours, plain, FULL_BUILD_RUNS[size])
        results[size] = measured | {"peak_mb": statistics.median(run["peak_mb"] for run in runs)}
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


TARGETS = {"nothing changed": "≤ 1.10", "one data file edited": "≤ 1.15", "one data file edited, no PDFs": "≤ 1.15",
           "empty cache": "≤ 1.5", "empty cache, no PDFs": "≤ 1.5", "empty cache and no compiled templates, no PDFs": "≤ 1.5",
           "handbook validate": "≤ 0.25"}


def report(results: dict) -> str:
    a, s, sc, st, lp = results["against_mkdocs"], results["stages"], results["scaling"], results["startup"], results["live_preview"]
    lines = [f"# Benchmark results ({results['when']}, {results['machine']})", "",
             f"## Against plain MkDocs building the same exported pages (the example; each pair taken in turn, median of {RUNS})", "",
             "| case | handbook s | mkdocs build s | ratio | target |", "|---|---|---|---|---|"]
    lines += [f"| {case} | {row['ours']:.2f} | {row['plain']:.2f} | **{row['ratio']:.2f}** | {TARGETS[case]} |" for case, row in a.items()]
    lines += ["", "`handbook validate` is set against the whole `mkdocs build`. \"One data file edited\" and \"empty cache\" "
              "include laying out the PDFs that plain MkDocs only copies (the print handbook above all); \"no PDFs\" is a copy "
              "of the example with leaflets and print handbook off. \"Empty cache\" removes the project's `.cache/`; "
              "the packaged templates compiled by earlier runs stay in the user's cache folder, as after any first build "
              "on this machine, and the \"no compiled templates\" row removes those too (the first build after installing).",
              "", "## Stages on the example (median of 5)", "", "| stage | ms |", "|---|---|"]
    lines += [f"| {name} | {seconds * 1000:.1f} |" for name, seconds in s.items()]
    lines += ["", "## The example's print handbook and submission packs (median of 3)", "", "| output | seconds |", "|---|---|"]
    lines += [f"| {name} | {seconds:.2f} |" for name, seconds in results["print_outputs"].items()]
    lines += ["", "## Languages (the example; builds: empty cache, median of 3; rendering: in process, median of 5)", "",
              "| measure | seconds |", "|---|---|"]
    lines += [f"| {name} | {seconds:.2f} |" for name, seconds in results["languages"].items()]
    lines += ["", "## Scaling (synthetic programmes, fresh process, median of 3; target: 10,000 items under 2 s, each ten-fold step ≤ 12×)", "",
              "| evidence items | load s | validate+assess+render s | step × | peak MB |", "|---|---|---|---|---|"]
    previous = None
    for size, row in sc.items():
        step = f"{row['validate+assess+render'] / previous:.1f}" if previous else "–"
        lines.append(f"| {size:,} | {row['load']:.2f} | {row['validate+assess+render']:.3f} | {step} | {row['peak_mb']:.0f} |")
        previous = row["validate+assess+render"]
    lines += ["", "## Whole build of a large programme against plain MkDocs (`handbook build --audience assessor`, MkDocs and "
              "the print handbook included, submission packs left out, empty cache; each pair in turn, median of "
              + ", ".join(f"{runs} at {size:,}" for size, runs in FULL_BUILD_RUNS.items()) + "; target ratio ≤ 1.2, ten-fold step ≤ 12×)", "",
              "| evidence items | handbook s | mkdocs build s | ratio | step × (handbook, mkdocs) | peak MB (build process; PDF workers apart) |", "|---|---|---|---|---|---|"]
    previous_row = None
    for size, row in results["full_builds"].items():
        step = (f"{row['ours'] / previous_row['ours']:.1f}, {row['plain'] / previous_row['plain']:.1f}" if previous_row else "–")
        lines.append(f"| {size:,} | {row['ours']:.1f} | {row['plain']:.1f} | **{row['ratio']:.2f}** | {step} | {row['peak_mb']:.0f} |")
        previous_row = row
    lines += ["", "## Start-up and live preview", "", "| measure | value |", "|---|---|",
              f"| `handbook validate` wall (median of 5; target < 0.5 s) | {st['handbook validate (wall)']:.2f} s |",
              f"| heavy modules imported by `validate` | {st['heavy modules imported by validate']} |",
              f"| save a data file → rebuilt page under `serve` (median of {PREVIEW_ROUNDS}; target < 1 s) | {lp['page']:.2f} s |",
              f"| save a data file → its leaflet PDF remade under `serve` (made after the page) | {lp['leaflet PDF']:.2f} s |", ""]
    return "\n".join(lines)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="handbook-bench-") as tmp:
        work = Path(tmp)
        os.environ["XDG_CACHE_HOME"] = str(work / "user-cache")  # the compiled templates the bench removes are its own
        example = copy_example_project(work / "example")
        results = {
            "when": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
            "machine": f"{subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} cores, Python {sys.version.split()[0]}",
            "against_mkdocs": against_mkdocs(work, example),
            "stages": stages(),
            "print_outputs": print_outputs(work),
            "languages": languages(work),
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
