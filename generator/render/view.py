"""The view the handbook templates lay out: data already looked up, dated and filtered for the audience.

Templates stay free of logic: roles and contacts come resolved (title, link, name, ``mailto:``),
the timeline carries real dates, hidden sections are ``None``, and ``links`` holds the relative
link from the page being rendered to every other page (``None`` for pages left out of the build).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from generator.model import (
    ORGANISATION, Budget, CodeOfConduct, Contact, GlossaryEntry, Goal, Governance, Lifecycle, Matching, Measure, Milestone,
    MismatchPolicy, Monitoring, MonitoringMethod, Overview, Policy, Programme, RecordKept, Role, Selection, Support, Training,
    TrainingSession,
)
from generator.render.audience import check_audience, evidence_access, visible_areas
from generator.render.site_map import PAGES_BY_KEY, PageSpec, relative_link
from generator.render.text import mailto, tel

EDITIONS = {"public": "public edition", "assessor": "assessor edition"}


@dataclass(frozen=True)
class Party:
    """A role or the organisation, as named on a page; ``link`` reaches the role's entry (roles only)."""

    id: str
    title: str
    link: str | None


@dataclass(frozen=True)
class RoleView:
    """A role; its entry on the roles page has the role's id as anchor."""

    role: Role
    reports_to: Party | None


@dataclass(frozen=True)
class ContactView:
    """A contact; when the audience may not see its details, only the role is named."""

    id: str
    label: str
    role: Party
    published: bool
    email: str | None = None
    email_link: str | None = None
    phone: str | None = None
    phone_link: str | None = None
    hours: str | None = None


@dataclass(frozen=True)
class TimelineRow:
    """A milestone with its week after the cohort starts and its real date."""

    milestone: Milestone
    week: int
    date: dt.date


@dataclass(frozen=True)
class Linked:
    """A data item with a link that works from the page being rendered (site paths made relative)."""

    item: Any
    link: str | None


@dataclass(frozen=True)
class MismatchStep:
    """One numbered step of the mismatch procedure, with who takes it and how soon."""

    number: int
    action: str
    who: Party
    within_days: int | None


@dataclass(frozen=True)
class EscalationRow:
    """One question type: who to ask first, then who next, and what to expect."""

    question: str
    first: ContactView
    then: ContactView | None
    response: str


@dataclass(frozen=True)
class SessionView:
    """A training session with the roles it is for."""

    session: TrainingSession
    audience: list[Party]


@dataclass(frozen=True)
class MethodView:
    """A monitoring method with who runs it and who takes part."""

    method: MonitoringMethod
    run_by: Party
    participants: list[Party]


@dataclass(frozen=True)
class MeasureView:
    """A measure with the programme goal it serves, if any."""

    measure: Measure
    goal: Goal | None


@dataclass(frozen=True)
class RecordView:
    """A kind of record with the role that keeps it."""

    record: RecordKept
    kept_by: Party


@dataclass(frozen=True)
class PolicyView:
    """A policy with its owner, whether its review is overdue, and its evidence entry (if shown)."""

    policy: Policy
    owner: Party
    overdue: bool
    evidence_link: str | None


