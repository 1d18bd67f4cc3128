"""What each leaflet must say: its items, the data fields each draws on, and how each is shown.

The mentee leaflet's items are the 13 things the best-practice guide says mentees must be told;
the mentor leaflet covers the role, time, mandatory training, conduct, confidentiality, what to do
when a match is not working, escalation, monitoring and endings; the line manager briefing what
the programme is, its benefits to them, what is asked of them, confidentiality and contacts.

Two pages of A4 is little room, so each item shows the data that answers it most directly; the
rest is in the handbook, which the leaflet's QR code opens.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from generator.leaflets.parts import (
    Block,
    ContactCard,
    Context,
    Entry,
    Item,
    KeyLink,
    Leaflet,
    Part,
    Show,
    bullets,
    entries,
    lower_first,
    text,
)
from generator.model import Contact, Programme
from generator.wording import hours, long_date, mailto, plural


def hours_a_month(value: float, context: Context) -> Block:
    return Block("text", (f"About {hours(value)} a month.",))


def meeting_facts(value: str, context: Context) -> Block:
    """How often, how long and for how many months pairs meet: whichever of these the data gives."""
    lifecycle, cohort = context.programme.lifecycle, context.programme.programme.cohort
    assert lifecycle is not None  # the part's field is in lifecycle, so it is there
    start = f", starting {long_date(cohort.start_date)} ({cohort.name})" \
        if cohort and cohort.start_date and context.visible("programme") else ""
    facts = [Entry("How often", value)]
    if lifecycle.meeting_minutes:
        facts.append(Entry("Each meeting", f"Up to {lifecycle.meeting_minutes} minutes."))
    if lifecycle.duration_months:
        facts.append(Entry("For how long", f"{plural(lifecycle.duration_months, 'month')}{start}."))
    return Block("entries", tuple(facts))


def signpost(value: Any, context: Context) -> Entry:
    """A service and how to reach it; what it helps with is on the handbook's support page (no room on paper)."""
    return Entry(value.service, value.how_to_reach, None, value.link)


def record(value: Any, context: Context) -> Entry:
    if not value.who_can_see:
        return Entry(value.record)
    first, *others = value.who_can_see  # a list the data writes as separate, capitalised entries
    return Entry(value.record, "; ".join([first, *map(lower_first, others)]) + ".")


def session_for_reader(*, mandatory_only: bool) -> Callable[[Any, Context], Entry | None]:
    def make(session: Any, context: Context) -> Entry | None:
        if not context.reads(session.audience) or (mandatory_only and session.mandatory is not True):
            return None
        required = {True: "required", False: "optional", None: None}[session.mandatory]
        note = ", ".join(part for part in (hours(session.duration_hours) if session.duration_hours else None, required) if part)
        return Entry(session.title, session.when, f"{note[:1].upper()}{note[1:]}." if note else None)

    return make


def method_for_reader(method: Any, context: Context) -> Entry | None:
    return Entry(method.name, method.frequency) if context.reads(method.participants) else None


def ending_milestone(milestone: Any, context: Context) -> Entry | None:
    if milestone.kind != "ending":
        return None
    cohort = context.programme.programme.cohort
    start = cohort.start_date if cohort else None
    when = milestone.date or (start + dt.timedelta(weeks=milestone.week or 0) if start else None)
    week = f"Week {milestone.week}" if milestone.week else None
    note = ", ".join(part for part in (week, long_date(when) if when else None) if part)
    return Entry(milestone.title, milestone.description, f"{note}." if note else None)


def escalation_step(step: Any, context: Context) -> Entry:
    """A question and who to ask; what happens next is in the handbook (the answers would fill a page)."""
    who = context.contact_name(step.first_contact)
    if step.then:
        who += f", then {context.contact_name(step.then)}"
    return Entry(step.question, f"{who}.")


