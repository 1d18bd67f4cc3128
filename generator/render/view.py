"""The view the handbook templates lay out: data already looked up, dated and filtered for the audience.

Templates stay free of logic: roles, parties and contacts come resolved (title, link, name,
``mailto:``), declarations come in the standards' wording (see :mod:`generator.render.resolved`),
the timeline carries real dates where the cohort's start is known, and ``links`` holds the relative
link from the page being rendered to every other page (``None`` for pages left out of the build).

Views are built from an edition (:func:`generator.audience.edition_for`), never from the programme
itself: ``support``, ``governance`` and every other area hold only what the audience may see. A data
area (``selection``, ``training``, ...) is ``None`` when the programme has not written it, and then
its page says so; it is also ``None`` when the audience may not see it, and then its page is left
out and other pages skip what they would have shown from it. What is built from an area
(``sessions``, ``decided_by``, ...) is empty or ``None`` with it. ``plans`` are the programme's
plans for the page being rendered.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from generator.audience import Edition, WithheldContact
from generator.cohort_calendar import CALENDAR_PATH, TimelineRow, cohort_events, timeline
from generator.i18n import message
from generator.model import (
    Budget,
    CodeOfConduct,
    Contact,
    GlossaryEntry,
    Goal,
    Governance,
    Lifecycle,
    Matching,
    Measure,
    MismatchPolicy,
    Monitoring,
    Overview,
    Policy,
    Programme,
    RecordKept,
    Selection,
    Step,
    Support,
    Training,
)
from generator.render.resolved import (
    AbsentPartyView,
    CompetenciesView,
    DeclaredItem,
    DistinctionView,
    ExpectationsView,
    InstrumentView,
    MeetingView,
    MethodView,
    Names,
    Party,
    ProcedureView,
    RoleView,
    SessionView,
    TrainerView,
)
from generator.site_map import PAGES_BY_KEY, PageSpec, page_for_field, relative_link
from generator.standards.catalog import Vocabularies
from generator.wording import mailto, tel

EDITIONS = {"public": message("public edition"), "assessor": message("assessor edition")}  # printed in the site's language
CRITERION_TERMS = "selection-criteria"


@dataclass(frozen=True)
class ContactView:
    """A contact; one the audience may not see is named by its role alone, and has no details."""

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
class CalendarLink:
    """The cohort's calendar file, linked from the page being rendered, and how many dates it holds."""

    link: str
    events: int


@dataclass(frozen=True)
class Linked:
    """A data item with a link that works from the page being rendered (site paths made relative)."""

    item: Any
    link: str | None


@dataclass(frozen=True)
class MismatchStep:
    """One numbered step of the mismatch procedure, with who takes it and how soon (working days)."""

    number: int
    action: str
    who: Party | None
    within_days: int | None


@dataclass(frozen=True)
class EscalationRow:
    """One question type: who to ask first, then who next, and what to expect."""

    question: str
    first: ContactView
    then: ContactView | None
    response: str | None


@dataclass(frozen=True)
class MeasureView:
    """A measure with the programme goal it serves, if any."""

    measure: Measure
    goal: Goal | None


@dataclass(frozen=True)
class RecordView:
    """A kind of record with the role that keeps it."""

    record: RecordKept
    kept_by: Party | None


@dataclass(frozen=True)
class PolicyView:
    """A policy with its owner, its declared kind, whether its review is overdue, and its evidence entry (if shown)."""

    policy: Policy
    owner: Party | None
    kind: str | None
    overdue: bool
    evidence_link: str | None


@dataclass(frozen=True)
class PlanView:
    """Something the programme means to put in place, by when, and whether that date has passed."""

    what: str
    by: dt.date | None
    overdue: bool


@dataclass(frozen=True)
class StepView:
    """A step and whom it is for (role titles), or None when it is for everyone."""

    step: Step
    for_whom: str | None


