"""The ``handbook`` command line: validate, assess, build, serve, export, leaflets, init.

Heavy libraries (MkDocs, WeasyPrint) are imported inside the commands that need them, so that
``handbook validate`` starts fast. Data problems print one line each and exit with code 1.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import Any, Callable

import click

from generator.problems import DataError, Problem

DATA_OPTION = click.option("--data", "data_dir", type=click.Path(path_type=Path), default=Path("data"),
                           show_default=True, help="Folder holding the programme's YAML files.")


def report_problems(problems: list[Problem]) -> None:
    """Print problems, one line each, to standard error."""
    for problem in problems:
        click.echo(str(problem), err=True)


def exits_on_data_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a DataError into its one-line problems and exit code 1, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except DataError as error:
            report_problems(error.problems)
            count = len(error.errors)
            click.echo(f"{count} error{'s' if count != 1 else ''}; nothing was written.", err=True)
            sys.exit(1)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="mentoring-handbook")
def main() -> None:
    """Turn a mentoring programme's YAML data into a published, standards-assessed handbook."""


@main.command("validate")
@DATA_OPTION
@exits_on_data_errors
def validate_command(data_dir: Path) -> None:
    """Check the programme data; print every problem with file, line and field."""
    from generator.pipeline import load_programme

    loaded = load_programme(data_dir)
    report_problems(loaded.warnings)
    name = loaded.programme.programme.name
    click.echo(f"{name}: data is valid ({len(loaded.warnings)} warning{'s' if len(loaded.warnings) != 1 else ''}).")


if __name__ == "__main__":  # pragma: no cover
    main()