def mismatch_steps(steps: list[Any], context: Context) -> Block:
    """The policy's steps, numbered, each with who takes it and how soon."""
    lines = []
    for step in steps:
        who = [context.role_title(step.who)] if step.who else []
        days = [f"within {plural(step.within_days, 'working day')}"] if step.within_days is not None else []
        said = ", ".join(who + days)
        lines.append(f"{step.action} ({said[:1].upper()}{said[1:]}.)" if said else step.action)
    return Block("steps", tuple(lines), "What happens next:")


def contact_cards(*, team_only: bool) -> Show:
    """The mismatch contact first, then its team (same role) or everyone the escalation steps name."""

    def show(contact_id: str, context: Context) -> Block:
        first = context.contact(contact_id)
        support = context.programme.support
        ids = [contact_id]
        if team_only and first is not None and support:
            ids += [c.id for c in support.contacts if c.role == first.role]
        elif not team_only and support:
            for step in support.escalation:
                ids += [step.first_contact] + ([step.then] if step.then else [])
        cards: list[ContactCard] = []
        for contact in (context.contact(i) for i in dict.fromkeys(ids)):
            if isinstance(contact, Contact):
                role = context.contact_role(contact)
                role_shown = None if role.lower().startswith(contact.name.lower()) else role  # a service named as its role
                cards.append(ContactCard(contact.name, role_shown, contact.email, contact.phone, contact.hours))
        if not cards and first is not None:  # the contact is not public: name the role, never the person
            name = context.contact_name(contact_id)
            cards.append(ContactCard(name[:1].upper() + name[1:]))
        return Block("contacts", tuple(cards))

    return show


# --- the three leaflets --------------------------------------------------------------------------

CONFIDENTIALITY_LIMITS = "When confidentiality can be broken:"

MENTEE = Leaflet("mentee", "mentee", "A guide for mentees", "For mentees", mentee_facing=True, items=(
    Item("overview", "What the programme is", (Part("programme.summary", text()),)),
    Item("selection", "Who can take part and how you are chosen", (
        Part("selection.mentee_criteria", bullets("What we look for in a mentee:")),
        Part("selection.application", bullets("How to apply:", numbered=True)),
    )),
    Item("commitment", "What we ask of you", (
        Part("roles[id=mentee].time_commitment", text()),
        Part("roles[id=mentee].hours_per_month", hours_a_month, fallback=True),
        Part("roles[id=mentee].responsibilities", bullets("Your part:")),
    )),
    Item("matching", "How we find your mentor", (
        Part("matching.participant_influence", text()),
        Part("matching.process", bullets(numbered=True), fallback=True),
    )),
    Item("meetings", "How often and how long you meet", (Part("lifecycle.meeting_frequency", meeting_facts),)),
    Item("signposting", "Other help you can use", (
        Part("support.signposting", entries(signpost, "Your mentor can point you to other help, or you can contact "
                                                      "these services yourself:")),
    )),
    Item("not-working", "If the match is not working", (
        Part("mismatch_policy.no_fault_exit", text()),
        Part("mismatch_policy.rematching", text()),
    )),
    Item("contacts", "Who to contact", (
        Part("mismatch_policy.contact", contact_cards(team_only=True)),
    )),
    Item("boundaries", "Boundaries", (Part("code_of_conduct.boundaries", bullets()),)),
    Item("personal-information", "Your personal information", (Part("governance.data_protection", text()),)),
    Item("records", "Records and confidentiality", (
        Part("governance.records", entries(record, "The records we keep, and who sees them:")),
        Part("code_of_conduct.confidentiality.statement", text()),
        Part("code_of_conduct.confidentiality.limits", bullets(CONFIDENTIALITY_LIMITS)),
    )),
    Item("monitoring", "Helping us check the programme works", (
        Part("monitoring.participant_role", text()),
        Part("monitoring.methods", entries(method_for_reader, "Reviews and surveys you take part in:"), fallback=True),
    )),
    Item("ending", "When the programme ends", (
        Part("support.end_of_relationship", text()),
        Part("lifecycle.ending", text(), fallback=True),
    )),
))

