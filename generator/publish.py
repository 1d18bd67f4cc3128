"""Publishing: the only stage that writes files. Builds are atomic; exports never overwrite.

``build_site`` runs a real MkDocs build (with the handbook plugin) into a temporary folder beside
the target and swaps it in only when everything (pages, PDFs, exports) succeeded, so a failed or
killed build leaves the previous site as it was. An assessor edition goes to its own folder
(``site-assessor/`` beside ``site/``) unless a folder is given, so it is not published by mistake.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from html import escape
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError

from generator.files import usual_mode, write_atomically
from generator.i18n import LANGUAGE_NAMES, language_code, translation_files
from generator.plugin import DATA_LANGUAGE, HandbookPlugin, handbook_plugin
from generator.problems import (
    BuildFailed,
    DataError,
    Position,
    Problem,
    WarningsAsErrors,
    display_path,
)
from generator.settings import HandbookSettings

__all__ = ["BuildFailed", "assessor_site_dir", "build_site"]
BUILDING_PREFIX = ".building-"
PREVIOUS_PREFIX = ".previous-"
ASSESSOR_SUFFIX = "-assessor"


def assessor_site_dir(site_dir: Path) -> Path:
    """Where an assessor edition goes by default: beside the public site, never in it (``site-assessor``)."""
    return site_dir.with_name(site_dir.name + ASSESSOR_SUFFIX)


def build_site(config_file: Path, site_dir: Path | None = None, *, audience: str | None = None,
               today: dt.date | None = None, strict: bool = True, offline: bool = False, strict_data: bool = False,
               report_warnings: Callable[[list[Problem]], None] | None = None) -> Path:
    """Build the handbook atomically into ``site_dir`` and return that folder. By default that is
    mkdocs.yml's ``site_dir`` for the public edition and ``site-assessor`` beside it for the
    assessor edition. ``offline``: a site that works opened from disk (``file://``), with page
    links to ``.html`` files and search through Material's offline plugin.

    A programme with translations (``data/translations/<code>.yaml``) gets one site per language,
    each under its own prefix (``site/en/``, ``site/cy/``), linked by Material's language switcher,
    and a home page at the top that opens the theme's language (see :func:`site_languages`).

    Data warnings go to ``report_warnings`` before MkDocs runs, and not to MkDocs' log (so its
    ``strict`` mode is about links); ``strict_data`` makes them errors. Raises DataError (or
    WarningsAsErrors) before anything is written, or BuildFailed; the previous site stays until success."""
    with mkdocs_messages_to_stderr():
        config = _load_config(config_file, site_dir, strict, offline)
        plugin = handbook_plugin(config)
        languages = site_languages(config) if plugin is not None else []
        configs = [config] if len(languages) < 2 else \
            [_in_language(_load_config(config_file, site_dir, strict, offline), code, languages) for code in languages]
        with _started(plugin):  # so that its PDF workers can start (and load WeasyPrint) as soon as the data is valid
            prepared = [_prepare(each, audience, today) for each in configs]
            warnings = list(dict.fromkeys(warning for _, found in prepared for warning in found))  # once, though every language reports the data's
            if report_warnings is not None:
                report_warnings(warnings)
            if strict_data and warnings:
                raise WarningsAsErrors(warnings, then="; nothing was written")
            settings_of = [settings for settings, _ in prepared]
            if settings_of[0] is not None and site_dir is None and settings_of[0].audience == "assessor":
                config.site_dir = str(assessor_site_dir(Path(config.site_dir)))
            target = Path(config.site_dir).resolve()
            target.parent.mkdir(parents=True, exist_ok=True)
            restore_interrupted_swap(target)
            staging = Path(tempfile.mkdtemp(prefix=f"{BUILDING_PREFIX}{target.name}-", dir=target.parent))
            staging.chmod(usual_mode(folder=True))  # mkdtemp's folder is private; a web server must read the site
            try:
                if len(configs) == 1:
                    _build_into(config, staging)
                else:
                    for each, code, settings in zip(configs, languages, settings_of, strict=True):
                        if plugin is not None and settings is not None:  # MkDocs gives every configuration the same plugin
                            plugin.prepare(settings)  # read back from the content cache
                        _build_into(each, staging / code)
                    write_atomically(staging / "index.html", language_chooser(config, languages).encode("utf-8"))
            except BaseException:
                shutil.rmtree(staging, ignore_errors=True)
                raise
    swap_in(staging, target)
    return target


def site_languages(config: MkDocsConfig) -> list[str]:
    """The languages a site is built in: the theme's (the data's own), then each the programme has a
    translation file for. The handbook plugin must be in ``config``."""
    plugin = handbook_plugin(config)
    assert plugin is not None
    primary = language_code(config.theme.get("language"))
    data_dir = plugin.settings_for(config).data_dir
    return [primary, *(code for code in translation_files(data_dir) if code != primary)]


def _in_language(config: MkDocsConfig, code: str, languages: list[str]) -> MkDocsConfig:
    """A configuration for the site in one of several languages: the theme in that language, its hand-written pages from ``<docs_dir>-<code>`` when that folder exists, and
    Material's language switcher listing every language."""
    config.extra[DATA_LANGUAGE] = languages[0]  # the data's own: the theme's before this
    config.theme["language"] = code
    if config.site_url:
        config.site_url = urljoin(config.site_url.rstrip("/") + "/", f"{code}/")
    translated_docs = Path(f"{config.docs_dir.rstrip('/')}-{code}")
    if translated_docs.is_dir():
        config.docs_dir = str(translated_docs)
    config.extra["alternate"] = [{"name": LANGUAGE_NAMES.get(other, other), "lang": other, "link": f"../{other}/"}
                                 for other in languages]
    return config


