"""The programme data model: everything a mentoring handbook needs, typed.

Only what identifies the programme is required: its name, its organisation and at least one role.
Every other area, field and list may be absent or empty. Absence is a gap the assessment reports,
never a validation error, so a young programme can say what it does not have yet (and record what
it plans, under ``plans:``). Nothing here has a default that says something the coordinator did
not: ``voluntary`` and ``mandatory`` are unknown until written.

Fields that declare something to the standards (what a training session covers, which standard
party a role plays, what kind a policy is) take ids from the vocabularies shipped with the
standards catalogs; they carry a :class:`Vocabulary` marker, and validation checks their ids.
Fields naming roles carry :data:`ROLE`, fields naming a role or a standard party :data:`PARTY`.

Where a field grew from a plain text into a mapping (a procedure with steps and an owner, a
selection criterion with what it covers), the plain text is still accepted: it is read as the
mapping's main text, with nothing declared. Unknown keys are rejected everywhere. Text fields are
Markdown; they are escaped, never passed through as HTML, when rendered.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Literal, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictBool, StrictStr

Text = Annotated[StrictStr, Field(min_length=1)]
Id = Annotated[StrictStr, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
EvidenceId = Annotated[StrictStr, Field(pattern=r"^ev-[a-z0-9][a-z0-9-]*$", max_length=80)]
CriterionRef = Annotated[StrictStr, Field(pattern=r"^[a-z0-9-]+:[A-Za-z0-9.-]+$")]
Link = Annotated[StrictStr, Field(min_length=1)]  # safety of the scheme is checked by validate
Visibility = Literal["public", "internal", "confidential"]
Days = Annotated[int, Field(ge=0, le=365)]  # working days
Hours = Annotated[float, Field(gt=0, le=1000)]
PerYear = Annotated[float, Field(gt=0, le=365)]  # how many times a year something happens
Minutes = Annotated[int, Field(ge=1, le=6000)]


@dataclass(frozen=True)
class Reference:
    """Marks a field whose values name something defined elsewhere: a role, or a role or party."""

    kind: Literal["role", "party"]


@dataclass(frozen=True)
class Vocabulary:
    """Marks a field whose values are ids from one of the standards' vocabularies.

    The JSON Schema names the vocabulary (``x-vocabulary``), so ``handbook schema`` can list its terms.
    """

    kind: str

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> Any:
        schema = handler(core_schema)
        schema["x-vocabulary"] = self.kind
        return schema


ROLE = Reference("role")  # the id of one of the programme's roles
PARTY = Reference("party")  # a role id, or a standard party such as line-manager or organisation
RoleId = Annotated[Id, ROLE]
PartyId = Annotated[Id, PARTY]
StandardParty = Annotated[Id, Vocabulary("parties")]
TrainingTopic = Annotated[Id, Vocabulary("training-topics")]
CriterionTerm = Annotated[Id, Vocabulary("selection-criteria")]
MonitoringCheck = Annotated[Id, Vocabulary("monitoring-checks")]
PolicyKind = Annotated[Id, Vocabulary("policy-kinds")]
SteeringDuty = Annotated[Id, Vocabulary("steering-group-duties")]
Interest = Annotated[Id, Vocabulary("interests")]
TrainerExpertise = Annotated[Id, Vocabulary("trainer-expertise")]
HelpingPractice = Annotated[Id, Vocabulary("helping-practices")]
RecordContent = Annotated[Id, Vocabulary("record-contents")]

# The party a code of conduct covers besides people: the organisation itself (ISMPE 5.1).
ORGANISATION = "organisation"


class Model(BaseModel):
    """Base for every data model: unknown keys are errors, text is trimmed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Section(Model):
    """A top-level area; its visibility decides which audiences' builds may show it."""

    visibility: Visibility = "public"


class TextOr(Model):
    """A mapping that a plain text may stand for: the text becomes its ``main`` field.

    Printing one (``{{ item }}`` in a template) prints that text, as printing the plain text did.
    """

    main: ClassVar[str]

    def __str__(self) -> str:
        return str(getattr(self, self.main) or "")


