"""Who a build is for, what each audience may see, and the one place a programme and its assessment
are cut down to that: :func:`edition_for`.

A public build shows only public material. An assessor build adds internal material; confidential
evidence appears there only in its withheld form (title, owner and date: held by the coordinator,
available on request), never its description or file. Confidential areas, contacts, budgets and
plans are never shown.

Everything after the assessment (pages, leaflets and their PDFs, the assessment downloads, the
evidence files copied) is made from an :class:`Edition`, never from the programme itself, so no
template, a coordinator's override included, can print what the audience may not see. In an edition:

- an area the audience may not see is ``None``, as if it were not written, and is named in
  ``hidden_areas`` so that its page is left out (an area not written yet keeps its page, which says
  so). The overview (``programme:``) keeps the programme's name and organisation, nothing else;
- a contact, budget, plan or evidence item the audience may not see is left out. Where the data
  refers to a contact left out (the escalation steps, the mismatch policy), the reference is to a
  :class:`WithheldContact`, named by its role alone; an outside service has no role in the
  programme, so it is not named at all. Evidence left out is only counted, and every text naming
  it says "an evidence item withheld from this edition" instead;
- confidential evidence the assessor edition lists is in its withheld form: no description, file
  or address;
- the assessment is cut the same way, and the public edition's carries no coordinator to-dos (what
  to add, what to attend to: those are for ``handbook assess`` and the assessor edition), or is
  ``None`` when the coordinator does not publish it (the plugin's ``public_assessment: false``).

An area is *hidden* when the programme has written it and the audience may not see it; an area the
programme has not written yet is not hidden.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal

from generator.i18n import Message, message
from generator.model import EvidenceItem, Plan, Programme, Section, Visibility

if TYPE_CHECKING:  # validation cuts a programme down without an assessment, and need not load the assessor
    from generator.assess import Assessment, CatalogResult, CriterionResult, Notice


@dataclass(frozen=True)
class AudiencePolicy:
    """What one audience sees."""

    sees: frozenset[Visibility]  # what it sees in full
    withheld_form: frozenset[Visibility]  # evidence it sees only by title, owner and date
    to_dos: bool  # the assessment's fixes and notices: what the coordinator should add or attend to


AUDIENCES: dict[str, AudiencePolicy] = {
    "public": AudiencePolicy(frozenset({"public"}), frozenset(), to_dos=False),
    "assessor": AudiencePolicy(frozenset({"public", "internal"}), frozenset({"confidential"}), to_dos=True),
}
EvidenceAccess = Literal["full", "metadata", "withheld"]
# An evidence id, with the word "evidence" before it if there is one, so rewording reads naturally.
EVIDENCE_MENTION = re.compile(r"\b(?:evidence(?: item)?\s+)?(ev-[a-z0-9][a-z0-9-]*)")
# What pages print instead of what is withheld, in the site's language.
WITHHELD_MENTION = message("an evidence item withheld from this edition")
WITHHELD_SERVICE = message("a support service")  # what a withheld outside service is called instead of its name
WITHHELD_CONTACT_ID = "withheld-contact-{number}"  # a withheld contact's stand-in id (its own may say too much)


def policy_of(audience: str) -> AudiencePolicy:
    """What an audience may see. Raises ValueError for an unknown audience."""
    try:
        return AUDIENCES[audience]
    except KeyError:
        raise ValueError(f"unknown audience {audience!r} (known: {', '.join(AUDIENCES)})") from None


def evidence_access(item: EvidenceItem, audience: str) -> EvidenceAccess:
    """How much of an evidence item an audience sees: everything, metadata only, or nothing."""
    policy = policy_of(audience)
    if item.visibility in policy.sees:
        return "full"
    return "metadata" if item.visibility in policy.withheld_form else "withheld"


def hidden_areas(programme: Programme, audience: str) -> frozenset[str]:
    """The areas the programme has written that this audience may not see: their pages are left out."""
    sees = policy_of(audience).sees
    return frozenset(name for name in type(programme).model_fields
                     if isinstance(area := getattr(programme, name), Section) and area.visibility not in sees)


@dataclass(frozen=True)
class WithheldContact:
    """A contact the edition may not show, as the data's references to it name it instead: by its
    role ("the coordinator"); an outside service, which has no role, only as "a support service"."""

    id: str  # a stand-in: the edition's escalation steps and mismatch policy refer to the contact by it
    label: str
    role: str | None  # the id of the contact's role


@dataclass(frozen=True)
class Edition:
    """The programme and its assessment as one audience may see them: all that pages, leaflets,
    downloads and evidence files are made from."""

    audience: str
    programme: Programme  # with what the audience may not see left out (see the module's docstring)
    assessment: Assessment | None  # likewise; None when there is none, or it is not published
    hidden_areas: frozenset[str]  # written, but not shown: their pages are left out
    withheld_evidence: int  # evidence items left out, counted and never named
    withheld_contacts: dict[str, WithheldContact]  # by stand-in id

    def area(self, name: str) -> Any:
        """A top-level area of the edition's programme; None when not written or hidden."""
        return None if name in self.hidden_areas else getattr(self.programme, name)

    def evidence_access(self, item: EvidenceItem) -> EvidenceAccess:
        """``full``, or ``metadata`` for an item in its withheld form (the edition has no other)."""
        return evidence_access(item, self.audience)


