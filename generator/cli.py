"""The ``handbook`` command line: validate, assess, build, serve, export, leaflets, submission, init.

Heavy libraries (MkDocs, WeasyPrint) are imported inside the commands that need them, so that
``handbook validate`` starts fast. Errors are click exceptions (:mod:`generator.problems`): data
problems print one line each and exit with code 1, a failed build exits with 1, wrong usage with 2;
never a traceback.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import click

from generator.problems import HandbookError, Problem, WarningsAsErrors
from generator.settings import HandbookSettings, parse_date

DATA_OPTION = click.option("--data", "data_dir", type=click.Path(path_type=Path), default=Path("data"),
                           show_default=True, help="Folder holding the programme's YAML files.")


class DateType(click.ParamType):
    """``--today``: a date written YYYY-MM-DD, read as mkdocs.yml's ``today`` is."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        try:
            return parse_date(value)
        except ValueError as error:
            self.fail(str(error), param, ctx)


def report_problems(problems: list[Problem]) -> None:
    """Print problems, one line each, to standard error."""
    for problem in problems:
        click.echo(str(problem), err=True)


class HandbookCommands(click.Group):
    """The command group; a file that cannot be read or written (a folder that does not exist, no
    permission, a full disk) is one line naming it, exit code 1, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except OSError as error:
            where = error.filename or "a file"
            raise HandbookError(f"{where}: {error.strerror or error}; nothing more was written "
                                f"(check that the folder exists and that you may write there)") from None


@click.group(cls=HandbookCommands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="mentoring-handbook")
def main() -> None:
    """Turn a mentoring programme's YAML data into a published, standards-assessed handbook."""


@main.command("validate")
@DATA_OPTION
@click.option("--strict", is_flag=True, help="Treat warnings (such as a leaflet item with no data) as errors.")
def validate_command(data_dir: Path, strict: bool) -> None:
    """Check the programme data; print every problem with file, line and field."""
    from generator.pipeline import load_programme

    loaded = load_programme(data_dir)
    count = len(loaded.warnings)
    if strict and count:
        raise WarningsAsErrors(loaded.warnings)
    report_problems(loaded.warnings)
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
@click.option("--today", "today", type=DateType(), default=None, hidden=True,
              help="Assess as of this date (YYYY-MM-DD), for reproducible results.")
def assess_command(data_dir: Path, standard_ids: tuple[str, ...], output_format: str, fail_under: float | None,
                   today: dt.date | None) -> None:
    """Assess the programme against the standards: each criterion's status, why, and what to add."""
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
        raise HandbookError(f"error: unknown standard {', '.join(repr(s) for s in unknown)}; known: {', '.join(known)}")
    catalogs = [known[standard] for standard in dict.fromkeys(standard_ids)] or loaded.catalogs
    standards = Standards(catalogs, loaded.standards.vocabularies)
    assessment = assess(loaded.programme, standards, today or dt.date.today())
    width = min(max(shutil.get_terminal_size((88, 24)).columns, 80), 100)
    click.echo(render(assessment, output_format, width), nl=False)
    if fail_under is not None:
        below = [result for result in assessment.standards
                 if result.score.score is not None and result.score.score < fail_under]
        if below:
            raise HandbookError("\n".join(f"{result.id}: score {result.score.score:.1f}% is below --fail-under {fail_under:g}%"
                                          for result in below))


@main.command("schema")
@click.option("--data", "data_dir", type=click.Path(path_type=Path), default=None,
              help="Include the terms of this programme's own catalogs (extra_standards) in the vocabularies.")
@click.option("--out", "out_file", type=click.Path(path_type=Path), default=None,
              help="Write the schema an editor applies to each data file (what init wrote as handbook-schema.json) to this file.")
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
TODAY_OPTION = click.option("--today", type=DateType(), default=None, hidden=True,
                            help="Fix today's date (YYYY-MM-DD) for reproducible builds.")


@main.command("build")
@CONFIG_OPTION
@click.option("--site-dir", type=click.Path(path_type=Path), default=None,
              help="Where to build (default: mkdocs.yml's site_dir; for the assessor edition, that name with -assessor: site-assessor).")
