"""The rule language: data paths, each kind of check, how checks combine, and rules checked against the model."""

from __future__ import annotations

import datetime as dt

import pytest
from programme_data import minimal_programme_data

from generator.datapath import field_type, lookup, parse, resolve
from generator.model import Programme
from generator.standards.catalog import Rule, load_catalog
from generator.standards.loading import load_standards
from generator.standards.rules import (
    MET,
    NOT_MET,
    PARTLY,
    Context,
    areas,
    evaluate,
    leaves,
    path_problem,
)

TODAY = dt.date(2026, 11, 23)
STANDARDS, PROBLEMS = load_standards()


def programme(**changes: object) -> Programme:
    """The minimal programme with top-level areas merged (one level deep) with ``changes``."""
    data = minimal_programme_data()
    for area, value in changes.items():
        data[area] = {**data[area], **value} if isinstance(value, dict) and isinstance(data.get(area), dict) else value
    return Programme.model_validate(data)


def run(rule: dict, prog: Programme | None = None):
    return evaluate(Rule.model_validate(rule), Context(prog or programme(), TODAY, STANDARDS.vocabularies))


SESSIONS = {"sessions": [
    {"id": "intro", "title": "Introduction", "stage": "initial", "audience": ["mentor", "mentee"], "mandatory": True,
     "duration_hours": 3, "topics": ["Confidentiality and its limits", "The mentoring relationship"],
     "covers": [{"topic": "confidentiality", "minutes": 60}, "relationship-management"]},
    {"id": "follow-up", "title": "Follow-up", "stage": "ongoing", "audience": ["mentor"], "mandatory": False,
     "duration_hours": 2, "topics": ["Reflective practice"], "covers": ["reflective-practice"], "includes_practice": True},
]}
PRINCIPAL = {"id": "principal", "title": "Principal", "plays": ["line-manager"]}


# --- paths -----------------------------------------------------------------------------------------


def test_parse_takes_several_filters() -> None:
    segments = parse("training.sessions[stage=initial,mandatory=true].audience")
    assert [(s.name, s.filters) for s in segments] == [
        ("training", ()), ("sessions", (("stage", "initial"), ("mandatory", "true"))), ("audience", ())]
    assert parse("roles[].title")[0].brackets == "[]"
    with pytest.raises(ValueError):
        parse("roles[stage=]")


def test_resolve_flattens_lists_and_filters_items() -> None:
    prog = programme(training=SESSIONS)
    assert resolve(prog, "training.sessions[].audience") == ["mentor", "mentee", "mentor"]
    assert resolve(prog, "training.sessions[stage=ongoing].id") == ["follow-up"]
    assert resolve(prog, "training.sessions[mandatory=true].id") == ["intro"]  # booleans compare as true/false
    assert resolve(prog, "training.sessions[audience=mentee].id") == ["intro"]  # a list-valued key: any item
    assert resolve(prog, "training.sessions[stage=initial,mandatory=false].id") == []  # every filter must hold
    assert resolve(prog, "programme.why_mentoring") == []  # None is not a value
    assert resolve(Programme.model_validate({**minimal_programme_data(), "matching": None}), "matching.process") == []


def test_role_fields_compare_by_the_parties_roles_play() -> None:
    data = minimal_programme_data()
    data["roles"].append(PRINCIPAL)
    data["training"]["sessions"].append({"id": "briefing", "title": "Briefing", "audience": ["principal"]})
    prog = Programme.model_validate(data)
    assert resolve(prog, "training.sessions[audience=line-manager].id") == ["briefing"]
    assert resolve(prog, "roles[id=line-manager].title") == ["Principal"]
    assert lookup(prog, "roles[id=line-manager].title").path == ("roles", 3, "title")
    assert lookup(prog, "roles[id=trainer].title").value is None


# --- leaf checks -------------------------------------------------------------------------------------


def test_present_needs_content_not_a_placeholder() -> None:
    assert run({"present": "programme.purpose"}).checks[0].reason == "programme.purpose is given"
    result = run({"present": "programme.why_mentoring"})
    assert (result.level, result.checks[0].reason, result.fix) == (
        NOT_MET, "programme.why_mentoring is missing", "add programme.why_mentoring")
    result = run({"present": "programme.why_mentoring"}, programme(programme={"why_mentoring": "Not yet written."}))
    assert result.level == NOT_MET
    assert result.checks[0].reason == "programme.why_mentoring reads as a placeholder (“Not yet written.”), which counts as missing"


