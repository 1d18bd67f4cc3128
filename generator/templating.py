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
from collections.abc import Callable, Iterable
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
from generator.i18n import Language, language
from generator.problems import DataError, Position, Problem, display_path
from generator.safe_text import markdown_link, safe_html, safe_markdown, table_cell
from generator.wording import hours, per_year, plural

PACKAGED_TEMPLATES = Path(__file__).resolve().parent / "templates"
TEMPLATE_SUFFIX = ".j2"  # pages, partials and leaflets (.md.j2), print layouts (.html.j2)
HTML_TEMPLATE_SUFFIX = ".html.j2"
COMPILED_SUFFIX = ".jinja"  # a compiled template kept on disk


class CompiledTemplates(BytecodeCache):
    """Compiled Jinja templates kept for the life of the process, so that rebuilding (under
    ``serve``) does not compile every template again, and, once :meth:`keep_in` names a folder
    (:func:`compiled_templates_folder`), on disk for the next process. Jinja checks each entry against its
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


def compiled_templates_folder() -> Path:
    """Where compiled templates are kept between runs: this user's cache folder for the tool, not a
    project's ``.cache``. Like Python's compiled modules, an entry depends only on its template's
    source (checked on every load), so a newly cloned project, or one whose cache was emptied,
    does not compile the packaged templates again."""
    from platformdirs import user_cache_path

    return user_cache_path("mentoring-handbook") / "templates"


class HandbookEnvironment(Environment):
    """A Jinja environment that prints words in one language (``words``)."""

    words: Language


COMPILED_TEMPLATES = CompiledTemplates()  # for every environment make_environment sets up (all alike)


WORDING_FILTERS = ("indent", "lower", "upper", "capitalize", "title", "trim", "center")  # Jinja's, given Messages in the site's language


def make_environment(template_dir: Path | None, site_language: Language | None = None) -> HandbookEnvironment:
    """The programme's templates first, then the packaged defaults, printing words in ``site_language``
    (English when None): templates call ``_("text with %(name)s", name=value)`` and
    ``ngettext(singular, plural, count, ...)`` for fixed text, and any
    :class:`~generator.i18n.Message` or date a template prints or filters is put into the language.

    Not sandboxed: templates are written by the same people who control ``mkdocs.yml`` (which can
    load Python hooks), so a sandbox would guard nothing, and it tripled rendering time on large
    programmes. Data text is made safe by ``finalize`` whatever the template does.
    """
    folders = ([template_dir] if template_dir is not None else []) + [PACKAGED_TEMPLATES]
    environment = HandbookEnvironment(
        loader=ChoiceLoader([FileSystemLoader(folder) for folder in folders]),
        undefined=StrictUndefined,
        autoescape=select_autoescape(enabled_extensions=("md.j2", "html.j2"), default_for_string=True),
        finalize=safe_printed,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=COMPILED_TEMPLATES,
        extensions=["jinja2.ext.i18n"],  # {% trans %} blocks, for templates that prefer them to _()
    )
    environment.newstyle_gettext = True  # type: ignore[attr-defined]  # trans blocks call gettext() and ngettext() below, with their values
    words = site_language or language()
    environment.globals.update({"_": _gettext(words), "gettext": _gettext(words), "ngettext": _ngettext(words),
                                "language": words.code})
    environment.filters.update({name: _in_language(environment.filters[name], words) for name in WORDING_FILTERS})
    environment.filters.update({
        "join": safe_join,
        "escape": safe_markdown,
        "e": safe_markdown,
        "forceescape": safe_markdown,
        "long_date": words.date,
        "cell": _in_language(table_cell, words),
        "plural": plural,
        "hours": lambda value: words.text(hours(value)),
        "amount": words.amount,
        "per_year": lambda value: words.text(per_year(value)),
        "link": _in_language(markdown_link, words),
    })
    environment.words = words
    return environment


def _gettext(words: Language) -> Callable[..., Markup]:
    without_values: dict[str, Markup] = {}  # msgid -> its text: a page of a large register asks for the same few many times

    @pass_context
    def gettext(context: Context, msgid: str, **values: Any) -> Markup:
        """Fixed text in the site's language, its ``%(name)s`` values made safe as printed values are."""
        if values:
            return Markup(words.gettext(msgid) % {name: safe_printed(context, value) for name, value in values.items()})
        if msgid not in without_values:
            without_values[msgid] = Markup(words.gettext(msgid))
        return without_values[msgid]

    return gettext


def _ngettext(words: Language) -> Callable[..., Markup]:
    @pass_context
    def ngettext(context: Context, singular: str, plural_form: str, number: int, **values: Any) -> Markup:
        """Fixed text with a count, in the form the site's language uses for it (``%(count)s`` is
        the number, unless a value of that name is given, as a ``{% trans count=… %}`` block does)."""
        text = words.ngettext(singular, plural_form, number)
        return Markup(text % {name: safe_printed(context, value) for name, value in ({"count": number} | values).items()})

    return ngettext


def _in_language(filter_: Callable[..., Any], words: Language) -> Callable[..., Any]:
    """A filter given its value in the site's language (a Message or date put into words first)."""
    def in_language(value: Any, *args: Any, **kwargs: Any) -> Any:
        return filter_(words.text(value), *args, **kwargs)

    return in_language


@pass_context
def safe_printed(context: Context, value: Any) -> Markup:
    """The environment's ``finalize``: a printed value made safe for where it goes, Markdown pages or
    (in print templates) HTML."""
    if isinstance(value, Markup):
        return value
    environment = context.environment
    assert isinstance(environment, HandbookEnvironment)
    value = environment.words.text(value)
    return safe_html(value) if (context.name or "").endswith(HTML_TEMPLATE_SUFFIX) else safe_markdown(value)


@pass_environment
def safe_join(environment: Environment, items: Iterable[Any], separator: str = "", attribute: str | int | None = None) -> Markup:
    """Jinja's ``join``, with every item made safe as printed values are."""
    if attribute is not None:
        items = map(make_attrgetter(environment, attribute), items)
    assert isinstance(environment, HandbookEnvironment)
    words = environment.words
    return safe_markdown(separator).join(safe_markdown(words.text(item)) for item in items)


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
