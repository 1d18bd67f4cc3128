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
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError

from generator.files import usual_mode
from generator.plugin import handbook_plugin
from generator.problems import (
    BuildFailed,
    DataError,
    Position,
    Problem,
    WarningsAsErrors,
    display_path,
)

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

    Data warnings go to ``report_warnings`` before MkDocs runs, and not to MkDocs' log (so its
    ``strict`` mode is about links); ``strict_data`` makes them errors. Raises DataError (or
    WarningsAsErrors) before anything is written, or BuildFailed; the previous site stays until success."""
    with mkdocs_messages_to_stderr():
        try:
            config = _load_config(config_file, site_dir, strict, offline)
        except (Abort, ConfigurationError) as error:
            raise BuildFailed(str(error).strip()) from None
        plugin = handbook_plugin(config)
        if plugin is not None:  # run the pipeline first, so data problems print as plain lines
            settings = plugin.settings_for(config, audience=audience, today=today, warning_level=logging.DEBUG)
            content = plugin.prepare(settings)
            if report_warnings is not None:
                report_warnings(content.warnings)
            if strict_data and content.warnings:
                raise WarningsAsErrors(content.warnings, then="; nothing was written")
            if site_dir is None and settings.audience == "assessor":
                config.site_dir = str(assessor_site_dir(Path(config.site_dir)))
        target = Path(config.site_dir).resolve()
        target.parent.mkdir(parents=True, exist_ok=True)
        restore_interrupted_swap(target)
        staging = Path(tempfile.mkdtemp(prefix=f"{BUILDING_PREFIX}{target.name}-", dir=target.parent))
        staging.chmod(usual_mode(folder=True))  # mkdtemp's folder is private; a web server must read the site
        config.site_dir = str(staging)
        config.plugins.on_startup(command="build", dirty=False)  # as `mkdocs build` does, for every plugin
        try:
            mkdocs_build(config)
        except (Abort, ConfigurationError) as error:
            shutil.rmtree(staging, ignore_errors=True)
            raise BuildFailed(str(error).strip()) from None
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        finally:
            config.plugins.on_shutdown()
    swap_in(staging, target)
    return target


def _load_config(config_file: Path, site_dir: Path | None, strict: bool, offline: bool):  # -> MkDocsConfig
    if not config_file.is_file():
        raise DataError([Problem(Position(display_path(config_file)), "(file)", "MkDocs configuration not found",
                                 fix="run the command in your handbook folder, or pass --config")])
    overrides: dict = {"site_dir": str(site_dir.resolve())} if site_dir is not None else {}  # from where the command runs
    if offline:
        overrides |= {"plugins": _with_offline_plugin(config_file), "use_directory_urls": False}
    return load_config(str(config_file), strict=strict, **overrides)


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