@dataclass(frozen=True)
class HandbookView:
    """Everything the handbook page templates may use."""

    programme_name: str
    audience: str
    edition: str
    today: dt.date
    links: dict[str, str | None]
    programme: Overview | None
    roles: list[RoleView]
    parties: dict[str, Party]
    conduct: CodeOfConduct | None  # each data section is None when the audience may not see it
    selection: Selection | None
    matching: Matching | None
    mismatch: MismatchPolicy | None
    lifecycle: Lifecycle | None
    training: Training | None
    monitoring: Monitoring | None
    governance: Governance | None
    support: Support | None
    contacts: list[ContactView]
    mismatch_contact: ContactView | None
    mismatch_steps: list[MismatchStep]
    escalation: list[EscalationRow]
    timeline: list[TimelineRow]
    first_meeting: TimelineRow | None
    suitability_review: TimelineRow | None
    website: str | None
    glossary: list[GlossaryEntry]
    resources: list[Linked]
    signposting: list[Linked]
    sessions: list[SessionView]
    methods: list[MethodView]
    measures: list[MeasureView]
    records: list[RecordView] | None
    budget: Budget | None
    policies: list[PolicyView]

    def context(self) -> dict[str, Any]:
        """The view's fields as template variables."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def page_links(spec: PageSpec, included: set[str]) -> dict[str, str | None]:
    """Relative links from one page to every page of the build; ``None`` for pages not built."""
    return {key: relative_link(spec.path, other.path) if key in included else None for key, other in PAGES_BY_KEY.items()}


def handbook_views(programme: Programme, included: set[str], *, audience: str,
                   today: dt.date) -> Callable[[PageSpec], HandbookView]:
    """The view builder for one build: page -> its view, links relative to the page.

    Each part of a view is built only as often as its links differ: what links nowhere (sections,
    timeline, glossary, measures) once; what names roles (linked to their entries) or policies'
    evidence, once per link to the roles page and the evidence index, which most folders share;
    only the links to pages and data's own site links for each page.
    """
    areas = visible_areas(programme, audience)
    allowed = check_audience(audience)

    def shown(area: str) -> Any:
        return getattr(programme, area) if area in areas else None

    mismatch, lifecycle, training = shown("mismatch_policy"), shown("lifecycle"), shown("training")
    monitoring, governance, support = shown("monitoring"), shown("governance"), shown("support")
    timeline = _timeline(programme) if lifecycle else []
    policy_evidence = {policy.evidence for policy in governance.policies if policy.evidence} if governance else set()
    unlinked: dict[str, Any] = dict(
        programme_name=programme.programme.name,
        audience=audience,
        edition=EDITIONS[audience],
        today=today,
        programme=shown("programme"),
        conduct=shown("code_of_conduct"),
        selection=shown("selection"),
        matching=shown("matching"),
        mismatch=mismatch,
        lifecycle=lifecycle,
        training=training,
        monitoring=monitoring,
        governance=governance,
        support=support,
        timeline=timeline,
        first_meeting=next((row for row in timeline if row.milestone.kind == "first-meeting"), None),
        suitability_review=next((row for row in timeline if row.milestone.kind == "suitability-review"), None),
        glossary=sorted(programme.programme.glossary, key=lambda entry: re.sub(r"^\W+", "", entry.term).casefold())
        if "programme" in areas else [],
        measures=_measures(programme) if monitoring else [],
        budget=governance.budget if governance and governance.budget and governance.budget.visibility in allowed else None,
    )
    named_by_links: dict[tuple[str | None, str | None], dict[str, Any]] = {}

    def named(roles_page: str | None, evidence_page: str | None) -> dict[str, Any]:
        """The parts that name roles or link policies to their evidence, with these links to the two pages."""
        parties = {role.id: Party(role.id, role.title, f"{roles_page}#{role.id}" if roles_page else None)
                   for role in programme.roles}
        parties[ORGANISATION] = Party(ORGANISATION, programme.programme.organisation, None)
        contacts = {contact.id: _contact(contact, parties, published="support" in areas and contact.visibility in allowed)
                    for contact in programme.support.contacts}
        evidence_links = _evidence_links(programme, audience, evidence_page, policy_evidence)
        return dict(
            roles=[RoleView(role, parties[role.reports_to] if role.reports_to else None) for role in programme.roles],
            parties=parties,
            contacts=[view for view in contacts.values() if view.published],
            mismatch_contact=contacts[mismatch.contact] if mismatch else None,
            mismatch_steps=[MismatchStep(number, step.action, parties[step.who], step.within_days)
                            for number, step in enumerate(mismatch.steps, 1)] if mismatch else [],
            escalation=[EscalationRow(step.question, contacts[step.first_contact], contacts[step.then] if step.then else None,
                                      step.response) for step in support.escalation] if support else [],
            sessions=[SessionView(session, [parties[role] for role in session.audience]) for session in training.sessions]
            if training else [],
            methods=[MethodView(method, parties[method.run_by], [parties[role] for role in method.participants])
                     for method in monitoring.methods] if monitoring else [],
            records=[RecordView(record, parties[record.kept_by]) for record in programme.governance.records]
            if governance else None,
            policies=[PolicyView(policy, parties[policy.owner], policy.review_due < today,
                                 evidence_links.get(policy.evidence or "")) for policy in governance.policies]
            if governance else [],
        )

    def view(spec: PageSpec) -> HandbookView:
        links = page_links(spec, included)
        key = (links["roles"], links["evidence"])
        if key not in named_by_links:
            named_by_links[key] = named(*key)
        return HandbookView(
            links=links,
            website=_site_link(spec, programme.programme.website) if "programme" in areas else None,
            resources=[Linked(item, _site_link(spec, item.link)) for item in support.resources] if support else [],
            signposting=[Linked(item, _site_link(spec, item.link)) for item in support.signposting] if support else [],
            **unlinked,
            **named_by_links[key],
        )

    return view


def _site_link(spec: PageSpec, link: str | None) -> str | None:
    """A data link as written from this page: addresses stay, site paths become relative to the page."""
    if link is None or urlsplit(link).scheme:
        return link
    return relative_link(spec.path, link.removeprefix("./"))


def _contact(contact: Contact, parties: dict[str, Party], *, published: bool) -> ContactView:
    role = parties[contact.role] if contact.role else Party(contact.id, contact.service or contact.name, None)
    if not published:
        return ContactView(contact.id, f"the {role.title[:1].lower()}{role.title[1:]}", role, published=False)
    return ContactView(contact.id, contact.name, role, True, contact.email, mailto(contact.email) if contact.email else None,
                       contact.phone, tel(contact.phone) if contact.phone else None, contact.hours)


def _timeline(programme: Programme) -> list[TimelineRow]:
    """Milestones with real dates for the cohort, in date order: week N is N weeks after the start."""
    start = programme.programme.cohort.start_date
    rows = []
    for milestone in programme.lifecycle.milestones:
        if milestone.week is not None:
            rows.append(TimelineRow(milestone, milestone.week, start + dt.timedelta(weeks=milestone.week)))
        else:
            assert milestone.date is not None  # validation: a week or a date
            rows.append(TimelineRow(milestone, (milestone.date - start).days // 7, milestone.date))
    return sorted(rows, key=lambda row: row.date)


def _measures(programme: Programme) -> list[MeasureView]:
    goals = {goal.id: goal for goal in programme.programme.goals}
    return [MeasureView(measure, goals.get(measure.goal or "")) for measure in programme.monitoring.measures]


def _evidence_links(programme: Programme, audience: str, evidence_page: str | None, wanted: set[str]) -> dict[str, str]:
    """Evidence id -> link to its entry on the evidence index, for the wanted items this audience may see."""
    if evidence_page is None or not wanted:
        return {}
    return {item.id: f"{evidence_page}#{item.id}" for item in programme.evidence
            if item.id in wanted and evidence_access(item, audience) != "withheld"}
