"""The programme data model: everything a mentoring handbook needs, typed.

Each area is grounded in the standards (ISMPE criteria and IMA indicators in comments) so that the
assessment rules have something real to look at. Unknown keys are rejected everywhere. Text fields
are Markdown; they are escaped, never passed through as HTML, when rendered.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictStr

Text = Annotated[StrictStr, Field(min_length=1)]
Id = Annotated[StrictStr, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
EvidenceId = Annotated[StrictStr, Field(pattern=r"^ev-[a-z0-9][a-z0-9-]*$", max_length=80)]
CriterionRef = Annotated[StrictStr, Field(pattern=r"^[a-z0-9-]+:[A-Za-z0-9.-]+$")]
Link = Annotated[StrictStr, Field(min_length=1)]  # safety of the scheme is checked by validate
Visibility = Literal["public", "internal", "confidential"]
Days = Annotated[int, Field(ge=0, le=365)]
Hours = Annotated[float, Field(gt=0, le=1000)]

# The parties a code of conduct should cover (ISMPE 5.1) besides the programme's own roles.
ORGANISATION = "organisation"


class Model(BaseModel):
    """Base for every data model: unknown keys are errors, text is trimmed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Section(Model):
    """A top-level area; its visibility decides which audiences' builds may show it."""

    visibility: Visibility = "public"


# --- programme: purpose, aim, values (ISMPE 1.x, IMA I) -------------------------------------------


class Goal(Model):
    """A SMART programme goal: what, how it is measured, by when."""

    id: Id
    goal: Text
    measure: Text
    target: Text | None = None
    due: dt.date


class ObjectiveLink(Model):
    """How the programme serves one organisational objective (ISMPE 1.4)."""

    objective: Text
    contribution: Text


class Distinction(Model):
    """How mentoring differs from another form of help (ISMPE 2.3)."""

    practice: Text
    difference: Text


class Value(Model):
    name: Text
    description: Text


class GlossaryEntry(Model):
    term: Text
    definition: Text


class Cohort(Model):
    """The cohort whose dates the handbook's timeline shows."""

    name: Text
    start_date: dt.date


class Overview(Section):
    """The ``programme:`` area: who runs it, what for, for whom, and what mentoring means here."""

    name: Text
    organisation: Text
    summary: Text
    aim: Text
    purpose: Text
    organisational_objectives: list[ObjectiveLink] = []
    target_audience: Text
    why_mentoring: Text | None = None
    goals: list[Goal] = Field(min_length=1)
    definition: Text
    distinctions: list[Distinction] = []
    mentoring_is_not: list[Text] = []
    values: list[Value] = []
    voluntary: StrictBool = True
    stakeholder_engagement: Text | None = None
    cohort: Cohort
    website: Link | None = None
    glossary: list[GlossaryEntry] = []


# --- roles (ISMPE 6.1, IMA II-1) -----------------------------------------------------------------


class Role(Model):
    id: Id
    title: Text
    summary: Text
    responsibilities: list[Text] = Field(min_length=1)
    requirements: list[Text] = []
    hours_per_month: Hours | None = None
    time_commitment: Text | None = None
    reports_to: Id | None = None
    assessed_by: Text | None = None
    benefits: list[Text] = []


# --- code of conduct (ISMPE 5.x, IMA I-7) --------------------------------------------------------


class PartyExpectations(Model):
    party: Id
    expectations: list[Text] = Field(min_length=1)


class Confidentiality(Model):
    statement: Text
    limits: list[Text] = Field(min_length=1)


class HierarchyOfInterests(Model):
    order: list[Text] = Field(min_length=2)
    explanation: Text


class BreachProcess(Model):
    how_to_report: Text
    procedure: list[Text] = Field(min_length=1)
    response_days: Days
    handled_by: Id


class CodeOfConduct(Section):
    parties: list[Id] = Field(min_length=1)
    expectations: list[PartyExpectations] = []
    boundaries: list[Text] = []
    confidentiality: Confidentiality
    hierarchy_of_interests: HierarchyOfInterests | None = None
    breaches: BreachProcess
    monitoring: Text | None = None
    discussion: Text | None = None


# --- selection and matching (ISMPE 3.x, IMA III) -------------------------------------------------


class Disqualifications(Model):
    mentors: list[Text] = []
    mentees: list[Text] = []


class Selection(Section):
    mentor_criteria: list[Text] = Field(min_length=1)
    mentee_criteria: list[Text] = Field(min_length=1)
    application: list[Text] = Field(min_length=1)
    interview: Text | None = None
    decided_by: Id
    feedback_to_unsuccessful: Text
    disqualifications: Disqualifications = Disqualifications()
    flexibility: Text | None = None


class Matching(Section):
    criteria: list[Text] = Field(min_length=1)
    process: list[Text] = Field(min_length=1)
    needs_assessment: Text | None = None
    participant_influence: Text
    experience_gap: Text | None = None
    review: Text | None = None


class MismatchStep(Model):
    action: Text
    who: Id
    within_days: Days | None = None


class MismatchPolicy(Section):
    warning_signs: list[Text] = Field(min_length=1)
    no_fault_exit: Text
    steps: list[MismatchStep] = Field(min_length=1)
    response_days: Days
    rematching: Text
    contact: Id


# --- relationship lifecycle (ISMPE 1.5, 6.6, IMA V-4) --------------------------------------------

MilestoneKind = Literal["first-meeting", "suitability-review", "mid-point", "ending", "review", "other"]


class Milestone(Model):
    id: Id
    title: Text
    kind: MilestoneKind = "other"
    week: Annotated[int, Field(ge=0, le=260)] | None = None
    date: dt.date | None = None
    description: Text
    reminder: StrictBool = False


