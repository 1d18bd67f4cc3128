"""Problems found in a programme's data, reported as one line each, the way compilers do.

Every stage collects problems in a list instead of raising on the first, so a coordinator sees
everything that is wrong in one run. A problem reads like Jinja's ``TemplateSyntaxError``::

    data/roles.yaml:14:7: roles[2].hours_per_month: must be a number (got "a few")

The errors a ``handbook`` command stops with are click exceptions (:class:`HandbookError`), so
click prints them and exits with their code, never with a traceback: :class:`DataError` (its
problems, one line each, exit 1), :class:`WarningsAsErrors` (``--strict``), :class:`BuildFailed`
(MkDocs stopped the build). Wrong usage is click's own ``UsageError`` (exit 2).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal, NamedTuple

import click

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


class HandbookError(click.ClickException):
    """An error a ``handbook`` command reports as plain lines on standard error, exiting with
    ``exit_code`` (1), never with a traceback: click shows it. Wrong usage (an unknown option, a
    bad ``--today``) is click's own ``UsageError``, exit code 2."""

    exit_code = 1

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(self.format_message(), file=file, err=file is None)


class DataError(HandbookError):
    """Raised at a stage boundary when the collected problems include at least one error.

    Shown as one line per problem, then how many errors there were and that nothing was written.
    """

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.position, p.field))
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def summary(self) -> str:
        count = len(self.errors)
        return f"{count} error{'s' if count != 1 else ''}; nothing was written."

    def format_message(self) -> str:
        return "\n".join([*(str(p) for p in self.problems), self.summary()])


class WarningsAsErrors(DataError):
    """Data warnings that ``--strict`` treats as errors."""

    def __init__(self, warnings: Iterable[Problem], *, then: str = ""):
        self.problems = list(warnings)  # in the order the command would print them as warnings
        self.then = then  # what this means for the command, e.g. "; nothing was written"
        HandbookError.__init__(self, "\n".join(str(p) for p in self.problems))

    def summary(self) -> str:
        count = len(self.problems)
        return f"{count} warning{'s' if count != 1 else ''}, which --strict treats as errors{self.then}."


class BuildFailed(HandbookError):
    """MkDocs stopped the build (broken link in strict mode, bad config); the reason says why."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)

    def format_message(self) -> str:
        return f"build failed: {self.reason}; the previous site was left as it was."


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
