"""The MkDocs plugin: a thin adapter that adds the generated handbook to a MkDocs build.

``plugins: [handbook]`` in ``mkdocs.yml``. On each build it asks the library for the pages (load,
validate, assess, render), adds them beside the hand-written pages as generated files, copies the
evidence files the audience may see, writes the assessment exports and leaflet PDFs, and under
``mkdocs serve`` watches ``data/`` and ``templates/``. Data problems stop the build with the same
one-line messages as ``handbook validate``; data warnings are logged at WARNING (so ``mkdocs build
--strict`` counts them) unless ``warnings: info``. An assessor edition carries a banner and
``noindex`` on every page.

Its options are read like MkDocs' own (folders relative to ``mkdocs.yml``, the date checked when the
configuration is read) and become one :class:`generator.settings.HandbookSettings` per build. A
command that runs the build itself (``handbook build``, ``handbook serve``) makes the settings with
its overrides and loads the content first (:meth:`HandbookPlugin.prepare`), so data problems print
as plain lines before MkDocs starts.

Under ``serve`` the plugin lives from one rebuild to the next (it defines ``on_startup``), so a
rebuild reuses the theme's compiled templates and never waits for leaflet PDFs: see
:class:`generator.leaflets.background.BackgroundPdfs`.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from generator.content_cache import cached, fingerprint
from generator.page import PRINT_PDF, RenderedPage
from generator.problems import DataError
from generator.settings import HandbookSettings, parse_date
from generator.site import SiteContent

if TYPE_CHECKING:
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page as MkDocsPage

    from generator.leaflets.background import BackgroundPdfs
    from generator.pdf_jobs import PdfJobs

log = logging.getLogger("mkdocs.plugins.handbook")
SAFE_LINKS = "generator.safe_links"
DATA_LANGUAGE = "handbook_data_language"  # in a configuration's extra: the language the data is written in, for a site built in several
# The handbook's own theme layer: its styles and scripts (the checklist's filter, the search
# dialog's name). It sits between the coordinator's custom_dir (which can override any of it) and
# the theme, and overrides none of the theme's templates, so an exported site suits other engines.
THEME_DIR = Path(__file__).resolve().parent / "theme"
THEME_CSS = ["assets/handbook/handbook.css"]
THEME_JAVASCRIPT = ["assets/handbook/checklist.js", "assets/handbook/search-dialog.js"]
# Material's offline plugin would load this from unpkg.com; a site opened from a USB stick has no internet.
OFFLINE_SEARCH_SHIM = "assets/handbook/iframe-worker-shim.js"


# The assessor edition, marked on every page so that it is never mistaken for the public one.
ASSESSOR_NOTICE = ("<strong>Assessor edition — not for publication.</strong> "
                   "It includes internal material; publish the public edition instead.")
ASSESSOR_BANNER = ('<aside class="md-banner md-banner--warning handbook-edition-banner" role="note">'
                   f'<div class="md-banner__inner md-grid md-typeset">{ASSESSOR_NOTICE}</div></aside>')
NOINDEX = '<meta name="robots" content="noindex">'
BODY_START = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
MATERIAL_ANNOUNCE = '<div data-md-component="announce">'


class DateOption(c.BaseConfigOption[dt.date]):
    """A date written YYYY-MM-DD (quoted or not), checked when MkDocs reads the configuration."""

    def run_validation(self, value: object) -> dt.date:
        try:
            return parse_date(value)
        except ValueError as error:
            raise c.ValidationError(str(error)) from None


class HandbookPluginConfig(base.Config):
    # Folders are relative to mkdocs.yml, as MkDocs' own docs_dir is; the values are absolute paths.
    data_dir = c.Dir(exists=False, default="data")
    templates_dir = c.Dir(exists=False, default="templates")
    cache_dir = c.Dir(exists=False, default=".cache/handbook")  # like Material's social plugin
    audience = c.Choice(("public", "assessor"), default="public")
    leaflets = c.Type(bool, default=True)  # false: no PDFs, and the leaflet pages do not link any
    print_handbook = c.Type(bool, default=True)  # false: no handbook.pdf (the whole handbook in print)
    submission_packs = c.Type(bool, default=True)  # false: the assessor edition carries no submission packs
    public_assessment = c.Type(bool, default=True)  # false: no checklist, scores, traceability or downloads in the public edition
    warnings = c.Choice(("warn", "info"), default="warn")  # how data warnings are logged: warn counts in --strict
    today = c.Optional(DateOption())  # fixes "today" for reproducible builds and tests


def default_options(config_file: Path) -> HandbookPluginConfig:
    """The plugin's options as they are when ``mkdocs.yml`` does not set them (folders beside ``config_file``)."""
    options = HandbookPluginConfig(config_file_path=str(config_file.resolve()))
    options.load_dict({})
    failed, _ = options.validate()
    assert not failed, failed
    return options


