"""The pipeline runs one way: load → validate → assess → audience → render → site → publish. No
module imports one from a later stage (at the top or inside a function), there are no import
circles, and `handbook validate` loads none of the libraries only later stages need."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from generator.starter import EXAMPLE

PACKAGE = Path(__file__).resolve().parents[1] / "generator"

# Each module's stage; a module may import modules of its own stage or an earlier one.
STAGES = {
    0: ["problems", "page", "substance", "files", "safety", "i18n", "model", "yaml_source", "datapath", "schema_errors",
        "wording", "site_map", "safe_links", "safe_text", "templating", "standards"],
    1: ["loader", "standards.catalog", "standards.rules", "standards.loading", "validate", "schema", "translations"],
    2: ["assess", "report"],
    3: ["audience", "leaflets.readability", "leaflets.parts", "leaflets.items", "leaflets.checks", "text_links", "pipeline"],
    4: ["render", "render.links", "render.resolved", "render.view",
        "render.assessment_view", "render.evidence_pages", "cohort_calendar", "leaflets.render", "pdf", "pdf_jobs", "leaflets.background", "leaflets", "print_handbook"],
    5: ["site", "site_exports", "content_cache", "settings", "submission", "submission.evidence", "submission.report",
        "submission.pack"],
    6: ["plugin", "publish", "export", "preview", "starter"],
    7: ["cli"],
}
STAGE_OF = {module: stage for stage, modules in STAGES.items() for module in modules}


def package_modules() -> dict[str, Path]:
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        if name:
            modules[name] = path
    return modules


def imports_of(path: Path) -> set[str]:
    """The package modules a file imports anywhere in it (``from generator.x import y`` names x, or x.y when it is a module)."""
    modules = package_modules()
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("generator"):
            base = node.module.removeprefix("generator").removeprefix(".")
            for alias in node.names:
                candidate = f"{base}.{alias.name}" if base else alias.name
                found.add(candidate if candidate in modules else base)
        elif isinstance(node, ast.Import):
            found.update(alias.name.removeprefix("generator.") for alias in node.names if alias.name.startswith("generator."))
    return {name for name in found if name}


def test_every_module_has_a_stage() -> None:
    assert sorted(set(package_modules()) - set(STAGE_OF)) == []


def test_no_module_imports_a_later_stage() -> None:
    backwards = [f"{module} (stage {STAGE_OF[module]}) imports {imported} (stage {STAGE_OF[imported]})"
                 for module, path in package_modules().items() for imported in sorted(imports_of(path))
                 if imported in STAGE_OF and STAGE_OF[imported] > STAGE_OF[module]]
    assert backwards == []


def test_there_are_no_import_circles() -> None:
    graph = {module: {name for name in imports_of(path) if name != module} for module, path in package_modules().items()}
    circles = []

    def visit(module: str, trail: list[str]) -> None:
        for imported in sorted(graph.get(module, ())):
            if imported in trail:
                circles.append(" -> ".join(trail[trail.index(imported):] + [imported]))
            elif len(trail) < len(graph):
                visit(imported, trail + [imported])

    for module in sorted(graph):
        visit(module, [module])
    assert sorted(set(circles))[:5] == []


def test_validate_loads_no_library_of_a_later_stage() -> None:
    """Not the template engine, MkDocs or WeasyPrint. (Markdown is loaded to read the links in data
    text that has some, exactly as the pages will.)"""
    probe = ("import sys\nfrom generator.cli import main\n"
             f"try:\n    main(['validate', '--data', {str(EXAMPLE / 'data')!r}])\nexcept SystemExit:\n    pass\n"
             "print(sorted(m for m in ('jinja2', 'mkdocs', 'weasyprint', 'material') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"
