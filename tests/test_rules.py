"""The rule language: paths, each kind of check, combinations, and rule paths checked against the model."""

from __future__ import annotations

import datetime as dt

import pytest

from programme_data import minimal_programme_data
from generator.model import Programme
from generator.standards.catalog import Rule, load_catalogs
from generator.standards.rules import areas, evaluate, leaves, parse_path, path_problem, resolve

TODAY = dt.date(2026, 11, 23)


def programme(**changes: object) -> Programme:
    """The minimal programme with top-level areas merged (one level deep) with ``changes``."""
    data = minimal_programme_data()
    for area, value in changes.items():
        data[area] = {**data[area], **value} if isinstance(value, dict) and isinstance(data.get(area), dict) else value
    return Programme.model_validate(data)


def run(rule: dict, prog: Programme | None = None):
    return evaluate(Rule.model_validate(rule), prog or programme(), TODAY)


SESSIONS = {"sessions": [
    {"id": "intro", "title": "Introduction", "stage": "initial", "audience": ["mentor", "mentee"], "mandatory": True,
     "duration_hours": 3, "topics": ["Confidentiality and its limits", "The mentoring relationship"]},
    {"id": "follow-up", "title": "Follow-up", "stage": "ongoing", "audience": ["mentor"], "mandatory": False,
     "duration_hours": 2, "topics": ["Reflective practice"], "includes_practice": True},
]}


# --- paths ---------------------------------------------------------------------------------------


def test_parse_path() -> None:
    assert parse_path("training.sessions[stage=initial].audience") == [
        ("training", None, None), ("sessions", "[stage=initial]", ("stage", "initial")), ("audience", None, None)]
    assert parse_path("roles[].title")[0] == ("roles", "[]", None)


def test_resolve_flattens_lists_and_filters_items() -> None:
    prog = programme(training=SESSIONS)
    assert resolve(prog, "training.sessions[].audience") == ["mentor", "mentee", "mentor"]
    assert resolve(prog, "training.sessions.audience") == ["mentor", "mentee", "mentor"]
    assert resolve(prog, "training.sessions[stage=ongoing].id") == ["follow-up"]
    assert resolve(prog, "training.sessions[mandatory=true].id") == ["intro"]  # booleans compare as true/false
    assert resolve(prog, "training.sessions[audience=mentee].id") == ["intro"]  # a list-valued key: any item
    assert resolve(prog, "programme.why_mentoring") == []  # None is not a value


# --- leaf checks -----------------------------------------------------------------------------------


def test_present() -> None:
    assert run({"present": "programme.purpose"}).checks[0].reason == "programme.purpose is filled in"
    result = run({"present": "programme.why_mentoring"})
    assert not result.passed
    assert result.checks[0].reason == "programme.why_mentoring is empty or missing"
    assert result.checks[0].field == "programme.why_mentoring"
    assert result.fix == "fill in programme.why_mentoring"


def test_covers() -> None:
    data = {"code_of_conduct": {"parties": ["mentor", "mentee", "coordinator", "organisation"]}}
    rule = {"covers": {"path": "code_of_conduct.parties",
                       "values": ["mentor", "mentee", "line-manager", "coordinator", "organisation"]}}
    result = run(rule, programme(**data))
    assert not result.passed
    assert result.checks[0].reason == "code_of_conduct.parties does not cover line-manager"
    assert result.fix == "add line-manager to code_of_conduct.parties"
    roles = minimal_programme_data()["roles"] + [
        {"id": "line-manager", "title": "Line manager", "summary": "s", "responsibilities": ["r"]}]
    data["code_of_conduct"]["parties"].append("line-manager")
    result = run(rule, programme(roles=roles, **data))
    assert result.passed
    assert result.checks[0].reason == "code_of_conduct.parties covers mentor, mentee, line-manager, coordinator, organisation"


