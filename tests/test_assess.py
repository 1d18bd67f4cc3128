"""The assessment: evidence, claims, parties, plans, notices, scores and bands, and the CLI that prints it."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from programme_data import EARLY_PROGRAMME, minimal_programme_data, write_programme

from generator.assess import CriterionResult, assess, band_for
from generator.cli import main
from generator.model import Programme
from generator.standards.catalog import Band, Catalog
from generator.standards.loading import Standards, load_standards

TODAY = dt.date(2026, 11, 23)
STANDARDS, _ = load_standards()

Data = dict


def only(catalog_id: str) -> Standards:
    return Standards([c for c in STANDARDS.catalogs if c.id == catalog_id], STANDARDS.vocabularies)


def criterion(data: Data, ref: str, today: dt.date = TODAY) -> CriterionResult:
    catalog_id, criterion_id = ref.split(":")
    result = assess(Programme.model_validate(data), only(catalog_id), today)
    return next(c for c in result.standards[0].criteria if c.id == criterion_id)


def evidence(item_id: str, supports: list[str], date: str = "2026-06-01") -> dict:
    return {"id": item_id, "title": "Notes", "kind": "url", "url": "https://example.org/notes", "date": date,
            "owner": "Sam", "visibility": "internal", "supports": supports}


def stakeholder_engagement(d: Data) -> None:
    d["programme"]["stakeholder_engagement"] = "Staff networks discussed the purpose and values in 2026 and changed them."


# --- evidence ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("described, linked, date, status", [
    (True, True, "2026-06-01", "met"),
    (True, False, None, "partly-met"),  # practice described, no evidence
    (False, True, "2026-06-01", "partly-met"),  # evidence, but the practice is not in the data
    (False, False, None, "not-met"),
    (True, True, "2022-01-01", "partly-met"),  # stale evidence does not count
])
def test_a_criterion_that_needs_evidence(described: bool, linked: bool, date: str | None, status: str) -> None:
    data = minimal_programme_data()
    if described:
        stakeholder_engagement(data)
    if linked:
        data["evidence"] = [evidence("ev-consultation", ["ismpe:1.3"], date=date or "2026-06-01")]
    result = criterion(data, "ismpe:1.3")
    assert result.status == status
    assert (result.fix is None) == (status == "met")


def test_stale_evidence_is_reported_and_never_counts() -> None:
    data = minimal_programme_data()
    stakeholder_engagement(data)
    data["evidence"] = [evidence("ev-consultation", ["ismpe:1.3"], date="2022-01-01")]
    result = assess(Programme.model_validate(data), STANDARDS, TODAY)
    one_three = next(c for r in result.standards for c in r.criteria if c.ref == "ismpe:1.3")
    assert "✗ evidence ev-consultation dated 2022-01-01 is stale (older than 3 years), so it does not count" in one_three.reasons
    assert "replace stale evidence ev-consultation with current evidence" in one_three.fix
    assert ("stale-evidence", "ev-consultation") in [(n.kind, n.subject) for n in result.notices]


def test_evidence_exactly_three_years_old_is_still_current() -> None:
    data = minimal_programme_data()
    stakeholder_engagement(data)
    data["evidence"] = [evidence("ev-consultation", ["ismpe:1.3"], date="2023-11-23")]
    assert criterion(data, "ismpe:1.3").status == "met"
    assert criterion(data, "ismpe:1.3", today=dt.date(2026, 11, 24)).status == "partly-met"


def test_evidence_linked_from_self_assessment_counts_too() -> None:
    data = minimal_programme_data()
    stakeholder_engagement(data)
    data["evidence"] = [evidence("ev-minutes", [])]
    data["self_assessment"] = [{"criterion": "ismpe:1.3", "evidence": ["ev-minutes"], "note": "Minutes."}]
    result = criterion(data, "ismpe:1.3")
    assert (result.status, result.evidence) == ("met", ["ev-minutes"])


# --- claims ------------------------------------------------------------------------------------------


def test_a_claim_never_raises_a_status() -> None:
    data = minimal_programme_data()
    data["self_assessment"] = [{"criterion": "ismpe:5.1", "claim": "met", "note": "We think so."}]
    result = criterion(data, "ismpe:5.1")
    assert (result.status, result.claim) == ("partly-met", "met")
    assert result.contradiction == "claimed met, but the data shows partly-met"


def test_a_modest_claim_is_flagged_and_the_data_stands() -> None:
    data = minimal_programme_data()
    data["self_assessment"] = [{"criterion": "ismpe:1.1", "claim": "partly-met"}]
    result = criterion(data, "ismpe:1.1")
    assert (result.status, result.contradiction) == ("met", "claimed partly-met, but the data shows met")


def test_not_applicable_is_accepted_where_the_standard_allows_it() -> None:
    data = minimal_programme_data()
    before = assess(Programme.model_validate(data), only("ismpe"), TODAY).standards[0]
    data["self_assessment"] = [{"criterion": "ismpe:1.4", "claim": "not-applicable",
                                "justification": "An independent network: there is no host organisation."}]
    after = assess(Programme.model_validate(data), only("ismpe"), TODAY).standards[0]
    result = next(c for c in after.criteria if c.id == "1.4")
    assert (result.status, result.fix, result.contradiction) == ("not-applicable", None, None)
    assert result.reasons[-1] == ("— not applicable (where it is not appropriate: the programme runs under no organisation "
                                  "whose objectives it could serve): An independent network: there is no host organisation.")
    assert after.score.not_applicable == 1 and after.score.not_met == before.score.not_met - 1
    assert after.score.score == round(100 * (after.score.met + 0.5 * after.score.partly_met) / 56, 1)


def test_not_applicable_is_refused_where_the_standard_allows_no_exception() -> None:
    data = minimal_programme_data()
    data["programme"]["voluntary"] = False
    data["self_assessment"] = [{"criterion": "ismpe:3.2", "claim": "not-applicable",
                                "justification": "New staff must take part; it is part of induction."}]
    result = criterion(data, "ismpe:3.2")
    assert result.status == "not-met"
    assert result.contradiction == ("claimed not applicable, but the standard allows no exception to this criterion; "
                                    "the data shows not-met")


def test_not_applicable_is_refused_when_the_data_shows_the_practice() -> None:
    data = minimal_programme_data()
    data["programme"]["organisational_objectives"] = [{"objective": "Keep new staff."}]
    data["self_assessment"] = [{"criterion": "ismpe:1.4", "claim": "not-applicable", "justification": "No host."}]
    result = criterion(data, "ismpe:1.4")
    assert result.status == "partly-met"
    assert result.contradiction == "claimed not applicable, but the data shows partly-met: the programme does some of it, so it applies"


def with_principal(data: Data) -> None:
    data["roles"].append({"id": "principal", "title": "Principal", "plays": ["line-manager"], "benefits": ["A settled teacher."]})


def test_criteria_about_a_party_the_programme_does_not_have_do_not_apply() -> None:
    data = minimal_programme_data()
    data["programme"]["absent_parties"] = [
        {"party": "line-manager", "reason": "Students have no line managers."},
        {"party": "stakeholder", "reason": "No tutors or families take part in the scheme."}]
    result = criterion(data, "ismpe:2.10")
    assert result.status == "not-applicable"
    assert result.reasons == ["— not applicable: the programme has no line managers (supervisors, principals) "
                              "(Students have no line managers.); the programme has no other stakeholders (such as "
                              "teachers, parents, tutors) (No tutors or families take part in the scheme.)"]


def test_without_saying_so_a_missing_party_is_a_gap_not_an_exemption() -> None:
    assert criterion(minimal_programme_data(), "ismpe:2.10").status == "not-met"
    data = minimal_programme_data()  # no line managers, but other stakeholders (tutors) are not ruled out
    data["programme"]["absent_parties"] = [{"party": "line-manager", "reason": "Students have no line managers."}]
    assert criterion(data, "ismpe:2.10").status == "not-met"


def test_a_role_that_plays_the_party_counts_and_refuses_a_not_applicable_claim() -> None:
    data = minimal_programme_data()
    with_principal(data)
    data["training"]["sessions"].append({"id": "briefing", "title": "Principals' briefing", "audience": ["principal"]})
    assert criterion(data, "ismpe:2.10").status == "met"
    data["training"]["sessions"].pop()
    data["self_assessment"] = [{"criterion": "ismpe:2.10", "claim": "not-applicable", "justification": "Not for us."}]
    result = criterion(data, "ismpe:2.10")
    assert result.status == "partly-met"
    assert result.contradiction == ("claimed not applicable, but the programme has roles that play line-manager (Principal), "
                                    "so it applies; the data shows partly-met")


# --- plans and gaps ------------------------------------------------------------------------------------


def test_a_plan_is_shown_and_never_counts() -> None:
    data = minimal_programme_data()
    del data["mismatch_policy"]
    before = criterion(data, "ismpe:3.5")
    data["plans"] = [{"what": "Write a no-fault ending policy.", "by": "2027-03-31", "field": "mismatch_policy"},
                     {"what": "Brief participants on the code.", "criteria": ["ismpe:5.2"]}]
    after = criterion(data, "ismpe:3.5")
    assert (before.status, after.status) == ("not-met", "not-met")
    assert [str(plan) for plan in after.planned] == ["Write a no-fault ending policy (by 2027-03-31)"]
    assert after.reasons == before.reasons  # a plan is shown beside the status, never as a reason for it
    assert [str(plan) for plan in criterion(data, "ismpe:5.2").planned] == ["Brief participants on the code"]
    assert criterion(data, "ismpe:1.1").planned == []


def test_notices_name_missing_areas_overdue_policies_and_plans() -> None:
    data = minimal_programme_data()
    del data["mismatch_policy"], data["governance"]
    data["plans"] = [{"what": "Write a mismatch policy.", "by": "2026-10-01", "field": "mismatch_policy"}]
    notices = assess(Programme.model_validate(data), STANDARDS, TODAY).notices
    kinds = [(n.kind, n.subject) for n in notices]
    assert kinds == [("missing-area", "mismatch_policy"), ("missing-area", "governance"),
                     ("overdue-plan", "Write a mismatch policy.")]
    assert notices[0].message == "mismatch_policy is not written yet; 4 criteria look at it (add a mismatch_policy: area)"
    assert [str(plan) for plan in notices[0].planned] == ["Write a mismatch policy (by 2026-10-01)"]


def test_a_plan_the_audience_may_not_see_stays_out_of_its_edition(tmp_path: Path) -> None:
    from generator.site import site_content

    data = minimal_programme_data()
    data["governance"]["visibility"] = "internal"
    data["plans"] = [{"what": "Renegotiate the Acme sponsorship CANARYPLAN.", "by": "2026-01-01", "field": "governance.budget"},
                     {"what": "Agree a budget line CANARYINTERNAL.", "criteria": ["ismpe:6.4"], "visibility": "internal"},
                     {"what": "Publish a mismatch policy CANARYPUBLIC.", "field": "mismatch_policy"}]
    folder = write_programme(tmp_path / "data", data)
    public = site_content(folder, None, audience="public", today=TODAY)
    published = "".join(page.markdown for page in public.pages) + "".join(public.downloads.values())
    assert "CANARYPLAN" not in published and "CANARYINTERNAL" not in published
    assert "CANARYPUBLIC" in published
    assessor = site_content(folder, None, audience="assessor", today=TODAY)
    assert "CANARYINTERNAL" in "".join(page.markdown for page in assessor.pages)


def test_a_policy_past_its_review_date_is_reported() -> None:
    data = minimal_programme_data()
    data["governance"]["policies"] = [{"name": "Safeguarding policy", "review_due": "2026-01-31"},
                                      {"name": "Data protection policy", "review_due": "2027-01-31"}]
    notices = assess(Programme.model_validate(data), STANDARDS, TODAY).notices
    assert [(n.kind, n.subject) for n in notices] == [("overdue-policy", "Safeguarding policy")]


# --- scores and bands ----------------------------------------------------------------------------------


def scored_catalog(met: int, partly: int, total: int = 20) -> Standards:
    """A catalog whose first ``met`` criteria pass, next ``partly`` half pass and the rest fail."""
    passes, fails = {"present": "programme.name"}, {"present": "programme.why_mentoring"}
    rules = [passes] * met + [{"all": [passes, fails]}] * partly + [fails] * (total - met - partly)
    catalog = Catalog.model_validate({
        "id": "test", "title": "Test", "source": "tests",
        "bands": [{"name": "Bronze", "min_score": 85}, {"name": "Silver", "min_score": 90}, {"name": "Gold", "min_score": 95}],
        "standards": [{"id": "A", "title": "First half", "criteria": [{"id": f"a{n}", "text": "t", "rule": r} for n, r in enumerate(rules[:10])]},
                      {"id": "B", "title": "Second half", "criteria": [{"id": f"b{n}", "text": "t", "rule": r} for n, r in enumerate(rules[10:])]}],
    })
    return Standards([catalog], STANDARDS.vocabularies)


@pytest.mark.parametrize("met, partly, score, band", [
    (20, 0, 100.0, "Gold"), (19, 0, 95.0, "Gold"), (18, 1, 92.5, "Silver"), (18, 0, 90.0, "Silver"),
    (17, 1, 87.5, "Bronze"), (17, 0, 85.0, "Bronze"), (16, 2, 85.0, "Bronze"), (16, 1, 82.5, None), (0, 0, 0.0, None),
])
def test_scores_and_band_boundaries(met: int, partly: int, score: float, band: str | None) -> None:
    result = assess(Programme.model_validate(minimal_programme_data()), scored_catalog(met, partly), TODAY).standards[0]
    assert (result.score.score, result.band) == (score, band)
    assert (result.score.met, result.score.partly_met) == (met, partly)


def test_section_scores() -> None:
    result = assess(Programme.model_validate(minimal_programme_data()), scored_catalog(12, 1), TODAY).standards[0]
    assert [(s.id, s.score, s.met, s.partly_met, s.not_met) for s in result.sections] == [
        ("A", 100.0, 10, 0, 0), ("B", 25.0, 2, 1, 7)]
    assert result.score.score == 62.5


def test_band_for() -> None:
    bands = [Band(name="Bronze", min_score=85), Band(name="Gold", min_score=95), Band(name="Silver", min_score=90)]
    assert [band_for(s, bands) for s in (84.9, 85, 89.9, 90, 94.9, 95, None)] == \
        [None, "Bronze", "Bronze", "Silver", "Silver", "Gold", None]
    assert band_for(99, []) is None


# --- the CLI -------------------------------------------------------------------------------------------


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    data = minimal_programme_data()
    data["code_of_conduct"]["parties"] = ["mentor", "mentee", "coordinator", "organisation"]
    data["programme"]["absent_parties"] = [{"party": "line-manager", "reason": "Volunteers have no line managers here."},
                                           {"party": "stakeholder", "reason": "Nobody else takes part."}]
    return write_programme(tmp_path / "data", data)


def invoke(*args: str):
    return CliRunner().invoke(main, ["assess", "--today", "2026-11-23", *args])


def test_json_shape(data_dir: Path) -> None:
    result = invoke("--format", "json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["programme"] == "Test Mentoring" and out["assessed_on"] == "2026-11-23"
    assert [s["id"] for s in out["standards"]] == ["best-practice", "ima", "ismpe"]
    ismpe = out["standards"][2]
    assert isinstance(ismpe["score"], float) and ismpe["band"] is None
    assert [s["id"] for s in ismpe["sections"]] == ["1", "2", "3", "4", "5", "6"]
    five_one = next(c for c in ismpe["criteria"] if c["id"] == "5.1")
    assert five_one == {**five_one, "ref": "ismpe:5.1", "status": "met", "fix": None, "evidence": [], "planned": [],
                        "areas": ["code_of_conduct"],
                        "reasons": ["✓ code_of_conduct.parties has all of: Mentors; Mentees; The programme co-ordinator; "
                                    "The organisation in general; Line managers (supervisors, principals) not asked for "
                                    "(Volunteers have no line managers here.)"]}
    assert [n["kind"] for n in out["notices"]] == []


def test_csv_has_one_row_per_criterion(data_dir: Path) -> None:
    result = invoke("--format", "csv", "--standard", "ismpe")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["catalog", "criterion", "status", "text", "evidence", "fix", "claim", "contradiction"]
    assert len(rows) == 58 and rows[1][:3] == ["ismpe", "1.1", "met"]


def test_table_shows_status_words_score_and_gaps(data_dir: Path) -> None:
    result = invoke("--standard", "ismpe", "--standard", "ima")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert all(len(line) <= 100 for line in lines)
    assert any(line.startswith("ismpe  International Standards") for line in lines)
    assert any(line.split()[:2] == ["NOT", "MET"] and "1.3" in line for line in lines)
    assert any(line.split()[:2] == ["met", "5.1"] for line in lines)
    assert any(line.split()[:2] == ["n/a", "2.10"] for line in lines)
    assert "Gaps in ismpe (what to add):" in lines
    assert result.stdout.index("ismpe  ") < result.stdout.index("ima  ")  # the order asked for


def test_markdown(data_dir: Path) -> None:
    result = invoke("--format", "markdown", "--standard", "best-practice")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Assessment of Test Mentoring")
    assert "| met | orientation-1 | the programme overview |  |" in result.stdout


def error_lines(result) -> list[str]:
    """Standard error without the data warnings (the small test programme has leaflet gaps)."""
    return [line for line in result.stderr.strip().splitlines() if ": warning: " not in line]


def test_fail_under(data_dir: Path) -> None:
    score = json.loads(invoke("--format", "json", "--standard", "ismpe").stdout)["standards"][0]["score"]
    assert invoke("--standard", "ismpe", "--fail-under", str(score)).exit_code == 0
    result = invoke("--standard", "ismpe", "--fail-under", str(score + 0.1))
    assert result.exit_code == 1
    assert error_lines(result) == [f"ismpe: score {score:.1f}% is below --fail-under {score + 0.1:g}%"]
    result = invoke("--fail-under", "100")
    assert result.exit_code == 1 and len(error_lines(result)) == 3  # one line per standard


def test_unknown_standard(data_dir: Path) -> None:
    result = invoke("--standard", "ismpe", "--standard", "isnpe")
    assert result.exit_code == 1
    assert error_lines(result) == ["error: unknown standard 'isnpe'; known: best-practice, ima, ismpe"]
    assert "Traceback" not in result.output


def test_the_today_date_must_be_a_date(data_dir: Path) -> None:
    result = CliRunner().invoke(main, ["assess", "--today", "23/11/2026"])
    assert result.exit_code == 2 and "Traceback" not in result.output


# --- a programme's own catalog ---------------------------------------------------------------------------

OWN = """\
id: own
title: Our own standard
source: ourselves
vocabularies:
  training-topics:
    terms:
      - {id: our-values, label: Our values in practice}
