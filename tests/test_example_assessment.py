"""The example programme's honest assessment, on a fixed date.

The statuses below were checked by reading data/: the rules were not tuned to the example, and the
example's declarations were written from its own text by someone who had not seen the rules. When
the example data changes, re-read it and update these numbers deliberately.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.starter import EXAMPLE

DATA = EXAMPLE / "data"


def assessment(today: str = "2026-11-23") -> dict:
    result = CliRunner().invoke(main, ["assess", "--data", str(DATA), "--today", today, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def example() -> dict:
    return assessment()


def criterion(example: dict, ref: str) -> dict:
    return next(c for s in example["standards"] for c in s["criteria"] if c["ref"] == ref)


def test_scores_and_bands(example: dict) -> None:
    scores = {s["id"]: (s["score"], s["band"], s["met"], s["partly_met"], s["not_met"], s["not_applicable"])
              for s in example["standards"]}
    assert scores == {
        "ismpe": (89.5, "Bronze", 47, 8, 2, 0),
        "ima": (77.3, None, 12, 10, 0, 0),
        "best-practice": (94.4, None, 59, 1, 3, 0),
    }
    ismpe = next(s for s in example["standards"] if s["id"] == "ismpe")
    assert {s["id"]: s["score"] for s in ismpe["sections"]} == {"1": 100.0, "2": 76.5, "3": 87.5, "4": 94.4, "5": 90.0, "6": 100.0}


def test_gaps_the_coordinator_also_admits(example: dict) -> None:
    # No competency framework and no diagnostic instruments; the self-assessment agrees.
    for ref in ("ismpe:2.4", "ismpe:2.6"):
        result = criterion(example, ref)
        assert (result["status"], result["claim"], result["contradiction"]) == ("not-met", "not-met", None)
    assert "✗ training.instruments has 0 items; at least 1 needed" in criterion(example, "ismpe:2.6")["reasons"]


def test_in_depth_needs_the_time_to_be_given(example: dict) -> None:
    # An hour on confidentiality is declared; ethics is covered in the same workshop, but for how long is not said.
    result = criterion(example, "ismpe:2.7")
    assert result["status"] == "partly-met"
    assert result["reasons"][0] == ("◐ training (in depth needs at least 60 minutes on each topic): Mentors, Confidentiality "
                                    "(trust and confidentiality): 60 minutes; Mentors, Ethicality: covered, time not given")


def test_a_conscious_departure_is_not_excused(example: dict) -> None:
    # The coordinator claims IMA V-3 does not apply because the programme chose not to assess mentees;
    # mentors are not trained in formative assessment, so the documentation shows only part of it.
    result = criterion(example, "ima:V-3")
    assert result["status"] == "partly-met"
    assert result["contradiction"] == ("claimed not applicable, but the standard allows no exception to this criterion; "
                                       "the data shows partly-met")


def test_code_of_conduct_covers_every_party(example: dict) -> None:
    result = criterion(example, "ismpe:5.1")
    assert result["status"] == "met"
    assert result["reasons"] == ["✓ code_of_conduct.parties has all of: Mentors; Mentees; Line managers (supervisors, "
                                 "principals); The programme co-ordinator; The organisation in general"]


def test_evidence_backs_what_documents_cannot_show(example: dict) -> None:
    result = criterion(example, "ismpe:1.3")
    assert result["status"] == "met"
    assert result["evidence"] == ["ev-purpose-consultation", "ev-steering-minutes-2026-10"]
    # The 2022 benchmarking study linked to IMA I-1 is stale and does not count; I-1 is met by what the
    # documents show (a rationale, the research the training draws on, how needs are identified).
    i_1 = criterion(example, "ima:I-1")
    assert i_1["status"] == "met"
    assert "✗ evidence ev-benchmarking-2022 dated 2022-05-16 is stale (older than 3 years), so it does not count" in i_1["reasons"]


def test_modest_claims_are_flagged_and_the_data_stands(example: dict) -> None:
    # The coordinator says line managers have not all discussed the code; the data cannot see attendance.
    result = criterion(example, "ismpe:5.2")
    assert (result["status"], result["claim"]) == ("met", "partly-met")
    assert result["contradiction"] == "claimed partly-met, but the data shows met"


def test_what_the_coordinator_admits_about_pair_feedback_shows(example: dict) -> None:
    # Pairs are asked to give each other feedback, but nothing checks that they do; the coordinator says the same.
    result = criterion(example, "ismpe:4.2")
    assert (result["status"], result["claim"], result["contradiction"]) == ("partly-met", "partly-met", None)


def test_no_external_review_yet(example: dict) -> None:
    result = criterion(example, "ima:VI-1")
    assert result["status"] == "partly-met"
    assert "✗ monitoring.evaluation.external_review is false, not true" in result["reasons"]


def test_notices(example: dict) -> None:
    assert [(n["kind"], n["subject"]) for n in example["notices"]] == [("stale-evidence", "ev-benchmarking-2022")]
    later = assessment("2027-02-01")  # the privacy notice was due for review on 2027-01-31
    assert ("overdue-policy", "Mentoring privacy notice") in [(n["kind"], n["subject"]) for n in later["notices"]]


def test_fail_under_passes_the_example_at_its_weakest_score() -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["assess", "--data", str(DATA), "--today", "2026-11-23", "--fail-under", "77"]).exit_code == 0
    result = runner.invoke(main, ["assess", "--data", str(DATA), "--today", "2026-11-23", "--fail-under", "85"])
    assert result.exit_code == 1
    assert result.stderr.strip() == "ima: score 77.3% is below --fail-under 85%"
