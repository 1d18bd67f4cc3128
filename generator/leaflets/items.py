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

from generator.i18n import message, plural_message
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
    upper_first,
)
from generator.model import Contact, Programme
from generator.wording import hours, mailto


def hours_a_month(value: float, context: Context) -> Block:
    return Block("text", (message("About %(duration)s a month.", duration=hours(value)),))


def meeting_facts(value: str, context: Context) -> Block:
    """How often, how long and for how many months pairs meet: whichever of these the data gives."""
    lifecycle, cohort = context.programme.lifecycle, context.programme.programme.cohort
    assert lifecycle is not None  # the part's field is in lifecycle, so it is there
    facts = [Entry(message("How often"), value)]
    if lifecycle.meeting_minutes:
        facts.append(Entry(message("Each meeting"), plural_message("Up to %(count)s minute.", "Up to %(count)s minutes.",
                                                                   lifecycle.meeting_minutes)))
    if lifecycle.duration_months:
        months = lifecycle.duration_months
        if cohort and cohort.start_date and context.visible("programme"):
            how_long = plural_message("%(count)s month, starting %(date)s (%(cohort)s).",
                                      "%(count)s months, starting %(date)s (%(cohort)s).",
                                      months, date=cohort.start_date, cohort=cohort.name)
        else:
            how_long = plural_message("%(count)s month.", "%(count)s months.", months)
        facts.append(Entry(message("For how long"), how_long))
    return Block("entries", tuple(facts))


def signpost(value: Any, context: Context) -> Entry:
    """A service and how to reach it; what it helps with is on the handbook's support page (no room on paper)."""
    return Entry(value.service, value.how_to_reach, None, value.link)


def record(value: Any, context: Context) -> Entry:
    if not value.who_can_see:
        return Entry(value.record)
    first, *others = value.who_can_see  # a list the data writes as separate, capitalised entries
    return Entry(value.record, "; ".join([first, *map(lower_first, others)]) + ".")


def session_note(duration_hours: float | None, mandatory: bool | None) -> str | None:
    """``6.5 hours, required.``, ``Optional.``: how long a session is and whether the reader must attend."""
    if duration_hours:
        duration = hours(duration_hours)
        if mandatory is None:
            return message("%(duration)s.", duration=duration)
        if mandatory:
            return message("%(duration)s, required.", duration=duration)
        return message("%(duration)s, optional.", duration=duration)
    if mandatory is None:
        return None
    return message("Required.") if mandatory else message("Optional.")


def session_for_reader(*, mandatory_only: bool) -> Callable[[Any, Context], Entry | None]:
    def make(session: Any, context: Context) -> Entry | None:
        if not context.reads(session.audience) or (mandatory_only and session.mandatory is not True):
            return None
        return Entry(session.title, session.when, session_note(session.duration_hours, session.mandatory))

    return make


def method_for_reader(method: Any, context: Context) -> Entry | None:
    return Entry(method.name, method.frequency) if context.reads(method.participants) else None


def ending_milestone(milestone: Any, context: Context) -> Entry | None:
    if milestone.kind != "ending":
        return None
    cohort = context.programme.programme.cohort
    start = cohort.start_date if cohort else None
    when = milestone.date or (start + dt.timedelta(weeks=milestone.week or 0) if start else None)
    if milestone.week and when:
        note = message("Week %(week)s, %(date)s.", week=milestone.week, date=when)
    elif milestone.week:
        note = message("Week %(week)s.", week=milestone.week)
    elif when:
        note = message("%(date)s.", date=when)
    else:
        note = None
    return Entry(milestone.title, milestone.description, note)


def escalation_step(step: Any, context: Context) -> Entry:
    """A question and who to ask; what happens next is in the handbook (the answers would fill a page)."""
    who = context.contact_name(step.first_contact)
    if step.then:
        return Entry(step.question, message("%(contact)s, then %(next_contact)s.", contact=who,
                                            next_contact=context.contact_name(step.then)))
    return Entry(step.question, message("%(contact)s.", contact=who))


def mismatch_step(step: Any, context: Context) -> str:
    """A step of the policy, with who takes it and how soon: ``Listen ... (Programme coordinator, within 5 working days.)``."""
    who = upper_first(context.role_title(step.who)) if step.who else None
    days = step.within_days
    if who and days is not None:
        return plural_message("%(action)s (%(who)s, within %(count)s working day.)",
                              "%(action)s (%(who)s, within %(count)s working days.)", days, action=step.action, who=who)
    if who:
        return message("%(action)s (%(who)s.)", action=step.action, who=who)
    if days is not None:
        return plural_message("%(action)s (Within %(count)s working day.)",
                              "%(action)s (Within %(count)s working days.)", days, action=step.action)
    return step.action


def mismatch_steps(steps: list[Any], context: Context) -> Block:
    """The policy's steps, numbered, each with who takes it and how soon."""
    return Block("steps", tuple(mismatch_step(step, context) for step in steps), message("What happens next:"))


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
            cards.append(ContactCard(upper_first(context.contact_name(contact_id)), role_only=True))
        return Block("contacts", tuple(cards))

    return show


# --- the three leaflets --------------------------------------------------------------------------

CONFIDENTIALITY_LIMITS = message("When confidentiality can be broken:")