@click.option("--offline", is_flag=True,
              help="Build a site that opens from disk (file://: a USB stick, a shared drive): links end in .html, search still works.")
@click.option("--strict", is_flag=True, help="Treat data warnings (such as a leaflet item with no data) as errors.")
@AUDIENCE_OPTION
@TODAY_OPTION
def build_command(config_file: Path, site_dir: Path | None, offline: bool, strict: bool, audience: str | None,
                  today: dt.date | None) -> None:
    """Validate, assess and build the site with strict link checking; the old site stays until it succeeds.
    Data warnings are printed, one line each, and do not stop the build unless --strict."""
    from generator.publish import build_site

    target = build_site(config_file, site_dir, audience=audience, today=today, offline=offline, strict_data=strict,
                        report_warnings=report_problems)
    if target.name.endswith("-assessor") and site_dir is None:
        click.echo(f"Built the assessor edition into {target}/ (internal material: not for publication)")
    else:
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
def export_command(target: Path, config_file: Path, audience: str | None, today: dt.date | None) -> None:
    """Write the pages and a plugin-free mkdocs.yml to TARGET, for any engine that reads mkdocs.yml."""
    from generator.export import export_site

    export_site(config_file, target, audience=audience, today=today)
    click.echo(f"Exported the handbook sources to {target}/ (build them with: mkdocs build -f {target}/mkdocs.yml)")


@main.command("leaflets")
@click.option("--data", "data_dir", type=click.Path(path_type=Path), default=None,
              help="Folder holding the programme's YAML files (default: the plugin's data setting, else data).")
@CONFIG_OPTION
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=None,
              help="Folder to write the PDFs to.  [default: site/leaflets; site-assessor/leaflets for the assessor edition]")
@AUDIENCE_OPTION
@TODAY_OPTION
def leaflets_command(data_dir: Path | None, config_file: Path, out_dir: Path | None, audience: str | None,
                     today: dt.date | None) -> None:
    """Write the mentee, mentor and line manager leaflets as A4 PDFs, without building the site."""
    from generator.files import write_atomically
    from generator.pdf import cached_pdfs
    from generator.plugin import load_content

    settings = plugin_settings(config_file, data_dir, audience=audience, today=today, leaflets=True)
    content = load_content(settings)
    report_problems(content.warnings)
    if out_dir is None:
        out_dir = Path("site-assessor" if settings.audience == "assessor" else "site") / "leaflets"
    for site_path, pdf in cached_pdfs(content.leaflet_documents, cache_dir=settings.cache_dir).items():
        target = out_dir / Path(site_path).name
        write_atomically(target, pdf)
        click.echo(str(target))


@main.command("submission")
@click.option("--standard", "catalog_id", required=True, metavar="ID",
              help="The standard to submit for: its catalog id (ismpe, ima, best-practice, or one of the programme's own).")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), required=True,
              help="Folder to write the report PDF and the zip to; files already there are never overwritten.")
@click.option("--data", "data_dir", type=click.Path(path_type=Path), default=None,
              help="Folder holding the programme's YAML files (default: the plugin's data setting, else data).")
