"""Load a programme's data folder: every ``*.yaml`` file at its top, merged into one mapping.

One file per area is friendlier than one big file, but nothing requires it: a file may hold any
number of top-level areas. An area defined in two files is an error naming both places.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.problems import Position, Problem, display_path
from generator.yaml_source import SourceMap, read_yaml_file

DATA_SUFFIXES = (".yaml", ".yml")


@dataclass
class RawData:
    """The merged data of a folder, where each value came from, and the problems met so far."""

    data_dir: Path
    values: dict[str, Any] = field(default_factory=dict)
    source: SourceMap = field(default_factory=SourceMap)
    problems: list[Problem] = field(default_factory=list)
    complete: bool = True  # False when a file could not be read: its areas are unknown


def data_files(data_dir: Path) -> list[Path]:
    """The YAML files that make up a programme, in a stable order."""
    return sorted(p for p in data_dir.iterdir() if p.suffix in DATA_SUFFIXES and p.is_file())


def load_data_folder(data_dir: Path) -> RawData:
    """Read and merge every data file; problems are collected, never raised."""
    raw = RawData(data_dir=data_dir)
    if not data_dir.is_dir():
        raw.problems.append(Problem(Position(display_path(data_dir)), "(folder)", "data folder not found",
                                    fix="pass --data with the folder holding your programme's YAML files"))
        raw.complete = False
        return raw
    files = data_files(data_dir)
    if not files:
        raw.problems.append(Problem(Position(display_path(data_dir)), "(folder)", "no .yaml files in the data folder",
                                    fix="run 'handbook init' to start from the example programme"))
        raw.complete = False
    for path in files:
        document = read_yaml_file(path)
        raw.problems.extend(document.problems)
        if document.data is None and document.problems:
            raw.complete = False
            continue
        if not isinstance(document.data, dict):
            raw.complete = False
            raw.problems.append(Problem(Position(display_path(path)), "(top level)",
                                        "a data file must be a mapping of areas, e.g. 'roles:' at the start of a line"))
            continue
        for key, value in document.data.items():
            if key in raw.values:
                first = raw.source.position((key,), key=True)
                raw.problems.append(Problem(document.source.position((key,), key=True), key,
                                            f"area defined twice (first in {first.file}:{first.line})",
                                            fix="keep each area in one file"))
                continue
            raw.values[key] = value
            raw.source.add_area(key, document.source)
    return raw