def shorthand(model: type[TextOr]) -> Any:
    """``model``, also accepting a plain text for its main field (the older, simpler form)."""
    return Annotated[model, BeforeValidator(lambda value: {model.main: value} if isinstance(value, str) else value,
                                            json_schema_input_type=Union[str, model])]


class Declared(TextOr):
    """A line of text and the standard terms it declares, e.g. a selection criterion and what it looks for."""

    main: ClassVar[str] = "text"
    text: Text
    covers: list[CriterionTerm] = []


class Procedure(TextOr):
    """How something is done: a summary, its steps, who owns it, and how soon or how often."""

    main: ClassVar[str] = "summary"
    summary: Text | None = None
    steps: list[Text] = []
    owner: RoleId | None = None
    within_days: Days | None = None
    times_per_year: PerYear | None = None


class Framework(TextOr):
    """A framework the programme works from: what it is called, where it comes from, what it says."""

    main: ClassVar[str] = "description"
    name: Text | None = None
    source: Text | None = None  # the research, model or body it is drawn from
    description: Text | None = None


DeclaredText = shorthand(Declared)
ProcedureText = shorthand(Procedure)
FrameworkText = shorthand(Framework)


# --- programme: purpose, aim, values (ISMPE 1.x, IMA I) -------------------------------------------


class Goal(Model):
    """A SMART programme goal: what, how it is measured, by when."""

    id: Id
    goal: Text
    measure: Text | None = None
    target: Text | None = None
    due: dt.date | None = None


class ObjectiveLink(Model):
    """How the programme serves one organisational objective (ISMPE 1.4)."""

    objective: Text
    contribution: Text | None = None


class Distinction(Model):
    """How mentoring differs from another form of help (ISMPE 2.3); ``kind`` names that help in the standards' terms."""

    practice: Text
    kind: HelpingPractice | None = None
    difference: Text | None = None


class Value(Model):
    name: Text
    description: Text | None = None


class GlossaryEntry(Model):
    term: Text
    definition: Text


class Cohort(Model):
    """The cohort whose dates the handbook's timeline shows."""

    name: Text
    start_date: dt.date | None = None


class AbsentParty(Model):
    """A standard party the programme genuinely does not have (no line managers in a student peer scheme)."""

    party: StandardParty
    reason: Text


class Overview(Section):
    """The ``programme:`` area: who runs it, what for, for whom, and what mentoring means here."""

    name: Text
    organisation: Text
    summary: Text | None = None
    aim: Text | None = None
    purpose: Text | None = None
    organisational_objectives: list[ObjectiveLink] = []
    target_audience: Text | None = None
    why_mentoring: Text | None = None
    goals: list[Goal] = []
    definition: Text | None = None
    distinctions: list[Distinction] = []
    mentoring_is_not: list[Text] = []
    values: list[Value] = []
    voluntary: StrictBool | None = None
    stakeholder_engagement: Text | None = None
    cohort: Cohort | None = None
    website: Link | None = None
    glossary: list[GlossaryEntry] = []
    absent_parties: list[AbsentParty] = []


# --- roles (ISMPE 6.1, IMA II-1) -----------------------------------------------------------------


class Role(Model):
    """A role in the programme; ``plays`` names the standard parties it stands for."""

    id: Id
    title: Text
    plays: list[StandardParty] = []
    summary: Text | None = None
    responsibilities: list[Text] = []
    requirements: list[Text] = []
    hours_per_month: Hours | None = None
    time_commitment: Text | None = None
    reports_to: RoleId | None = None
    assessed_by: Text | None = None
    benefits: list[Text] = []

    @property
    def parties(self) -> list[str]:
        """The standard parties this role plays: those under ``plays``, and its own id (a role
        called ``mentor`` plays mentor; a ``principal`` plays line-manager only if it says so)."""
        return list(dict.fromkeys([*self.plays, self.id]))


# --- code of conduct (ISMPE 5.x, IMA I-7) --------------------------------------------------------


class PartyExpectations(Model):
    party: PartyId
    expectations: list[Text] = []