def load_content(settings: HandbookSettings, *, when_valid: Callable[[], None] | None = None) -> SiteContent:
    """Run the pipeline for these settings, or reuse the result for unchanged inputs.
    ``when_valid`` is called when the pipeline runs, once the data has loaded without problems.

    Raises DataError (problems are never cached).
    """
    from generator.site import site_content
    from generator.templating import COMPILED_TEMPLATES, compiled_templates_folder

    COMPILED_TEMPLATES.keep_in(compiled_templates_folder())
    template_dir = settings.template_dir
    key = fingerprint([settings.data_dir, template_dir], *settings.content_key())

    def make() -> SiteContent:
        return site_content(settings.data_dir, template_dir, audience=settings.audience, today=settings.today,
                            leaflets=settings.leaflets, public_assessment=settings.public_assessment,
                            submission_packs=settings.submission_packs, language=settings.language,
                            data_language=settings.data_language, when_valid=when_valid)

    return cached(settings.cache_dir, key, make)


class HandbookPlugin(BasePlugin[HandbookPluginConfig]):
    """Adds the generated handbook pages, evidence files, assessment exports and leaflets to the build."""

    def __init__(self) -> None:
        self.prepared: tuple[HandbookSettings, SiteContent] | None = None  # by prepare(), for the next build
        self.settings: HandbookSettings | None = None  # the settings of the build under way
        self.content: SiteContent | None = None  # the content of the build under way
        self.background_pdfs: BackgroundPdfs | None = None  # while serving: leaflets
        self.background_print: BackgroundPdfs | None = None  # while serving: the print handbook
        self.nav_pages: list[MkDocsPage] = []  # the nav's pages in order, which the print handbook holds
        self.to_print: set[str] | None = None  # the source paths of the pages the print handbook holds, until it is started
        self.printed_html: dict[str, str] = {}  # source path -> HTML of those pages converted so far
        self.pdf_jobs: PdfJobs | None = None  # a build (not serve): PDFs made in worker processes
        self.made: dict[str, bytes] = {}  # site path -> PDF to write when the build is done
        self.print_html: str | None = None  # the print handbook's document, as the last build made it
        self.theme_bytecode: jinja2.BytecodeCache | None = None  # while serving: theme templates compiled once

    def settings_for(self, config: MkDocsConfig, **overrides: object) -> HandbookSettings:
        """This plugin's options, in the language of ``config``'s theme, with a command's overrides
        (see HandbookSettings.from_options)."""
        return HandbookSettings.from_options(self.config, language=config.theme.get("language"),
                                             data_language=config.extra.get(DATA_LANGUAGE), **overrides)  # type: ignore[arg-type]

    def prepare(self, settings: HandbookSettings) -> SiteContent:
        """Load the content for ``settings`` now, raising DataError, and build the next build with both."""
        content = load_content(settings, when_valid=partial(self._warm_up_pdfs, settings))
        self.prepared = (settings, content)
        return content

    def _warm_up_pdfs(self, settings: HandbookSettings) -> None:
        """The content changes, and so the print handbook, and the data is valid: start the PDF
        workers now, so that they have loaded WeasyPrint by the time the pages are converted (not
        before the data is known to be valid: a build that stops on a data problem starts none)."""
        if self.pdf_jobs is not None and settings.print_handbook:
            self.pdf_jobs.warm_up()

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        if command == "serve":
            from generator.leaflets.background import BackgroundPdfs
            from generator.templating import CompiledTemplates

            self.theme_bytecode = CompiledTemplates()
            self.background_pdfs, self.background_print = BackgroundPdfs(), BackgroundPdfs()
        elif self.pdf_jobs is None:  # not started already, for the data to be read (see publish.build_site)
            from generator.pdf_jobs import PdfJobs

            self.pdf_jobs = PdfJobs()

    def on_shutdown(self) -> None:
        for background in (self.background_pdfs, self.background_print):
            if background is not None:
                background.stop()
        if self.pdf_jobs is not None:
            self.pdf_jobs.close()
        self.pdf_jobs = None
        self.background_pdfs = self.background_print = self.theme_bytecode = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        prepared, self.prepared = self.prepared, None
        if prepared is not None:
            settings, content = prepared
        else:
            settings = self.settings_for(config)
            try:
                content = load_content(settings, when_valid=partial(self._warm_up_pdfs, settings))
            except DataError as error:
                raise PluginError("the programme data has problems:\n" + str(error)) from None
        self.settings, self.content = settings, content
        add_theme_layer(config)
        if SAFE_LINKS not in config.markdown_extensions:  # a second guard, on the HTML MkDocs makes of every page
            config.markdown_extensions.append(SAFE_LINKS)
        for warning in content.warnings:
            log.log(settings.warning_level, str(warning))
        if not config.nav:
            config.nav = content.nav(hand_written=_hand_written_pages(Path(config.docs_dir)))
        config.watch.extend(str(path) for path in (settings.data_dir, settings.templates_dir) if path.is_dir())
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        content = self.content
        assert content is not None
        not_printed = set(content.not_printed)
        for page in sorted(content.pages, key=lambda page: not page.in_nav or page.path in not_printed):
            # listed (and so converted) first: the pages the print handbook holds, which starts once they are
            file = File.generated(config, page.path, content=page.markdown)
            if not page.in_nav:  # reached by links (an evidence item's page), so MkDocs does not report it missing from the nav
                file.inclusion = InclusionLevel.NOT_IN_NAV
            files.append(file)
        for site_path, text in content.downloads.items():
            files.append(File.generated(config, site_path, content=text))
        for site_path, source in content.evidence_files:
            files.append(EvidenceFile.generated(config, site_path, abs_src_path=str(source)))
        settings = self.settings
        assert settings is not None
        if content.submission:  # the assessor edition's submission packs
            self._add_submission_packs(content, settings, files, config)
        if settings.print_handbook:  # made once every page is converted; listed now so pages can link it
            files.append(File.generated(config, PRINT_PDF, content=b""))
        if settings.leaflets:
            if self.background_pdfs is not None:
                pdfs = self.background_pdfs.for_build(content.leaflet_documents, settings.cache_dir, settings.audience)
            else:
                pdfs = self._pdfs_beside_build(content.leaflet_documents, settings.cache_dir)
            for site_path in content.leaflet_documents:
                files.append(File.generated(config, site_path, content=pdfs.get(site_path, b"")))
        return files

    def _add_submission_packs(self, content: SiteContent, settings: HandbookSettings, files: Files, config: MkDocsConfig) -> None:
        """List each pack's files; a pack whose report is not in the cache is made beside the build."""
        from generator.submission import pack_in_cache, submission_files, submission_site_paths

        for source in content.submission:
            made: dict[str, bytes] = {}
            if self.pdf_jobs is None or pack_in_cache(source, settings.cache_dir):
                made = submission_files([source], cache_dir=settings.cache_dir)
            else:
                self.pdf_jobs.submit(partial(submission_files, [source], cache_dir=settings.cache_dir))
            for site_path in submission_site_paths([source]):
                files.append(File.generated(config, site_path, content=made.get(site_path, b"")))

    def _pdfs_beside_build(self, documents: dict[str, str], cache_dir: Path) -> dict[str, bytes]:
        """The PDFs in the cache now; the others are made in worker processes and written after the
        build (or made now, where there are no workers: a build not started as ``build`` or ``serve``)."""
        from generator.pdf import cached_pdfs, uncached

        stored, to_make = uncached(documents, cache_dir)
        if to_make and self.pdf_jobs is not None:
            for site_path, html in to_make.items():
                self.pdf_jobs.submit(partial(cached_pdfs, {site_path: html}, cache_dir=cache_dir))
        elif to_make:
            stored |= cached_pdfs(to_make, cache_dir=cache_dir)
        return stored

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        if self.theme_bytecode is not None:
            env.bytecode_cache = self.theme_bytecode
        if self.to_print is not None:  # a page to print was not converted (MkDocs left it out): start with what there is
            self._start_print_handbook(config, files)
        return env

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav_pages = list(nav.pages)
        self.printed_html, self.to_print = {}, None
        if self.settings is not None and self.settings.print_handbook and self.content is not None:
            assessment = set(self.content.not_printed)
            self.to_print = {page.file.src_uri for page in self.nav_pages if page.file.src_uri not in assessment}
        return nav

    @event_priority(-100)  # after other plugins have changed the page's HTML: the print handbook prints what the site shows
    def on_page_content(self, html: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        if self.to_print is not None and page.file.src_uri in self.to_print:
            self.printed_html[page.file.src_uri] = html
            if self.printed_html.keys() >= self.to_print:
                self._start_print_handbook(config, files)
        return html

    def on_post_page(self, output: str, *, page: MkDocsPage, config: MkDocsConfig) -> str:
        return self._mark_edition(output)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        return self._mark_edition(output_content) if template_name.endswith(".html") else output_content  # 404.html

    def _mark_edition(self, html_page: str) -> str:
        if self.settings is None or self.settings.audience != "assessor":
            return html_page
        return mark_assessor_edition(html_page)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        from generator.files import write_atomically

        site_dir = Path(config.site_dir)
        made, self.made = self.made, {}
        if self.pdf_jobs is not None:
            try:
                made |= self.pdf_jobs.results()
            except DataError as error:
                raise PluginError(f"a PDF could not be made:\n{error}") from None
        for site_path, content in made.items():
            write_atomically(site_dir / site_path, content)
        for background in (self.background_pdfs, self.background_print):
            if background is not None:
                background.start(site_dir)

    def on_build_error(self, *, error: Exception) -> None:
        self.made = {}
        if self.pdf_jobs is not None:
            self.pdf_jobs.close()

    def _start_print_handbook(self, config: MkDocsConfig, files: Files) -> None:
        """Start ``handbook.pdf``: the pages of the nav as MkDocs converted them, in nav order.

        The assessment pages are left out (and named on the contents page): they are for assessors,
        whose print form of them is the submission report, and with thousands of evidence items
        they would make a book of thousands of pages. It is started as soon as the last page it
        holds is converted, and laid out while MkDocs converts the rest (the evidence pages) and
        writes the site (under ``serve`` in the background, the site having the previous one meanwhile)."""
        from generator.i18n import language
        from generator.print_handbook import print_document

        settings, content = self.settings, self.content
        assert settings is not None and content is not None
        printed, self.to_print = self.to_print or set(), None
        pages = [RenderedPage(page.url, page.title or "", page.parent.title if page.parent is not None else None,
                              self.printed_html.get(page.file.src_uri, page.content or ""))
                 for page in self.nav_pages if page.file.src_uri in printed]
        not_printed = [page.title or "" for page in self.nav_pages if page.file.src_uri not in printed]
        try:
            document = print_document(pages, content.print_cover, not_printed=not_printed,
                                      site_language=language(settings.language), template_dir=settings.template_dir,
                                      site_url=config.site_url, read_site_file=lambda path: _site_file(files, path))
        except DataError as error:
            raise PluginError(f"the print handbook's template has problems:\n{error}") from None
        self.print_html, documents = document, {PRINT_PDF: document}
        if self.background_print is not None:
            self.made |= self.background_print.for_build(documents, settings.cache_dir, settings.audience, wait_for_new=False)
        else:
            self.made |= self._pdfs_beside_build(documents, settings.cache_dir)


def handbook_plugin(config: MkDocsConfig) -> HandbookPlugin | None:
    """The handbook plugin of a loaded configuration, if it has one."""
    plugin = config.plugins.get("handbook")
    return plugin if isinstance(plugin, HandbookPlugin) else None


def add_theme_layer(config: MkDocsConfig) -> None:
    """Put the handbook's theme folder after the coordinator's ``custom_dir`` and load its assets."""
    if str(THEME_DIR) not in config.theme.dirs:
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))
    for paths, listed in ((THEME_CSS, config.extra_css), (THEME_JAVASCRIPT, config.extra_javascript)):
        present = {str(item) for item in listed}
        listed[:0] = [path for path in paths if path not in present]
    offline = config.plugins.get("material/offline") or config.plugins.get("offline")
    if offline is not None and offline.config.enabled:
        config.extra["polyfills"] = [OFFLINE_SEARCH_SHIM, *config.extra.get("polyfills", [])]