def language_chooser(config: MkDocsConfig, languages: list[str]) -> str:
    """The top of a site in several languages: it opens the theme's language, and links each."""
    first = languages[0]
    links = "\n".join(f'<li><a href="{code}/" hreflang="{code}" lang="{code}">{escape(LANGUAGE_NAMES.get(code, code))}</a></li>'
                      for code in languages)
    alternates = "\n".join(f'<link rel="alternate" hreflang="{code}" href="{code}/">' for code in languages)
    return (f'<!doctype html>\n<html lang="{first}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="refresh" content="0; url={first}/">\n{alternates}\n'
            f"<title>{escape(config.site_name)}</title>\n</head>\n<body>\n<h1>{escape(config.site_name)}</h1>\n"
            f"<ul>\n{links}\n</ul>\n</body>\n</html>\n")


@contextmanager
def _started(plugin: HandbookPlugin | None) -> Iterator[None]:
    """The handbook plugin started for a build before its data is read (MkDocs starts it again
    for each build, which leaves it as it is), and shut down at the end, whatever happens."""
    if plugin is None:
        yield
        return
    plugin.on_startup(command="build", dirty=False)
    try:
        yield
    finally:
        plugin.on_shutdown()


def _prepare(config: MkDocsConfig, audience: str | None, today: dt.date | None) -> tuple[HandbookSettings | None, list[Problem]]:
    """Run the pipeline for a configuration before anything is written, so data problems print as
    plain lines: its settings (None: the handbook plugin is not in it) and data warnings."""
    plugin = handbook_plugin(config)
    if plugin is None:
        return None, []
    settings = plugin.settings_for(config, audience=audience, today=today, warning_level=logging.DEBUG)
    return settings, plugin.prepare(settings).warnings


def _build_into(config: MkDocsConfig, folder: Path) -> None:
    """A real MkDocs build of ``config`` into ``folder``."""
    config.site_dir = str(folder)
    config.plugins.on_startup(command="build", dirty=False)  # as `mkdocs build` does, for every plugin
    try:
        mkdocs_build(config)
    except (Abort, ConfigurationError) as error:
        raise BuildFailed(str(error).strip()) from None
    finally:
        config.plugins.on_shutdown()


def _load_config(config_file: Path, site_dir: Path | None, strict: bool, offline: bool) -> MkDocsConfig:
    """mkdocs.yml with a command's overrides. Raises DataError when there is none, BuildFailed when MkDocs cannot read it."""
    if not config_file.is_file():
        raise DataError([Problem(Position(display_path(config_file)), "(file)", "MkDocs configuration not found",
                                 fix="run the command in your handbook folder, or pass --config")])
    overrides: dict = {"site_dir": str(site_dir.resolve())} if site_dir is not None else {}  # from where the command runs
    if offline:
        overrides |= {"plugins": _with_offline_plugin(config_file), "use_directory_urls": False}
    try:
        return load_config(str(config_file), strict=strict, **overrides)
    except (Abort, ConfigurationError) as error:
        raise BuildFailed(str(error).strip()) from None


def _with_offline_plugin(config_file: Path) -> list | dict:
    """mkdocs.yml's plugins with Material's offline plugin added (and enabled) if it is not there."""
    from mkdocs.utils.yaml import yaml_load

    with config_file.open(encoding="utf-8") as file:
        plugins = (yaml_load(file) or {}).get("plugins") or ["search"]
    if isinstance(plugins, dict):
        return {**plugins, "offline": {"enabled": True}}
    return [plugin for plugin in plugins if plugin != "offline" and not (isinstance(plugin, dict) and "offline" in plugin)] + [
        {"offline": {"enabled": True}}]


def swap_in(staging: Path, site_dir: Path) -> None:
    """Replace ``site_dir`` by ``staging`` with two renames; the old site is removed last."""
    previous = site_dir.parent / f"{PREVIOUS_PREFIX}{site_dir.name}"
    if previous.exists():
        shutil.rmtree(previous)
    if site_dir.exists():
        os.rename(site_dir, previous)
    os.rename(staging, site_dir)
    shutil.rmtree(previous, ignore_errors=True)


def restore_interrupted_swap(site_dir: Path) -> None:
    """If a build was killed between the two renames of a swap, put the previous site back."""
    previous = site_dir.parent / f"{PREVIOUS_PREFIX}{site_dir.name}"
    if previous.exists() and not site_dir.exists():
        os.rename(previous, site_dir)
    for leftover in site_dir.parent.glob(f"{BUILDING_PREFIX}{site_dir.name}-*"):
        shutil.rmtree(leftover, ignore_errors=True)


@contextmanager
def mkdocs_messages_to_stderr(level: int = logging.WARNING) -> Iterator[None]:
    """Show MkDocs' messages from ``level`` up (a broken link in a build; what ``serve`` is doing)
    while our CLI runs it, as the ``mkdocs`` command would."""
    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler()
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
    logger.addHandler(handler)
    previous_level = logger.level
    logger.setLevel(min(level, logger.getEffectiveLevel()))
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous_level)
