"""The ``handbook`` command line: validate, assess, build, serve, export, leaflets, init.

Heavy libraries (MkDocs, WeasyPrint) are imported inside the commands that need them, so that
``handbook validate`` starts fast. Data problems print one line each and exit with code 1.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

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
@click.option("--strict", is_flag=True, help="Treat warnings (such as a leaflet item with no data) as errors.")
@exits_on_data_errors
def validate_command(data_dir: Path, strict: bool) -> None:
    """Check the programme data; print every problem with file, line and field."""
    from generator.pipeline import load_programme

    loaded = load_programme(data_dir)
    report_problems(loaded.warnings)
    count = len(loaded.warnings)
    if strict and count:
        click.echo(f"{count} warning{'s' if count != 1 else ''}, which --strict treats as errors.", err=True)
        sys.exit(1)
    name = loaded.programme.programme.name
    click.echo(f"{name}: data is valid ({count} warning{'s' if count != 1 else ''}).")


@main.command("assess")
@DATA_OPTION
@click.option("--standard", "standard_ids", multiple=True, metavar="ID",
              help="Assess only this standard (catalog id, e.g. ismpe); repeat for several. Default: all.")
@click.option("--format", "output_format", type=click.Choice(["table", "json", "csv", "markdown"]), default="table",
              show_default=True, help="How to print the assessment.")
@click.option("--fail-under", type=click.FloatRange(0, 100), default=None, metavar="PERCENT",
              help="Exit with code 1 when any selected standard scores below PERCENT.")
@click.option("--today", "today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, hidden=True,
              help="Assess as of this date (YYYY-MM-DD), for reproducible results.")
@exits_on_data_errors
def assess_command(data_dir: Path, standard_ids: tuple[str, ...], output_format: str, fail_under: float | None,
                   today: Any) -> None:
    """Assess the programme against the standards: each criterion's status, why, and what to add."""
    import datetime as dt
    import shutil

    from generator.assess import assess
    from generator.pipeline import load_programme
    from generator.report import render
    from generator.standards.loading import Standards

    loaded = load_programme(data_dir)
    report_problems(loaded.warnings)
    known = {catalog.id: catalog for catalog in loaded.catalogs}
    unknown = [standard for standard in standard_ids if standard not in known]
    if unknown:
        click.echo(f"error: unknown standard {', '.join(repr(s) for s in unknown)}; known: {', '.join(known)}", err=True)
        sys.exit(1)
    catalogs = [known[standard] for standard in dict.fromkeys(standard_ids)] or loaded.catalogs
    standards = Standards(catalogs, loaded.standards.vocabularies)
    assessment = assess(loaded.programme, standards, today.date() if today else dt.date.today())
    width = min(max(shutil.get_terminal_size((88, 24)).columns, 80), 100)
    click.echo(render(assessment, output_format, width), nl=False)
    if fail_under is not None:
        below = [result for result in assessment.standards
                 if result.score.score is not None and result.score.score < fail_under]
        for result in below:
            click.echo(f"{result.id}: score {result.score.score:.1f}% is below --fail-under {fail_under:g}%", err=True)
        if below:
            sys.exit(1)


@main.command("schema")
@click.option("--data", "data_dir", type=click.Path(path_type=Path), default=None,
              help="Include the terms of this programme's own catalogs (extra_standards) in the vocabularies.")
@click.option("--out", "out_file", type=click.Path(path_type=Path), default=None,
              help="Write the schema an editor applies to each data file (what init wrote as handbook-schema.json) to this file.")
@exits_on_data_errors
def schema_command(data_dir: Path | None, out_file: Path | None) -> None:
    """Print the JSON Schema of the programme data (for editors that check YAML as you type), with
    a description and example for every field and the terms each declaration takes from the
    standards' vocabularies."""
    from generator.files import write_atomically
    from generator.loader import load_data_folder
    from generator.pipeline import extra_catalog_paths
    from generator.problems import raise_if_errors
    from generator.schema import schema_text
    from generator.standards.loading import load_standards

    standards, problems = load_standards(extra_catalog_paths(load_data_folder(data_dir)) if data_dir else [])
    raise_if_errors(problems)
    schema = schema_text(standards.vocabularies, for_one_file=out_file is not None)
    if out_file is None:
        click.echo(schema, nl=False)
    else:
        write_atomically(out_file, schema)
        click.echo(f"Wrote {out_file}")


CONFIG_OPTION = click.option("--config", "config_file", type=click.Path(path_type=Path), default=Path("mkdocs.yml"),
                             show_default=True, help="The site's MkDocs configuration.")
AUDIENCE_OPTION = click.option("--audience", type=click.Choice(["public", "assessor"]), default=None,
                               help="Who the build is for: public (default) omits internal and confidential material.")
TODAY_OPTION = click.option("--today", default=None, hidden=True, help="Fix today's date (YYYY-MM-DD) for reproducible builds.")


@main.command("build")
@CONFIG_OPTION
@click.option("--site-dir", type=click.Path(path_type=Path), default=None, help="Where to build (default: mkdocs.yml's site_dir).")
@click.option("--offline", is_flag=True,
              help="Build a site that opens from disk (file://: a USB stick, a shared drive): links end in .html, search still works.")
