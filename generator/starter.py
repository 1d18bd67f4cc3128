"""Start a programme of one's own: copy a starter into a new folder (``handbook init``).

Two starters ship inside the package, so an installed wheel can start a programme anywhere:
``blank`` (every area a commented skeleton, the coordinator's name and organisation filled in) and
``example`` (the Harbourside programme, to learn from). Both get the files in ``common``: a
``.gitignore``, the publish workflow pinned to this release, and the guide to template overrides.
The editor schema is written beside them so the data files' ``$schema`` comment resolves.
"""

from __future__ import annotations

import html
import json
import shutil
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from string import Template

from generator.files import ensure_free, write_atomically

STARTERS = Path(__file__).resolve().parent / "starters"
EXAMPLE = STARTERS / "example"
BLANK = STARTERS / "blank"
COMMON = STARTERS / "common"
SCHEMA_FILE = "handbook-schema.json"  # the data files' "# yaml-language-server: $schema=../handbook-schema.json"
NOT_COPIED = shutil.ignore_patterns("site", ".cache", "__pycache__", ".building-*", ".previous-*")


def start_programme(target: Path, *, example: bool = False, name: str = "", organisation: str = "") -> list[Path]:
    """Create ``target`` from a starter and return the files written. Never overwrites: a folder
    that exists and is not empty is refused (DataError) before anything is written."""
    ensure_free(target)
    values = {"name": name, "organisation": organisation, "version": version("mentoring-handbook")}
    target.mkdir(parents=True, exist_ok=True)
    for source in (EXAMPLE if example else BLANK, COMMON):
        shutil.copytree(source, target, ignore=NOT_COPIED, dirs_exist_ok=True)
    for source in (COMMON,) if example else (BLANK, COMMON):  # the example has no slots to fill
        for path in source.rglob("*"):
            if path.suffix in FILLERS and path.is_file():
                _fill_slots(target / path.relative_to(source), values)
    write_atomically(target / SCHEMA_FILE, editor_schema_text())
    return sorted(path for path in target.rglob("*") if path.is_file())


def _fill_slots(path: Path, values: dict[str, str]) -> None:
    """Write the values into a starter file's ``${name}``-style slots, quoted for the file's kind."""
    quote = FILLERS[path.suffix]
    text = path.read_text(encoding="utf-8")
    path.write_text(Template(text).safe_substitute({key: quote(value) for key, value in values.items()}), encoding="utf-8")


def editor_schema_text() -> str:
    """The JSON Schema an editor applies to each data file, with the packaged vocabularies."""
    from generator.problems import raise_if_errors
    from generator.schema import schema_text
    from generator.standards.loading import load_standards

    standards, problems = load_standards([])
    raise_if_errors(problems)
    return schema_text(standards.vocabularies, for_one_file=True)


# How a value is written into a starter file of each kind: quoted in YAML, escaped in Markdown.
FILLERS: dict[str, Callable[[str], str]] = {
    ".yml": json.dumps,  # a JSON string is a valid double-quoted YAML scalar
    ".yaml": json.dumps,
    ".md": html.escape,  # HTML in a name shows as text, as it does everywhere else in the handbook
}