MENTEE = Leaflet("mentee", "mentee", message("A guide for mentees"), message("For mentees"), mentee_facing=True, items=(
    Item("overview", message("What the programme is"), (Part("programme.summary", text()),)),
    Item("selection", message("Who can take part and how you are chosen"), (
        Part("selection.mentee_criteria", bullets(message("What we look for in a mentee:"))),
        Part("selection.application", bullets(message("How to apply:"), numbered=True)),
    )),
    Item("commitment", message("What we ask of you"), (
        Part("roles[id=mentee].time_commitment", text()),
        Part("roles[id=mentee].hours_per_month", hours_a_month, fallback=True),
        Part("roles[id=mentee].responsibilities", bullets(message("Your part:"))),
    )),
    Item("matching", message("How we find your mentor"), (
        Part("matching.participant_influence", text()),
        Part("matching.process", bullets(numbered=True), fallback=True),
    )),
    Item("meetings", message("How often and how long you meet"), (Part("lifecycle.meeting_frequency", meeting_facts),)),
    Item("signposting", message("Other help you can use"), (
        Part("support.signposting", entries(signpost, message(
            "Your mentor can point you to other help, or you can contact these services yourself:"))),
    )),
    Item("not-working", message("If the match is not working"), (
        Part("mismatch_policy.no_fault_exit", text()),
        Part("mismatch_policy.rematching", text()),
    )),
    Item("contacts", message("Who to contact"), (
        Part("mismatch_policy.contact", contact_cards(team_only=True)),
    )),
    Item("boundaries", message("Boundaries"), (Part("code_of_conduct.boundaries", bullets()),)),
    Item("personal-information", message("Your personal information"), (Part("governance.data_protection", text()),)),
    Item("records", message("Records and confidentiality"), (
        Part("governance.records", entries(record, message("The records we keep, and who sees them:"))),
        Part("code_of_conduct.confidentiality.statement", text()),
        Part("code_of_conduct.confidentiality.limits", bullets(CONFIDENTIALITY_LIMITS)),
    )),
    Item("monitoring", message("Helping us check the programme works"), (
        Part("monitoring.participant_role", text()),
        Part("monitoring.methods", entries(method_for_reader, message("Reviews and surveys you take part in:")), fallback=True),
    )),
    Item("ending", message("When the programme ends"), (
        Part("support.end_of_relationship", text()),
        Part("lifecycle.ending", text(), fallback=True),
    )),
))

MENTOR = Leaflet("mentor", "mentor", message("A guide for mentors"), message("For mentors"), items=(
    Item("role", message("Your role"), (
        Part("roles[id=mentor].summary", text()),
        Part("roles[id=mentor].responsibilities", bullets(message("Your part:"))),
    )),
    Item("time", message("The time it takes"), (
        Part("roles[id=mentor].time_commitment", text()),
        Part("roles[id=mentor].hours_per_month", hours_a_month, fallback=True),
        Part("lifecycle.meeting_frequency", meeting_facts),
    )),
    Item("training", message("Training you must attend"), (
        Part("training.sessions", entries(session_for_reader(mandatory_only=True)),
             need="a session with mandatory: true whose audience includes mentor"),
    )),
    Item("conduct", message("Boundaries and the code of conduct"), (
        Part("code_of_conduct.expectations[party=mentor].expectations", bullets(message("The code of conduct asks you to:"))),
        Part("code_of_conduct.boundaries", bullets(message("Boundaries for you both:"))),
    )),
    Item("confidentiality", message("Confidentiality"), (
        Part("code_of_conduct.confidentiality.statement", text()),
        Part("code_of_conduct.confidentiality.limits", bullets(CONFIDENTIALITY_LIMITS)),
    )),
    Item("not-working", message("When the relationship is not working"), (
        Part("mismatch_policy.no_fault_exit", text()),
        Part("mismatch_policy.warning_signs", bullets(message("Signs to watch for:"))),
        Part("mismatch_policy.steps", mismatch_steps),
    )),
    Item("escalation", message("Who to contact"), (
        Part("support.escalation", entries(escalation_step, style="questions")),
        Part("mismatch_policy.contact", contact_cards(team_only=False)),
    )),
    Item("monitoring", message("Reviews and surveys"), (
        Part("monitoring.methods", entries(method_for_reader), need="a method whose participants include mentor"),
        Part("monitoring.participant_role", text()),
    )),
    Item("endings", message("Preparing for the ending"), (
        Part("lifecycle.ending", text()),
        Part("lifecycle.milestones", entries(ending_milestone), fallback=True),
    )),
))

LINE_MANAGER = Leaflet("line-manager", "line-manager", message("A briefing for line managers"), message("For line managers"), items=(
    Item("about", message("What the programme is"), (
        Part("programme.aim", text()),
        Part("lifecycle.meeting_frequency", meeting_facts),
    )),
    Item("benefits", message("How it helps you and your team"), (Part("roles[id=line-manager].benefits", bullets()),)),
    Item("support", message("What we ask of you"), (
        Part("roles[id=line-manager].responsibilities", bullets()),
        Part("roles[id=line-manager].time_commitment", text(message("Time:"))),
        Part("training.sessions", entries(session_for_reader(mandatory_only=False), message("Sessions for line managers:"))),
    )),
    Item("confidentiality", message("Confidentiality between mentor and mentee"), (
        Part("code_of_conduct.confidentiality.statement", text(message("What we promise mentees:"))),
        Part("code_of_conduct.confidentiality.limits", bullets(CONFIDENTIALITY_LIMITS)),
        Part("code_of_conduct.expectations[party=line-manager].expectations", bullets(message("We ask you to:"))),
    )),
    Item("contact", message("Who to contact"), (Part("mismatch_policy.contact", contact_cards(team_only=True)),)),
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
        links.append(KeyLink(message("The handbook online"), website))
    mismatch = context.programme.mismatch_policy
    contact = context.contact(mismatch.contact if mismatch else None)
    if isinstance(contact, Contact) and contact.email:
        links.append(KeyLink(message("Email %(contact)s", contact=contact.name), mailto(contact.email)))
    return links
