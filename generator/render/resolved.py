"""Data items as the handbook shows them: ids resolved to names, declarations in the standards' words.

A role id becomes the role's title and a link to its entry on the roles page; a standard party the
programme has no role for becomes the standard's name for it. Vocabulary terms (what a session
covers, which party a role plays, a policy's kind) become the standard's own wording, so every
declaration is printed beside the text it belongs to and anyone can check one against the other.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator.model import (
    ORGANISATION,
    Competencies,
    Declared,
    Distinction,
    Instrument,
    InterestRank,
    MonitoringMethod,
    PartyExpectations,
    Procedure,
    Programme,
    ReviewMeeting,
    Role,
    SteeringObjective,
    Trainer,
    TrainingSession,
)
from generator.standards.catalog import Vocabularies

PARTIES = "parties"


@dataclass(frozen=True)
class Party:
    """A role, a standard party or the organisation, as named on a page; ``link`` reaches a role's entry."""

    id: str
    title: str
    link: str | None


@dataclass(frozen=True)
class DeclaredItem:
    """A line of the programme's text and the terms it declares, in the standard's wording."""

    text: str
    terms: list[str]


@dataclass(frozen=True)
class ProcedureView:
    """How something is done: a summary, its steps, who owns it, how soon (working days) and how often."""

    summary: str | None
    steps: list[str]
    owner: Party | None
    within_days: int | None
    times_per_year: float | None


@dataclass(frozen=True)
class RoleView:
    """A role, who it reports to, and the standard parties it plays; its entry's anchor is its id."""

    role: Role
    reports_to: Party | None
    plays: list[str]


@dataclass(frozen=True)
class AbsentPartyView:
    """A standard party the programme says it does not have (the standard's name, lower case), and why."""

    party: str
    reason: str


@dataclass(frozen=True)
class DistinctionView:
    """How mentoring differs from another kind of help, and which kind that is in the standards' words."""

    distinction: Distinction
    kind: str | None


@dataclass(frozen=True)
class ExpectationsView:
    """What the code of conduct expects of one party."""

    party: Party
    expectations: list[str]


@dataclass(frozen=True)
class CoveredTopic:
    """A topic from the standards that a session covers, with the minutes given to it where declared."""

    label: str
    minutes: int | None


@dataclass(frozen=True)
class SessionView:
    """A training session with the roles it is for and the topics it declares it covers."""

    session: TrainingSession
    audience: list[Party]
    covers: list[CoveredTopic]


@dataclass(frozen=True)
class TrainerView:
    """Someone who trains or supervises, with their declared expertise."""

    trainer: Trainer
    expertise: list[str]


@dataclass(frozen=True)
class CompetenciesView:
    """The competencies one party's training is built on."""

    party: Party
    competencies: list[str]


@dataclass(frozen=True)
class InstrumentView:
    """A diagnostic instrument with the roles that use it."""

    instrument: Instrument
    completed_by: list[Party]


@dataclass(frozen=True)
class MethodView:
    """A monitoring method with who runs it, who takes part and what it declares it checks."""

    method: MonitoringMethod
    run_by: Party | None
    participants: list[Party]
    checks: list[str]


@dataclass(frozen=True)
class MeetingView:
    """A review meeting with the roles and parties that attend it."""

    meeting: ReviewMeeting
    attended_by: list[Party]


@dataclass(frozen=True)
class Names:
    """Names what the data refers to by id: roles (linked from one page), parties and vocabulary terms."""

    programme: Programme
    vocabularies: Vocabularies
    roles: dict[str, Party]

    @classmethod
    def linking_to(cls, programme: Programme, vocabularies: Vocabularies, roles_page: str | None) -> Names:
        """Names whose roles link to their entries on the roles page (no links when it is not built)."""
        roles = {role.id: Party(role.id, role.title, f"{roles_page}#{role.id}" if roles_page else None)
                 for role in programme.roles}
        return cls(programme, vocabularies, roles)

    def party(self, reference: str) -> Party:
        """A role by its title, the organisation by its name, any other party by the standard's name for it."""
        if reference in self.roles:
            return self.roles[reference]
        if reference == ORGANISATION:
            return Party(ORGANISATION, self.programme.programme.organisation, None)
        return Party(reference, self.vocabularies.label(PARTIES, reference), None)

    def parties(self, references: Iterable[str]) -> list[Party]:
        return [self.party(reference) for reference in references]

    def optional_party(self, reference: str | None) -> Party | None:
        return self.party(reference) if reference is not None else None

    def terms(self, kind: str, ids: Iterable[str]) -> list[str]:
        """Vocabulary terms in the standard's wording, in the order declared."""
        return [self.vocabularies.label(kind, term) for term in ids]

    def declared(self, items: Iterable[Declared | SteeringObjective], kind: str) -> list[DeclaredItem]:
        """Lines of text with the terms each declares it covers."""
        return [DeclaredItem(item.text, self.terms(kind, item.covers)) for item in items]

    def interests(self, order: Iterable[InterestRank]) -> list[DeclaredItem]:
        """The hierarchy of interests, each place with the interest it declares."""
        return [DeclaredItem(rank.text, self.terms("interests", [rank.interest] if rank.interest else []))
                for rank in order]

    def procedure(self, procedure: Procedure | None) -> ProcedureView | None:
        if procedure is None:
            return None
        return ProcedureView(procedure.summary, procedure.steps, self.optional_party(procedure.owner),
                             procedure.within_days, procedure.times_per_year)

    def role(self, role: Role) -> RoleView:
        """A role and the standard parties it plays (its own id counts when it is one)."""
        standard = self.vocabularies.ids(PARTIES)
        return RoleView(role, self.optional_party(role.reports_to),
                        self.terms(PARTIES, [party for party in role.parties if party in standard]))

    def absent_parties(self) -> list[AbsentPartyView]:
        return [AbsentPartyView(self.vocabularies.label(PARTIES, absence.party).lower(), absence.reason)
                for absence in self.programme.programme.absent_parties]

    def distinction(self, distinction: Distinction) -> DistinctionView:
        kind = self.vocabularies.label("helping-practices", distinction.kind) if distinction.kind else None
        return DistinctionView(distinction, kind)

    def expectations(self, blocks: Iterable[PartyExpectations]) -> list[ExpectationsView]:
        return [ExpectationsView(self.party(block.party), block.expectations) for block in blocks]

    def session(self, session: TrainingSession) -> SessionView:
        return SessionView(session, self.parties(session.audience),
                           [CoveredTopic(self.vocabularies.label("training-topics", entry.topic), entry.minutes)
                            for entry in session.covers])

    def trainer(self, trainer: Trainer) -> TrainerView:
        return TrainerView(trainer, self.terms("trainer-expertise", trainer.expertise))

    def competencies(self, entry: Competencies) -> CompetenciesView:
        return CompetenciesView(self.party(entry.party), entry.competencies)

    def instrument(self, instrument: Instrument) -> InstrumentView:
        return InstrumentView(instrument, self.parties(instrument.completed_by))

    def method(self, method: MonitoringMethod) -> MethodView:
        return MethodView(method, self.optional_party(method.run_by), self.parties(method.participants),
                          self.terms("monitoring-checks", method.checks))

    def meeting(self, meeting: ReviewMeeting) -> MeetingView:
        return MeetingView(meeting, self.parties(meeting.attended_by))