MENTOR = Leaflet("mentor", "mentor", "A guide for mentors", "For mentors", items=(
    Item("role", "Your role", (
        Part("roles[id=mentor].summary", text()),
        Part("roles[id=mentor].responsibilities", bullets("Your part:")),
    )),
    Item("time", "The time it takes", (
        Part("roles[id=mentor].time_commitment", text()),
        Part("roles[id=mentor].hours_per_month", hours_a_month, fallback=True),
        Part("lifecycle.meeting_frequency", meeting_facts),
    )),
    Item("training", "Training you must attend", (
        Part("training.sessions", entries(session_for_reader(mandatory_only=True)),
             need="a session with mandatory: true whose audience includes mentor"),
    )),
    Item("conduct", "Boundaries and the code of conduct", (
        Part("code_of_conduct.expectations[party=mentor].expectations", bullets("The code of conduct asks you to:")),
        Part("code_of_conduct.boundaries", bullets("Boundaries for you both:")),
    )),
    Item("confidentiality", "Confidentiality", (
        Part("code_of_conduct.confidentiality.statement", text()),
        Part("code_of_conduct.confidentiality.limits", bullets(CONFIDENTIALITY_LIMITS)),
    )),
    Item("not-working", "When the relationship is not working", (
        Part("mismatch_policy.no_fault_exit", text()),
        Part("mismatch_policy.warning_signs", bullets("Signs to watch for:")),
        Part("mismatch_policy.steps", mismatch_steps),
    )),
    Item("escalation", "Who to contact", (
        Part("support.escalation", entries(escalation_step, style="questions")),
        Part("mismatch_policy.contact", contact_cards(team_only=False)),
    )),
    Item("monitoring", "Reviews and surveys", (
        Part("monitoring.methods", entries(method_for_reader), need="a method whose participants include mentor"),
        Part("monitoring.participant_role", text()),
    )),
    Item("endings", "Preparing for the ending", (
        Part("lifecycle.ending", text()),
        Part("lifecycle.milestones", entries(ending_milestone), fallback=True),
    )),
))

LINE_MANAGER = Leaflet("line-manager", "line-manager", "A briefing for line managers", "For line managers", items=(
    Item("about", "What the programme is", (
        Part("programme.aim", text()),
        Part("lifecycle.meeting_frequency", meeting_facts),
    )),
    Item("benefits", "How it helps you and your team", (Part("roles[id=line-manager].benefits", bullets()),)),
    Item("support", "What we ask of you", (
        Part("roles[id=line-manager].responsibilities", bullets()),
        Part("roles[id=line-manager].time_commitment", text("Time:")),
        Part("training.sessions", entries(session_for_reader(mandatory_only=False), "Sessions for line managers:")),
    )),
    Item("confidentiality", "Confidentiality between mentor and mentee", (
        Part("code_of_conduct.confidentiality.statement", text("What we promise mentees:")),
        Part("code_of_conduct.confidentiality.limits", bullets(CONFIDENTIALITY_LIMITS)),
        Part("code_of_conduct.expectations[party=line-manager].expectations", bullets("We ask you to:")),
    )),
    Item("contact", "Who to contact", (Part("mismatch_policy.contact", contact_cards(team_only=True)),)),
))

LEAFLETS: tuple[Leaflet, ...] = (MENTEE, MENTOR, LINE_MANAGER)


def leaflets_for(programme: Programme) -> tuple[Leaflet, ...]:
    """The leaflets a programme has: one for each of these parties that one of its roles plays
    (a peer scheme without line managers has no line-manager briefing)."""
    return tuple(leaflet for leaflet in LEAFLETS if leaflet.reader_role(programme) is not None)


def key_links(leaflet: Leaflet, context: Context) -> list[KeyLink]:
    """The links worth a QR code on paper: the programme's website and the main contact's email."""
    links = []
    website = context.programme.programme.website
    if website and urlsplit(website).scheme in ("https", "http") and context.visible("programme"):
        links.append(KeyLink("The handbook online", website))
    mismatch = context.programme.mismatch_policy
    contact = context.contact(mismatch.contact if mismatch else None)
    if isinstance(contact, Contact) and contact.email:
        links.append(KeyLink(f"Email {contact.name}", mailto(contact.email)))
    return links
