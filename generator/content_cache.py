"""A cache of the whole generated content, keyed by a hash of everything it is made from.

A rebuild whose data, evidence, templates, tool version, audience and date did not change loads
the previous result instead of running load → validate → assess → render again. Like Material's
social plugin, it lives in ``.cache/`` beside ``mkdocs.yml``; deleting it is always safe.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from generator.files import write_atomically

PACKAGE_DIR = Path(__file__).resolve().parent
KEEP = 8  # newest entries kept; older ones are removed when a new one is written
Content = TypeVar("Content")


def fingerprint(folders: Iterable[Path | None], *settings: str) -> str:
    """A hash of every file (name and bytes) under the folders, this package's own files (not the
    starters, which only ``init`` reads), and settings."""
    digest = hashlib.sha256("\0".join(settings).encode())
    for folder in [PACKAGE_DIR, *folders]:
        if folder is None or not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            relative = path.relative_to(folder)
            if path.is_file() and "__pycache__" not in relative.parts and not (folder == PACKAGE_DIR and relative.parts[0] == "starters"):
                digest.update(str(relative).encode() + b"\0")
                digest.update(path.read_bytes())
    return digest.hexdigest()


def cached(cache_dir: Path, key: str, make: Callable[[], Content]) -> Content:
    """The content stored under ``key``, or ``make()``'s result, stored for next time."""
    entry = cache_dir / f"content-{key}.pickle"
    try:
        with entry.open("rb") as file:
            return pickle.load(file)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass  # not there yet, or written by another version: make it again
    content = make()
    _store(cache_dir, entry, content)
    return content


def _store(cache_dir: Path, entry: Path, content: object) -> None:
    """Write the entry whole or not at all, then keep only the newest few."""
    try:
        write_atomically(entry, pickle.dumps(content, protocol=pickle.HIGHEST_PROTOCOL))
        entries = sorted(cache_dir.glob("content-*.pickle"), key=lambda path: path.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only project still builds, just without the cache