class Confidentiality(Model):
    """What stays confidential, its limits, and whether mentoring can feed decisions about people."""

    statement: Text | None = None
    limits: list[Text] = []
    # Whether mentoring conversations or records may be used in appraisal, pay, promotion,
    # disciplinary or other employment decisions (IMA V-5 asks that they are not).
    used_for_employment_decisions: StrictBool | None = None


class InterestRank(TextOr):
    """One place in the hierarchy of interests, and which interest it is (mentee, pair, organisation)."""

    main: ClassVar[str] = "text"
    text: Text
    interest: Interest | None = None


InterestRankText = shorthand(InterestRank)


class HierarchyOfInterests(Model):
    order: list[InterestRankText] = []
    explanation: Text | None = None


class BreachProcess(Model):
    how_to_report: Text | None = None
    procedure: list[Text] = []
    response_days: Days | None = None
    handled_by: RoleId | None = None


class CodeOfConduct(Section):
    parties: list[PartyId] = []
    expectations: list[PartyExpectations] = []
    boundaries: list[Text] = []
    confidentiality: Confidentiality | None = None
    hierarchy_of_interests: HierarchyOfInterests | None = None
    breaches: BreachProcess | None = None
    monitoring: ProcedureText | None = None
    discussion: Text | None = None


# --- selection and matching (ISMPE 3.x, IMA III) -------------------------------------------------


class Disqualifications(Model):
    mentors: list[Text] = []
    mentees: list[Text] = []


class Interview(TextOr):
    """The selection interview, and whether it is formal: guided by the selection criteria (IMA III-2)."""

    main: ClassVar[str] = "summary"
    summary: Text | None = None
    formal: StrictBool | None = None


InterviewText = shorthand(Interview)


class Selection(Section):
    mentor_criteria: list[DeclaredText] = []
    mentee_criteria: list[DeclaredText] = []
    application: list[Text] = []
    interview: InterviewText | None = None
    decided_by: RoleId | None = None
    feedback_to_unsuccessful: ProcedureText | None = None
    disqualifications: Disqualifications | None = None
    flexibility: Text | None = None


class Matching(Section):
    criteria: list[DeclaredText] = []
    process: list[Text] = []
    needs_assessment: ProcedureText | None = None
    participant_influence: Text | None = None
    has_a_say: list[PartyId] = []  # who has a say in who they are matched with (ISMPE 3.4)
    experience_gap: Text | None = None
    review: ProcedureText | None = None


class MismatchStep(Model):
    action: Text
    who: RoleId | None = None
    within_days: Days | None = None


class MismatchPolicy(Section):
    warning_signs: list[Text] = []
    no_fault_exit: Text | None = None
    steps: list[MismatchStep] = []
    response_days: Days | None = None
    rematching: Text | None = None
    contact: Id | None = None


# --- relationship lifecycle (ISMPE 1.5, 6.6, IMA V-4) --------------------------------------------

MilestoneKind = Literal["first-meeting", "suitability-review", "mid-point", "ending", "review", "other"]


class Milestone(Model):
    id: Id
    title: Text
    kind: MilestoneKind = "other"
    week: Annotated[int, Field(ge=0, le=260)] | None = None
    date: dt.date | None = None
    description: Text | None = None
    # How far the mentee should have developed by this milestone: IMA V-4's "milestone criteria for
    # development" (what they can do, at what level), not tasks to complete by then.
    development_criteria: list[Text] = []
    reminder: StrictBool | None = None


class Lifecycle(Section):
    duration_months: Annotated[int, Field(ge=1, le=60)] | None = None
    meeting_frequency: Text | None = None
    meeting_minutes: Annotated[int, Field(ge=5, le=600)] | None = None
    goal_setting: Text | None = None
    learning_log: Text | None = None
    milestones: list[Milestone] = []
    first_meeting: list[Text] = []
    ending: Text | None = None


# --- training (ISMPE 2.x, IMA IV) ----------------------------------------------------------------


class TopicCovered(TextOr):
    """A topic from the standards that a session covers, with the minutes spent on it if known."""

    main: ClassVar[str] = "topic"
    topic: TrainingTopic
    minutes: Minutes | None = None


TopicCoveredText = shorthand(TopicCovered)