def test_at_least_counts_items_with_content() -> None:
    prog = programme(training=SESSIONS)
    assert run({"at_least": {"path": "training.sessions", "count": 2}}, prog).checks[0].reason \
        == "training.sessions has 2 items (at least 2 needed)"
    result = run({"at_least": {"path": "programme.mentoring_is_not", "count": 2}},
                 programme(programme={"mentoring_is_not": ["Counselling.", "TBC"]}))
    assert result.level == PARTLY  # some, but fewer than asked: partly met
    assert result.checks[0].reason == "programme.mentoring_is_not has 1 item (1 more read as placeholders); at least 2 needed"


def test_covers_names_terms_in_the_standards_words() -> None:
    prog = programme(training=SESSIONS)
    result = run({"covers": {"path": "training.sessions[audience=mentor].covers",
                             "values": ["confidentiality", "relationship-management", "endings"]}}, prog)
    assert result.level == PARTLY
    assert result.checks[0].reason == ("training.sessions[audience=mentor].covers has 2 of 3: Confidentiality (trust and "
                                       "confidentiality); Managing the relationship; missing: Preparing for endings")
    assert result.fix == "add endings to training.sessions[audience=mentor].covers"
    assert run({"covers": {"path": "training.sessions[].covers", "values": ["endings"]}}, prog).level == NOT_MET


def test_covers_parties_counts_roles_by_what_they_play() -> None:
    data = minimal_programme_data()
    data["roles"].append(PRINCIPAL)
    data["code_of_conduct"]["parties"] = ["mentor", "mentee", "principal"]
    rule = {"covers": {"path": "code_of_conduct.parties", "parties": ["mentor", "mentee", "line-manager"]}}
    result = run(rule, Programme.model_validate(data))
    assert result.level == MET
    assert result.checks[0].reason == "code_of_conduct.parties has all of: Mentors; Mentees; Line managers (supervisors, principals)"


def test_a_party_the_programme_does_not_have_is_not_asked_for_and_gives_no_credit() -> None:
    data = minimal_programme_data()
    data["programme"]["absent_parties"] = [{"party": "line-manager", "reason": "Students have no line managers."}]
    rule = {"covers": {"path": "code_of_conduct.parties", "parties": ["mentor", "mentee", "line-manager"]}}
    result = run(rule, Programme.model_validate(data))
    assert result.level == MET
    assert result.checks[0].reason.endswith("; Line managers (supervisors, principals) not asked for (Students have no line managers.)")
    only_absent = {"covers": {"path": "code_of_conduct.parties", "parties": ["line-manager"]}}
    alone = run(only_absent, Programme.model_validate(data))
    assert alone.level == MET and not alone.credits
    with_missing = run({"all": [only_absent, {"present": "programme.why_mentoring"}]}, Programme.model_validate(data))
    assert with_missing.level == NOT_MET  # nothing asked is not something done


def test_equals_needs_the_value_stated() -> None:
    result = run({"equals": {"path": "programme.voluntary", "value": True}})
    assert (result.level, result.checks[0].reason) == (NOT_MET, "programme.voluntary is not stated")  # no default
    assert run({"equals": {"path": "programme.voluntary", "value": True}}, programme(programme={"voluntary": True})).level == MET
    result = run({"equals": {"path": "programme.voluntary", "value": True}}, programme(programme={"voluntary": False}))
    assert (result.level, result.checks[0].reason) == (NOT_MET, "programme.voluntary is false, not true")


NUMBER = {"number": {"path": "mismatch_policy.response_days", "at_most": 10, "unit": "working days", "why": "timely",
                     "meaningless_above": 60}}


@pytest.mark.parametrize("days, level, reason", [
    (5, MET, "mismatch_policy.response_days is 5 working days (timely: at most 10 working days)"),
    (10, MET, "mismatch_policy.response_days is 10 working days (timely: at most 10 working days)"),
    (15, PARTLY, "mismatch_policy.response_days is 15 working days, short of timely (at most 10 working days)"),
    (90, NOT_MET, "mismatch_policy.response_days is 90 working days, which makes it meaningless (more than 60)"),
    (365, NOT_MET, "mismatch_policy.response_days is 365; 365 is the largest value mismatch_policy.response_days takes, "
                   "read as a placeholder"),
])
def test_number_against_a_threshold(days: int, level: int, reason: str) -> None:
    result = run(NUMBER, programme(mismatch_policy={"response_days": days}))
    assert (result.level, result.checks[0].reason) == (level, reason)


