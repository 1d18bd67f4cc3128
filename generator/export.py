"""Write the handbook's sources to a folder, for any engine that reads ``mkdocs.yml``.

An export holds the generated and hand-written pages, evidence files, assessment downloads, leaflet
PDFs, the print handbook (made by building the site once with the plugin, as it is made from the
built pages), the theme folder and a plugin-free ``mkdocs.yml`` with the nav spelled out, so MkDocs or any engine
that reads ``mkdocs.yml`` builds the same site without this package. It never overwrites a folder.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

import yaml
from mkdocs.config import load_config

from generator.files import ensure_free, write_atomically
from generator.page import PRINT_PDF
from generator.plugin import ASSESSOR_NOTICE, NOINDEX, THEME_CSS, THEME_DIR, THEME_JAVASCRIPT, handbook_plugin, load_content
from generator.problems import DataError, Position, Problem, display_path

ASSESSOR_MAIN_HTML = f"""{{#- The assessor edition's banner and noindex, which the handbook plugin adds to every page it builds. -#}}
{{% extends "base.html" %}}
{{% block extrahead %}}{{{{ super() }}}}{NOINDEX}{{% endblock %}}
{{% block announce %}}{ASSESSOR_NOTICE}{{% endblock %}}
"""


def export_site(config_file: Path, target: Path, *, audience: str | None = None, today: dt.date | None = None) -> None:
    """Write everything a plain ``mkdocs build -f TARGET/mkdocs.yml`` needs into a new folder."""
    ensure_free(target)
    config = load_config(str(config_file))
    plugin = handbook_plugin(config)
    if plugin is None:
        raise DataError([Problem(Position(display_path(config_file)), "plugins", "the handbook plugin is not in the configuration",
                                 fix="add it: plugins: [search, handbook]")])
    edition = plugin.settings_for(config, audience=audience, today=today)
    content = load_content(edition)  # raises DataError before anything is written
    docs_dir = Path(config.docs_dir)
    hand_written = sorted(p for p in docs_dir.rglob("*") if p.is_file()) if docs_dir.is_dir() else []

    docs = target / "docs"
    for source in hand_written:
        _copy(source, docs / source.relative_to(docs_dir))
    for page in content.pages:
        write_atomically(docs / page.path, page.markdown)
    for site_path, data in content.downloads.items():
        write_atomically(docs / site_path, data)
    for site_path, source in content.evidence_files:
        _copy(source, docs / site_path)
    if edition.leaflets:
        from generator.pdf import cached_pdfs

        for site_path, pdf in cached_pdfs(content.leaflet_documents, cache_dir=edition.cache_dir).items():
            write_atomically(docs / site_path, pdf)
    if edition.print_handbook:
        write_atomically(docs / PRINT_PDF, _print_handbook(config_file, edition.audience, edition.today))
    if content.submission:
        from generator.submission import submission_files

        for site_path, made in submission_files(content.submission, cache_dir=edition.cache_dir).items():
            write_atomically(docs / site_path, made)

    # The plugin's theme layer and the coordinator's custom_dir become one custom_dir, theirs on top.
    settings = _plain_settings(config_file)
    shutil.copytree(THEME_DIR, target / "site_config")
    if config.theme.custom_dir:
        shutil.copytree(config.theme.custom_dir, target / "site_config", dirs_exist_ok=True)
    if edition.audience == "assessor" and not (target / "site_config" / "main.html").exists():
        # Without the plugin, the assessor banner and noindex come from Material's main.html (a
        # coordinator's own main.html is kept as it is).
        write_atomically(target / "site_config" / "main.html", ASSESSOR_MAIN_HTML)
    settings.setdefault("theme", {})["custom_dir"] = "site_config"
    settings["extra_css"] = THEME_CSS + [path for path in settings.get("extra_css", []) if path not in THEME_CSS]
    settings["extra_javascript"] = THEME_JAVASCRIPT + [path for path in settings.get("extra_javascript", []) if path not in THEME_JAVASCRIPT]
    # Pages reached by links only (evidence items' pages) stay out of the nav; so do Markdown evidence
    # files, which MkDocs without the plugin renders as pages.
    outside_nav = {"/" + page.path.rsplit("/", 1)[0] + "/" for page in content.pages if not page.in_nav}
    outside_nav |= {"/" + site_path.rsplit("/", 1)[0] + "/" for site_path, _ in content.evidence_files}
    if outside_nav:
        settings["not_in_nav"] = "\n".join(sorted(outside_nav))
    settings["docs_dir"] = "docs"
    settings["site_dir"] = "site"
    settings["nav"] = content.nav(hand_written=[str(p.relative_to(docs_dir)) for p in hand_written if p.suffix == ".md"])
    write_atomically(target / "mkdocs.yml", "# Exported by `handbook export`: builds with plain MkDocs, no plugin needed.\n"
           + yaml.safe_dump(settings, sort_keys=False, allow_unicode=True))


def _print_handbook(config_file: Path, audience: str, today: dt.date) -> bytes:
    """The print handbook, from a build of the site with the plugin in a folder that is then removed."""
    from generator.publish import build_site

    with tempfile.TemporaryDirectory(prefix="handbook-print-") as folder:
        site = build_site(config_file, Path(folder) / "site", audience=audience, today=today)
        return (site / PRINT_PDF).read_bytes()


def _plain_settings(config_file: Path) -> dict:
    """The user's mkdocs.yml as data, without the handbook plugin."""
    settings = yaml.safe_load(config_file.read_text(encoding="utf-8")) or {}
    plugins = settings.get("plugins", [])
    settings["plugins"] = [p for p in plugins if p != "handbook" and not (isinstance(p, dict) and "handbook" in p)]
    return settings


def _copy(source: Path, destination: Path) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, destination)
