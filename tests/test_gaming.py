"""Anti-gaming properties: no status rises from junk keywords, placeholders or placeholder numbers.

Each property takes real programmes (the example, the minimal fixture, the example as written before
declarations, and the hand-labelled programmes), changes one field at random, and compares every
criterion's status with the unchanged (or field-removed) programme. A status "rises" when it moves up
not met < partly met < met < not applicable (leaving the score is also a way up).
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from generator.assess import assess
from generator.datapath import is_prose, walk, without_filters
from generator.loader import load_data_folder
from generator.model import Programme
from generator.problems import FieldPath, as_written
from generator.standards.loading import load_standards
from generator.standards.rules import leaves, upper_bound
from generator.starter import EXAMPLE
from generator.validate import ABOUT_THE_ASSESSMENT

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 23)
STANDARDS, _ = load_standards()
RANK = {"not-met": 0, "partly-met": 1, "met": 2, "not-applicable": 3}
PROGRAMMES = {"example": EXAMPLE / "data", "minimal": ROOT / "tests/fixtures/minimal",
              "example-before-declarations": ROOT / "tests/fixtures/example-before-declarations",
              **{path.parent.name: path for path in sorted((ROOT / "tests/labelled").glob("*/data"))}}
RAW = {name: load_data_folder(path).values for name, path in PROGRAMMES.items()}

# The issue's own junk topic, then every term and label of every vocabulary: the words a keyword rule would look for.
JUNK = " ".join(["vision role hope boundaries supervision meeting relationship monitor ending goal reflect feedback",
                 *(f"{term.id} {term.label}" for terms in STANDARDS.vocabularies.kinds.values() for term in terms.values())])
PLACEHOLDERS = ["Not yet written", "Not yet written.", "TBC", "To be confirmed.", "No procedure is published.", "N/A",
                "There is no policy yet."]


def statuses(values: dict) -> dict[str, str] | None:
    """Every criterion's status for raw programme data; None when the data is not a valid programme."""
    try:
        programme = Programme.model_validate(values)
    except ValidationError:
        return None
    return {c.ref: c.status for result in assess(programme, STANDARDS, TODAY).standards for c in result.criteria}


def risen(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return [f"{ref}: {before[ref]} -> {after[ref]}" for ref in before if RANK[after[ref]] > RANK[before[ref]]]


def text_paths(values: dict) -> list[FieldPath]:
    """Where the data holds text that describes the programme, as the YAML has it."""
    programme = Programme.model_validate(values)
    return sorted({as_written(values, path) for path, owner, name, value in walk(programme)
                   if isinstance(value, str) and is_prose(owner, name) and path[0] not in ABOUT_THE_ASSESSMENT}, key=str)


def changed(values: dict, path: FieldPath, change: Any) -> dict:
    """A copy of the data with the value at ``path`` replaced by ``change(old)``, or removed when it returns None."""
    copied = copy.deepcopy(values)
    parent = copied
    for step in path[:-1]:
        parent = parent[step]
    new = change(parent[path[-1]])
    if new is None:
        del parent[path[-1]]
    else:
        parent[path[-1]] = new
    return copied


TEXT_CASES = [(name, path) for name, values in RAW.items() for path in text_paths(values)]
BASELINE = {name: statuses(values) for name, values in RAW.items()}


def test_the_programmes_to_change_are_valid() -> None:
    assert set(PROGRAMMES) >= {"example", "minimal", "example-before-declarations"}
    assert all(BASELINE[name] is not None for name in PROGRAMMES)
    assert len(TEXT_CASES) > 300


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(TEXT_CASES))
def test_junk_keywords_added_to_any_text_never_raise_a_status(case: tuple[str, FieldPath]) -> None:
    name, path = case
    after = statuses(changed(RAW[name], path, lambda old: f"{old} {JUNK}"))
    assert after is not None
    assert risen(BASELINE[name], after) == [], f"{name}: {path}"


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(TEXT_CASES), st.sampled_from(PLACEHOLDERS))
def test_a_placeholder_never_counts_for_more_than_leaving_the_field_out(case: tuple[str, FieldPath], text: str) -> None:
    name, path = case
    removed = statuses(changed(RAW[name], path, lambda old: None))
    if removed is None:  # a field every programme must give (its name, a role's title): it cannot be left out
        return
    with_placeholder = statuses(changed(RAW[name], path, lambda old: text))
    assert with_placeholder is not None
    assert risen(removed, with_placeholder) == [], f"{name}: {path} = {text!r}"


def numbers_read_by_thresholds() -> set[str]:
    """Every numeric field a threshold check reads, as a path without filters or indexes."""
    fields = {"training.sessions.duration_hours", "training.sessions.covers.minutes"}
    for catalog in STANDARDS.catalogs:
        for standard in catalog.standards:
            for criterion in standard.criteria:
                fields |= {without_filters(path) for _, kind, path in leaves(criterion.rule) if kind == "number"}
    return fields


def number_paths(values: dict) -> list[tuple[FieldPath, float]]:
    """Where the data gives a number that a threshold reads, with that field's largest allowed value."""
    wanted = numbers_read_by_thresholds()
    found = []
    for path, _, _, value in walk(Programme.model_validate(values)):
        dotted = ".".join(step for step in path if isinstance(step, str))
        if isinstance(value, (int, float)) and not isinstance(value, bool) and dotted in wanted:
            found.append((as_written(values, path), upper_bound(dotted)))
    return found


NUMBER_CASES = [(name, path, limit) for name, values in RAW.items() for path, limit in number_paths(values)]


def test_there_are_numbers_to_try() -> None:
    assert len(NUMBER_CASES) > 20
    assert all(limit is not None for _, _, limit in NUMBER_CASES)


@pytest.mark.parametrize("name, path, limit", NUMBER_CASES, ids=[f"{n}:{'.'.join(map(str, p))}" for n, p, _ in NUMBER_CASES])
def test_a_placeholder_number_at_its_maximum_never_meets_a_threshold(name: str, path: FieldPath, limit: float) -> None:
    at_maximum = statuses(changed(RAW[name], path, lambda old: int(limit) if isinstance(old, int) else limit))
    removed = statuses(changed(RAW[name], path, lambda old: None))
    assert at_maximum is not None and removed is not None
    assert risen(removed, at_maximum) == [], f"{name}: {path} = {limit}"
