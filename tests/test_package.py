"""The wheel carries every file the package reads at run time (catalogs, vocabularies, templates, assets)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOT_SOURCES = shutil.ignore_patterns(".git", ".venv", "build", "site", ".cache", "*.egg-info", "__pycache__", ".pytest_cache",
                                     ".hypothesis")


def test_the_wheel_holds_every_file_of_the_package(tmp_path: Path) -> None:
    # Built from a clean copy: setuptools would otherwise reuse files a previous build left in build/.
    source = shutil.copytree(ROOT, tmp_path / "source", ignore=NOT_SOURCES)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(tmp_path / "dist"),
                    str(source)], check=True, capture_output=True)
    wheel = next((tmp_path / "dist").glob("mentoring_handbook-*.whl"))
    packaged = {name for name in zipfile.ZipFile(wheel).namelist() if name.startswith("generator/")}
    files = {path.relative_to(source).as_posix() for path in (source / "generator").rglob("*") if path.is_file()}
    assert files - packaged == set()
