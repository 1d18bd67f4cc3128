"""Shared test set-up: the tests folder is importable (for the corpus helpers and the programme builders)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from programme_data import minimal_programme_data, write_programme  # noqa: F401  (shared builders, re-exported)
