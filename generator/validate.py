"""Validate raw data into a typed Programme, reporting every problem with file, line and field.

Pydantic checks shapes and types; its errors are translated here into one-line messages at the
position the loader recorded. Then what pydantic cannot see: references to roles, parties,
contacts, goals, evidence and criteria; vocabulary terms; evidence files inside the data folder;
link fields that hold one whole, safe address; relative links in text that reach a page; and data
that contradicts itself. Validation catches what is wrong, never what is missing: a missing area
or field is a gap for the assessment. Text that only stands in for something not written yet
("TBC") is a warning, since the assessment reads it as missing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from generator.datapath import address_kind, field_type, is_prose, reference_kind, vocabulary_kind, walk
from generator.loader import RawData
from generator.model import ORGANISATION, Programme
from generator.problems import FieldPath, Problem, Severity, as_written, format_field_path
from generator.safety import evidence_path_problem, link_problem
from generator.schema_errors import did_you_mean, translate_errors
from generator.standards.catalog import Vocabularies
from generator.substance import placeholder

# Areas whose text is about the assessment, not the programme: a note may rightly say what is missing.
ABOUT_THE_ASSESSMENT = ("self_assessment", "plans", "evidence")


def validate(raw: RawData, criterion_ids: Iterable[str] | None = None,
             vocabularies: Vocabularies | None = None) -> tuple[Programme | None, list[Problem]]:
    """Turn raw data into a Programme. Returns (None, problems) when anything is an error.

    ``criterion_ids`` are the ``catalog:criterion`` ids known to the assessment and ``vocabularies``
    the terms data may declare; when given, references to unknown ones are errors.
    """
    problems = list(raw.problems)
    if not raw.complete:  # a file could not be read: "missing" errors would only mislead
        return None, problems
    try:
        programme = Programme.model_validate(raw.values)
    except ValidationError as error:
        already_reported = {p.field for p in problems}
        problems.extend(p for p in translate_errors(error, raw.source, Programme, raw.values) if p.field not in already_reported)
        return None, problems
    # One problem, one line: a check on an item whose field was already reported (a milestone whose
    # impossible date was dropped "has neither week nor date") would only repeat it, misleadingly.
    reported = [p.field for p in problems if p.severity == "error"]
    problems.extend(p for p in _check(programme, raw, set(criterion_ids) if criterion_ids is not None else None, vocabularies)
                    if not any(field.startswith((p.field + ".", p.field + "[")) for field in reported))
    if any(p.severity == "error" for p in problems):
        return None, problems
    return programme, problems


# --- cross-references ----------------------------------------------------------------------------


def _check(programme: Programme, raw: RawData, criterion_ids: set[str] | None,
           vocabularies: Vocabularies | None) -> Iterator[Problem]:
    def problem(path: FieldPath, message: str, fix: str | None = None, severity: Severity = "error") -> Problem:
        path = as_written(raw.values, path)
        return Problem(raw.source.position(path), format_field_path(path), message, severity, fix)

    support, governance = programme.support, programme.governance
    contacts = {contact.id for contact in support.contacts} if support else set()
    goals = {goal.id for goal in programme.programme.goals}
    evidence = {item.id for item in programme.evidence}

    id_lists: list[tuple[str, list[str]]] = [
        ("roles", [role.id for role in programme.roles]),
        ("support.contacts", [contact.id for contact in support.contacts] if support else []),
        ("programme.goals", [goal.id for goal in programme.programme.goals]),
        ("evidence", [item.id for item in programme.evidence]),
        ("lifecycle.milestones", [milestone.id for milestone in programme.lifecycle.milestones] if programme.lifecycle else []),
        ("training.sessions", [session.id for session in programme.training.sessions] if programme.training else [])]
    for area, ids in id_lists:
        seen: set[str] = set()
        for index, item_id in enumerate(ids):
            if item_id in seen:
                yield problem(tuple(area.split(".")) + (index, "id"), f"duplicate id {item_id!r}", "give each item its own id")
            seen.add(item_id)

    roles = {role.id for role in programme.roles}

    def check(path: FieldPath, value: str | None, known: set[str], what: str) -> Iterator[Problem]:
        if value is not None and value not in known:
            listed = f"known: {', '.join(sorted(known))}" if known else f"no {what}s are listed yet"
            if what == "contact" and value in roles:  # its neighbours take role ids; this one does not
                yield problem(path, f"{value!r} is a role; this field takes the id of a contact in support.contacts",
                              listed if known else f"add a contact for it under support.contacts (role: {value})")
                return
            yield problem(path, f"unknown {what} {value!r}", did_you_mean(value, known) or listed)

    yield from _references(programme, vocabularies, problem)
    if programme.mismatch_policy:
        yield from check(("mismatch_policy", "contact"), programme.mismatch_policy.contact, contacts, "contact")
    for index, step in enumerate(support.escalation if support else []):
        yield from check(("support", "escalation", index, "first_contact"), step.first_contact, contacts, "contact")
        yield from check(("support", "escalation", index, "then"), step.then, contacts, "contact")
    for index, measure in enumerate(programme.monitoring.measures if programme.monitoring else []):
        yield from check(("monitoring", "measures", index, "goal"), measure.goal, goals, "goal")
    for index, policy in enumerate(governance.policies if governance else []):
        yield from check(("governance", "policies", index, "evidence"), policy.evidence, evidence, "evidence id")
    for index, contact in enumerate(support.contacts if support else []):
        if (contact.role is None) == (contact.service is None):
            yield problem(("support", "contacts", index), "give either role (a programme role) or service (an outside service), not both or neither")
    for index, milestone in enumerate(programme.lifecycle.milestones if programme.lifecycle else []):
        if (milestone.week is None) == (milestone.date is None):
            yield problem(("lifecycle", "milestones", index), "give either week (after the cohort starts) or date, not both or neither")
    for index, session in enumerate(programme.training.sessions if programme.training else []):
        declared = sum(entry.minutes or 0 for entry in session.covers)
        if session.duration_hours is not None and declared > session.duration_hours * 60:
            yield problem(("training", "sessions", index, "covers"),
                          f"the topics' minutes add up to {declared}, more than the session's {session.duration_hours:g} hours",
                          "correct the minutes or duration_hours")
    for index, absence in enumerate(programme.programme.absent_parties):
        playing = programme.roles_playing(absence.party)
        if playing:
            yield problem(("programme", "absent_parties", index, "party"),
                          f"says the programme has no {absence.party}, but role {playing[0].id!r} plays it",
                          f"remove this entry, or {absence.party} from the role")

    yield from _check_links(programme, problem)
    yield from _check_evidence(programme, raw.data_dir, problem, criterion_ids)
    yield from _check_plans(programme, problem, criterion_ids)
    for index, entry in enumerate(programme.self_assessment):
        path: FieldPath = ("self_assessment", index)
        for number, evidence_id in enumerate(entry.evidence):
            yield from check(path + ("evidence", number), evidence_id, evidence, "evidence id")
        if criterion_ids is not None and entry.criterion not in criterion_ids:
            yield problem(path + ("criterion",), f"unknown criterion {entry.criterion!r}", did_you_mean(entry.criterion, criterion_ids))
        if entry.claim == "not-applicable" and not entry.justification:
            yield problem(path + ("justification",), "a not-applicable claim needs a justification",
                          "say why the criterion does not apply to the programme")
        if entry.claim is None and not entry.evidence and not entry.note:
            yield problem(path, "entry says nothing: give a claim, evidence or a note")


def _references(programme: Programme, vocabularies: Vocabularies | None, problem: Any) -> Iterator[Problem]:
    """Every role, party and vocabulary id the data names, checked; placeholder text, warned about."""
    roles = {role.id for role in programme.roles}
    parties = set(vocabularies.ids("parties")) if vocabularies else set()
    described = programme.model_copy(update=dict.fromkeys(ABOUT_THE_ASSESSMENT))  # they name no roles or terms
    for path, owner, name, value in walk(described):
        if not isinstance(value, str):
            continue
        reference = reference_kind(owner, name)
        kind = vocabulary_kind(owner, name)
        if reference == "role" and not (owner.__name__ == "Role" and name == "id") and value not in roles:
            yield problem(path, f"unknown role {value!r}", did_you_mean(value, roles) or f"roles: {', '.join(sorted(roles))}")
        elif reference == "party" and value not in roles and value != ORGANISATION and vocabularies and value not in parties:
            known = roles | parties
            yield problem(path, f"unknown role or party {value!r}",
                          did_you_mean(value, known) or f"roles: {', '.join(sorted(roles))}; parties: {', '.join(sorted(parties))}")
        elif kind is not None and vocabularies is not None and value not in vocabularies.ids(kind):
            terms = vocabularies.ids(kind)
            yield problem(path, f"unknown {kind} term {value!r}", did_you_mean(value, terms) or f"known: {', '.join(terms)}")
        elif is_prose(owner, name):
            stand_in = placeholder(value)
            if stand_in:
                yield problem(path, f"{stand_in}, so the assessment treats it as missing", severity="warning",
                              fix="leave the field out until it is written (the gap report lists it), or add a plan under plans:")


def _check_links(programme: Programme, problem: Any) -> Iterator[Problem]:
    """Every address field (marked :class:`~generator.model.Address`), checked as one whole address;
    an evidence item's url is checked with the rest of the item."""
    for path, owner, name, value in walk(programme.model_copy(update={"evidence": []})):
        address = address_kind(owner, name)
        found = link_problem(value, web_only=address.web_only) if address is not None and isinstance(value, str) else None
        if found:
            yield problem(path, found.message, found.fix)