def test_mentions_matches_word_starts_case_insensitively() -> None:
    prog = programme(training=SESSIONS)
    assert run({"mentions": {"path": "training.sessions[].topics", "words": ["confidential"]}}, prog).checks[0].reason \
        == "training.sessions[].topics mentions “confidential”"
    # "hr" starts no word in "three hours": no accidental match inside a word
    assert not run({"mentions": {"path": "training.sessions[].topics", "words": ["ethic", "hr"]}}, prog).passed
    failed = run({"mentions": {"path": "training.sessions[].topics", "words": ["ethic", "moral"]}}, prog).checks[0]
    assert failed.reason == "training.sessions[].topics does not mention any of “ethic”, “moral”"
    # a model is searched through: the session's title, topics, outcomes ...
    assert run({"mentions": {"path": "training.sessions[stage=ongoing]", "words": ["REFLECT"]}}, prog).passed
    assert run({"mentions": {"path": "programme.why_mentoring", "words": ["x"]}}).checks[0].reason \
        == "programme.why_mentoring is empty or missing"


def test_at_least_counts_items() -> None:
    prog = programme(training=SESSIONS)
    assert run({"at_least": {"path": "training.sessions", "count": 2}}, prog).checks[0].reason \
        == "training.sessions has 2 items (at least 2 needed)"
    result = run({"at_least": {"path": "training.sessions[includes_practice=true]", "count": 2}}, prog)
    assert result.checks[0].reason == "training.sessions[includes_practice=true] has 1 item; at least 2 needed"


def test_equals() -> None:
    assert run({"equals": {"path": "programme.voluntary", "value": True}}).passed
    result = run({"equals": {"path": "mismatch_policy.visibility", "value": "public"}},
                 programme(mismatch_policy={"visibility": "internal"}))
    assert result.checks[0].reason == "mismatch_policy.visibility is internal, not public"
    assert result.fix == "set mismatch_policy.visibility to public"
    assert not run({"equals": {"path": "programme.website", "value": "x"}}).passed  # nothing found fails


def test_not_overdue() -> None:
    policies = [{"name": "Data protection policy", "owner": "coordinator", "review_due": "2027-03-01"},
                {"name": "Safeguarding policy", "owner": "coordinator", "review_due": "2026-01-31"}]
    rule = {"not_overdue": "governance.policies[].review_due"}
    result = run(rule, programme(governance={"policies": policies}))
    assert result.checks[0].reason == "governance.policies[].review_due is overdue (2026-01-31; today is 2026-11-23)"
    result = run(rule, programme(governance={"policies": policies[:1]}))
    assert result.passed and result.checks[0].reason == "governance.policies[].review_due is not overdue (next 2027-03-01)"
    assert run(rule).checks[0].reason == "governance.policies[].review_due has no date"


# --- combinations ----------------------------------------------------------------------------------


def test_all_is_partly_when_some_checks_pass() -> None:
    result = run({"all": [{"present": "programme.purpose"}, {"present": "programme.why_mentoring"}]})
    assert not result.passed and result.partly
    assert [check.passed for check in result.checks] == [True, False]
    assert result.fix == "fill in programme.why_mentoring"


def test_any_passes_with_one_alternative() -> None:
    rule = {"any": [{"present": "programme.why_mentoring"}, {"present": "programme.purpose"}]}
    result = run(rule)
    assert result.passed and result.fix is None
    result = run({"any": [{"present": "programme.why_mentoring"}, {"present": "training.diagnostics"}]})
    assert not result.passed and not result.partly
    assert result.fix == "fill in programme.why_mentoring or fill in training.diagnostics"


def test_areas_and_leaves() -> None:
    rule = Rule.model_validate({"all": [{"present": "programme.purpose"},
                                        {"any": [{"covers": {"path": "training.sessions[].audience", "values": ["mentor"]}},
                                                 {"present": "programme.aim"}]}]})
    assert areas(rule) == ["programme", "training"]
    assert [at for at, _, _ in leaves(rule)] == [("all", 0, "present"), ("all", 1, "any", 0, "covers", "path"),
                                                 ("all", 1, "any", 1, "present")]


# --- paths against the model -----------------------------------------------------------------------


