"""The benchmark's synthetic programmes stay valid, so the benchmark cannot rot."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from generator.pipeline import load_programme

sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))
from synthetic import write_programme


@pytest.mark.parametrize("size", [10, 100])
def test_synthetic_programme_validates(size: int, tmp_path: Path) -> None:
    loaded = load_programme(write_programme(tmp_path / "data", evidence_items=size))
    assert len(loaded.programme.evidence) == size
    assert len(loaded.programme.roles) == 4 + size // 10  # mentor, mentee, coordinator, line manager, and one per ten items
    assert len(loaded.programme.self_assessment) == size // 5