@AUDIENCE_OPTION
@TODAY_OPTION
@exits_on_data_errors
def build_command(config_file: Path, site_dir: Path | None, offline: bool, audience: str | None, today: str | None) -> None:
    """Validate, assess and build the site with strict link checking; the old site stays until it succeeds."""
    from generator.publish import BuildFailed, build_site

    try:
        target = build_site(config_file, site_dir, audience=audience, today=today, offline=offline)
    except BuildFailed as error:
        click.echo(f"build failed: {error}; the previous site was left as it was.", err=True)
        sys.exit(1)
    click.echo(f"Built the handbook into {target}/")


@main.command("serve")
@CONFIG_OPTION
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on.")
def serve_command(config_file: Path, dev_addr: str) -> None:
    """Preview the site; editing data/, templates/ or handbook/ rebuilds it and reloads the browser."""
    from generator.preview import serve_site

    serve_site(config_file, dev_addr)


@main.command("export")
@click.argument("target", type=click.Path(path_type=Path))
@CONFIG_OPTION
@AUDIENCE_OPTION
@TODAY_OPTION
@exits_on_data_errors
def export_command(target: Path, config_file: Path, audience: str | None, today: str | None) -> None:
    """Write the pages and a plugin-free mkdocs.yml to TARGET, for any engine that reads mkdocs.yml."""
    from generator.export import export_site

    export_site(config_file, target, audience=audience, today=today)
    click.echo(f"Exported the handbook sources to {target}/ (build them with: mkdocs build -f {target}/mkdocs.yml)")


@main.command("leaflets")
@click.option("--data", "data_dir", type=click.Path(path_type=Path), default=None,
              help="Folder holding the programme's YAML files (default: the plugin's data setting, else data).")
@CONFIG_OPTION
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("site/leaflets"), show_default=True,
              help="Folder to write the PDFs to.")
@AUDIENCE_OPTION
@TODAY_OPTION
@exits_on_data_errors
def leaflets_command(data_dir: Path | None, config_file: Path, out_dir: Path, audience: str | None, today: str | None) -> None:
    """Write the mentee, mentor and line manager leaflets as A4 PDFs, without building the site."""
    import datetime as dt

    from generator.leaflets import leaflet_documents, leaflet_pdfs
    from generator.pipeline import load_programme
    from generator.plugin import CACHE_DIR

    plugin = None
    if config_file.is_file():  # the plugin's settings (data, templates, audience, today), as a build uses them
        from mkdocs.config import load_config

        config = load_config(str(config_file))
        plugin = config.plugins.get("handbook")
    if plugin is not None:
        plugin.config.audience = audience or plugin.config.audience
        plugin.config.today = today or plugin.config.today
        if data_dir is not None:
            plugin.config.data_dir = str(data_dir.resolve())
        content = plugin.load_content(config)
        root, documents, warnings = Path(config.config_file_path).resolve().parent, content.leaflet_documents, content.warnings
    else:
        root, templates = Path("."), Path("templates")
        loaded = load_programme(data_dir or Path("data"))
        documents = leaflet_documents(loaded, audience=audience or "public", template_dir=templates if templates.is_dir() else None,
                                      today=dt.date.fromisoformat(today) if today else dt.date.today())
        warnings = loaded.warnings
    report_problems(warnings)
    for site_path, pdf in leaflet_pdfs(documents, cache_dir=root / CACHE_DIR).items():
        target = out_dir / Path(site_path).name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(pdf)
        click.echo(str(target))


@main.command("init")
@click.argument("target", type=click.Path(path_type=Path))
@click.option("--name", default=None, help="The programme's name (asked for on a terminal when left out).")
@click.option("--organisation", default=None, help="The organisation that runs it (asked for on a terminal when left out).")
@click.option("--example", is_flag=True, help="Start from the example programme (Harbourside Mentoring) instead of a blank one.")
@exits_on_data_errors
def init_command(target: Path, name: str | None, organisation: str | None, example: bool) -> None:
    """Start a new programme in TARGET: a blank one (every area a commented skeleton) or, with
    --example, a copy of the example programme. Never overwrites."""
    from generator.starter import start_programme

    if not example:
        name = name or _ask("The programme's name", "--name")
        organisation = organisation or _ask("The organisation that runs it", "--organisation")
    start_programme(target, example=example, name=name or "", organisation=organisation or "")
    what = "the example programme (Harbourside Mentoring)" if example else f"a blank programme for {name}"
    click.echo(f"Created {target}/ with {what}. Next:\n"
               f"  cd {target}\n"
               f"  handbook assess    # what the standards ask that your data does not show yet\n"
               f"  handbook serve     # preview the handbook at http://127.0.0.1:8000 while you edit data/*.yaml")


def _ask(question: str, option: str) -> str:
    """Ask on a terminal; elsewhere (a script, CI) the option is required."""
    if not sys.stdin.isatty():
        raise click.UsageError(f"give {option} (there is no terminal to ask on)")
    return click.prompt(question).strip()


if __name__ == "__main__":  # pragma: no cover
    main()
