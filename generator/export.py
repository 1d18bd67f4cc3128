"""Write the handbook's sources to a folder (``export``) or start a new programme (``init``).

An export holds the generated and hand-written pages, evidence files, assessment downloads, the
theme folder and a plugin-free ``mkdocs.yml`` with the nav spelled out, so MkDocs or any engine
that reads ``mkdocs.yml`` builds the same site without this package. Neither command overwrites.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from mkdocs.config import load_config

from generator.problems import DataError, Position, Problem
from generator.plugin import CACHE_DIR
from generator.publish import ensure_free

EXAMPLE_ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_PARTS = ("data", "handbook", "templates", "site_config", "mkdocs.yml", ".github")


def export_site(config_file: Path, target: Path, *, audience: str | None = None, today: str | None = None) -> None:
    """Write everything a plain ``mkdocs build -f TARGET/mkdocs.yml`` needs into a new folder."""
    ensure_free(target)
    config = load_config(str(config_file))
    plugin = config.plugins["handbook"]
    plugin.config.audience = audience or plugin.config.audience
    plugin.config.today = today or plugin.config.today
    content = plugin.load_content(config)  # raises DataError before anything is written
    docs_dir = Path(config.docs_dir)
    hand_written = sorted(p for p in docs_dir.rglob("*") if p.is_file()) if docs_dir.is_dir() else []

    docs = target / "docs"
    for source in hand_written:
        _copy(source, docs / source.relative_to(docs_dir))
    for page in content.pages:
        _write(docs / page.path, page.markdown)
    for site_path, data in content.downloads.items():
        _write(docs / site_path, data)
    for site_path, source in content.evidence_files:
        _copy(source, docs / site_path)
    if plugin.config.leaflets:
        from generator.leaflets import leaflet_pdfs

        for site_path, pdf in leaflet_pdfs(content.leaflet_documents, cache_dir=plugin.project_path(config, CACHE_DIR)).items():
            _write(docs / site_path, pdf)

    theme_dir = config.theme.custom_dir
    settings = _plain_settings(config_file)
    if theme_dir:
        shutil.copytree(theme_dir, target / "site_config")
        settings.setdefault("theme", {})["custom_dir"] = "site_config"
    if content.evidence_files:
        # Without the plugin MkDocs renders Markdown evidence as pages; keep them out of the nav.
        settings["not_in_nav"] = "\n".join(sorted({"/" + site_path.rsplit("/", 1)[0] + "/" for site_path, _ in content.evidence_files}))
    settings["docs_dir"] = "docs"
    settings["site_dir"] = "site"
    settings["nav"] = content.nav(hand_written=[str(p.relative_to(docs_dir)) for p in hand_written if p.suffix == ".md"])
    _write(target / "mkdocs.yml", "# Exported by `handbook export`: builds with plain MkDocs, no plugin needed.\n"
           + yaml.safe_dump(settings, sort_keys=False, allow_unicode=True))


def _plain_settings(config_file: Path) -> dict:
    """The user's mkdocs.yml as data, without the handbook plugin."""
    settings = yaml.safe_load(config_file.read_text(encoding="utf-8")) or {}
    plugins = settings.get("plugins", [])
    settings["plugins"] = [p for p in plugins if p != "handbook" and not (isinstance(p, dict) and "handbook" in p)]
    return settings


def init_programme(target: Path) -> None:
    """Copy the example programme into a new folder, ready to edit."""
    if not (EXAMPLE_ROOT / "data").is_dir():
        raise DataError([Problem(Position(str(EXAMPLE_ROOT)), "(folder)", "the example programme is not installed",
                                 fix="install mentoring-handbook from its source folder (pip install -e .)")])
    ensure_free(target)
    target.mkdir(parents=True, exist_ok=True)
    for part in EXAMPLE_PARTS:
        source = EXAMPLE_ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        elif source.is_file():
            shutil.copy2(source, target / part)


def _write(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


def _copy(source: Path, destination: Path) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, destination)