def test_a_meaningless_number_sinks_the_whole_rule() -> None:
    rule = {"all": [{"present": "mismatch_policy.no_fault_exit"}, NUMBER]}
    assert run(rule, programme(mismatch_policy={"response_days": 15})).level == PARTLY
    result = run(rule, programme(mismatch_policy={"response_days": 90}))
    assert result.level == NOT_MET and result.vetoed


def test_number_sums_and_leaves_out_placeholders() -> None:
    methods = [{"name": "Survey", "times_per_year": 2, "checks": ["match-quality"]},
               {"name": "Review", "times_per_year": 1, "checks": ["match-quality"]},
               {"name": "Daily", "times_per_year": 365, "checks": ["match-quality"]}]
    rule = {"number": {"path": "monitoring.methods[checks=match-quality].times_per_year", "sum": True, "at_least": 4,
                       "unit": "times a year", "why": "regularly"}}
    result = run(rule, programme(monitoring={"methods": methods}))
    assert result.level == PARTLY
    assert result.checks[0].reason == ("monitoring.methods[checks=match-quality].times_per_year add up to 3 times a year, short of "
                                       "regularly (at least 4 times a year); 365 is the largest value "
                                       "monitoring.methods[checks=match-quality].times_per_year takes, read as a placeholder")


def test_training_time_in_depth() -> None:
    rule = {"training_time": {"parties": ["mentor"], "topics": ["confidentiality", "relationship-management"], "minutes": 60,
                              "why": "in depth"}}
    result = run(rule, programme(training=SESSIONS))
    assert result.level == PARTLY  # 60 minutes declared on confidentiality; relationship management covered, time not given
    assert result.checks[0].reason == (
        "training (in depth needs at least 60 minutes on each topic): Mentors, Confidentiality (trust and confidentiality): "
        "60 minutes; Mentors, Managing the relationship: covered, time not given")
    only_topic = {"sessions": [{"id": "ethics", "title": "Ethics", "audience": ["mentor"], "duration_hours": 1.5,
                                "covers": ["ethics"]}]}
    one = {"training_time": {"parties": ["mentor"], "topics": ["ethics"], "minutes": 60, "why": "in depth"}}
    assert run(one, programme(training=only_topic)).level == MET  # a session about one topic spends all its time on it
    one_hour = {"sessions": [{**only_topic["sessions"][0], "duration_hours": 1, "covers": ["ethics", "confidentiality"]}]}
    assert run(one, programme(training=one_hour)).level == PARTLY
    assert run(one).level == NOT_MET


def test_training_time_for_a_stage() -> None:
    rule = {"training_time": {"parties": ["mentor", "mentee"], "stage": "initial", "minutes": 180, "why": "time"}}
    result = run(rule, programme(training=SESSIONS))
    assert result.level == MET
    assert result.checks[0].reason == "initial training (time needs at least 180 minutes): Mentors: 180 minutes; Mentees: 180 minutes"


def test_published_is_a_condition_never_credit() -> None:
    rule = {"all": [{"present": "programme.why_mentoring"}, {"published": "programme"}]}
    assert run(rule).level == NOT_MET  # public, but says nothing: nothing is met
    rule = {"all": [{"present": "programme.purpose"}, {"published": "programme"}]}
    assert run(rule).level == MET
    result = run(rule, programme(programme={"visibility": "internal"}))
    assert result.level == PARTLY
    assert result.checks[1].reason == "programme is internal, so the handbook does not publish it to participants"
    assert result.fix == "make programme public"


def test_a_condition_holds_a_status_down_but_gives_no_credit() -> None:
    rule = {"all": [{"present": "programme.why_mentoring"}, {"condition": {"present": "programme.purpose"}}]}
    assert run(rule).level == NOT_MET
    rule = {"all": [{"present": "programme.purpose"}, {"condition": {"present": "programme.why_mentoring"}}]}
    assert run(rule).level == PARTLY


def test_a_strict_count_gives_nothing_for_fewer() -> None:
    rule = {"at_least": {"path": "monitoring.methods", "count": 2, "fewer_is_partly": False}}
    result = run(rule)
    assert (result.level, result.checks[0].reason) == (NOT_MET, "monitoring.methods has 1 item; at least 2 needed")