class Lifecycle(Section):
    duration_months: Annotated[int, Field(ge=1, le=60)]
    meeting_frequency: Text
    meeting_minutes: Annotated[int, Field(ge=5, le=600)]
    goal_setting: Text | None = None
    learning_log: Text | None = None
    milestones: list[Milestone] = Field(min_length=1)
    first_meeting: list[Text] = []
    ending: Text | None = None


# --- training (ISMPE 2.x, IMA IV) ----------------------------------------------------------------


class TrainingSession(Model):
    id: Id
    title: Text
    stage: Literal["initial", "ongoing"]
    audience: list[Id] = Field(min_length=1)
    mandatory: StrictBool
    duration_hours: Hours
    topics: list[Text] = Field(min_length=1)
    outcomes: list[Text] = []
    includes_practice: StrictBool = False
    when: Text | None = None


class Training(Section):
    conceptual_framework: Text | None = None
    competency_framework: Text | None = None
    cultural_fit: Text | None = None
    sessions: list[TrainingSession] = Field(min_length=1)
    diagnostics: Text | None = None
    trainer_expertise: Text | None = None
    support_for_struggling_mentors: Text | None = None
    participant_influence: Text | None = None
    quality_review: Text | None = None


# --- monitoring and evaluation (ISMPE 4.x, IMA VI) -----------------------------------------------


class MonitoringMethod(Model):
    name: Text
    frequency: Text
    run_by: Id
    participants: list[Id] = []
    description: Text | None = None


class Measure(Model):
    name: Text
    kind: Literal["process", "outcome"]
    level: Literal["programme", "relationship"]
    goal: Id | None = None


class ReviewMeeting(Model):
    name: Text
    with_whom: list[Text] = Field(min_length=1)
    frequency: Text


class Monitoring(Section):
    methods: list[MonitoringMethod] = Field(min_length=1)
    measures: list[Measure] = []
    feedback_access: Text
    participant_role: Text | None = None
    pair_feedback: Text | None = None
    review_meetings: list[ReviewMeeting] = []
    theme_analysis: Text | None = None
    improvements: Text | None = None
    best_practice_review: Text | None = None
    evaluation: Text | None = None


# --- governance and administration (ISMPE 6.x, IMA II) -------------------------------------------


class SteeringGroup(Model):
    members: list[Text] = Field(min_length=1)
    objectives: list[Text] = []
    meets: Text


class Budget(Model):
    amount: Annotated[float, Field(ge=0)]
    currency: Annotated[StrictStr, Field(pattern=r"^[A-Z]{3}$")]
    period: Text
    administered_by: Id
    covers: list[Text] = []
    visibility: Visibility = "internal"


class RecordKept(Model):
    record: Text
    kept_by: Id
    who_can_see: list[Text] = Field(min_length=1)
    retention: Text


class Policy(Model):
    name: Text
    owner: Id
    review_due: dt.date
    summary: Text | None = None
    evidence: Id | None = None


class Governance(Section):
    sponsor: Text
    steering_group: SteeringGroup | None = None
    budget: Budget | None = None
    records: list[RecordKept] = []
    central_database: Text | None = None
    data_protection: Text
    quality_control: Text | None = None
    development_links: Text | None = None
    policies: list[Policy] = []


# --- support and contacts (ISMPE 6.7, 6.8) -------------------------------------------------------


class Resource(Model):
    title: Text
    description: Text
    link: Link | None = None


class Signpost(Model):
    service: Text
    helps_with: Text
    how_to_reach: Text
    link: Link | None = None


class Contact(Model):
    """A named person or service; ``role`` for people in the programme, ``service`` for outside help."""

    id: Id
    name: Text
    role: Id | None = None
    service: Text | None = None
    email: Annotated[StrictStr, Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")] | None = None
    phone: Text | None = None
    hours: Text | None = None
    visibility: Visibility = "public"


class EscalationStep(Model):
    question: Text
    first_contact: Id
    then: Id | None = None
    response: Text


class Support(Section):
    resources: list[Resource] = []
    signposting: list[Signpost] = []
    contacts: list[Contact] = Field(min_length=1)
    escalation: list[EscalationStep] = []
    end_of_relationship: Text | None = None


# --- evidence register and self-assessment -------------------------------------------------------


class EvidenceItem(Model):
    """One piece of evidence an assessor can follow: a file in the data folder or a web address."""

    id: EvidenceId
    title: Text
    kind: Literal["file", "url"]
    path: Text | None = None
    url: Link | None = None
    date: dt.date
    owner: Text
    visibility: Visibility
    description: Text | None = None
    supports: list[CriterionRef] = []


Claim = Literal["met", "partly-met", "not-met", "not-applicable"]


class SelfAssessmentEntry(Model):
    """A coordinator's own view of one criterion, checked against what the data shows."""

    criterion: CriterionRef
    claim: Claim | None = None
    evidence: list[EvidenceId] = []
    note: Text | None = None
    justification: Text | None = None


class Programme(Model):
    """The whole programme: what validation builds from ``data/*.yaml``."""

    programme: Overview
    roles: list[Role] = Field(min_length=1)
    code_of_conduct: CodeOfConduct
    selection: Selection
    matching: Matching
    mismatch_policy: MismatchPolicy
    lifecycle: Lifecycle
    training: Training
    monitoring: Monitoring
    governance: Governance
    support: Support
    evidence: list[EvidenceItem] = []
    self_assessment: list[SelfAssessmentEntry] = []
    extra_standards: list[Text] = []  # catalog files of the programme's own standards, relative to data/