def edition_for(programme: Programme, assessment: Assessment | None, audience: str, *,
                public_assessment: bool = True) -> Edition:
    """The edition of a programme (and its assessment) for an audience: the audience boundary.

    ``public_assessment=False`` leaves the assessment out of the public edition (the assessor
    edition always has it).
    """
    cut = _Cut(programme, audience)
    published = assessment is not None and (public_assessment or audience != "public")
    return Edition(audience, cut.programme(), cut.assessment(assessment) if assessment is not None and published else None,
                   cut.hidden, len(cut.withheld), cut.withheld_contacts)


class _Cut:
    """What one audience may not see of one programme, and the programme and assessment without it."""

    def __init__(self, programme: Programme, audience: str) -> None:
        self.source = programme
        self.audience = audience
        self.policy = policy_of(audience)
        self.hidden = hidden_areas(programme, audience)
        self.withheld = {item.id for item in programme.evidence if evidence_access(item, audience) == "withheld"}
        self.contact_ids: dict[str, str] = {}  # each contact's id in the edition: its own, or its stand-in's
        self.withheld_contacts: dict[str, WithheldContact] = {}
        titles = {role.id: role.title for role in programme.roles}
        for contact in programme.support.contacts if programme.support else []:
            if "support" not in self.hidden and contact.visibility in self.policy.sees:
                self.contact_ids[contact.id] = contact.id
                continue
            stand_in = WITHHELD_CONTACT_ID.format(number=len(self.withheld_contacts) + 1)
            title = titles.get(contact.role) if contact.role else None
            label = message("the %(role)s", role=_lower_first(title)) if title else WITHHELD_SERVICE
            self.withheld_contacts[stand_in] = WithheldContact(stand_in, label, contact.role)
            self.contact_ids[contact.id] = stand_in

    def unnamed(self, text: str) -> str:
        """Text in which evidence the audience may not see is not named, e.g. in a reason or a notice.

        The mention is a :class:`~generator.i18n.Message`, so it is printed in the site's language. A
        message (a reason, a notice) stays one, with the evidence unnamed in its values, where that
        reads as the English does; otherwise, and in the data's own text, the text is kept as it is
        written with only the mention to translate."""
        if not self.withheld:  # nothing withheld (as in most assessor builds): nothing to look for
            return text
        english = EVIDENCE_MENTION.sub(lambda m: WITHHELD_MENTION if m.group(1) in self.withheld else m.group(0), text)
        if english == text:
            return text
        if isinstance(text, Message):
            shown = Message(text.msgid, {name: self._unnamed_value(value) for name, value in text.values.items()}, text.plural)
            if shown == english:
                return shown
        return self._with_mentions(text)

    def _unnamed_value(self, value: Any) -> Any:
        """A message's value without withheld evidence named: an id (or a message that is only
        ``evidence <id>``) becomes the mention."""
        if isinstance(value, Message):
            whole = EVIDENCE_MENTION.fullmatch(value)
            return WITHHELD_MENTION if whole and whole.group(1) in self.withheld else self.unnamed(value)
        return self._with_mentions(value) if isinstance(value, str) else value

    def _with_mentions(self, text: str) -> str:
        """Text as written (in whatever language it is) with each withheld evidence mention replaced by
        the translatable mention: a message whose msgid is the text itself, so only the mention changes
        with the site's language."""
        pieces: list[str] = []
        end = 0
        for match in EVIDENCE_MENTION.finditer(text):
            if match.group(1) in self.withheld:
                pieces += [text[end:match.start()].replace("%", "%%"), "%(withheld)s"]
                end = match.end()
        if not pieces:
            return text
        return Message("".join(pieces) + text[end:].replace("%", "%%"), {"withheld": WITHHELD_MENTION})

    def maybe_unnamed(self, text: str | None) -> str | None:
        return self.unnamed(text) if text else text

    def plans(self, plans: list[Plan]) -> list[Plan]:
        """The plans the audience may see (their own visibility allows them, and they fill no hidden
        area), without naming withheld evidence."""
        return [plan.model_copy(update={"what": self.unnamed(plan.what)}) for plan in plans
                if plan.visibility in self.policy.sees and (plan.field.split(".")[0] if plan.field else None) not in self.hidden]

    def programme(self) -> Programme:
        """The programme with what the audience may not see left out."""
        programme = self.source
        areas: dict[str, Any] = {name: None for name in self.hidden if name != "programme"}
        if "programme" in self.hidden:  # the overview is required: only the programme's name and organisation stay
            overview = programme.programme
            areas["programme"] = type(overview)(name=overview.name, organisation=overview.organisation,
                                                visibility=overview.visibility)
        if (governance := programme.governance) and "governance" not in self.hidden:
            budget = governance.budget if governance.budget and governance.budget.visibility in self.policy.sees else None
            areas["governance"] = governance.model_copy(update={"budget": budget, "policies": [
                policy.model_copy(update={"evidence": None}) if policy.evidence in self.withheld else policy
                for policy in governance.policies]})
        ids = self.contact_ids
        if (support := programme.support) and "support" not in self.hidden:
            areas["support"] = support.model_copy(update={
                "contacts": [contact for contact in support.contacts if ids[contact.id] == contact.id],
                "escalation": [step.model_copy(update={"first_contact": ids.get(step.first_contact, step.first_contact),
                                                       "then": ids.get(step.then, step.then) if step.then else None})
                               for step in support.escalation]})
        if (mismatch := programme.mismatch_policy) and "mismatch_policy" not in self.hidden and mismatch.contact:
            areas["mismatch_policy"] = mismatch.model_copy(update={"contact": ids.get(mismatch.contact, mismatch.contact)})
        access = {item.id: evidence_access(item, self.audience) for item in programme.evidence}
        evidence = [item if access[item.id] == "full" else _withheld_form(item)
                    for item in programme.evidence if access[item.id] != "withheld"]
        self_assessment = [entry.model_copy(update={"evidence": [e for e in entry.evidence if e not in self.withheld],
                                                    "note": self.maybe_unnamed(entry.note),
                                                    "justification": self.maybe_unnamed(entry.justification)})
                           for entry in programme.self_assessment]
        return programme.model_copy(update=areas | {"evidence": evidence, "self_assessment": self_assessment,
                                                    "plans": self.plans(programme.plans)})

    def assessment(self, assessment: Assessment) -> Assessment:
        """The assessment with withheld evidence neither listed nor named, the plans the audience may
        not see left out (with the notices about them), and no fixes or notices for an audience not
        given the coordinator's to-dos."""
        to_dos = self.policy.to_dos

        def criterion(result: CriterionResult) -> CriterionResult:
            evidence = [e for e in result.evidence if e not in self.withheld]
            return replace(result, evidence=evidence, withheld_evidence=len(result.evidence) - len(evidence),
                           reasons=[self.unnamed(reason) for reason in result.reasons],
                           fix=self.maybe_unnamed(result.fix) if to_dos else None, planned=self.plans(result.planned),
                           contradiction=self.maybe_unnamed(result.contradiction),
                           justification=self.maybe_unnamed(result.justification))

        def catalog(result: CatalogResult) -> CatalogResult:
            return replace(result, criteria=[criterion(c) for c in result.criteria])

        def shown(notice: Notice) -> bool:
            if notice.kind == "overdue-policy":
                return "governance" not in self.hidden
            return notice.kind != "overdue-plan" or len(self.plans(notice.planned)) == len(notice.planned)

        notices = [replace(n, subject=self.unnamed(n.subject), message=self.unnamed(n.message), planned=self.plans(n.planned))
                   for n in assessment.notices if to_dos and shown(n)]
        return replace(assessment, standards=[catalog(c) for c in assessment.standards], notices=notices)


def _withheld_form(item: EvidenceItem) -> EvidenceItem:
    """Confidential evidence as the assessor edition lists it: title, owner and date, never its content."""
    return item.model_copy(update={"path": None, "url": None, "description": None})


def _lower_first(text: str) -> str:
    """``Programme coordinator`` -> ``programme coordinator``, but ``HR business partner`` stays."""
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]