@pytest.mark.parametrize("path, kind, message", [
    ("programme.purpse", "present", "no field 'purpse' in programme"),
    ("programmes", "present", "no field 'programmes' at the top of the programme data"),
    ("programme.name.first", "present", "programme.name is a single value; it has no field 'first'"),
    ("programme[].name", "present", "programme is not a list, so it takes no []"),
    ("training.sessions[level=initial]", "at_least", "the items of training.sessions have no field 'level'"),
    ("training.sessions[stage=initail]", "at_least", "training.sessions[].stage is never 'initail' (it is one of initial, ongoing)"),
    ("training.sessions[mandatory=yes]", "at_least", "training.sessions[].mandatory is never 'yes' (it is one of true, false)"),
    ("code_of_conduct.parties[party=x]", "at_least", "the items of code_of_conduct.parties are single values; [party=...] needs items with fields"),
    ("governance.policies[].name", "not_overdue", "governance.policies[].name is not a date; not_overdue needs a date field"),
    ("code_of_conduct.breaches", "covers", "code_of_conduct.breaches is a group of fields; covers needs a field holding values"),
])
def test_path_problems(path: str, kind: str, message: str) -> None:
    found = path_problem(path, kind)
    assert found is not None and found[0] == message


def test_path_problem_suggests_the_field() -> None:
    assert path_problem("programme.purpse", "present") == ("no field 'purpse' in programme", 'did you mean "purpose"?')


@pytest.mark.parametrize("path, kind", [
    ("training.sessions[stage=initial].audience", "covers"),
    ("governance.policies[].review_due", "not_overdue"),
    ("roles[id=coordinator].assessed_by", "present"),
    ("training.sessions[includes_practice=true]", "at_least"),
    ("code_of_conduct", "mentions"),
])
def test_good_paths(path: str, kind: str) -> None:
    assert path_problem(path, kind) is None


# --- the packaged catalogs ---------------------------------------------------------------------------


def packaged() -> list:
    catalogs, problems = load_catalogs()
    assert problems == []
    return catalogs


def test_packaged_rule_paths_fit_the_model() -> None:
    assert {catalog.id for catalog in packaged()} == {"ima", "ismpe", "best-practice"}


def test_every_criterion_has_a_rule_or_needs_evidence() -> None:
    for catalog in packaged():
        for standard in catalog.standards:
            for criterion in standard.criteria:
                assert criterion.rule is not None or criterion.evidence_required, f"{catalog.id}:{criterion.id}"
                assert criterion.guidance, f"{catalog.id}:{criterion.id} has no guidance"


def test_guidance_names_a_field_the_rule_looks_at() -> None:
    for catalog in packaged():
        for standard in catalog.standards:
            for criterion in standard.criteria:
                if criterion.rule is not None:
                    named = [path for _, _, path in leaves(criterion.rule)
                             if path.split("[")[0].rsplit(".", 1)[0] in criterion.guidance
                             or path.split("[")[0] in criterion.guidance]
                    assert named, f"{catalog.id}:{criterion.id}: guidance names none of the rule's fields"


def test_nothing_is_met_by_an_empty_minimal_programme() -> None:
    """The minimal programme is thin: most criteria fail, and no evidence-only criterion passes."""
    from generator.assess import assess

    result = assess(programme(), packaged(), TODAY)
    for catalog in result.standards:
        assert catalog.score.score is not None and catalog.score.score < 40, catalog.id
        for criterion in catalog.criteria:
            if not criterion.areas:
                assert criterion.status == "not-met", criterion.ref


def test_an_empty_combination_is_a_catalog_error(tmp_path) -> None:
    from generator.standards.catalog import load_catalog

    path = tmp_path / "own.yaml"
    path.write_text("id: own\ntitle: Own\nsource: us\nstandards:\n  - id: A\n    title: A\n    criteria:\n"
                    "      - id: A1\n        text: t\n        rule:\n          any:\n            - all: []\n", encoding="utf-8")
    catalog, problems = load_catalog(path)
    assert catalog is None
    assert [(p.position.line, p.field, p.message) for p in problems] == [
        (12, "standards[0].criteria[0].rule.any[0].all", "all needs at least one rule")]
