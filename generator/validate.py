"""Validate raw data into a typed Programme, reporting every problem with file, line and field.

Pydantic checks shapes and types; its errors are translated here into one-line messages at the
position the loader recorded. Then the cross-references pydantic cannot see are checked: role,
contact, goal and evidence ids, evidence files inside the data folder, and safe link schemes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from generator.loader import RawData
from generator.model import ORGANISATION, Programme
from generator.problems import FieldPath, Problem, format_field_path
from generator.safety import evidence_path_problem, link_problem
from generator.schema_errors import did_you_mean, translate_errors

REQUIRED_ROLES = ("mentor", "mentee", "coordinator")



def validate(raw: RawData, criterion_ids: Iterable[str] | None = None) -> tuple[Programme | None, list[Problem]]:
    """Turn raw data into a Programme. Returns (None, problems) when anything is an error.

    ``criterion_ids`` are the ``catalog:criterion`` ids known to the assessment; when given,
    references to unknown criteria in the evidence register and self-assessment are errors.
    """
    problems = list(raw.problems)
    if not raw.complete:  # a file could not be read: "missing" errors would only mislead
        return None, problems
    try:
        programme = Programme.model_validate(raw.values)
    except ValidationError as error:
        already_reported = {p.field for p in problems}
        problems.extend(p for p in translate_errors(error, raw.source, Programme) if p.field not in already_reported)
        return None, problems
    problems.extend(_check_references(programme, raw, set(criterion_ids) if criterion_ids is not None else None))
    if any(p.severity == "error" for p in problems):
        return None, problems
    return programme, problems


# --- cross-references ----------------------------------------------------------------------------


def _check_references(programme: Programme, raw: RawData, criterion_ids: set[str] | None) -> Iterator[Problem]:
    def problem(path: FieldPath, message: str, fix: str | None = None, severity: str = "error") -> Problem:
        return Problem(raw.source.position(path), format_field_path(path), message, severity, fix)

    roles = {role.id for role in programme.roles}
    contacts = {contact.id for contact in programme.support.contacts}
    goals = {goal.id for goal in programme.programme.goals}
    evidence = {item.id for item in programme.evidence}

    for area, items in (("roles", programme.roles), ("support.contacts", programme.support.contacts),
                        ("programme.goals", programme.programme.goals), ("evidence", programme.evidence),
                        ("lifecycle.milestones", programme.lifecycle.milestones),
                        ("training.sessions", programme.training.sessions)):
        seen: set[str] = set()
        for index, item in enumerate(items):
            if item.id in seen:
                yield problem(_split(area) + (index, "id"), f"duplicate id {item.id!r}", "give each item its own id")
            seen.add(item.id)

    for role in REQUIRED_ROLES:
        if role not in roles:
            yield problem(("roles",), f"the programme has no {role!r} role", f"add a role with id: {role}")
    missing_required = set(REQUIRED_ROLES) - roles  # reported once above, not at every reference

    def check(path: FieldPath, value: str | None, known: set[str], what: str) -> Iterator[Problem]:
        if value is not None and value not in known:
            yield problem(path, f"unknown {what} {value!r}", did_you_mean(value, known) or f"known: {', '.join(sorted(known)) or 'none'}")

    parties = roles | {ORGANISATION}
    for path, value in _role_references(programme):
        if value not in missing_required:
            yield from check(path, value, parties if path[0] == "code_of_conduct" else roles, "role")
    yield from check(("mismatch_policy", "contact"), programme.mismatch_policy.contact, contacts, "contact")
    for index, step in enumerate(programme.support.escalation):
        yield from check(("support", "escalation", index, "first_contact"), step.first_contact, contacts, "contact")
        yield from check(("support", "escalation", index, "then"), step.then, contacts, "contact")
    for index, measure in enumerate(programme.monitoring.measures):
        yield from check(("monitoring", "measures", index, "goal"), measure.goal, goals, "goal")
    for index, policy in enumerate(programme.governance.policies):
        yield from check(("governance", "policies", index, "evidence"), policy.evidence, evidence, "evidence id")
    for index, contact in enumerate(programme.support.contacts):
        if (contact.role is None) == (contact.service is None):
            yield problem(("support", "contacts", index), "give either role (a programme role) or service (an outside service), not both or neither")
    for index, milestone in enumerate(programme.lifecycle.milestones):
        if (milestone.week is None) == (milestone.date is None):
            yield problem(("lifecycle", "milestones", index), "give either week (after the cohort starts) or date, not both or neither")

    yield from _check_links(programme, problem)
    yield from _check_evidence(programme, raw.data_dir, problem, criterion_ids)
    for index, entry in enumerate(programme.self_assessment):
        path: FieldPath = ("self_assessment", index)
        for number, evidence_id in enumerate(entry.evidence):
            yield from check(path + ("evidence", number), evidence_id, evidence, "evidence id")
        if criterion_ids is not None and entry.criterion not in criterion_ids:
            yield problem(path + ("criterion",), f"unknown criterion {entry.criterion!r}", did_you_mean(entry.criterion, criterion_ids))
        if entry.claim == "not-applicable" and not entry.justification:
            yield problem(path + ("justification",), "a not-applicable claim needs a justification",
                          "say why the programme consciously departs from this criterion")
        if entry.claim is None and not entry.evidence and not entry.note:
            yield problem(path, "entry says nothing: give a claim, evidence or a note")


def _split(dotted: str) -> FieldPath:
    return tuple(dotted.split("."))


def _role_references(programme: Programme) -> Iterator[tuple[FieldPath, str | None]]:
    """Every place in the data that names a role, with its path."""
    for index, role in enumerate(programme.roles):
        yield ("roles", index, "reports_to"), role.reports_to
    conduct = programme.code_of_conduct
    for index, party in enumerate(conduct.parties):
        yield ("code_of_conduct", "parties", index), party
    for index, block in enumerate(conduct.expectations):
        yield ("code_of_conduct", "expectations", index, "party"), block.party
    yield ("code_of_conduct", "breaches", "handled_by"), conduct.breaches.handled_by
    yield ("selection", "decided_by"), programme.selection.decided_by
    for index, step in enumerate(programme.mismatch_policy.steps):
        yield ("mismatch_policy", "steps", index, "who"), step.who
    for index, session in enumerate(programme.training.sessions):
        for number, role in enumerate(session.audience):
            yield ("training", "sessions", index, "audience", number), role
    for index, method in enumerate(programme.monitoring.methods):
        yield ("monitoring", "methods", index, "run_by"), method.run_by
        for number, role in enumerate(method.participants):
            yield ("monitoring", "methods", index, "participants", number), role
    governance = programme.governance
    if governance.budget:
        yield ("governance", "budget", "administered_by"), governance.budget.administered_by
    for index, record in enumerate(governance.records):
        yield ("governance", "records", index, "kept_by"), record.kept_by
    for index, policy in enumerate(governance.policies):
        yield ("governance", "policies", index, "owner"), policy.owner
    for index, contact in enumerate(programme.support.contacts):
        yield ("support", "contacts", index, "role"), contact.role


def _check_links(programme: Programme, problem: Any) -> Iterator[Problem]:
    links: list[tuple[FieldPath, str | None]] = [(("programme", "website"), programme.programme.website)]
    links += [(("support", "resources", i, "link"), r.link) for i, r in enumerate(programme.support.resources)]
    links += [(("support", "signposting", i, "link"), s.link) for i, s in enumerate(programme.support.signposting)]
    for path, link in links:
        message = link_problem(link) if link else None
        if message:
            yield problem(path, message, "use an https:// address, mailto:, tel: or a relative path")


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
                message = link_problem(item.url, web_only=True)
                if message:
                    yield problem(path + ("url",), message, "use an https:// address")
            if item.path:
                yield problem(path + ("path",), "a url evidence item takes a url, not a path", "use kind: file")
        if criterion_ids is not None:
            for number, criterion in enumerate(item.supports):
                if criterion not in criterion_ids:
                    yield problem(path + ("supports", number), f"unknown criterion {criterion!r}",
                                  did_you_mean(criterion, criterion_ids))
