"""Problems found in a programme's data, reported as one line each, the way compilers do.

Every stage collects problems in a list instead of raising on the first, so a coordinator sees
everything that is wrong in one run. A problem reads like Jinja's ``TemplateSyntaxError``::

    data/roles.yaml:14:7: roles[2].hours_per_month: must be a number (got "a few")
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Literal, NamedTuple

Severity = Literal["error", "warning"]
FieldPath = tuple[str | int, ...]


class Position(NamedTuple):
    """A place in a source file: 1-based line and column, as editors show them.

    A named tuple rather than a dataclass: the loader makes one per value, hundreds of thousands
    for a large programme, and tuples are several times cheaper to create.
    """

    file: str
    line: int = 1
    column: int = 1


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or doubtful, for warnings) with the data, at a known place."""

    position: Position
    field: str
    message: str
    severity: Severity = "error"
    fix: str | None = None

    def __str__(self) -> str:
        where = f"{self.position.file}:{self.position.line}:{self.position.column}"
        label = "warning: " if self.severity == "warning" else ""
        fix = f"; {self.fix}" if self.fix else ""
        return f"{where}: {label}{self.field}: {self.message}{fix}"


class DataError(Exception):
    """Raised at a stage boundary when the collected problems include at least one error."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.position, p.field))
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def raise_if_errors(problems: Iterable[Problem]) -> list[Problem]:
    """Raise DataError when any problem is an error; otherwise return the (warning) problems."""
    problems = list(problems)
    if any(p.severity == "error" for p in problems):
        raise DataError(problems)
    return problems


def format_field_path(path: FieldPath) -> str:
    """``("roles", 2, "hours_per_month")`` -> ``roles[2].hours_per_month``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "(top level)"


def as_written(values: Any, path: FieldPath) -> FieldPath:
    """A path as the YAML has it. Where a plain text stands for a mapping (``covers: [ethics]`` for
    ``covers: [{topic: ethics}]``), the mapping's field is not in the file: the path stops at the text."""
    value = values
    for depth, step in enumerate(path):
        if isinstance(value, str):
            return path[:depth]
        try:
            value = value[step]
        except (KeyError, IndexError, TypeError):
            return path
    return path


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the working folder when it is inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative
