"""The MkDocs plugin: a thin adapter that adds the generated handbook to a MkDocs build.

``plugins: [handbook]`` in ``mkdocs.yml``. On each build it asks the library for the pages (load,
validate, assess, render), adds them beside the hand-written pages as generated files, copies the
evidence files the audience may see, writes the assessment exports and leaflet PDFs, and under
``mkdocs serve`` watches ``data/`` and ``templates/``. Data problems stop the build with the same
one-line messages as ``handbook validate``.

Under ``serve`` the plugin lives from one rebuild to the next (it defines ``on_startup``), so a
rebuild reuses the theme's compiled templates and never waits for leaflet PDFs: see
:class:`generator.preview.BackgroundLeafletPdfs`.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from generator.content_cache import cached, fingerprint
from generator.leaflets import leaflet_pdfs
from generator.problems import DataError
from generator.site import SiteContent

if TYPE_CHECKING:
    from generator.preview import BackgroundLeafletPdfs

log = logging.getLogger("mkdocs.plugins.handbook")
CACHE_DIR = ".cache/handbook"  # beside mkdocs.yml, like Material's social plugin
# The handbook's own theme layer: its styles and scripts (the checklist's filter, the search
# dialog's name). It sits between the coordinator's custom_dir (which can override any of it) and
# the theme, and overrides none of the theme's templates, so an exported site suits other engines.
THEME_DIR = Path(__file__).resolve().parent / "theme"
THEME_CSS = ["assets/handbook/handbook.css"]
THEME_JAVASCRIPT = ["assets/handbook/checklist.js", "assets/handbook/search-dialog.js"]
# Material's offline plugin would load this from unpkg.com; a site opened from a USB stick has no internet.
OFFLINE_SEARCH_SHIM = "assets/handbook/iframe-worker-shim.js"


class DateOption(c.OptionallyRequired[str]):
    """A date written YYYY-MM-DD (quoted or not), checked when MkDocs reads the configuration."""

    def run_validation(self, value: object) -> str:
        try:
            return dt.date.fromisoformat(str(value)).isoformat()
        except ValueError:
            raise c.ValidationError(f"{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-11-23") from None


class HandbookPluginConfig(base.Config):
    data_dir = c.Type(str, default="data")
    templates_dir = c.Type(str, default="templates")
    audience = c.Choice(("public", "assessor"), default="public")
    leaflets = c.Type(bool, default=True)
    today = c.Optional(DateOption())  # fixes "today" for reproducible builds and tests


class HandbookPlugin(BasePlugin[HandbookPluginConfig]):
    """Adds the generated handbook pages, evidence files, assessment exports and leaflets to the build."""

    def __init__(self) -> None:
        self.preloaded: SiteContent | None = None  # set by ``handbook build`` for the one build it runs
        self.content: SiteContent | None = None  # the content of the build under way
        self.background_pdfs: BackgroundLeafletPdfs | None = None  # while serving
        self.theme_bytecode: jinja2.BytecodeCache | None = None  # while serving: theme templates compiled once

    def project_path(self, config: MkDocsConfig, relative: str) -> Path:
        return Path(config.config_file_path or ".").resolve().parent / relative

    def load_content(self, config: MkDocsConfig) -> SiteContent:
        """Run the pipeline for this site's data and templates, or reuse the result for unchanged inputs.

        Raises DataError (problems are never cached).
        """
        from generator.site import site_content

        data_dir = self.project_path(config, self.config.data_dir)
        template_dir = self.project_path(config, self.config.templates_dir)
        template_dir = template_dir if template_dir.is_dir() else None
        today = dt.date.fromisoformat(self.config.today) if self.config.today else dt.date.today()
        key = fingerprint([data_dir, template_dir], str(data_dir), str(template_dir), self.config.audience, today.isoformat())
        return cached(self.project_path(config, CACHE_DIR), key,
                      lambda: site_content(data_dir, template_dir, audience=self.config.audience, today=today))

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        if command == "serve":
            from generator.preview import BackgroundLeafletPdfs
            from generator.render.environment import TemplatesInMemory

            self.theme_bytecode = TemplatesInMemory()
            self.background_pdfs = BackgroundLeafletPdfs()

    def on_shutdown(self) -> None:
        if self.background_pdfs is not None:
            self.background_pdfs.stop()
        self.background_pdfs = self.theme_bytecode = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        content, self.preloaded = self.preloaded, None
        if content is None:
            try:
                content = self.load_content(config)
            except DataError as error:
                raise PluginError("the programme data has problems:\n" + str(error)) from None
        self.content = content
        add_theme_layer(config)
        for warning in content.warnings:
            log.info(str(warning))
        if not config.nav:
            config.nav = content.nav(hand_written=_hand_written_pages(Path(config.docs_dir)))
        watched = (self.project_path(config, self.config.data_dir), self.project_path(config, self.config.templates_dir))
        config.watch.extend(str(path) for path in watched if path.is_dir())
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        content = self.content
        assert content is not None
        for page in content.pages:
            files.append(File.generated(config, page.path, content=page.markdown))
        for site_path, text in content.downloads.items():
            files.append(File.generated(config, site_path, content=text))
        for site_path, source in content.evidence_files:
            files.append(EvidenceFile.generated(config, site_path, abs_src_path=str(source)))
        if self.config.leaflets:
            cache_dir = self.project_path(config, CACHE_DIR)
            if self.background_pdfs is not None:
                pdfs = self.background_pdfs.for_build(content.leaflet_documents, cache_dir, self.config.audience)
            else:
                pdfs = leaflet_pdfs(content.leaflet_documents, cache_dir=cache_dir)
            for site_path, pdf in pdfs.items():
                files.append(File.generated(config, site_path, content=pdf))
        return files

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        if self.theme_bytecode is not None:
            env.bytecode_cache = self.theme_bytecode
        return env

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.background_pdfs is not None:
            self.background_pdfs.start(Path(config.site_dir))


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


class EvidenceFile(File):
    """An evidence file, published exactly as the coordinator wrote it: even a Markdown file is
    copied, never rendered as a page, so nothing in it can run in the site."""

    def is_documentation_page(self) -> bool:
        return False


def _hand_written_pages(docs_dir: Path) -> list[str]:
    """Markdown pages the coordinator wrote in the docs folder, as paths relative to it."""
    if not docs_dir.is_dir():
        return []
    return sorted(str(path.relative_to(docs_dir)).replace("\\", "/") for path in docs_dir.rglob("*.md"))