class TrainingSession(Model):
    id: Id
    title: Text
    stage: Literal["initial", "ongoing"] | None = None
    audience: list[RoleId] = []
    mandatory: StrictBool | None = None
    duration_hours: Hours | None = None
    topics: list[Text] = []
    covers: list[TopicCoveredText] = []
    outcomes: list[Text] = []
    includes_practice: StrictBool | None = None
    when: Text | None = None


class Trainer(Model):
    """Someone who trains or supervises, and the expertise ISMPE 2.14 asks trainers to have."""

    name: Text
    expertise: list[TrainerExpertise] = []
    summary: Text | None = None


class Competencies(Model):
    """The competencies a party's training is built on (ISMPE 2.4)."""

    party: PartyId
    competencies: list[Text] = []


class Instrument(Model):
    """A diagnostic instrument used to build understanding of self and each other (ISMPE 2.6)."""

    name: Text
    used_for: Text | None = None
    completed_by: list[RoleId] = []  # who fills it in to understand themselves; mentors and mentees both: each other too


class Training(Section):
    conceptual_framework: FrameworkText | None = None
    competency_framework: FrameworkText | None = None
    competencies: list[Competencies] = []
    cultural_fit: Text | None = None
    sessions: list[TrainingSession] = []
    diagnostics: Text | None = None
    instruments: list[Instrument] = []
    trainers: list[Trainer] = []
    trainer_expertise: Text | None = None
    support_for_struggling_mentors: ProcedureText | None = None
    participant_influence: Text | None = None
    quality_review: ProcedureText | None = None


# --- monitoring and evaluation (ISMPE 4.x, IMA VI) -----------------------------------------------


class MonitoringMethod(Model):
    name: Text
    frequency: Text | None = None
    times_per_year: PerYear | None = None
    run_by: RoleId | None = None
    participants: list[RoleId] = []
    checks: list[MonitoringCheck] = []
    description: Text | None = None


class Measure(Model):
    name: Text
    kind: Literal["process", "outcome"] | None = None
    level: Literal["programme", "relationship"] | None = None
    goal: Id | None = None


class ReviewMeeting(Model):
    name: Text
    with_whom: list[Text] = []
    attended_by: list[PartyId] = []
    frequency: Text | None = None
    times_per_year: PerYear | None = None


class Evaluation(TextOr):
    """The programme's evaluation: how often, and whether it includes an external review."""

    main: ClassVar[str] = "summary"
    summary: Text | None = None
    times_per_year: PerYear | None = None
    external_review: StrictBool | None = None
    shared_with: list[PartyId] = []  # who receives its results


EvaluationText = shorthand(Evaluation)


class Monitoring(Section):
    methods: list[MonitoringMethod] = []
    measures: list[Measure] = []
    feedback_access: Text | None = None
    participant_role: Text | None = None
    pair_feedback: Text | None = None
    review_meetings: list[ReviewMeeting] = []
    theme_analysis: Text | None = None
    improvements: Text | None = None
    best_practice_review: Text | None = None
    evaluation: EvaluationText | None = None


# --- governance and administration (ISMPE 6.x, IMA II) -------------------------------------------


class SteeringObjective(TextOr):
    """One of the steering group's objectives, and the duties from the standards it declares."""

    main: ClassVar[str] = "text"
    text: Text
    covers: list[SteeringDuty] = []


SteeringObjectiveText = shorthand(SteeringObjective)


class SteeringGroup(Model):
    members: list[Text] = []
    objectives: list[SteeringObjectiveText] = []
    meets: Text | None = None
    times_per_year: PerYear | None = None


class Budget(Model):
    amount: Annotated[float, Field(ge=0)]
    currency: Annotated[StrictStr, Field(pattern=r"^[A-Z]{3}$")]
    period: Text | None = None
    administered_by: RoleId | None = None
    covers: list[Text] = []
    visibility: Visibility = "internal"


class RecordKept(Model):
    record: Text
    kept_by: RoleId | None = None
    who_can_see: list[Text] = []
    retention: Text | None = None


class Policy(Model):
    name: Text
    kind: PolicyKind | None = None
    owner: RoleId | None = None
    review_due: dt.date | None = None
    summary: Text | None = None
    evidence: Id | None = None