def _check_evidence(programme: Programme, data_dir: Path, problem: Any, criterion_ids: set[str] | None) -> Iterator[Problem]:
    for index, item in enumerate(programme.evidence):
        path: FieldPath = ("evidence", index)
        if item.kind == "file":
            if not item.path:
                yield problem(path, "a file evidence item needs a path", "add path: evidence/<file name>")
            else:
                message = evidence_path_problem(data_dir, item.path)
                if message:
                    yield problem(path + ("path",), message)
            if item.url:
                yield problem(path + ("url",), "a file evidence item takes a path, not a url", "use kind: url")
        else:
            if not item.url:
                yield problem(path, "a url evidence item needs a url", "add url: https://...")
            else:
                found = link_problem(item.url, web_only=True)
                if found:
                    yield problem(path + ("url",), found.message, found.fix)
            if item.path:
                yield problem(path + ("path",), "a url evidence item takes a url, not a path", "use kind: file")
        if criterion_ids is not None:
            for number, criterion in enumerate(item.supports):
                if criterion not in criterion_ids:
                    yield problem(path + ("supports", number), f"unknown criterion {criterion!r}",
                                  did_you_mean(criterion, criterion_ids))


def _check_plans(programme: Programme, problem: Any, criterion_ids: set[str] | None) -> Iterator[Problem]:
    for index, plan in enumerate(programme.plans):
        path: FieldPath = ("plans", index)
        if plan.field is None and not plan.criteria:
            yield problem(path, "a plan needs the field it will fill (field:) or the criteria it is for (criteria:)",
                          "add field: with a data path such as mismatch_policy")
        if plan.field is not None:
            _, wrong = field_type(plan.field)
            if wrong:
                yield problem(path + ("field",), wrong, did_you_mean(plan.field.rpartition(".")[2], Programme.model_fields))
        for number, criterion in enumerate(plan.criteria):
            if criterion_ids is not None and criterion not in criterion_ids:
                yield problem(path + ("criteria", number), f"unknown criterion {criterion!r}", did_you_mean(criterion, criterion_ids))