def test_presence_filters_pick_items_that_say_something() -> None:
    prog = programme(training={"sessions": [{**SESSIONS["sessions"][0], "outcomes": ["Know the limits."]},
                                            SESSIONS["sessions"][1]]})
    assert resolve(prog, "training.sessions[outcomes].id") == ["intro"]
    assert resolve(prog, "training.sessions[stage=ongoing,outcomes].id") == []


def test_partial_caps_at_partly_met() -> None:
    rule = {"any": [{"at_least": {"path": "training.instruments", "count": 1}}, {"partial": {"present": "training.diagnostics"}}]}
    assert run(rule, programme(training={"diagnostics": "A learning-styles questionnaire."})).level == PARTLY
    assert run(rule, programme(training={"instruments": [{"name": "Learning styles questionnaire"}]})).level == MET
    assert run(rule).level == NOT_MET


def test_not_overdue() -> None:
    policies = [{"name": "Data protection policy", "review_due": "2027-03-01"},
                {"name": "Safeguarding policy", "review_due": "2026-01-31"}]
    rule = {"not_overdue": "governance.policies[].review_due"}
    result = run(rule, programme(governance={"policies": policies}))
    assert result.checks[0].reason == "governance.policies[].review_due is overdue (2026-01-31; today is 2026-11-23)"
    result = run(rule, programme(governance={"policies": policies[:1]}))
    assert result.level == MET and result.checks[0].reason == "governance.policies[].review_due is not overdue (next 2027-03-01)"


# --- combinations ----------------------------------------------------------------------------------


def test_all_is_partly_when_some_checks_give_credit() -> None:
    result = run({"all": [{"present": "programme.purpose"}, {"present": "programme.why_mentoring"}]})
    assert result.level == PARTLY
    assert [check.level for check in result.checks] == [MET, NOT_MET]
    assert result.fix == "add programme.why_mentoring"


def test_any_is_as_good_as_its_best_part() -> None:
    result = run({"any": [{"present": "programme.why_mentoring"}, {"present": "programme.purpose"}]})
    assert result.level == MET and result.fix is None
    assert [check.reason for check in result.checks] == ["programme.purpose is given"]  # the alternative not needed is not a reason
    result = run({"any": [{"present": "programme.why_mentoring"}, {"present": "training.diagnostics"}]})
    assert result.level == NOT_MET
    assert result.fix == "add programme.why_mentoring or add training.diagnostics"


def test_areas_and_leaves() -> None:
    rule = Rule.model_validate({"all": [{"present": "programme.purpose"},
                                        {"any": [{"covers": {"path": "training.sessions[].audience", "parties": ["mentor"]}},
                                                 {"partial": {"present": "programme.aim"}}]},
                                        {"published": "support"}]})
    assert areas(rule) == ["programme", "training", "support"]
    assert [at for at, _, _ in leaves(rule)] == [("all", 0, "present"), ("all", 1, "any", 0, "covers", "path"),
                                                 ("all", 1, "any", 1, "partial", "present"), ("all", 2, "published")]


def test_the_rule_language_has_no_keyword_search() -> None:
    assert "mentions" not in Rule.model_fields


# --- rules against the model and the vocabularies -----------------------------------------------------


@pytest.mark.parametrize("path, kind, message", [
    ("programme.purpse", "present", "no field 'purpse' in programme"),
    ("programmes", "present", "no field 'programmes' at the top of the programme data"),
    ("programme.name.first", "present", "programme.name is a single value; it has no field 'first'"),
    ("programme[].name", "present", "programme is not a list, so it takes no []"),
    ("training.sessions[level=initial]", "at_least", "the items of training.sessions have no field 'level'"),
    ("training.sessions[stage=initail]", "at_least", "training.sessions[].stage is never 'initail' (it is one of initial, ongoing)"),
    ("training.sessions[stage=initial,mandatory=yes]", "at_least",
     "training.sessions[].mandatory is never 'yes' (it is one of true, false)"),
    ("code_of_conduct.parties[party=x]", "at_least", "the items of code_of_conduct.parties are single values; [party=...] needs items with fields"),
    ("governance.policies[].name", "not_overdue", "governance.policies[].name is not a date; not_overdue needs a date field"),
    ("programme.purpose", "number", "programme.purpose is not a number; number needs a numeric field"),
    ("code_of_conduct.breaches", "covers", "code_of_conduct.breaches is a group of fields; covers needs a field holding values"),
])
def test_path_problems(path: str, kind: str, message: str) -> None:
    found = path_problem(path, kind)
    assert found is not None and found[0] == message