class CentralDatabase(TextOr):
    """The central record of relationships (ISMPE 6.2), and what it tracks."""

    main: ClassVar[str] = "summary"
    summary: Text | None = None
    tracks: list[RecordContent] = []


CentralDatabaseText = shorthand(CentralDatabase)


class DevelopmentLinks(TextOr):
    """How mentoring links to other development (appraisal, development plans, CPD), and for whom (ISMPE 6.5)."""

    main: ClassVar[str] = "summary"
    summary: Text | None = None
    parties: list[PartyId] = []


DevelopmentLinksText = shorthand(DevelopmentLinks)


class Governance(Section):
    sponsor: Text | None = None
    steering_group: SteeringGroup | None = None
    budget: Budget | None = None
    records: list[RecordKept] = []
    central_database: CentralDatabaseText | None = None
    data_protection: Text | None = None
    quality_control: ProcedureText | None = None
    development_links: DevelopmentLinksText | None = None
    policies: list[Policy] = []


# --- support and contacts (ISMPE 6.7, 6.8) -------------------------------------------------------


class Resource(Model):
    title: Text
    description: Text | None = None
    link: Link | None = None


class Signpost(Model):
    service: Text
    helps_with: Text | None = None
    how_to_reach: Text | None = None
    link: Link | None = None


class Contact(Model):
    """A named person or service; ``role`` for people in the programme, ``service`` for outside help."""

    id: Id
    name: Text
    role: RoleId | None = None
    service: Text | None = None
    email: Annotated[StrictStr, Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")] | None = None
    phone: Text | None = None
    hours: Text | None = None
    visibility: Visibility = "public"


class EscalationStep(Model):
    question: Text
    first_contact: Id
    then: Id | None = None
    response: Text | None = None


class Support(Section):
    resources: list[Resource] = []
    signposting: list[Signpost] = []
    contacts: list[Contact] = []
    escalation: list[EscalationStep] = []
    end_of_relationship: Text | None = None


# --- evidence register, self-assessment and plans ------------------------------------------------


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


class Plan(Model):
    """Something the programme means to put in place: what, by when, and what it will fill.

    A plan is shown in the handbook and the gap report; it never counts towards a status.
    ``field`` is a data path such as ``mismatch_policy`` or ``training.competency_framework``.
    """

    what: Text
    by: dt.date | None = None
    field: Annotated[StrictStr, Field(pattern=r"^[a-z_]+(\.[a-z_]+)*$")] | None = None
    criteria: list[CriterionRef] = []
    visibility: Visibility = "public"

    def __str__(self) -> str:
        return self.what.rstrip(".") + (f" (by {self.by.isoformat()})" if self.by else "")


class Programme(Model):
    """The whole programme: what validation builds from ``data/*.yaml``."""

    programme: Overview
    roles: list[Role] = Field(min_length=1)
    code_of_conduct: CodeOfConduct | None = None
    selection: Selection | None = None
    matching: Matching | None = None
    mismatch_policy: MismatchPolicy | None = None
    lifecycle: Lifecycle | None = None
    training: Training | None = None
    monitoring: Monitoring | None = None
    governance: Governance | None = None
    support: Support | None = None
    evidence: list[EvidenceItem] = []
    self_assessment: list[SelfAssessmentEntry] = []
    plans: list[Plan] = []
    extra_standards: list[Text] = []  # catalog files of the programme's own standards, relative to data/

    @functools.cached_property
    def _parties_by_role(self) -> dict[str, list[str]]:
        return {role.id: role.parties for role in self.roles}

    def parties_of(self, reference: str) -> list[str]:
        """The standard parties a role or party id stands for: a role's, or the party itself."""
        return self._parties_by_role.get(reference, [reference])

    def roles_playing(self, party: str) -> list[Role]:
        """The programme's roles that play a standard party."""
        return [role for role in self.roles if party in role.parties]

    def absent(self, party: str) -> AbsentParty | None:
        """The programme's statement that it genuinely has no such party, if it made one."""
        return next((entry for entry in self.programme.absent_parties if entry.party == party), None)
