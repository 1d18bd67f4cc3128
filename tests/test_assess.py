"""The assessment: criteria met and broken by minimal changes, claims, staleness, scores, and the CLI."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from programme_data import minimal_programme_data, write_programme
from generator.assess import CriterionResult, assess, band_for
from generator.cli import main
from generator.model import Programme
from generator.standards.catalog import Band, Catalog, load_catalogs

TODAY = dt.date(2026, 11, 23)
CATALOGS, _ = load_catalogs()

Data = dict
Edit = Callable[[Data], None]


def criterion(data: Data, ref: str, today: dt.date = TODAY) -> CriterionResult:
    catalog_id, criterion_id = ref.split(":")
    catalogs = [c for c in CATALOGS if c.id == catalog_id]
    result = assess(Programme.model_validate(data), catalogs, today)
    return next(c for c in result.standards[0].criteria if c.id == criterion_id)


def add_role(data: Data, role_id: str) -> None:
    data["roles"].append({"id": role_id, "title": role_id.title(), "summary": "s", "responsibilities": ["r"],
                          "benefits": ["Better support for their team member."]})


def evidence(item_id: str, supports: list[str], date: str = "2026-06-01") -> dict:
    return {"id": item_id, "title": "Notes", "kind": "url", "url": "https://example.org/notes", "date": date,
            "owner": "Sam", "visibility": "internal", "supports": supports}


def session(**fields: object) -> dict:
    base = {"id": "intro", "title": "Introduction", "stage": "initial", "audience": ["mentor", "mentee"],
            "mandatory": True, "duration_hours": 3, "topics": ["The mentor role."]}
    return {**base, **fields}


# --- set-ups that meet a criterion, and the minimal change that breaks it ------------------------------


def all_parties(d: Data) -> None:
    add_role(d, "line-manager")
    d["code_of_conduct"]["parties"] = ["mentor", "mentee", "line-manager", "coordinator", "organisation"]


def reminders(d: Data) -> None:
    d["lifecycle"]["milestones"] += [
        {"id": "suited", "title": "Are we suited?", "kind": "suitability-review", "week": 6, "description": "d", "reminder": True},
        {"id": "end", "title": "Ending", "kind": "ending", "week": 52, "description": "d", "reminder": True}]


def mandatory_initial(d: Data) -> None:
    d["training"]["sessions"] = [session()]


def voluntary(d: Data) -> None:
    d["programme"]["summary"] = "A small programme. Taking part is voluntary."


def measures(d: Data) -> None:
    d["monitoring"]["measures"] = [{"name": "Meetings held", "kind": "process", "level": "relationship"},
                                   {"name": "Retention", "kind": "outcome", "level": "programme", "goal": "retention"}]


def discussed_with_evidence(d: Data) -> None:
    d["code_of_conduct"]["discussion"] = "Every briefing walks through the code."
    d["evidence"] = [evidence("ev-briefing", ["ismpe:5.2"])]


def consultation_claimed(d: Data) -> None:
    d["evidence"] = [evidence("ev-consultation", [])]
    d["self_assessment"] = [{"criterion": "ismpe:1.3", "claim": "met", "evidence": ["ev-consultation"]}]


def line_manager_briefing(d: Data) -> None:
    add_role(d, "line-manager")
    d["training"]["sessions"].append(session(id="lm-briefing", title="Briefing", audience=["line-manager"], mandatory=False))


def interview(d: Data) -> None:
    d["selection"]["interview"] = "A 30-minute conversation with the coordinator."


IMA_TOPICS = ["How adults learn", "Reflective questioning", "Role and responsibilities of the mentor",
              "Setting expectations", "Stages of a mentoring relationship", "Trust and confidentiality",
              "What the programme expects"]


def ima_topics(d: Data) -> None:
    d["training"]["sessions"] = [session(topics=list(IMA_TOPICS))]


def two_relationship_measures(d: Data) -> None:
    d["monitoring"]["measures"] = [{"name": "Goals agreed", "kind": "process", "level": "relationship"},
                                   {"name": "Progress on goals", "kind": "outcome", "level": "relationship"}]


def annual_evaluation(d: Data) -> None:
    d["monitoring"]["evaluation"] = "An annual evaluation report to the steering group."
    d["monitoring"]["improvements"] = "Changes are logged and announced."
    d["monitoring"]["best_practice_review"] = "An external peer review every three years."
    d["monitoring"]["methods"][0]["participants"] = ["mentor", "mentee"]


def escalation(d: Data) -> None:
    d["support"]["escalation"] = [{"question": "A concern about my mentor", "first_contact": "coordinator-desk",
                                   "response": "within 2 working days"}]


def equality_policy(d: Data) -> None:
    d["governance"]["policies"] = [{"name": "Equality and diversity policy", "owner": "coordinator", "review_due": "2027-05-01"}]


def endings(d: Data) -> None:
    d["training"]["sessions"][0]["topics"].append("Preparing for endings")


def disqualifications(d: Data) -> None:
    d["selection"]["disqualifications"] = {"mentors": ["Breaching confidentiality."]}


def gap_objective(d: Data) -> None:
    d["governance"]["steering_group"] = {"members": ["HR director", "Coordinator"], "meets": "quarterly",
                                         "objectives": ["Identify gaps in the service and how to fill them."]}


def set_at(path: str, value: object) -> Edit:
    def edit(d: Data) -> None:
        *parents, last = path.split(".")
        target = d
        for key in parents:
            target = target[int(key)] if isinstance(target, list) else target[key]
        if isinstance(target, list):
            target[int(last)] = value
        else:
            target[last] = value
    return edit


CASES = [
    # (criterion, make it met, minimal change that breaks it, status after the break, reason after the break)
    ("ismpe:5.1", all_parties, set_at("code_of_conduct.parties", ["mentor", "mentee", "coordinator", "organisation"]),
     "not-met", "✗ code_of_conduct.parties does not cover line-manager"),
    ("ismpe:6.6", reminders, set_at("lifecycle.milestones.2.reminder", False),
     "not-met", "✗ lifecycle.milestones[reminder=true].kind does not cover ending"),
    ("ismpe:2.1", mandatory_initial, set_at("training.sessions.0.mandatory", False),
     "partly-met", "✗ training.sessions[mandatory=true].audience does not cover mentor, mentee"),
    ("ismpe:3.2", voluntary, set_at("programme.voluntary", False),
     "partly-met", "✗ programme.voluntary is false, not true"),
    ("ismpe:4.4", measures, set_at("monitoring.measures.1.kind", "process"),
     "not-met", "✗ monitoring.measures[].kind does not cover outcome"),
    ("ismpe:5.2", discussed_with_evidence, set_at("evidence", []),
     "partly-met", "✗ no current evidence linked; this criterion needs evidence"),
    ("ismpe:1.3", consultation_claimed, set_at("self_assessment.0.claim", None),
     "partly-met", "✗ no self-assessment claim that it is met"),
    ("ismpe:3.5", lambda d: None, set_at("mismatch_policy.visibility", "internal"),
     "partly-met", "✗ mismatch_policy.visibility is internal, not public"),
    ("ismpe:2.10", line_manager_briefing, set_at("training.sessions.1.audience", ["mentor"]),
     "partly-met", "✗ training.sessions[].audience does not cover line-manager"),
    ("ima:III-2", interview, set_at("selection.interview", None),
     "partly-met", "✗ selection.interview is empty or missing"),
    ("ima:IV-1", ima_topics, set_at("training.sessions.0.topics.5", "Working with your mentee"),
     "partly-met", "✗ training.sessions[stage=initial].topics does not mention any of “trust”, “confidential”"),
    ("ima:V-2", two_relationship_measures, set_at("monitoring.measures.1.level", "programme"),
     "not-met", "✗ monitoring.measures[level=relationship] has 1 item; at least 2 needed"),
    ("ima:VI-1", annual_evaluation, set_at("monitoring.evaluation", "An evaluation at the end of each cohort."),
     "partly-met", "✗ monitoring.evaluation does not mention any of “annual”, “year”"),
    ("best-practice:orientation-8", escalation, set_at("support.contacts.0.visibility", "internal"),
     "partly-met", "✗ support.contacts[visibility=public].email is empty or missing"),
    ("best-practice:compliance-4", equality_policy, set_at("governance.policies.0.name", "Dignity at work policy"),
     "not-met", "✗ governance.policies[].name does not mention any of “equal”, “divers”, “inclusi”"),
    ("best-practice:mentor-training-11", endings, set_at("training.sessions.0.topics.1", "When the year is over"),
     "not-met", "✗ training.sessions[audience=mentor].topics does not mention any of"),
    ("best-practice:selection-3", disqualifications, set_at("selection.disqualifications.mentors", []),
     "not-met", "✗ selection.disqualifications.mentors has 0 items; at least 1 needed"),
    ("best-practice:governance-4", gap_objective, set_at("governance.steering_group.objectives", ["Meet quarterly."]),
     "not-met", "✗ governance.steering_group.objectives does not mention “gap”"),
]


@pytest.mark.parametrize("ref, meet, breaks, status, reason", CASES, ids=[case[0] for case in CASES])
def test_met_then_broken_by_a_minimal_change(ref: str, meet: Edit, breaks: Edit, status: str, reason: str) -> None:
    data = minimal_programme_data()
    meet(data)
    met = criterion(data, ref)
    assert met.status == "met", met.reasons
    assert met.fix is None
    assert met.reasons and all(line.startswith(("✓ ", "✗ ")) for line in met.reasons)
    assert any(line.startswith("✓ ") for line in met.reasons)

    broken_data = copy.deepcopy(data)
    breaks(broken_data)
    broken = criterion(broken_data, ref)
    assert broken.status == status, broken.reasons
    assert any(line.startswith(reason) for line in broken.reasons), broken.reasons
    assert broken.fix  # a gap always says what to add


def test_minimal_programme_fails_them_all() -> None:
    data = minimal_programme_data()
    data["mismatch_policy"]["visibility"] = "internal"
    for ref, *_ in CASES:
        assert criterion(data, ref).status != "met", ref


def test_a_gap_names_the_field_to_fill() -> None:
    result = criterion(minimal_programme_data(), "ismpe:5.1")
    assert "code_of_conduct.parties" in result.fix
    assert "add line-manager, coordinator, organisation to code_of_conduct.parties" in result.fix
    assert result.areas == ["code_of_conduct"]


def test_evidence_ids_come_from_the_register_and_the_self_assessment() -> None:
    data = minimal_programme_data()
    discussed_with_evidence(data)
    data["evidence"].append(evidence("ev-minutes", []))
    data["self_assessment"] = [{"criterion": "ismpe:5.2", "evidence": ["ev-minutes"], "note": "Minutes too."}]
    result = criterion(data, "ismpe:5.2")
    assert result.evidence == ["ev-briefing", "ev-minutes"]
    assert "✓ evidence ev-minutes dated 2026-06-01" in result.reasons


# --- self-assessment -----------------------------------------------------------------------------------


def ismpe(data: Data):
    return assess(Programme.model_validate(data), [c for c in CATALOGS if c.id == "ismpe"], TODAY).standards[0]


def test_not_applicable_with_a_justification_is_excluded_from_the_score() -> None:
    data = minimal_programme_data()
    before = ismpe(data)
    data["self_assessment"] = [{"criterion": "ismpe:1.4", "claim": "not-applicable",
                                "justification": "An independent network: there is no host organisation."}]
    after = ismpe(data)
    result = next(c for c in after.criteria if c.id == "1.4")
    assert result.status == "not-applicable" and result.fix is None and result.contradiction is None
    assert "✓ not applicable: An independent network: there is no host organisation." in result.reasons
    assert after.score.not_applicable == 1 and after.score.not_met == before.score.not_met - 1
    expected = round(100 * (after.score.met + 0.5 * after.score.partly_met) / 56, 1)
    assert after.score.score == expected > before.score.score
    section = next(s for s in after.sections if s.id == "1")
    assert section.not_applicable == 1 and section.total == 9


def test_a_contradicting_claim_is_flagged_and_the_data_stands() -> None:
    data = minimal_programme_data()
    data["self_assessment"] = [{"criterion": "ismpe:5.1", "claim": "met", "note": "We think so."}]
    result = criterion(data, "ismpe:5.1")
    assert result.status == "not-met"
    assert result.claim == "met"
    assert result.contradiction == "claimed met, but the data shows not-met"


def test_an_agreeing_claim_is_not_flagged() -> None:
    data = minimal_programme_data()
    all_parties(data)
    data["self_assessment"] = [{"criterion": "ismpe:5.1", "claim": "met"}]
    result = criterion(data, "ismpe:5.1")
    assert (result.status, result.contradiction) == ("met", None)


@pytest.mark.parametrize("claim, linked, status", [
    ("met", True, "met"), ("met", False, "partly-met"), ("partly-met", True, "partly-met"),
    (None, True, "partly-met"), (None, False, "not-met"), ("not-met", True, "not-met"),
])
def test_a_criterion_the_data_cannot_show(claim: str | None, linked: bool, status: str) -> None:
    data = minimal_programme_data()
    data["evidence"] = [evidence("ev-consultation", ["ismpe:1.3"] if linked else [])]
    data["self_assessment"] = [{"criterion": "ismpe:1.3", "claim": claim, "note": "n"}]
    result = criterion(data, "ismpe:1.3")
    assert result.status == status
    assert result.areas == []
    assert (result.fix is None) == (status == "met")


# --- staleness -----------------------------------------------------------------------------------------


def test_old_evidence_is_stale_and_reported() -> None:
    data = minimal_programme_data()
    discussed_with_evidence(data)
    data["evidence"] = [evidence("ev-briefing", ["ismpe:5.2"], date="2022-01-01")]
    result = assess(Programme.model_validate(data), CATALOGS, TODAY)
    five_two = next(c for r in result.standards for c in r.criteria if c.ref == "ismpe:5.2")
    assert five_two.status == "partly-met"
    assert "✗ evidence ev-briefing dated 2022-01-01 is stale (older than 3 years)" in five_two.reasons
    assert "replace stale evidence ev-briefing" in five_two.fix
    assert [(n.kind, n.subject) for n in result.notices] == [("stale-evidence", "ev-briefing")]
    assert "older than 3 years" in result.notices[0].message


def test_evidence_exactly_three_years_old_is_still_current() -> None:
    data = minimal_programme_data()
    discussed_with_evidence(data)
    data["evidence"] = [evidence("ev-briefing", ["ismpe:5.2"], date="2023-11-23")]
    assert criterion(data, "ismpe:5.2").status == "met"
    assert criterion(data, "ismpe:5.2", today=dt.date(2026, 11, 24)).status == "partly-met"


def test_a_policy_past_its_review_date_is_reported() -> None:
    data = minimal_programme_data()
    data["governance"]["policies"] = [
        {"name": "Safeguarding policy", "owner": "coordinator", "review_due": "2026-01-31"},
        {"name": "Data protection policy", "owner": "coordinator", "review_due": "2027-01-31"}]
    notices = assess(Programme.model_validate(data), CATALOGS, TODAY).notices
    assert [(n.kind, n.subject) for n in notices] == [("overdue-policy", "Safeguarding policy")]
    assert "was due for review on 2026-01-31" in notices[0].message


# --- scores and bands ----------------------------------------------------------------------------------


def scored_catalog(met: int, partly: int, total: int = 20) -> Catalog:
    """A catalog whose first ``met`` criteria pass, next ``partly`` half pass and the rest fail."""
    passes, fails = {"present": "programme.name"}, {"present": "programme.why_mentoring"}
    rules = [passes] * met + [{"all": [passes, fails]}] * partly + [fails] * (total - met - partly)
    return Catalog.model_validate({
        "id": "test", "title": "Test", "source": "tests",
        "bands": [{"name": "Bronze", "min_score": 85}, {"name": "Silver", "min_score": 90}, {"name": "Gold", "min_score": 95}],
        "standards": [{"id": "A", "title": "First half", "criteria": [{"id": f"a{n}", "text": "t", "rule": r} for n, r in enumerate(rules[:10])]},
                      {"id": "B", "title": "Second half", "criteria": [{"id": f"b{n}", "text": "t", "rule": r} for n, r in enumerate(rules[10:])]}],
    })


@pytest.mark.parametrize("met, partly, score, band", [
    (20, 0, 100.0, "Gold"), (19, 0, 95.0, "Gold"), (18, 1, 92.5, "Silver"), (18, 0, 90.0, "Silver"),
    (17, 1, 87.5, "Bronze"), (17, 0, 85.0, "Bronze"), (16, 2, 85.0, "Bronze"), (16, 1, 82.5, None), (0, 0, 0.0, None),
])
def test_scores_and_band_boundaries(met: int, partly: int, score: float, band: str | None) -> None:
    result = assess(Programme.model_validate(minimal_programme_data()), [scored_catalog(met, partly)], TODAY).standards[0]
    assert (result.score.score, result.band) == (score, band)
    assert (result.score.met, result.score.partly_met) == (met, partly)


def test_section_scores() -> None:
    result = assess(Programme.model_validate(minimal_programme_data()), [scored_catalog(12, 1)], TODAY).standards[0]
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
    all_parties(data)
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
    assert {"id", "title", "score", "band", "sections", "criteria"} <= set(ismpe)
    assert isinstance(ismpe["score"], float) and ismpe["band"] is None
    assert [s["id"] for s in ismpe["sections"]] == ["1", "2", "3", "4", "5", "6"]
    first = ismpe["criteria"][0]
    assert {"id", "ref", "text", "status", "reasons", "evidence", "fix", "claim", "contradiction", "areas"} <= set(first)
    five_one = next(c for c in ismpe["criteria"] if c["id"] == "5.1")
    assert five_one == {**five_one, "ref": "ismpe:5.1", "status": "met", "fix": None, "evidence": [], "areas": ["code_of_conduct"],
                        "reasons": ["✓ code_of_conduct.parties covers mentor, mentee, line-manager, coordinator, organisation"]}
    assert out["notices"] == []


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
    assert any(line.startswith("score ") and "met" in line for line in lines)
    assert any(line.split()[:2] == ["NOT", "MET"] and "1.3" in line for line in lines)
    assert any(line.split()[:2] == ["met", "5.1"] for line in lines)
    assert "Gaps in ismpe (what to add):" in lines
    assert result.stdout.index("ismpe  ") < result.stdout.index("ima  ")  # the order asked for


def test_markdown(data_dir: Path) -> None:
    result = invoke("--format", "markdown", "--standard", "best-practice")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Assessment of Test Mentoring")
    assert "## Mentoring scheme best practice" in result.stdout
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


# --- bad catalogs and self-assessment entries: file:line: field: message, exit 1 ------------------------

OWN = """\
id: own
title: Our own standard
source: ourselves
standards:
  - id: A
    title: Ours
    criteria:
      - id: A1
        text: A statement of purpose.
        rule:
          present: programme.purpose
      - id: A2
        text: Mentors are trained.
        rule:
          covers: {path: "training.sessions[stage=initial].audience", values: [mentor]}
