"""The one place that decides how files are written: whole or not at all, with the usual
permissions, and never over a coordinator's work."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from generator.problems import DataError, Position, Problem


def usual_mode(*, folder: bool = False) -> int:
    """The mode a new file (0644) or folder (0755) gets under the process's umask (with 022)."""
    mask = os.umask(0)
    os.umask(mask)
    return (0o777 if folder else 0o666) & ~mask


def write_atomically(path: Path, content: bytes | str) -> None:
    """Write via a temporary file and rename, so a crash or a parallel reader never sees half a
    file; the file gets the usual permissions (a temporary file is private)."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.chmod(temporary, usual_mode())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def ensure_free(target: Path) -> None:
    """Refuse to write into a folder that already has content (init and export never overwrite)."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise DataError([Problem(Position(str(target)), "(folder)", "already exists and is not empty; nothing was overwritten",
                                 fix="choose a new folder name")])
