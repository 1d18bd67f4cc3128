"""The Jinja environment for page templates, and template errors reported like data errors.

A programme's own template folder comes first, so it can replace any packaged template by name.
Every ``{{ value }}`` passes through :func:`~generator.safe_text.safe_markdown` (the environment's
``finalize``; in a print template, ``.html.j2``, :func:`~generator.safe_text.safe_html`), and
``join`` and ``escape`` make their items safe the same way, so an override cannot forget to make
data text safe. Templates link an address from the data with the ``link`` filter. HTML written in
a template itself is left alone.
"""

from __future__ import annotations

import traceback
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from jinja2 import (
    BytecodeCache,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    pass_context,
    pass_environment,
    select_autoescape,
)
from jinja2.bccache import Bucket
from jinja2.filters import make_attrgetter
from jinja2.runtime import Context
from markupsafe import Markup

from generator.files import write_atomically
from generator.problems import DataError, Position, Problem, display_path
from generator.safe_text import markdown_link, safe_html, safe_markdown, table_cell
from generator.wording import amount, hours, long_date, per_year, plural

PACKAGED_TEMPLATES = Path(__file__).resolve().parent / "templates"
TEMPLATE_SUFFIX = ".j2"  # pages, partials and leaflets (.md.j2), print layouts (.html.j2)
HTML_TEMPLATE_SUFFIX = ".html.j2"
COMPILED_SUFFIX = ".jinja"  # a compiled template kept on disk


class CompiledTemplates(BytecodeCache):
    """Compiled Jinja templates kept for the life of the process, so that rebuilding (under
    ``serve``) does not compile every template again, and, once :meth:`keep_in` names a folder (the
    build's cache folder), on disk for the next process. Jinja checks each entry against its
    template's source and the Python version, so an edited template is compiled afresh. Compiled
    code depends on the environment's settings: environments set up differently need a cache each."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}
        self.folder: Path | None = None

    def keep_in(self, folder: Path | None) -> None:
        """Also keep compiled templates in ``folder`` (None: in memory only)."""
        self.folder = folder

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.compiled.get(bucket.key)
        if code is None and self.folder is not None:
            try:
                code = (self.folder / f"{bucket.key}{COMPILED_SUFFIX}").read_bytes()
            except OSError:
                code = None
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        code = self.compiled[bucket.key] = bucket.bytecode_to_string()
        if self.folder is not None:
            try:
                write_atomically(self.folder / f"{bucket.key}{COMPILED_SUFFIX}", code)
            except OSError:
                pass  # a read-only project still builds, compiling its templates each time


COMPILED_TEMPLATES = CompiledTemplates()  # for every environment make_environment sets up (all alike)


def make_environment(template_dir: Path | None) -> Environment:
    """The programme's templates first, then the packaged defaults.

    Not sandboxed: templates are written by the same people who control ``mkdocs.yml`` (which can
    load Python hooks), so a sandbox would guard nothing, and it tripled rendering time on large
    programmes. Data text is made safe by ``finalize`` whatever the template does.
    """
    folders = ([template_dir] if template_dir is not None else []) + [PACKAGED_TEMPLATES]
    environment = Environment(
        loader=ChoiceLoader([FileSystemLoader(folder) for folder in folders]),
        undefined=StrictUndefined,
        autoescape=select_autoescape(enabled_extensions=("md.j2", "html.j2"), default_for_string=True),
        finalize=safe_printed,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=COMPILED_TEMPLATES,
    )
    environment.filters.update({
        "join": safe_join,
        "escape": safe_markdown,
        "e": safe_markdown,
        "forceescape": safe_markdown,
        "long_date": long_date,
        "cell": table_cell,
        "plural": plural,
        "hours": hours,
        "amount": amount,
        "per_year": per_year,
        "link": markdown_link,
    })
    return environment


@pass_context
def safe_printed(context: Context, value: Any) -> Markup:
    """The environment's ``finalize``: a printed value made safe for where it goes, Markdown pages or
    (in print templates) HTML."""
    return safe_html(value) if (context.name or "").endswith(HTML_TEMPLATE_SUFFIX) else safe_markdown(value)


@pass_environment
def safe_join(environment: Environment, items: Iterable[Any], separator: str = "", attribute: str | int | None = None) -> Markup:
    """Jinja's ``join``, with every item made safe as printed values are."""
    if attribute is not None:
        items = map(make_attrgetter(environment, attribute), items)
    return safe_markdown(separator).join(safe_markdown(item) for item in items)


def render_template(environment: Environment, name: str, context: dict[str, Any]) -> str:
    """Render one template. Raises DataError naming the template file and line on any template error.

    Each printed piece is kept as plain text while the page is put together: a large page prints
    100,000 values, and holding each as a ``Markup`` object (which the cycle collector tracks) until
    the page is joined made Python's garbage collector scan the whole programme several times.
    """
    try:
        return "".join(map(str, environment.get_template(name).generate(context)))
    except TemplateSyntaxError as error:
        raise DataError([_problem(error.filename or name, error.lineno, _with_source_line(error))]) from None
    except TemplateNotFound as error:
        file, line = _template_frame(error)
        raise DataError([_problem(file or name, line, f"template {error.name!r} not found")]) from None
    except Exception as error:  # a runtime error inside a template: undefined name, bad filter argument
        file, line = _template_frame(error)
        if file is None:
            raise
        message = error.message if isinstance(error, TemplateError) and error.message else f"{type(error).__name__}: {error}"
        raise DataError([_problem(file, line, message)]) from None


def _with_source_line(error: TemplateSyntaxError) -> str:
    """The error's message and, as Jinja shows it, the template line it is about."""
    message = (error.message or "syntax error").rstrip(".")
    lines = (error.source or "").splitlines()
    line = lines[error.lineno - 1].strip() if 0 < error.lineno <= len(lines) else ""
    return f"{message}: {line}" if line else message


def _template_frame(error: BaseException) -> tuple[str | None, int]:
    """The innermost template file and line in an error's traceback (Jinja rewrites frames to them)."""
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if frame.filename.endswith(TEMPLATE_SUFFIX):
            return frame.filename, frame.lineno or 1
    return None, 1


def _problem(file: str, line: int, message: str) -> Problem:
    path = Path(file)
    override = not path.resolve().is_relative_to(PACKAGED_TEMPLATES)
    return Problem(Position(display_path(path), line), "template", message.rstrip("."),
                   fix="fix the template, or remove it to use the packaged default" if override else None)
