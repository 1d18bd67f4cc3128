"""The tool against a careful assessor: three programmes, every criterion labelled by hand.

Each folder in ``tests/labelled/`` holds a programme at one stage (just starting, growing, mature)
written from real public programme descriptions, and ``labels.yaml``: every criterion's status and
a one-line reason, written from ``../shared/assessment-rubric.md`` before the tool was run on it.
The tool must never rate a criterion higher than the label (over-credit), and must agree exactly
on at least 90 % of them. Run ``python tests/labelled/agreement.py`` to see every disagreement.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from generator.assess import assess
from generator.pipeline import load_programme

LABELLED = Path(__file__).parent / "labelled"
TODAY = dt.date(2026, 11, 23)
RANK = {"not-met": 0, "partly-met": 1, "met": 2, "not-applicable": 3}  # leaving the score is a way up too
STAGES = ("starting", "growing", "mature")


def compare(stage: str) -> tuple[dict[str, dict], dict[str, str]]:
    """The hand labels and the tool's statuses for one labelled programme."""
    labels = yaml.safe_load((LABELLED / stage / "labels.yaml").read_text(encoding="utf-8"))
    loaded = load_programme(LABELLED / stage / "data")
    statuses = {c.ref: c.status for result in assess(loaded.programme, loaded.standards, TODAY).standards
                for c in result.criteria}
    return labels, statuses


def test_there_are_three_stages() -> None:
    assert sorted(path.name for path in LABELLED.iterdir() if (path / "labels.yaml").is_file()) == sorted(STAGES)


@pytest.mark.parametrize("stage", STAGES)
def test_every_criterion_is_labelled_with_a_reason(stage: str) -> None:
    labels, statuses = compare(stage)
    assert set(labels) == set(statuses)
    assert all(label["status"] in RANK and label["reason"].strip() for label in labels.values())


@pytest.mark.parametrize("stage", STAGES)
def test_the_tool_never_rates_higher_than_the_careful_reading(stage: str) -> None:
    labels, statuses = compare(stage)
    over = [f"{ref}: tool {statuses[ref]}, label {label['status']} ({label['reason']})"
            for ref, label in labels.items() if RANK[statuses[ref]] > RANK[label["status"]]]
    assert over == []


@pytest.mark.parametrize("stage", STAGES)
def test_the_tool_agrees_with_the_careful_reading(stage: str) -> None:
    labels, statuses = compare(stage)
    agree = sum(1 for ref, label in labels.items() if statuses[ref] == label["status"])
    assert agree / len(labels) >= 0.90, f"{agree} of {len(labels)} agree"