@CONFIG_OPTION
@TODAY_OPTION
def submission_command(catalog_id: str, out_dir: Path, data_dir: Path | None, config_file: Path, today: dt.date | None) -> None:
    """Make the award submission pack for one standard: the self-assessment report as an accessible
    PDF (evidence PDFs appended) and a zip of the report, the evidence files and a manifest of their
    SHA-256 checksums. Always the assessor edition: internal evidence is included, confidential
    evidence is listed by title, owner and date only."""
    from generator.assess import assess
    from generator.audience import edition_for
    from generator.files import write_atomically
    from generator.i18n import language
    from generator.pipeline import load_programme
    from generator.problems import DataError, Position, display_path
    from generator.submission import archive_name, report_name, submission_pack

    settings = plugin_settings(config_file, data_dir, audience="assessor", today=today)
    loaded = load_programme(settings.data_dir)
    report_problems(loaded.warnings)
    known = [catalog.id for catalog in loaded.catalogs]
    if catalog_id not in known:
        raise HandbookError(f"error: unknown standard {catalog_id!r}; known: {', '.join(known)}")
    targets = [out_dir / report_name(catalog_id), out_dir / archive_name(catalog_id)]
    taken = [target for target in targets if target.exists()]
    if taken:
        raise DataError([Problem(Position(display_path(target)), "(file)", "already exists; nothing was overwritten",
                                 fix="remove it, or choose another --out folder") for target in taken])
    assessment = assess(loaded.programme, loaded.standards, settings.today)
    edition = edition_for(loaded.programme, assessment, settings.audience)
    pack = submission_pack(edition, loaded.standards, catalog_id, settings.data_dir, template_dir=settings.template_dir,
                           today=settings.today, cache_dir=settings.cache_dir, site_language=language(settings.language))
    for name, content in ((pack.report_name, pack.report_pdf), (pack.archive_name, pack.zip)):
        write_atomically(out_dir / name, content)
        click.echo(str(out_dir / name))


def plugin_settings(config_file: Path, data_dir: Path | None, **overrides: Any) -> HandbookSettings:
    """The plugin's settings in ``mkdocs.yml`` (data, templates, cache, audience, today), as a build
    uses them, with a command's overrides; the defaults when there is no ``mkdocs.yml``."""
    from mkdocs.config import load_config

    from generator.plugin import default_options, handbook_plugin
    from generator.settings import HandbookSettings

    config = load_config(str(config_file)) if config_file.is_file() else None
    plugin = handbook_plugin(config) if config is not None else None
    data = data_dir.resolve() if data_dir is not None else None
    if config is None or plugin is None:
        return HandbookSettings.from_options(default_options(config_file), data_dir=data, **overrides)
    return plugin.settings_for(config, data_dir=data, **overrides)


@main.group("translations")
def translations_group() -> None:
    """The handbook in several languages: what is translated so far."""


@translations_group.command("status")
@click.option("--data", "data_dir", type=click.Path(path_type=Path), default=None,
              help="Folder holding the programme's YAML files (default: the plugin's data setting, else data).")
@CONFIG_OPTION
def translations_status_command(data_dir: Path | None, config_file: Path) -> None:
    """List, per language, how many interface strings (the generated words) and how many of the
    programme's own texts (data/translations/<code>.yaml) are translated, and which readability
    check its mentee-facing text gets."""
    from generator.i18n import LANGUAGE_NAMES, catalog_progress, language_code, shipped_catalogs, translation_files
    from generator.leaflets.readability import FORMULAS
    from generator.loader import load_data_folder
    from generator.translations import translate

    settings = plugin_settings(config_file, data_dir)
    primary = language_code(settings.language)
    files = translation_files(settings.data_dir)
    raw = load_data_folder(settings.data_dir)
    report_problems(raw.problems)
    rows = [("language", "interface text", "programme text", "readability check")]
    for code in dict.fromkeys([primary, *files, *shipped_catalogs()]):
        done, total = catalog_progress(code)
        if code == primary:
            programme = "the data itself"
        elif code in files:
            translation = translate(raw.values, files[code])
            programme = f"{translation.translated}/{translation.total}"
        else:
            programme = "no translation file"
        check = FORMULAS[code].name if code in FORMULAS else "none: no agreed formula for this language"
        rows.append((f"{code} ({LANGUAGE_NAMES[code]})" if code in LANGUAGE_NAMES else code, f"{done}/{total}", programme, check))
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    for row in rows:
        click.echo(f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]:<{widths[2]}}  {row[3]}")


@main.command("init")
@click.argument("target", type=click.Path(path_type=Path))
@click.option("--name", default=None, help="The programme's name (asked for on a terminal when left out).")
@click.option("--organisation", default=None, help="The organisation that runs it (asked for on a terminal when left out).")
@click.option("--example", is_flag=True, help="Start from the example programme (Harbourside Mentoring) instead of a blank one.")
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
