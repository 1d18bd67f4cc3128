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

Each field's docstring is the help an editor shows a coordinator beside that key: what it means, in
plain words, and a last line ``Example: <value>`` giving a valid value as YAML. ``handbook schema``
reads them from this file (see :mod:`generator.schema`); importing the model does not.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictStr,
    model_validator,
)

Text = Annotated[StrictStr, Field(min_length=1)]
Id = Annotated[StrictStr, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
EvidenceId = Annotated[StrictStr, Field(pattern=r"^ev-[a-z0-9][a-z0-9-]*$", max_length=80)]
CriterionRef = Annotated[StrictStr, Field(pattern=r"^[a-z0-9-]+:[A-Za-z0-9.-]+$")]
Visibility = Literal["public", "internal", "confidential"]


def _not_yes_or_no(value: Any) -> Any:
    """Refuse a yes/no answer where a number belongs: YAML reads an unquoted yes, no, on, off, true
    or false as one, and a number field would otherwise take it as 1 or 0."""
    if isinstance(value, bool):
        raise ValueError("must be a number, not a yes/no answer (YAML reads an unquoted yes, no, on, off, true or false as one)")
    return value


def _in_sane_years(value: dt.date) -> dt.date:
    """Refuse a date no programme can mean (9999-12-01), before it breaks date arithmetic."""
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(f"must be a date between {FIRST_YEAR} and {LAST_YEAR}")
    return value


FIRST_YEAR, LAST_YEAR = 1900, 2199
Number = BeforeValidator(_not_yes_or_no)
Date = Annotated[dt.date, AfterValidator(_in_sane_years)]
Days = Annotated[int, Number, Field(ge=0, le=365)]  # working days
Hours = Annotated[float, Number, Field(gt=0, le=1000)]
PerYear = Annotated[float, Number, Field(gt=0, le=365)]  # how many times a year something happens
Minutes = Annotated[int, Number, Field(ge=1, le=6000)]


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


@dataclass(frozen=True)
class Address:
    """Marks a field that holds a link target, not text: validation checks it as one whole address
    (:func:`generator.safety.link_problem`) and templates link it with the ``link`` filter.
    ``web_only``: a web page's https:// (or http://) address, nothing else."""

    web_only: bool = False


Link = Annotated[StrictStr, Field(min_length=1), Address()]  # a web address, mailto:, tel: or a path in the site
WebLink = Annotated[StrictStr, Field(min_length=1), Address(web_only=True)]

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
    """Base for every data model: unknown keys are errors, text is trimmed, and a key written with
    nothing after it (``evidence:``, or ``null``) is a field not written yet, as if left out."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @model_validator(mode="before")
    @classmethod
    def _empty_is_not_written(cls, data: Any) -> Any:
        if isinstance(data, dict) and None in data.values():
            return {key: value for key, value in data.items() if value is not None or key not in cls.model_fields}
        return data


class Section(Model):
    """A top-level area; its visibility decides which audiences' builds may show it."""

    visibility: Visibility = "public"
    """Who may read this area: `public` (everyone, the default), `internal` (only the assessor's
    edition of the handbook) or `confidential` (never shown).

    Example: public
    """


class TextOr(Model):
    """A mapping that a plain text may stand for: the text becomes its ``main`` field.

    Printing one (``{{ item }}`` in a template) prints that text, as printing the plain text did.
    """

    main: ClassVar[str]

    def __str__(self) -> str:
        return str(getattr(self, self.main) or "")


def shorthand(model: type[TextOr]) -> BeforeValidator:
    """What lets ``Annotated[model, shorthand(model)]`` also accept a plain text for the model's
    main field (the older, simpler form)."""
    return BeforeValidator(lambda value: {model.main: value} if isinstance(value, str) else value,
                           json_schema_input_type=str | model)


class Declared(TextOr):
    """A line of text and the standard terms it declares, e.g. a selection criterion and what it looks for."""

    main: ClassVar[str] = "text"
    text: Text
    """The line itself, as readers see it: a selection or matching criterion in plain words.

    Example: Listens well and reflects on their own practice.
    """
    covers: list[CriterionTerm] = []
    """What the line looks for in the standards' terms, from the selection-criteria vocabulary. The
    assessment reads these terms, not the text, so declare only what the text really asks
    (IMA III-1).

    Example: [interpersonal-skills]
    """


class Procedure(TextOr):
    """How something is done: a summary, its steps, who owns it, and how soon or how often."""

    main: ClassVar[str] = "summary"
    summary: Text | None = None
    """What happens, in a few sentences, as participants read it.

    Example: The coordinator calls each applicant who is not selected to explain why.
    """
    steps: list[Text] = []
    """The steps, in order, one line each.

    Example: [Acknowledge the concern within two working days., Talk with each person separately.]
    """
    owner: RoleId | None = None
    """The id of the role that owns the procedure and makes sure it happens.

    Example: coordinator
    """
    within_days: Days | None = None
    """How soon it happens, in working days.

    Example: 10
    """
    times_per_year: PerYear | None = None
    """How many times a year it happens, for a procedure that repeats: 2 for twice a year.

    Example: 2
    """


class Framework(TextOr):
    """A framework the programme works from: what it is called, where it comes from, what it says."""

    main: ClassVar[str] = "description"
    name: Text | None = None
    """What the framework is called.

    Example: Developmental mentoring
    """
    source: Text | None = None
    """The research, model or body it is drawn from (ISMPE 2.2, 2.4).

    Example: David Clutterbuck and David Megginson
    """
    description: Text | None = None
    """What the framework says and how the programme uses it.

    Example: The mentor helps the mentee do things for themselves, rather than sponsoring or rescuing them.
    """


DeclaredText = Annotated[Declared, shorthand(Declared)]


class Step(TextOr):
    """One step people follow, and whom it is for when it is not for everyone."""

    main: ClassVar[str] = "text"
    text: Text
    """The step, in plain words.

    Example: Complete the short online application form.
    """
    audience: list[RoleId] = []
    """The roles the step is for, when not everyone: role ids. A leaflet shows a step only to the
    roles it is for; the handbook shows every step, saying whom each is for.

    Example: [mentor]
    """


StepText = Annotated[Step, shorthand(Step)]
ProcedureText = Annotated[Procedure, shorthand(Procedure)]
FrameworkText = Annotated[Framework, shorthand(Framework)]


# --- programme: purpose, aim, values (ISMPE 1.x, IMA I) -------------------------------------------


class Goal(Model):
    """A SMART programme goal: what, how it is measured, by when."""

    id: Id
    """A short name for the goal, in lower case with hyphens; a monitoring measure names the goal it
    tracks by it.

    Example: retention
    """
    goal: Text
    """What the programme means to achieve, in one sentence.

    Example: Mentored staff stay with the organisation.
    """
    measure: Text | None = None
    """How you will know: what is measured, and where the figures come from.

    Example: Share of mentees still employed twelve months after the programme starts, from HR data.
    """
    target: Text | None = None
    """The result that counts as success.

    Example: 85% of pairs
    """
    due: Date | None = None
    """The date by which the goal should be reached.

    Example: "2027-09-30"
    """


class ObjectiveLink(Model):
    """How the programme serves one organisational objective (ISMPE 1.4)."""

    objective: Text
    """An objective of the organisation the programme serves, as the organisation names it (ISMPE 1.4).

    Example: "People Plan 2030, priority 1: build our future workforce"
    """
    contribution: Text | None = None
    """How the programme helps meet that objective (ISMPE 1.4).

    Example: Mentoring helps apprentices and new supervisors through the points where many leave.
    """


class Distinction(Model):
    """How mentoring differs from another form of help (ISMPE 2.3); ``kind`` names that help in the standards' terms."""

    practice: Text
    """The other form of help, as you name it.

    Example: Coaching
    """
    kind: HelpingPractice | None = None
    """Which form of help it is in the standards' terms, from the helping-practices vocabulary
    (ISMPE 2.3).

    Example: coaching
    """
    difference: Text | None = None
    """How mentoring differs from it (ISMPE 1.2, 2.3).

    Example: A coach works on one skill over a short time; a mentor shares their own experience over a year.
    """


class Value(Model):
    name: Text
    """The value, in a few words (ISMPE 1.2).

    Example: Trust and confidentiality
    """
    description: Text | None = None
    """What the value means in practice.

    Example: What is said in mentoring stays in mentoring, within the limits in the code of conduct.
    """


class GlossaryEntry(Model):
    term: Text
    """The word or phrase explained.

    Example: No-fault ending
    """
    definition: Text
    """What it means in this programme, in plain words.

    Example: Ending a match early without blame and without either person having to give a reason.
    """


class Cohort(Model):
    """The cohort whose dates the handbook's timeline shows."""

    name: Text
    """The cohort's name.

    Example: Cohort 4
    """
    start_date: Date | None = None
    """The day the cohort starts; milestones given in weeks count from it.

    Example: "2026-09-14"
    """


class AbsentParty(Model):
    """A standard party the programme genuinely does not have (no line managers in a student peer scheme)."""

    party: StandardParty
    """The standard party the programme does not have, from the parties vocabulary.

    Example: line-manager
    """
    reason: Text
    """Why the programme has no such party. Criteria about that party are then not applicable, and the
    assessment gives this reason.

    Example: Our mentees are students, so there are no line managers.
    """


class Overview(Section):
    """The ``programme:`` area: who runs it, what for, for whom, and what mentoring means here."""

    name: Text
    """The programme's name, as participants know it. Required.

    Example: Riverside Peer Mentoring
    """
    organisation: Text
    """The organisation that runs the programme. Required.

    Example: Riverside College
    """
    summary: Text | None = None
    """A short welcome: what the programme offers, in a few sentences for someone new to it.

    Example: We pair you with an experienced colleague from another part of the business for a year.
    """
    aim: Text | None = None
    """The programme's aim, in a sentence or two.

    Example: To help people grow in confidence and skill, and to pass on what our experienced people know.
    """
    purpose: Text | None = None
    """The published statement of why the programme exists (ISMPE 1.1).

    Example: To give staff a confidential space, outside their reporting line, to think about their growth.
    """
    organisational_objectives: list[ObjectiveLink] = []
    """The organisation's objectives the programme serves, each with how it contributes (ISMPE 1.4).

    Example: [{objective: Keep critical knowledge in the business, contribution: Mentors pass on what is not written down.}]
    """
    target_audience: Text | None = None
    """Who the programme is for: who can be a mentee, and who a mentor (ISMPE 1.7).

    Example: Any colleague with at least six months' service who wants to develop.
    """
    why_mentoring: Text | None = None
    """Why mentoring, rather than another kind of development, suits the programme's purpose
    (ISMPE 1.9, IMA I-1).

    Example: What people told us they were missing was someone to think things through with.
    """
    goals: list[Goal] = []
    """The programme's goals, each with how it is measured, its target and when it is due (ISMPE 1.8,
    4.1).

    Example: [{id: retention, goal: Mentored staff stay with us., target: 90% of mentees, due: "2027-09-30"}]
    """
    definition: Text | None = None
    """What mentoring means in this programme (ISMPE 1.2).

    Example: A confidential, voluntary relationship in which a more experienced colleague helps you grow.
    """
    distinctions: list[Distinction] = []
    """How mentoring differs from other forms of help, such as coaching, counselling and tutoring
    (ISMPE 1.2, 2.3).

    Example: [{practice: Counselling, kind: counselling, difference: Mentors are not counsellors.}]
    """
    mentoring_is_not: list[Text] = []
    """What mentoring here is not, one line each (ISMPE 1.2).

    Example: [Counselling or therapy., A route to promotion.]
    """
    values: list[Value] = []
    """The programme's values (ISMPE 1.2).

    Example: [{name: Free choice, description: Taking part is voluntary.}]
    """
    voluntary: StrictBool | None = None
    """Whether taking part is voluntary: true or false (ISMPE 3.2). Never assumed: until you say so,
    the handbook does not claim it.

    Example: true
    """
    stakeholder_engagement: Text | None = None
    """How stakeholders discussed the purpose and values, and how they could influence them
    (ISMPE 1.3).

    Example: We reviewed the purpose and values with past mentors, mentees and line managers in 2025.
    """
    cohort: Cohort | None = None
    """The cohort whose dates the handbook's timeline shows.

    Example: {name: Cohort 4, start_date: "2026-09-14"}
    """
    website: Link | None = None
    """The programme's web address.

    Example: https://mentoring.example.org/
    """
    glossary: list[GlossaryEntry] = []
    """Words the handbook uses, each with what it means here.

    Example: [{term: Mentee, definition: The colleague being mentored.}]
    """
    absent_parties: list[AbsentParty] = []
    """Standard parties the programme genuinely does not have, each with the reason; criteria about
    them are then not applicable.

    Example: [{party: line-manager, reason: Our mentees are students and have no line managers.}]
    """


# --- roles (ISMPE 6.1, IMA II-1) -----------------------------------------------------------------


class Role(Model):
    """A role in the programme; ``plays`` names the standard parties it stands for."""

    id: Id
    """A short name for the role, in lower case with hyphens; other fields name the role by it. The
    role also plays the standard party of the same name: a role called mentor plays mentor.

    Example: mentor
    """
    title: Text
    """The role's name, as people read it.

    Example: Programme coordinator
    """
    plays: list[StandardParty] = []
    """The standard parties this role stands for, besides its own id, from the parties vocabulary: a
    role called principal plays line-manager only if it says so.

    Example: [line-manager]
    """
    summary: Text | None = None
    """What the role is, in a sentence or two.

    Example: Runs the programme day to day and is the first point of contact.
    """
    responsibilities: list[Text] = []
    """What someone in the role does, one line each (ISMPE 1.6, 6.1, IMA II-1).

    Example: [Meet your mentee once a month., Keep your mentee's confidence.]
    """
    requirements: list[Text] = []
    """What someone needs to take on the role, one line each.

    Example: [At least three years at the organisation.]
    """
    hours_per_month: Hours | None = None
    """How many hours a month the role takes, on average (IMA II-2 for the coordinator, IMA IV-3 for
    mentors).

    Example: 3
    """
    time_commitment: Text | None = None
    """The time the role takes, in words.

    Example: About three hours a month for a meeting, preparation and supervision.
    """
    reports_to: RoleId | None = None
    """The id of the role this role reports to (IMA I-4).

    Example: coordinator
    """
    assessed_by: Text | None = None
    """How, and by whom, someone's work in the role is reviewed (ISMPE 6.1 for the coordinator).

    Example: An annual review with the Head of Learning and Development.
    """
    benefits: list[Text] = []
    """What someone gains from the role, one line each (IMA II-1; ISMPE 2.10 for line managers).

    Example: [Better listening and questioning skills.]
    """

    @property
    def parties(self) -> list[str]:
        """The standard parties this role plays: those under ``plays``, and its own id (a role
        called ``mentor`` plays mentor; a ``principal`` plays line-manager only if it says so)."""
        return list(dict.fromkeys([*self.plays, self.id]))


# --- code of conduct (ISMPE 5.x, IMA I-7) --------------------------------------------------------


class PartyExpectations(Model):
    party: PartyId
    """Whose expectations these are: a role id, or a standard party such as line-manager or
    organisation.

    Example: mentor
    """
    expectations: list[Text] = []
    """What is expected of that party, one line each (ISMPE 1.6, IMA I-7).

    Example: [Keep what your mentee tells you confidential.]
    """


class Confidentiality(Model):
    """What stays confidential, its limits, and whether mentoring can feed decisions about people."""

    statement: Text | None = None
    """What stays confidential, in plain words (IMA I-7).

    Example: What you say in mentoring stays between you and your mentor.
    """
    limits: list[Text] = []
    """When confidentiality must be broken, one line each (IMA I-7).

    Example: [Someone is at risk of serious harm.]
    """
    used_for_employment_decisions: StrictBool | None = None
    """Whether mentoring conversations or records may be used in appraisal, pay, promotion,
    disciplinary or other employment decisions: true or false. IMA V-5 asks that they are not.

    Example: false
    """


class InterestRank(TextOr):
    """One place in the hierarchy of interests, and which interest it is (mentee, pair, organisation)."""

    main: ClassVar[str] = "text"
    text: Text
    """This place in the order, as readers see it.

    Example: The mentee
    """
    interest: Interest | None = None
    """Which interest this place is, from the interests vocabulary (ISMPE 5.5).

    Example: mentee
    """


InterestRankText = Annotated[InterestRank, shorthand(InterestRank)]


class HierarchyOfInterests(Model):
    order: list[InterestRankText] = []
    """Whose interests come first when they pull apart, most important first (ISMPE 5.5).

    Example: [{text: The mentee, interest: mentee}, {text: The mentoring pair, interest: pair}]
    """
    explanation: Text | None = None
    """What the order means in practice, ideally with an example.

    Example: If your mentee thinks of a job elsewhere, help them think it through; do not talk them out of it.
    """


class BreachProcess(Model):
    how_to_report: Text | None = None
    """How to report a possible breach of the code, and to whom (ISMPE 5.4).

    Example: Tell the coordinator by email, phone or in person.
    """
    procedure: list[Text] = []
    """What happens after a report, one step per line (ISMPE 5.4).

    Example: [The coordinator acknowledges the concern within two working days.]
    """
    response_days: Days | None = None
    """The most working days a response takes (ISMPE 5.4 asks for no more than 20).

    Example: 5
    """
    handled_by: RoleId | None = None
    """The id of the role that handles reports of breaches (ISMPE 5.4).

    Example: coordinator
    """


class CodeOfConduct(Section):
    parties: list[PartyId] = []
    """Who the code covers: role ids or standard parties, with organisation for the organisation itself
    (ISMPE 5.1).

    Example: [mentor, mentee, line-manager, organisation]
    """
    expectations: list[PartyExpectations] = []
    """What the code expects of each party (ISMPE 1.6, IMA I-7).

    Example: [{party: mentee, expectations: [Lead the relationship.]}]
    """
    boundaries: list[Text] = []
    """The limits of the relationship, one line each (ISMPE 5.1, IMA I-7).

    Example: [No gifts beyond a coffee.]
    """
    confidentiality: Confidentiality | None = None
    """What stays confidential, its limits, and whether mentoring can feed decisions about people
    (IMA I-7, V-5).

    Example: {statement: What you say stays between you and your mentor., used_for_employment_decisions: false}
    """
    hierarchy_of_interests: HierarchyOfInterests | None = None
    """Whose interests come first when they conflict, and what that means (ISMPE 5.5).

    Example: {order: [The mentee, The mentoring pair, The organisation]}
    """
    breaches: BreachProcess | None = None
    """How a breach of the code is reported and handled (ISMPE 5.4).

    Example: {how_to_report: Tell the coordinator., response_days: 5, handled_by: coordinator}
    """
    monitoring: ProcedureText | None = None
    """How you check that the code is kept: a text, or a procedure with steps and an owner (ISMPE 5.3).

    Example: {summary: Every review asks whether the code has been kept., owner: coordinator}
    """
    discussion: Text | None = None
    """How the code is discussed with everyone it covers, so that they understand it (ISMPE 5.2).

    Example: Mentors work through the code with case examples in the foundation workshop.
    """


# --- selection and matching (ISMPE 3.x, IMA III) -------------------------------------------------


class Disqualifications(Model):
    mentors: list[Text] = []
    """What rules someone out as a mentor, one line each.

    Example: [Being in the mentee's line of management.]
    """
    mentees: list[Text] = []
    """What rules someone out as a mentee, or ends their place, one line each.

    Example: [A serious breach of the code of conduct.]
    """


class Interview(TextOr):
    """The selection interview, and whether it is formal: guided by the selection criteria (IMA III-2)."""

    main: ClassVar[str] = "summary"
    summary: Text | None = None
    """What the selection interview or conversation covers.

    Example: Mentors have a 30-minute conversation with the coordinator about the mentor criteria.
    """
    formal: StrictBool | None = None
    """Whether it is a formal interview, guided by the selection criteria: true or false (IMA III-2).

    Example: true
    """


InterviewText = Annotated[Interview, shorthand(Interview)]


class Selection(Section):
    mentor_criteria: list[DeclaredText] = []
    """What the programme looks for in a mentor, one criterion per line; each may declare what it
    covers (ISMPE 3.1, IMA III-1).

    Example: [{text: Listens well and reflects on their own practice., covers: [interpersonal-skills]}]
    """
    mentee_criteria: list[DeclaredText] = []
    """What the programme looks for in a mentee, one criterion per line; each may declare what it
    covers (ISMPE 3.1).

    Example: [Has a development goal that mentoring can help with.]
    """
    application: list[StepText] = []
    """How to apply, step by step; a step for some roles only says which (audience).

    Example: [Complete the short online application form., {text: A 30-minute conversation with the coordinator., audience: [mentor]}]
    """
    interview: InterviewText | None = None
    """The selection interview or conversation: a text, or what it covers and whether it is formal
    (IMA III-2).

    Example: {summary: A 30-minute conversation with the coordinator., formal: true}
    """
    decided_by: RoleId | None = None
    """The id of the role that decides who is selected.

    Example: coordinator
    """
    feedback_to_unsuccessful: ProcedureText | None = None
    """How applicants who are not selected hear why: a text, or a procedure with its owner and how soon
    (ISMPE 3.7 asks for a named role, within 20 working days).

    Example: {summary: The coordinator calls you to explain why., owner: coordinator, within_days: 10}
    """
    disqualifications: Disqualifications | None = None
    """What rules out a mentor or a mentee.

    Example: {mentors: [Being in the mentee's line of management.]}
    """
    flexibility: Text | None = None
    """How far the criteria can bend, and who can make exceptions.

    Example: The coordinator can make exceptions, which are recorded and reported to the steering group.
    """


class Matching(Section):
    criteria: list[DeclaredText] = []
    """What pairs are matched on, one criterion per line; each may declare what it covers (ISMPE 3.3,
    3.8, IMA III-2).

    Example: [{text: What the mentee wants to learn., covers: [mentee-needs]}]
    """
    process: list[Text] = []
    """How matching happens, step by step (IMA III-2).

    Example: [The coordinator shortlists two or three mentors for each mentee., The mentee ranks the shortlist.]
    """
    needs_assessment: ProcedureText | None = None
    """How each mentee's needs are found out before matching: a text, or a procedure (ISMPE 3.3).

    Example: {summary: The application form and a conversation with the coordinator., owner: coordinator}
    """
    participant_influence: Text | None = None
    """How mentors and mentees influence who they are matched with (ISMPE 3.4).

    Example: Mentees rank a shortlist of mentors, and mentors can decline any match.
    """
    has_a_say: list[PartyId] = []
    """Who has a say in who they are matched with: role ids or standard parties (ISMPE 3.4).

    Example: [mentee, mentor]
    """
    experience_gap: Text | None = None
    """How you make sure the mentor has experience the mentee can learn from (ISMPE 3.8).

    Example: We look for a mentor who has been where the mentee wants to go.
    """
    review: ProcedureText | None = None
    """How, and how often, you check that matches are working: a text, or a procedure (ISMPE 3.6 asks
    for at least twice a year).

    Example: {summary: Checked at the week-8 review and the mid-point., owner: coordinator, times_per_year: 2}
    """


class MismatchStep(Model):
    action: Text
    """What is done at this step.

    Example: Listen to each person separately and in confidence.
    """
    who: RoleId | None = None
    """The id of the role that does it.

    Example: coordinator
    """
    within_days: Days | None = None
    """How soon, in working days.

    Example: 5
    """


class MismatchPolicy(Section):
    warning_signs: list[Text] = []
    """Signs that a match is not working, one line each.

    Example: [Meetings keep being cancelled or moved.]
    """
    no_fault_exit: Text | None = None
    """How either person can end a match without blame (ISMPE 3.5).

    Example: Either of you can end the match at any time, without giving a reason.
    """
    steps: list[MismatchStep] = []
    """What happens when a match is not working, step by step, with who acts and how soon (IMA III-3).

    Example: [{action: Listen to each person separately., who: coordinator, within_days: 5}]
    """
    response_days: Days | None = None
    """The most working days a first response to a concern about a match takes (IMA III-3 asks for no
    more than 10).

    Example: 5
    """
    rematching: Text | None = None
    """What happens after a match ends: a new match, or a place in a later cohort.

    Example: We offer a new match from the trained pool within four weeks.
    """
    contact: Id | None = None
    """Who to contact about a match that is not working: the id of one of the support contacts.

    Example: programme-coordinator
    """


# --- relationship lifecycle (ISMPE 1.5, 6.6, IMA V-4) --------------------------------------------

MilestoneKind = Literal["first-meeting", "suitability-review", "mid-point", "ending", "review", "other"]


class Milestone(Model):
    id: Id
    """A short name for the milestone, in lower case with hyphens.

    Example: mid-point-review
    """
    title: Text
    """The milestone's name, as participants read it.

    Example: Mid-point review
    """
    kind: MilestoneKind = "other"
    """What kind of milestone it is: first-meeting, suitability-review ("are we suited?"), mid-point,
    ending, review or other (the default). The assessment reads it.

    Example: mid-point
    """
    week: Annotated[int, Number, Field(ge=0, le=260)] | None = None
    """When it falls, in weeks after the cohort starts. Give a week or a date, not both.

    Example: 26
    """
    date: Date | None = None
    """When it falls, as a date. Give a week or a date, not both.

    Example: "2027-09-16"
    """
    description: Text | None = None
    """What happens at the milestone.

    Example: Look back at your goals together, and give each other feedback.
    """
    development_criteria: list[Text] = []
    """How far the mentee should have developed by this milestone: what they can do, and at what level,
    not tasks to finish by then (IMA V-4).

    Example: [Can name two or three learning goals and how they will know they have reached them.]
    """
    reminder: StrictBool | None = None
    """Whether participants are reminded of the milestone: true or false (ISMPE 6.6).

    Example: true
    """


class Lifecycle(Section):
    duration_months: Annotated[int, Number, Field(ge=1, le=60)] | None = None
    """How long a mentoring relationship lasts, in months.

    Example: 12
    """
    meeting_frequency: Text | None = None
    """How often pairs meet, in words.

    Example: Once a month, in work time.
    """
    meeting_minutes: Annotated[int, Number, Field(ge=5, le=600)] | None = None
    """How long a meeting usually lasts, in minutes.

    Example: 90
    """
    goal_setting: Text | None = None
    """How each pair sets the mentee's own learning goals (ISMPE 1.5, IMA V-1).

    Example: In the first few meetings the mentee works out two or three learning goals.
    """
    learning_log: Text | None = None
    """How participants are encouraged to keep a personal learning log (ISMPE 6.3).

    Example: We encourage you to write a few notes after each meeting about what you learned.
    """
    milestones: list[Milestone] = []
    """The key points of a relationship, such as the first meeting, reviews, the mid-point and the
    ending (ISMPE 1.8, 6.6, IMA V-4).

    Example: [{id: first-meeting, title: First meeting, kind: first-meeting, week: 2, reminder: true}]
    """
    first_meeting: list[Text] = []
    """What to do at the first meeting, one item per line.

    Example: [Talk about what the mentee hopes to get from the year., Agree how often you will meet.]
    """
    ending: Text | None = None
    """How a relationship ends well.

    Example: In your last meetings, look back at your goals and plan what the mentee will do next.
    """


# --- training (ISMPE 2.x, IMA IV) ----------------------------------------------------------------


class TopicCovered(TextOr):
    """A topic from the standards that a session covers, with the minutes spent on it if known."""

    main: ClassVar[str] = "topic"
    topic: TrainingTopic
    """A topic the session covers, from the training-topics vocabulary.

    Example: confidentiality
    """
    minutes: Minutes | None = None
    """How many minutes the session spends on the topic, if known (ISMPE 2.7 and 2.8 ask for depth).

    Example: 60
    """


TopicCoveredText = Annotated[TopicCovered, shorthand(TopicCovered)]


class TrainingSession(Model):
    id: Id
    """A short name for the session, in lower case with hyphens.

    Example: mentor-foundation
    """
    title: Text
    """The session's name.

    Example: Mentor foundation workshop
    """
    stage: Literal["initial", "ongoing"] | None = None
    """When the session comes: initial (before or as relationships start) or ongoing (during them).

    Example: initial
    """
    audience: list[RoleId] = []
    """Who the session is for: role ids (ISMPE 2.1, 2.10).

    Example: [mentor]
    """
    mandatory: StrictBool | None = None
    """Whether the session is compulsory for its audience: true or false. Never assumed.

    Example: true
    """
    duration_hours: Hours | None = None
    """How long the session lasts, in hours.

    Example: 6.5
    """
    topics: list[Text] = []
    """What the session covers, as participants read it, one line each.

    Example: [Confidentiality and its limits with case studies.]
    """
    covers: list[TopicCoveredText] = []
    """The standards' training topics the session covers, from the training-topics vocabulary, each
    with the minutes spent on it if known. The assessment reads these, not the topics text
    (ISMPE 2.5).

    Example: [boundaries, {topic: confidentiality, minutes: 60}]
    """
    outcomes: list[Text] = []
    """What participants can do after the session, one line each.

    Example: [Use listening and questioning skills to help a mentee think for themselves.]
    """
    includes_practice: StrictBool | None = None
    """Whether participants practise the skills in the session, not only hear about them: true or false
    (ISMPE 2.9).

    Example: true
    """
    when: Text | None = None
    """When and where the session happens.

    Example: Before matching, on 1 or 3 September at the training centre.
    """
    dates: list[Date] = []
    """The days the session runs, once they are set: one per date it is offered (a session offered on
    two days, of which each person attends one, has two). They go in the cohort calendar.

    Example: ["2026-09-01", "2026-09-03"]
    """


class Trainer(Model):
    """Someone who trains or supervises, and the expertise ISMPE 2.14 asks trainers to have."""

    name: Text
    """The trainer's name.

    Example: Dr Anita Rao
    """
    expertise: list[TrainerExpertise] = []
    """The trainer's expertise, from the trainer-expertise vocabulary (ISMPE 2.14).

    Example: [mentoring-role-experience, mentoring-knowledge]
    """
    summary: Text | None = None
    """A short profile of the trainer.

    Example: Independent mentoring supervisor who has mentored and been mentored for fifteen years.
    """


class Competencies(Model):
    """The competencies a party's training is built on (ISMPE 2.4)."""

    party: PartyId
    """Whose competencies these are: a role id or a standard party (ISMPE 2.4).

    Example: mentor
    """
    competencies: list[Text] = []
    """The competencies, one line each.

    Example: [Listens actively and asks open questions.]
    """


class Instrument(Model):
    """A diagnostic instrument used to build understanding of self and each other (ISMPE 2.6)."""

    name: Text
    """The instrument's name.

    Example: Strengths questionnaire
    """
    used_for: Text | None = None
    """What it helps people understand.

    Example: Understanding your own strengths and your partner's.
    """
    completed_by: list[RoleId] = []
    """Who fills it in to understand themselves: role ids. When mentors and mentees both do, they
    understand each other too (ISMPE 2.6).

    Example: [mentor, mentee]
    """


class Training(Section):
    conceptual_framework: FrameworkText | None = None
    """The model of mentoring the training is built on: its name, where it comes from and what it says
    (ISMPE 2.2).

    Example: {name: Developmental mentoring, source: David Clutterbuck and David Megginson}
    """
    competency_framework: FrameworkText | None = None
    """The competencies the training develops: its name, where it comes from and what it says
    (ISMPE 2.4).

    Example: {name: Mentor competency framework, source: The organisation's leadership framework}
    """
    competencies: list[Competencies] = []
    """The competencies each party's training is built on (ISMPE 2.4).

    Example: [{party: mentor, competencies: [Listens actively.]}]
    """
    cultural_fit: Text | None = None
    """How the training suits the organisation's culture and its people (ISMPE 2.11).

    Example: Workshops run at depots and online, at times that suit shift workers.
    """
    sessions: list[TrainingSession] = []
    """The training sessions, initial and ongoing.

    Example: [{id: mentee-workshop, title: Mentee workshop, stage: initial, audience: [mentee]}]
    """
    diagnostics: Text | None = None
    """How training builds understanding of self and of each other (ISMPE 2.6).

    Example: Mentors and mentees complete a strengths questionnaire and discuss it at their first meeting.
    """
    instruments: list[Instrument] = []
    """Diagnostic instruments used to build understanding of self and each other (ISMPE 2.6).

    Example: [{name: Strengths questionnaire, completed_by: [mentor, mentee]}]
    """
    trainers: list[Trainer] = []
    """The people who train or supervise, and their expertise (ISMPE 2.14).

    Example: [{name: Dr Anita Rao, expertise: [mentoring-knowledge]}]
    """
    trainer_expertise: Text | None = None
    """The trainers' experience and expertise, in words (ISMPE 2.14).

    Example: The supervision lead has mentored and been mentored for fifteen years.
    """
    support_for_struggling_mentors: ProcedureText | None = None
    """How mentors who find the core skills hard are noticed and supported: a text, or a procedure
    (ISMPE 2.15).

    Example: {summary: The trainer offers a private conversation and extra practice., owner: trainer}
    """
    participant_influence: Text | None = None
    """How participants and stakeholders shape future training (ISMPE 2.16).

    Example: Every session ends with an evaluation form, and supervision groups choose their own topics.
    """
    quality_review: ProcedureText | None = None
    """How the quality of training is reviewed and improved: a text, or a procedure (ISMPE 2.17).

    Example: {summary: The trainers act on session evaluations., owner: trainer, within_days: 10}
    """


# --- monitoring and evaluation (ISMPE 4.x, IMA VI) -----------------------------------------------


class MonitoringMethod(Model):
    name: Text
    """The method's name.

    Example: Mid-point review conversations
    """
    frequency: Text | None = None
    """How often it runs, in words.

    Example: Once, around week 26
    """
    times_per_year: PerYear | None = None
    """How many times a year it runs.

    Example: 2
    """
    run_by: RoleId | None = None
    """The id of the role that runs it.

    Example: coordinator
    """
    participants: list[RoleId] = []
    """Who takes part: role ids (ISMPE 4.6, IMA VI-1).

    Example: [mentor, mentee]
    """
    checks: list[MonitoringCheck] = []
    """What the method checks, from the monitoring-checks vocabulary (ISMPE 1.5, 4.1, 5.3).

    Example: [goal-progress, match-quality]
    """
    description: Text | None = None
    """What happens, in a sentence or two.

    Example: A 15-minute conversation with each person about progress towards their goals.
    """


class Measure(Model):
    name: Text
    """What is measured.

    Example: Share of pairs meeting at least monthly
    """
    kind: Literal["process", "outcome"] | None = None
    """Whether it measures how the programme runs (process) or what it achieves (outcome) (ISMPE 4.4).

    Example: outcome
    """
    level: Literal["programme", "relationship"] | None = None
    """Whether it is measured for the whole programme or for each relationship (ISMPE 4.5).

    Example: relationship
    """
    goal: Id | None = None
    """The id of the programme goal the measure tracks (ISMPE 4.1).

    Example: retention
    """


class ReviewMeeting(Model):
    name: Text
    """The meeting's name.

    Example: Steering group progress review
    """
    with_whom: list[Text] = []
    """Who takes part, as you describe them, one line each.

    Example: [Programme sponsor, Programme coordinator]
    """
    attended_by: list[PartyId] = []
    """Who takes part: role ids or standard parties (ISMPE 4.6, 4.8).

    Example: [sponsor, coordinator]
    """
    frequency: Text | None = None
    """How often it meets, in words.

    Example: Quarterly
    """
    times_per_year: PerYear | None = None
    """How many times a year it meets.

    Example: 4
    """


class Evaluation(TextOr):
    """The programme's evaluation: how often, and whether it includes an external review."""

    main: ClassVar[str] = "summary"
    summary: Text | None = None
    """How the programme is evaluated, in a few sentences.

    Example: The coordinator writes an evaluation report at the end of each cohort.
    """
    times_per_year: PerYear | None = None
    """How many times a year the programme is evaluated (IMA VI-1 asks for at least once).

    Example: 1
    """
    external_review: StrictBool | None = None
    """Whether the evaluation includes a review by someone outside the programme: true or false
    (IMA VI-1).

    Example: false
    """
    shared_with: list[PartyId] = []
    """Who receives the evaluation's results: role ids or standard parties (IMA VI-1).

    Example: [mentor, mentee, sponsor]
    """


EvaluationText = Annotated[Evaluation, shorthand(Evaluation)]


class Monitoring(Section):
    methods: list[MonitoringMethod] = []
    """How the programme is monitored: each method, how often, who runs it and what it checks.

    Example: [{name: Check-in survey, times_per_year: 2, run_by: coordinator, checks: [match-quality]}]
    """
    measures: list[Measure] = []
    """What is measured, each linked to a programme goal where it can be (ISMPE 4.1, 4.4, 4.5).

    Example: [{name: Mentee retention at twelve months, kind: outcome, level: programme, goal: retention}]
    """
    feedback_access: Text | None = None
    """Who sees feedback from reviews and surveys, and in what form.

    Example: Individual answers are seen only by the coordinator; the steering group sees anonymised totals.
    """
    participant_role: Text | None = None
    """What mentors and mentees are asked to do for monitoring and evaluation.

    Example: We ask you to take part in the week-8 review, two short check-ins and the end-of-programme survey.
    """
    pair_feedback: Text | None = None
    """How mentors and mentees give each other feedback on how they are doing in their roles
    (ISMPE 4.2).

    Example: At the mid-point and the final meeting, pairs use a set of prompts to give each other feedback.
    """
    review_meetings: list[ReviewMeeting] = []
    """Meetings that review feedback and progress, and who attends them (ISMPE 4.6, 4.8).

    Example: [{name: Sponsor review, attended_by: [sponsor, coordinator], times_per_year: 2}]
    """
    theme_analysis: Text | None = None
    """How feedback is analysed for recurring themes, and where the themes go (ISMPE 4.7).

    Example: Each quarter the coordinator sorts all comments into themes and reports them to the steering group.
    """
    improvements: Text | None = None
    """What has changed as a result of feedback and evaluation (ISMPE 4.9).

    Example: The suitability review moved from week 12 to week 8 after pairs asked for it.
    """
    best_practice_review: Text | None = None
    """How the programme learns from good practice elsewhere (ISMPE 4.3).

    Example: The coordinator takes part in a regional mentoring network each quarter.
    """
    evaluation: EvaluationText | None = None
    """The programme's evaluation: a text, or how often it runs, whether it includes an external review
    and who receives its results (IMA VI-1).

    Example: {summary: A report at the end of each cohort., times_per_year: 1, external_review: false}
    """


# --- governance and administration (ISMPE 6.x, IMA II) -------------------------------------------


class SteeringObjective(TextOr):
    """One of the steering group's objectives, and the duties from the standards it declares."""

    main: ClassVar[str] = "text"
    text: Text
    """The objective, as readers see it.

    Example: Promote the programme across the organisation.
    """
    covers: list[SteeringDuty] = []
    """The steering group duties it declares, from the steering-group-duties vocabulary.

    Example: [publicising]
    """


SteeringObjectiveText = Annotated[SteeringObjective, shorthand(SteeringObjective)]


class SteeringGroup(Model):
    members: list[Text] = []
    """Who sits on the steering group, one line each (IMA II-2).

    Example: [Head of Learning and Development (chair), One mentor and one mentee from the last cohort]
    """
    objectives: list[SteeringObjectiveText] = []
    """What the steering group is for, one objective per line; each may declare the duties it covers.

    Example: [{text: Request and analyse quarterly reports., covers: [reports]}]
    """
    meets: Text | None = None
    """How often and when it meets, in words.

    Example: Quarterly, for two hours
    """
    times_per_year: PerYear | None = None
    """How many times a year it meets.

    Example: 4
    """


class Budget(Model):
    amount: Annotated[float, Number, Field(ge=0)]
    """How much the programme has to spend, as a number without the currency sign (ISMPE 6.4,
    IMA II-2).

    Example: 41800
    """
    currency: Annotated[StrictStr, Field(pattern=r"^[A-Z]{3}$")]
    """The currency, as its three-letter code.

    Example: GBP
    """
    period: Text | None = None
    """The period the budget covers.

    Example: Financial year 2026/27
    """
    administered_by: RoleId | None = None
    """The id of the role that manages the budget (ISMPE 6.4).

    Example: coordinator
    """
    covers: list[Text] = []
    """What the budget pays for, one line each.

    Example: [Trainer and supervision fees, Venues and travel for training]
    """
    visibility: Visibility = "internal"
    """Who may read the budget: `public` (everyone), `internal` (only the assessor's edition, the
    default) or `confidential` (never shown).

    Example: internal
    """


class RecordKept(Model):
    record: Text
    """The record, in a few words.

    Example: Match register
    """
    kept_by: RoleId | None = None
    """The id of the role that keeps it.

    Example: coordinator
    """
    who_can_see: list[Text] = []
    """Who can see it, one line each.

    Example: [Coordinator, Deputy coordinator]
    """
    retention: Text | None = None
    """How long it is kept, and what happens to it then.

    Example: Three years after the match ends, then securely deleted.
    """


class Policy(Model):
    name: Text
    """The policy's name.

    Example: Mentoring privacy notice
    """
    kind: PolicyKind | None = None
    """What kind of policy it is, from the policy-kinds vocabulary.

    Example: data-protection
    """
    owner: RoleId | None = None
    """The id of the role that owns and reviews the policy.

    Example: coordinator
    """
    review_due: Date | None = None
    """When the policy's next review is due; the assessment points out a review that is overdue.

    Example: "2027-06-30"
    """
    summary: Text | None = None
    """What the policy covers, in a sentence.

    Example: What personal information the programme holds, why, and for how long.
    """
    evidence: Id | None = None
    """The id of the evidence item that holds the policy, from the evidence register.

    Example: ev-privacy-notice
    """


class CentralDatabase(TextOr):
    """The central record of relationships (ISMPE 6.2), and what it tracks."""

    main: ClassVar[str] = "summary"
    summary: Text | None = None
    """What the central record of relationships is, and how it is used (ISMPE 6.2).

    Example: A restricted list that records each pair's milestones and how the match ended.
    """
    tracks: list[RecordContent] = []
    """What it tracks, from the record-contents vocabulary (ISMPE 6.2).

    Example: [progress, outcomes, matches]
    """


CentralDatabaseText = Annotated[CentralDatabase, shorthand(CentralDatabase)]


class DevelopmentLinks(TextOr):
    """How mentoring links to other development (appraisal, development plans, CPD), and for whom (ISMPE 6.5)."""

    main: ClassVar[str] = "summary"
    summary: Text | None = None
    """How mentoring links to appraisal, development plans and other development (ISMPE 6.5).

    Example: You can bring your mentoring goals into your appraisal, if you choose.
    """
    parties: list[PartyId] = []
    """Whose mentoring links to other development: role ids or standard parties (ISMPE 6.5).

    Example: [mentor, mentee]
    """


DevelopmentLinksText = Annotated[DevelopmentLinks, shorthand(DevelopmentLinks)]


class Governance(Section):
    sponsor: Text | None = None
    """Who sponsors the programme, and what they do for it (IMA I-4, II-1).

    Example: The Director of People, who secures the budget and reviews results twice a cohort.
    """
    steering_group: SteeringGroup | None = None
    """The group that oversees the programme: its members, objectives and meetings (IMA II-2).

    Example: {members: [Head of Learning and Development (chair)], times_per_year: 4}
    """
    budget: Budget | None = None
    """The programme's budget (ISMPE 6.4, IMA II-2).

    Example: {amount: 41800, currency: GBP, administered_by: coordinator}
    """
    records: list[RecordKept] = []
    """The records the programme keeps: who keeps each, who can see it and for how long (IMA V-3).

    Example: [{record: Match register, kept_by: coordinator, retention: Three years}]
    """
    central_database: CentralDatabaseText | None = None
    """The central record of relationships, and what it tracks (ISMPE 6.2).

    Example: {summary: The match register records each pair's milestones., tracks: [progress, matches]}
    """
    data_protection: Text | None = None
    """How participants' personal information is protected, in plain words.

    Example: We use your personal information only to run the programme.
    """
    quality_control: ProcedureText | None = None
    """The documented quality control process: a text, or a procedure with steps and an owner
    (ISMPE 6.9).

    Example: {summary: The coordinator works through the quality checklist at each stage., owner: coordinator}
    """
    development_links: DevelopmentLinksText | None = None
    """How mentoring links to other development, and for whom (ISMPE 6.5).

    Example: {summary: Mentees may bring their mentoring goals into appraisal., parties: [mentee]}
    """
    policies: list[Policy] = []
    """The policies that apply to the programme, each with its kind, owner and review date.

    Example: [{name: Code of conduct, kind: code-of-conduct, owner: coordinator, review_due: "2027-08-31"}]
    """


# --- support and contacts (ISMPE 6.7, 6.8) -------------------------------------------------------


class Resource(Model):
    title: Text
    """The resource's name.

    Example: First meeting guide
    """
    description: Text | None = None
    """What it is, and when to use it.

    Example: A two-page guide to your first meeting.
    """
    link: Link | None = None
    """Where to find it: an https:// address, a mailto: or tel: link, or a path within the site.

    Example: https://mentoring.example.org/first-meeting-guide
    """


class Signpost(Model):
    service: Text
    """The service's name (ISMPE 6.8).

    Example: Employee Assistance Programme
    """
    helps_with: Text | None = None
    """What it helps with.

    Example: Free, confidential support with stress, money worries and family matters.
    """
    how_to_reach: Text | None = None
    """How to reach it.

    Example: Call 0808 157 0246, any time.
    """
    link: Link | None = None
    """Where to find it: an https:// address, a mailto: or tel: link, or a path within the site.

    Example: tel:+448081570246
    """


class Contact(Model):
    """A named person or service; ``role`` for people in the programme, ``service`` for outside help."""

    id: Id
    """A short name for the contact, in lower case with hyphens; the escalation table and the mismatch
    policy name contacts by it.

    Example: programme-coordinator
    """
    name: Text
    """The person's or the service's name.

    Example: Helen Okafor
    """
    role: RoleId | None = None
    """For a person in the programme: the id of their role. Give a role or a service, not both.

    Example: coordinator
    """
    service: Text | None = None
    """For help from outside the programme: what the service is. Give a role or a service, not both.

    Example: Independent, confidential advice and counselling for staff
    """
    email: Annotated[StrictStr, Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")] | None = None
    """Their email address (ISMPE 6.7).

    Example: mentoring@example.org
    """
    phone: Text | None = None
    """Their phone number, in quotes so that it stays text (ISMPE 6.7).

    Example: "0117 496 0314"
    """
    hours: Text | None = None
    """When they can be reached.

    Example: Monday to Wednesday, 8am to 4pm
    """
    visibility: Visibility = "public"
    """Who may see this contact: `public` (everyone, the default), `internal` (only the assessor's
    edition) or `confidential` (never shown).

    Example: public
    """


class EscalationStep(Model):
    question: Text
    """The kind of problem, as someone would put it (ISMPE 6.7).

    Example: I don't think we are a good match
    """
    first_contact: Id
    """Who to go to first: the id of one of the contacts.

    Example: programme-coordinator
    """
    then: Id | None = None
    """Who to go to next, if needed: the id of one of the contacts.

    Example: hr-business-partner
    """
    response: Text | None = None
    """What happens, and how soon.

    Example: The coordinator talks with each of you within five working days.
    """


class Support(Section):
    resources: list[Resource] = []
    """Guides, templates and other help for participants (ISMPE 6.7).

    Example: [{title: First meeting guide, link: https://mentoring.example.org/first-meeting}]
    """
    signposting: list[Signpost] = []
    """Services for needs that mentoring cannot meet, such as an employee assistance programme
    (ISMPE 6.8).

    Example: [{service: Employee Assistance Programme, helps_with: Stress and money worries}]
    """
    contacts: list[Contact] = []
    """Named people and services to contact (ISMPE 6.7).

    Example: [{id: programme-coordinator, name: Helen Okafor, role: coordinator, email: mentoring@example.org}]
    """
    escalation: list[EscalationStep] = []
    """Who to go to with each kind of problem, and who next (ISMPE 6.7).

    Example: [{question: I want to end the match, first_contact: programme-coordinator}]
    """
    end_of_relationship: Text | None = None
    """What support there is once a relationship has ended.

    Example: You can join the alumni network, or apply to become a mentor yourself.
    """


# --- evidence register, self-assessment and plans ------------------------------------------------


class EvidenceItem(Model):
    """One piece of evidence an assessor can follow: a file in the data folder or a web address."""

    id: EvidenceId
    """A short name for the evidence, starting with ev-; self-assessment entries and policies name
    evidence by it.

    Example: ev-steering-minutes-2026-10
    """
    title: Text
    """What the evidence is.

    Example: Steering group minutes, October 2026
    """
    kind: Literal["file", "url"]
    """Whether it is a file in the data folder (file, with a path) or a web page (url, with a url).

    Example: file
    """
    path: Text | None = None
    """For a file: where it is, relative to the data folder.

    Example: evidence/steering-group-minutes-2026-10.md
    """
    url: WebLink | None = None
    """For a web page: its https:// address.

    Example: https://intranet.example.org/policies/mentoring
    """
    date: Date
    """The date of the evidence. Evidence older than a standard's award period (three years) does not
    count for it.

    Example: "2026-10-14"
    """
    owner: Text
    """Who holds the evidence.

    Example: Programme coordinator
    """
    visibility: Visibility
    """Who may see it: `public` (everyone), `internal` (only the assessor's edition) or `confidential`
    (the assessor sees only its title, owner and date).

    Example: internal
    """
    description: Text | None = None
    """What the evidence shows.

    Example: The meeting that reviewed the Cohort 4 results with the sponsor.
    """
    supports: list[CriterionRef] = []
    """The criteria it supports, each as standard:criterion.

    Example: [ismpe:4.8, ima:II-2]
    """


Claim = Literal["met", "partly-met", "not-met", "not-applicable"]


class SelfAssessmentEntry(Model):
    """A coordinator's own view of one criterion, checked against what the data shows."""

    criterion: CriterionRef
    """The criterion, as standard:criterion.

    Example: ismpe:4.2
    """
    claim: Claim | None = None
    """Your own view: met, partly-met, not-met or not-applicable. It is shown beside the assessed
    status and never raises it.

    Example: partly-met
    """
    evidence: list[EvidenceId] = []
    """The ids of the evidence items that back your view.

    Example: [ev-mentoring-agreement]
    """
    note: Text | None = None
    """What you want the assessor to know about this criterion.

    Example: Pairs agree how they will give each other feedback, but we do not yet check that it happens.
    """
    justification: Text | None = None
    """Why the criterion does not apply; a not-applicable claim needs one.

    Example: The programme runs under no organisation whose objectives it could serve.
    """


class Plan(Model):
    """Something the programme means to put in place: what, by when, and what it will fill.

    A plan is shown in the handbook and the gap report; it never counts towards a status.
    ``field`` is a data path such as ``mismatch_policy`` or ``training.competency_framework``.
    """

    what: Text
    """What you mean to put in place.

    Example: Adopt a competency framework for mentors and mentees.
    """
    by: Date | None = None
    """The date you mean to have it by; the assessment points out a plan past its date.

    Example: "2027-01-31"
    """
    field: Annotated[StrictStr, Field(pattern=r"^[a-z_]+(\.[a-z_]+)*$")] | None = None
    """The data field it will fill, as a path with dots.

    Example: training.competency_framework
    """
    criteria: list[CriterionRef] = []
    """The criteria it is for, each as standard:criterion. Give a field, criteria or both.

    Example: [ismpe:2.4]
    """
    visibility: Visibility = "public"
    """Who may read the plan: `public` (everyone, the default), `internal` (only the assessor's
    edition) or `confidential` (never shown).

    Example: public
    """

    def __str__(self) -> str:
        return self.what.rstrip(".") + (f" (by {self.by.isoformat()})" if self.by else "")


class Programme(Model):
    """The whole programme: what validation builds from ``data/*.yaml``."""

    programme: Overview
    """What the programme is: its name and organisation, purpose, values, goals and what mentoring
    means here (ISMPE 1, IMA I). Required.

    Example: {name: Riverside Peer Mentoring, organisation: Riverside College}
    """
    roles: list[Role] = Field(min_length=1)
    """Every role in the programme, at least one: what each does, needs and gains (ISMPE 6.1, IMA II).
    Required.

    Example: [{id: mentor, title: Mentor}, {id: mentee, title: Mentee}]
    """
    code_of_conduct: CodeOfConduct | None = None
    """The code of conduct: who it covers, what it expects of each, confidentiality, and how breaches
    are handled (ISMPE 5, IMA I-7).

    Example: {parties: [mentor, mentee, line-manager, organisation]}
    """
    selection: Selection | None = None
    """How mentors and mentees are selected (ISMPE 3.1, 3.7, IMA III-1).

    Example: {mentee_criteria: [Has a development goal that mentoring can help with.]}
    """
    matching: Matching | None = None
    """How mentors and mentees are matched (ISMPE 3.3 to 3.8, IMA III-2).

    Example: {has_a_say: [mentee, mentor]}
    """
    mismatch_policy: MismatchPolicy | None = None
    """What happens when a match is not working (ISMPE 3.5, IMA III-3).

    Example: {no_fault_exit: Either of you can end the match without giving a reason., response_days: 5}
    """
    lifecycle: Lifecycle | None = None
    """How a relationship runs: how long, how often pairs meet, its milestones and its ending
    (ISMPE 1.5, 6.6).

    Example: {duration_months: 12, meeting_minutes: 90}
    """
    training: Training | None = None
    """Training for everyone involved: sessions, frameworks and trainers (ISMPE 2, IMA IV).

    Example: {sessions: [{id: mentee-workshop, title: Mentee workshop, audience: [mentee]}]}
    """
    monitoring: Monitoring | None = None
    """How the programme is monitored and evaluated (ISMPE 4, IMA VI).

    Example: {methods: [{name: Mid-point review, run_by: coordinator, checks: [goal-progress]}]}
    """
    governance: Governance | None = None
    """How the programme is governed and run: sponsor, steering group, budget, records and policies
    (ISMPE 6, IMA II).

    Example: {sponsor: The Director of People}
    """
    support: Support | None = None
    """Support and contacts for participants (ISMPE 6.7, 6.8).

    Example: {signposting: [{service: Employee Assistance Programme}]}
    """
    evidence: list[EvidenceItem] = []
    """The evidence register: documents and web pages an assessor can follow.

    Example: [{id: ev-budget, title: Budget, kind: file, path: evidence/budget.md, date: "2026-04-01", owner: Coordinator, visibility: internal}]
    """
    self_assessment: list[SelfAssessmentEntry] = []
    """Your own view of criteria, shown beside what the data shows.

    Example: [{criterion: ismpe:2.4, claim: not-met}]
    """
    plans: list[Plan] = []
    """What the programme means to put in place. Plans are shown in the handbook and the gap report;
    they never count towards a status.

    Example: [{what: Adopt a competency framework., by: "2027-01-31", field: training.competency_framework}]
    """
    extra_standards: list[Text] = []
    """The programme's own standards catalogs, as files relative to the data folder (in a subfolder, so
    they are not read as data).

    Example: [standards/our-standard.yaml]
    """

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