standards:
  - id: A
    title: Ours
    criteria:
      - id: A1
        text: A statement of purpose.
        rule:
          present: programme.purpose
      - id: A2
        text: Mentors are trained in our values.
        rule:
          covers: {path: "training.sessions[stage=initial].covers", values: [our-values]}
      - id: A3
        text: An annual report is published.
"""


@pytest.mark.parametrize("find, replace, expected", [
    ("    title: Ours\n", "    title: Ours\n    colour: blue\n",
     "data/standards/own.yaml:11:5: standards[0].colour: unknown key"),
    ("present: programme.purpose", "present: programme.purpse",
     "data/standards/own.yaml:15:20: standards[0].criteria[0].rule.present: no field 'purpse' in programme; did you mean \"purpose\"?"),
    ("stage=initial", "stage=initail",
     "data/standards/own.yaml:19:26: standards[0].criteria[1].rule.covers.path: training.sessions[].stage is never 'initail' "
     "(it is one of initial, ongoing)"),
    ("id: A2", "id: A1", "data/standards/own.yaml:16:13: standards[0].criteria[1].id: duplicate criterion id 'A1'"),
])
def test_bad_extra_catalog(data_dir: Path, find: str, replace: str, expected: str) -> None:
    assert find in OWN
    (data_dir / "standards").mkdir()
    (data_dir / "standards/own.yaml").write_text(OWN.replace(find, replace), encoding="utf-8")
    (data_dir / "extra.yaml").write_text("extra_standards: [standards/own.yaml]\n", encoding="utf-8")
    result = invoke()
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert result.stderr.splitlines() == [expected, "1 error; nothing was written."]


def test_an_own_catalog_adds_terms_and_is_assessed(data_dir: Path) -> None:
    (data_dir / "standards").mkdir()
    (data_dir / "standards/own.yaml").write_text(OWN, encoding="utf-8")
    (data_dir / "extra.yaml").write_text("extra_standards: [standards/own.yaml]\n", encoding="utf-8")
    training = yaml.safe_load((data_dir / "training.yaml").read_text())
    training["training"]["sessions"][0]["covers"] = ["our-values"]
    (data_dir / "training.yaml").write_text(yaml.safe_dump(training), encoding="utf-8")
    result = invoke("--standard", "own", "--format", "json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)["standards"][0]
    # A3 has no rule: it rests on evidence alone, and none is linked
    assert (out["id"], [c["status"] for c in out["criteria"]]) == ("own", ["met", "met", "not-met"])


@pytest.mark.parametrize("entry, expected", [
    ({"criterion": "ismpe:1.4", "claim": "not-applicable"},
     "data/self_assessment.yaml:2:3: self_assessment[0].justification: a not-applicable claim needs a justification; "
     "say why the criterion does not apply to the programme"),
    ({"criterion": "ismpe:9.9", "claim": "met"},
     "data/self_assessment.yaml:2:14: self_assessment[0].criterion: unknown criterion 'ismpe:9.9'"),
])
def test_bad_self_assessment_entry(data_dir: Path, entry: dict, expected: str) -> None:
    (data_dir / "self_assessment.yaml").write_text(yaml.safe_dump({"self_assessment": [entry]}, sort_keys=False), encoding="utf-8")
    result = invoke()
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith(expected)


# --- an early programme ------------------------------------------------------------------------------

EARLY = EARLY_PROGRAMME + """\
plans:
  - what: Write a no-fault rematching policy.
    by: 2027-02-28
    field: mismatch_policy
"""


def test_the_gap_report_of_an_early_programme_names_every_missing_area(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data/programme.yaml").write_text(EARLY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke()
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    start = lines.index("Not written yet:")
    listed = [line.split()[1] for line in lines[start + 1:] if line.startswith("  - ")][:9]
    assert listed == ["code_of_conduct", "selection", "matching", "mismatch_policy", "lifecycle", "training",
                      "monitoring", "governance", "support"]
    assert "Planned: Write a no-fault rematching policy (by 2027-02-28)." in " ".join(lines[start:start + 12])
    assert "1.1" in next(line for line in lines if line.split()[:1] == ["met"])  # the purpose it has is met
    markdown = invoke("--format", "markdown").stdout
    assert "## Not written yet" in markdown and "- support is not written yet" in markdown