@dataclass(frozen=True)
class HandbookView:
    """Everything the handbook page templates may use."""

    programme_name: str
    audience: str
    edition: str
    today: dt.date
    links: dict[str, str | None]
    plans: list[PlanView]
    programme: Overview | None
    roles: list[RoleView]
    absent_parties: list[AbsentPartyView]
    conduct: CodeOfConduct | None
    selection: Selection | None
    application: list[StepView]  # the selection's application steps, each saying whom it is for
    matching: Matching | None
    mismatch: MismatchPolicy | None
    lifecycle: Lifecycle | None
    training: Training | None
    monitoring: Monitoring | None
    governance: Governance | None
    support: Support | None
    website: str | None
    glossary: list[GlossaryEntry]
    timeline: list[TimelineRow]
    calendar: CalendarLink | None  # None when the edition has no dated event, and so no calendar file
    first_meeting: TimelineRow | None
    suitability_review: TimelineRow | None
    contacts: list[ContactView]
    withheld_contacts: int  # contacts the edition does not publish
    mismatch_contact: ContactView | None
    budget: Budget | None
    measures: list[MeasureView]
    resources: list[Linked]
    signposting: list[Linked]
    # Built from one area each: empty or None when the area is.
    distinctions: list[DistinctionView] = field(default_factory=list)
    conduct_parties: list[Party] = field(default_factory=list)
    expectations: list[ExpectationsView] = field(default_factory=list)
    interests: list[DeclaredItem] = field(default_factory=list)
    breach_handler: Party | None = None
    conduct_monitoring: ProcedureView | None = None
    mentor_criteria: list[DeclaredItem] = field(default_factory=list)
    mentee_criteria: list[DeclaredItem] = field(default_factory=list)
    decided_by: Party | None = None
    feedback_to_unsuccessful: ProcedureView | None = None
    matching_criteria: list[DeclaredItem] = field(default_factory=list)
    needs_assessment: ProcedureView | None = None
    has_a_say: list[Party] = field(default_factory=list)
    match_review: ProcedureView | None = None
    mismatch_steps: list[MismatchStep] = field(default_factory=list)
    sessions: list[SessionView] = field(default_factory=list)
    trainers: list[TrainerView] = field(default_factory=list)
    competencies: list[CompetenciesView] = field(default_factory=list)
    instruments: list[InstrumentView] = field(default_factory=list)
    struggling_mentor_support: ProcedureView | None = None
    training_review: ProcedureView | None = None
    methods: list[MethodView] = field(default_factory=list)
    review_meetings: list[MeetingView] = field(default_factory=list)
    evaluation_shared_with: list[Party] = field(default_factory=list)
    steering_objectives: list[DeclaredItem] = field(default_factory=list)
    records: list[RecordView] = field(default_factory=list)
    budget_administrator: Party | None = None
    policies: list[PolicyView] = field(default_factory=list)
    quality_control: ProcedureView | None = None
    escalation: list[EscalationRow] = field(default_factory=list)

    def context(self) -> dict[str, Any]:
        """The view's fields as template variables."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def page_links(spec: PageSpec, included: set[str]) -> dict[str, str | None]:
    """Relative links from one page to every page of the build; ``None`` for pages not built."""
    return {key: relative_link(spec.path, other.path) if key in included else None for key, other in PAGES_BY_KEY.items()}


def _steps(steps: list[Step], programme: Programme) -> list[StepView]:
    titles = {role.id: role.title for role in programme.roles}
    return [StepView(step, ", ".join(titles.get(role, role) for role in step.audience) or None) for step in steps]


def handbook_views(edition: Edition, vocabularies: Vocabularies, included: set[str], *,
                   today: dt.date) -> Callable[[PageSpec], HandbookView]:
    """The view builder for one build: page -> its view, links relative to the page.

    Each part of a view is built only as often as its links differ: what links nowhere (areas,
    timeline, glossary, measures) once; what names roles (linked to their entries) or policies'
    evidence, once per link to the roles page and the evidence index, which most folders share;
    only the links to pages, data's own site links and the page's plans for each page.
    """
    programme, shown = edition.programme, edition.area
    overview, lifecycle, monitoring = shown("programme"), shown("lifecycle"), shown("monitoring")
    governance, support = shown("governance"), shown("support")
    cohort = overview.cohort if overview else None
    timeline_rows = timeline(lifecycle, cohort.start_date if cohort else None) if lifecycle else []
    calendar_events = len(cohort_events(edition))
    plans = _plans_by_page(programme, today)
    unlinked: dict[str, Any] = dict(
        programme_name=programme.programme.name,
        audience=edition.audience,
        edition=EDITIONS[edition.audience],
        today=today,
        programme=overview,
        conduct=shown("code_of_conduct"),
        selection=shown("selection"),
        application=_steps(shown("selection").application if shown("selection") else [], programme),
        matching=shown("matching"),
        mismatch=shown("mismatch_policy"),
        lifecycle=lifecycle,
        training=shown("training"),
        monitoring=monitoring,
        governance=governance,
        support=support,
        timeline=timeline_rows,
        first_meeting=next((row for row in timeline_rows if row.milestone.kind == "first-meeting"), None),
        suitability_review=next((row for row in timeline_rows if row.milestone.kind == "suitability-review"), None),
        glossary=sorted(overview.glossary, key=lambda entry: re.sub(r"^\W+", "", entry.term).casefold()) if overview else [],
        measures=_measures(programme, monitoring) if monitoring else [],
        budget=governance.budget if governance else None,
    )
    policy_evidence = {policy.evidence for policy in governance.policies if policy.evidence} if governance else set()
    named_by_links: dict[tuple[str | None, str | None], dict[str, Any]] = {}

    def named(roles_page: str | None, evidence_page: str | None) -> dict[str, Any]:
        """The parts that name roles or link policies to their evidence, with these links to the two pages."""
        names = Names.linking_to(programme, vocabularies, roles_page)
        contacts = {contact.id: _contact(contact, names) for contact in support.contacts} if support else {}
        contacts |= {contact.id: _withheld_contact(contact, names) for contact in edition.withheld_contacts.values()}
        mismatch = unlinked["mismatch"]
        parts: dict[str, Any] = dict(
            roles=[names.role(role) for role in programme.roles],
            absent_parties=names.absent_parties() if overview else [],
            contacts=[view for view in contacts.values() if view.published],
            withheld_contacts=len(edition.withheld_contacts),
            mismatch_contact=contacts[mismatch.contact] if mismatch and mismatch.contact else None,
        )
        parts |= _area_parts(unlinked, names, contacts)
        if governance:
            evidence_links = _evidence_links(programme, evidence_page, policy_evidence)
            parts["policies"] = [
                PolicyView(policy, names.optional_party(policy.owner),
                           vocabularies.label("policy-kinds", policy.kind) if policy.kind else None,
                           policy.review_due is not None and policy.review_due < today,
                           evidence_links.get(policy.evidence or "")) for policy in governance.policies]
        return parts

    def view(spec: PageSpec) -> HandbookView:
        links = page_links(spec, included)
        key = (links["roles"], links["evidence"])
        if key not in named_by_links:
            named_by_links[key] = named(*key)
        return HandbookView(
            links=links,
            plans=plans.get(spec.key, []),
            website=_site_link(spec, overview.website) if overview else None,
            calendar=CalendarLink(relative_link(spec.path, CALENDAR_PATH), calendar_events) if calendar_events else None,
            resources=[Linked(item, _site_link(spec, item.link)) for item in support.resources] if support else [],
            signposting=[Linked(item, _site_link(spec, item.link)) for item in support.signposting] if support else [],
            **unlinked,
            **named_by_links[key],
        )

    return view


def _area_parts(shown: dict[str, Any], names: Names, contacts: dict[str, ContactView]) -> dict[str, Any]:
    """What the shown areas' pages need resolved (parties named, terms in the standards' words), by view field."""
    parts: dict[str, Any] = {}
    if overview := shown["programme"]:
        parts["distinctions"] = [names.distinction(distinction) for distinction in overview.distinctions]
    if conduct := shown["conduct"]:
        hierarchy, breaches = conduct.hierarchy_of_interests, conduct.breaches
        parts |= dict(conduct_parties=names.parties(conduct.parties), expectations=names.expectations(conduct.expectations),
                      interests=names.interests(hierarchy.order) if hierarchy else [],
                      breach_handler=names.optional_party(breaches.handled_by) if breaches else None,
                      conduct_monitoring=names.procedure(conduct.monitoring))
    if selection := shown["selection"]:
        parts |= dict(mentor_criteria=names.declared(selection.mentor_criteria, CRITERION_TERMS),
                      mentee_criteria=names.declared(selection.mentee_criteria, CRITERION_TERMS),
                      decided_by=names.optional_party(selection.decided_by),
                      feedback_to_unsuccessful=names.procedure(selection.feedback_to_unsuccessful))
    if matching := shown["matching"]:
        parts |= dict(matching_criteria=names.declared(matching.criteria, CRITERION_TERMS),
                      needs_assessment=names.procedure(matching.needs_assessment), has_a_say=names.parties(matching.has_a_say),
                      match_review=names.procedure(matching.review))
    if mismatch := shown["mismatch"]:
        parts["mismatch_steps"] = [MismatchStep(number, step.action, names.optional_party(step.who), step.within_days)
                                   for number, step in enumerate(mismatch.steps, 1)]
    if training := shown["training"]:
        parts |= dict(sessions=[names.session(session) for session in training.sessions],
                      trainers=[names.trainer(trainer) for trainer in training.trainers],
                      competencies=[names.competencies(entry) for entry in training.competencies],
                      instruments=[names.instrument(instrument) for instrument in training.instruments],
                      struggling_mentor_support=names.procedure(training.support_for_struggling_mentors),
                      training_review=names.procedure(training.quality_review))
    if monitoring := shown["monitoring"]:
        parts |= dict(methods=[names.method(method) for method in monitoring.methods],
                      review_meetings=[names.meeting(meeting) for meeting in monitoring.review_meetings],
                      evaluation_shared_with=names.parties(monitoring.evaluation.shared_with) if monitoring.evaluation else [])
    if governance := shown["governance"]:
        steering = governance.steering_group
        parts |= dict(steering_objectives=names.declared(steering.objectives, "steering-group-duties") if steering else [],
                      records=[RecordView(record, names.optional_party(record.kept_by)) for record in governance.records],
                      budget_administrator=names.optional_party(shown["budget"].administered_by) if shown["budget"] else None,
                      quality_control=names.procedure(governance.quality_control))
    if support := shown["support"]:
        parts["escalation"] = [EscalationRow(step.question, contacts[step.first_contact],
                                             contacts[step.then] if step.then else None, step.response)
                               for step in support.escalation]
    return parts


def _plans_by_page(programme: Programme, today: dt.date) -> dict[str, list[PlanView]]:
    """Page key -> the plans whose field that page shows (an edition's: those the audience may see), in the order written."""
    plans: defaultdict[str, list[PlanView]] = defaultdict(list)
    for plan in programme.plans:
        spec = page_for_field(plan.field) if plan.field else None
        if spec is not None:
            plans[spec.key].append(PlanView(plan.what, plan.by, plan.by is not None and plan.by < today))
    return plans


def _site_link(spec: PageSpec, link: str | None) -> str | None:
    """A data link as written from this page: addresses stay, site paths become relative to the page."""
    if link is None or urlsplit(link).scheme:
        return link
    return relative_link(spec.path, link.removeprefix("./"))


def _contact(contact: Contact, names: Names) -> ContactView:
    """A contact the edition publishes."""
    role = names.party(contact.role) if contact.role else Party(contact.id, contact.service or contact.name, None)
    return ContactView(contact.id, contact.name, role, True, contact.email, mailto(contact.email) if contact.email else None,
                       contact.phone, tel(contact.phone) if contact.phone else None, contact.hours)


def _withheld_contact(contact: WithheldContact, names: Names) -> ContactView:
    """A contact the edition does not publish: named by its role alone (a service by no name)."""
    role = names.party(contact.role) if contact.role else Party(contact.id, contact.label, None)
    return ContactView(contact.id, contact.label, role, published=False)


def _measures(programme: Programme, monitoring: Monitoring) -> list[MeasureView]:
    goals = {goal.id: goal for goal in programme.programme.goals}
    return [MeasureView(measure, goals.get(measure.goal or "")) for measure in monitoring.measures]


def _evidence_links(programme: Programme, evidence_page: str | None, wanted: set[str]) -> dict[str, str]:
    """Evidence id -> link to its entry on the evidence index, for the wanted items (an edition's
    programme lists only those its audience may see)."""
    if evidence_page is None or not wanted:
        return {}
    return {item.id: f"{evidence_page}#{item.id}" for item in programme.evidence if item.id in wanted}