"""


@pytest.mark.parametrize("find, replace, expected", [
    ("    title: Ours\n", "    title: Ours\n    colour: blue\n",
     "data/standards/own.yaml:7:5: standards[0].colour: unknown key"),
    ("present: programme.purpose", "present: programme.purpse",
     "data/standards/own.yaml:11:20: standards[0].criteria[0].rule.present: no field 'purpse' in programme; did you mean \"purpose\"?"),
    ("stage=initial", "stage=initail",
     "data/standards/own.yaml:15:26: standards[0].criteria[1].rule.covers.path: training.sessions[].stage is never 'initail' "
     "(it is one of initial, ongoing); did you mean \"initial\"?"),
    ("id: A2", "id: A1", "data/standards/own.yaml:12:13: standards[0].criteria[1].id: duplicate criterion id 'A1'"),
    ("          present: programme.purpose\n", "          present: programme.purpose\n          at_least: {path: roles, count: 2}\n",
     "data/standards/own.yaml:11:11: standards[0].criteria[0].rule: a rule needs exactly one of all, any, present, covers, "
     "mentions, at_least, equals, not_overdue (got present, at_least)"),
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


def test_a_good_extra_catalog_is_assessed(data_dir: Path) -> None:
    (data_dir / "standards").mkdir()
    (data_dir / "standards/own.yaml").write_text(OWN, encoding="utf-8")
    (data_dir / "extra.yaml").write_text("extra_standards: [standards/own.yaml]\n", encoding="utf-8")
    result = invoke("--standard", "own", "--format", "json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)["standards"][0]
    assert (out["id"], out["score"], [c["status"] for c in out["criteria"]]) == ("own", 100.0, ["met", "met"])


@pytest.mark.parametrize("entry, expected", [
    ({"criterion": "ismpe:1.4", "claim": "not-applicable"},
     "data/self_assessment.yaml:2:3: self_assessment[0].justification: a not-applicable claim needs a justification; "
     "say why the programme consciously departs from this criterion"),
    ({"criterion": "ismpe:9.9", "claim": "met"},
     "data/self_assessment.yaml:2:14: self_assessment[0].criterion: unknown criterion 'ismpe:9.9'"),
])
def test_bad_self_assessment_entry(data_dir: Path, entry: dict, expected: str) -> None:
    (data_dir / "self_assessment.yaml").write_text(yaml.safe_dump({"self_assessment": [entry]}, sort_keys=False), encoding="utf-8")
    result = invoke()
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith(expected)