def test_path_problem_suggests_the_field() -> None:
    assert path_problem("programme.purpse", "present") == ("no field 'purpse' in programme", 'did you mean "purpose"?')
    assert field_type("training.sessions[stage=initial].covers")[1] is None


OWN = """\
id: own
title: Own
source: us
standards:
  - id: A
    title: A
    criteria:
      - id: A1
        text: t
        applies_to: [line-manger]
        rule:
          all:
            - covers: {path: "training.sessions[].covers", values: [confidentiality, confidentialty]}
            - covers: {path: "code_of_conduct.parties", parties: [mentor, mentees]}
            - covers: {path: programme.purpose, values: [x]}
            - covers: {path: "monitoring.measures[].kind", values: [process, outcomes]}
            - published: roles
            - any: []
"""


def test_catalog_terms_are_checked_against_the_vocabularies(tmp_path) -> None:
    path = tmp_path / "own.yaml"
    path.write_text(OWN, encoding="utf-8")
    standards, problems = load_standards([path])
    assert [(p.position.line, p.field, p.message, p.fix) for p in problems] == [
        (10, "standards[0].criteria[0].applies_to[0]", "unknown party 'line-manger'", 'did you mean "line-manager"?'),
        (13, "standards[0].criteria[0].rule.all[0].covers.values[1]", "unknown training-topics term 'confidentialty'",
         'did you mean "confidentiality"?'),
        (14, "standards[0].criteria[0].rule.all[1].covers.parties[1]", "unknown party 'mentees'", 'did you mean "mentee"?'),
        (15, "standards[0].criteria[0].rule.all[2].covers.path",
         "programme.purpose declares no vocabulary terms; covers values needs a field that does", None),
        (16, "standards[0].criteria[0].rule.all[3].covers.values[1]", "unknown choice 'outcomes'", 'did you mean "outcome"?'),
        (17, "standards[0].criteria[0].rule.all[4].published", "'roles' is not an area with a visibility", None),
        (18, "standards[0].criteria[0].rule.all[5].any", "any needs at least one rule", None),
    ]


def test_a_rule_takes_exactly_one_kind(tmp_path) -> None:
    path = tmp_path / "own.yaml"
    path.write_text(OWN.split("        rule:")[0].replace("        applies_to: [line-manger]\n", "") +
                    "        rule:\n          present: programme.purpose\n          partial: {present: programme.aim}\n",
                    encoding="utf-8")
    catalog, _, problems = load_catalog(path)
    assert catalog is None
    assert [p.message for p in problems] == [
        "a rule needs exactly one of all, any, partial, condition, present, at_least, covers, equals, number, training_time, "
        "published, not_overdue (got partial, present)"]


# --- the packaged catalogs ---------------------------------------------------------------------------


def test_packaged_catalogs_and_vocabularies_load_clean() -> None:
    assert PROBLEMS == []
    assert [catalog.id for catalog in STANDARDS.catalogs] == ["best-practice", "ima", "ismpe"]
    assert sum(len(catalog.criterion_ids()) for catalog in STANDARDS.catalogs) == 142
    assert {"training-topics", "parties", "selection-criteria", "monitoring-checks", "policy-kinds",
            "steering-group-duties", "interests", "trainer-expertise"} <= set(STANDARDS.vocabularies.kinds)


def test_every_criterion_has_a_rule_and_guidance_naming_its_fields() -> None:
    for catalog in STANDARDS.catalogs:
        for standard in catalog.standards:
            for criterion in standard.criteria:
                ref = f"{catalog.id}:{criterion.id}"
                assert criterion.rule is not None, ref
                assert criterion.guidance, ref
                fields = [path.split("[")[0] for _, kind, path in leaves(criterion.rule) if kind != "published"]
                assert any(field.split(".")[0] in criterion.guidance for field in fields), ref


def test_every_vocabulary_term_names_criteria_that_exist() -> None:
    known = {ref for catalog in STANDARDS.catalogs for ref in catalog.criterion_ids()}
    for kind, terms in STANDARDS.vocabularies.kinds.items():
        for term in terms.values():
            assert set(term.from_) <= known, (kind, term.id)