def mark_assessor_edition(page: str) -> str:
    """A built page with the assessor banner at its top and ``noindex`` for search engines.

    Added to the HTML MkDocs wrote, not through a theme template, so that it shows on every page
    (generated, hand-written, 404) whatever templates the coordinator overrides. Under Material it
    sits where Material's own announcement bar would.
    """
    if "</head>" in page:
        page = page.replace("</head>", f"{NOINDEX}\n</head>", 1)
    if MATERIAL_ANNOUNCE in page:
        return page.replace(MATERIAL_ANNOUNCE, ASSESSOR_BANNER + MATERIAL_ANNOUNCE, 1)
    body = BODY_START.search(page)
    return page[:body.end()] + ASSESSOR_BANNER + page[body.end():] if body else ASSESSOR_BANNER + page


class EvidenceFile(File):
    """An evidence file, published exactly as the coordinator wrote it: even a Markdown file is
    copied, never rendered as a page, so nothing in it can run in the site."""

    def is_documentation_page(self) -> bool:
        return False


def _site_file(files: Files, site_path: str) -> bytes | None:
    """A file of the site being built, by its site path; None if there is none."""
    file = files.get_file_from_path(site_path)
    return file.content_bytes if file is not None else None


def _hand_written_pages(docs_dir: Path) -> list[str]:
    """Markdown pages the coordinator wrote in the docs folder, as paths relative to it."""
    if not docs_dir.is_dir():
        return []
    return sorted(str(path.relative_to(docs_dir)).replace("\\", "/") for path in docs_dir.rglob("*.md"))
