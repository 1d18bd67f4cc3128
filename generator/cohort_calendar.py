"""The cohort's dates: the relationship timeline dated from the cohort's start, and the same dates as
a calendar file (iCalendar, RFC 5545) that a participant adds to a calendar in one go.

The timeline page and the file share :func:`timeline`, so they never disagree about a date. The file
is made from an edition (:func:`generator.audience.edition_for`), so it holds nothing the audience
may not see, and only when the edition has a timeline to show (both areas the timeline page shows,
the lifecycle written). It holds one all-day event per dated item (the data gives days, not times):
the cohort's start and each milestone with a known date; an undated item (a milestone in weeks with
no known start) is left out. Each event's UID comes from the programme, the cohort and the item, so
a file downloaded again updates the events already in a calendar instead of adding them twice, and
its DTSTAMP is the build's day, so a build is reproducible. Its words (an event's title, the note on a
session with several dates) are written in the site's language, as the pages are.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from generator.audience import Edition
from generator.i18n import Language, Message, language, message
from generator.leaflets.readability import plain_text
from generator.model import Lifecycle, Milestone

CALENDAR_PATH = "taking-part/cohort-calendar.ics"  # beside the timeline page, which links it
PRODID = "-//mentoring-handbook//Cohort calendar//EN"
UID_DOMAIN = "mentoring-handbook"
LINE_OCTETS = 75  # the longest a content line may be, without its CRLF; longer lines are folded
TEXT_ESCAPES = str.maketrans({"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n"})
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
NOT_IN_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # control characters iCalendar text may not hold (tab may stay)


@dataclass(frozen=True)
class TimelineRow:
    """A milestone with its week after the cohort starts and its date, each where it can be known."""

    milestone: Milestone
    week: int | None
    date: dt.date | None


@dataclass(frozen=True)
class CalendarEvent:
    """One all-day event: a key naming it within its cohort (for its UID), its day and its text
    (Messages, put into the site's language when the file is written)."""

    key: str
    day: dt.date
    summary: Message
    description: str | None


def timeline(lifecycle: Lifecycle, start: dt.date | None) -> list[TimelineRow]:
    """Milestones in time order: week N is N weeks after the cohort starts; dates need the start to be known."""
    rows = []
    for milestone in lifecycle.milestones:
        if milestone.week is not None:
            date = start + dt.timedelta(weeks=milestone.week) if start else None
            rows.append(TimelineRow(milestone, milestone.week, date))
        else:
            assert milestone.date is not None  # validation: a week or a date
            rows.append(TimelineRow(milestone, (milestone.date - start).days // 7 if start else None, milestone.date))
    return sorted(rows, key=lambda row: (row.date or dt.date.max, row.week or 0))


def cohort_events(edition: Edition) -> list[CalendarEvent]:
    """The cohort's dated events in time order: its start, each milestone with a known date, and each
    date of a training session the edition shows.
    Empty when the edition has no timeline (no lifecycle written, or an area of the timeline page hidden)."""
    overview, lifecycle = edition.area("programme"), edition.area("lifecycle")
    if overview is None or lifecycle is None:
        return []
    cohort = overview.cohort
    start = cohort.start_date if cohort else None
    programme = _plain(overview.name)
    events = [CalendarEvent("cohort-start", start, message("%(cohort)s starts – %(programme)s", cohort=_plain(cohort.name),
                                                           programme=programme), None)] if cohort and start else []
    for row in timeline(lifecycle, start):
        if row.date is not None:
            description = row.milestone.description
            events.append(CalendarEvent(f"milestone-{row.milestone.id}", row.date,
                                        message("%(event)s – %(programme)s", event=_plain(row.milestone.title), programme=programme),
                                        _plain(description) if description else None))
    training = edition.area("training")
    role_titles = {role.id: role.title for role in edition.programme.roles}
    for session in training.sessions if training else []:
        audience = ", ".join(_plain(role_titles.get(role, role)) for role in session.audience)  # data: role titles
        name = _plain(session.title)
        summary = message("%(session)s (%(audience)s) – %(programme)s", session=name, audience=audience, programme=programme) \
            if audience else message("%(event)s – %(programme)s", event=name, programme=programme)
        events += [CalendarEvent(f"training-{session.id}-{day:%Y%m%d}", day, summary, _session_description(session.when, len(session.dates)))
                   for day in session.dates]
    return sorted(events, key=lambda event: event.day)


def _session_description(when: str | None, dates: int) -> str | Message | None:
    """A training session's event description: when it runs (the data's words), and, when it runs on
    several dates, that one of them is enough."""
    when = _plain(when) if when else ""
    if dates > 1:
        return message("%(when)s It runs on several dates: go to one.", when=when) if when \
            else message("It runs on several dates: go to one.")
    return when or None


def calendar_downloads(edition: Edition, today: dt.date, site_language: Language | None = None) -> dict[str, str]:
    """The cohort calendar as a site download beside the timeline page; none when the edition has no dated event.
    Its words are in ``site_language`` (English when None)."""
    text = calendar_text(edition, today, site_language)
    return {CALENDAR_PATH: text} if text is not None else {}


def calendar_text(edition: Edition, today: dt.date, site_language: Language | None = None) -> str | None:
    """The cohort's events as an iCalendar file (escaped text, lines folded at 75 octets, CRLF line
    ends), its words in ``site_language`` (English when None); None when it has none."""
    words = site_language or language()
    events = cohort_events(edition)
    if not events:
        return None
    overview = edition.programme.programme
    cohort = overview.cohort.name if overview.cohort else None
    # the whole name is made plain below, as the data's name alone would be
    name = words.text(message("%(programme)s: %(cohort)s", programme=overview.name, cohort=cohort)) if cohort else overview.name
    cohort_digest = hashlib.sha256(f"{overview.name}\n{cohort or ''}".encode()).hexdigest()[:16]
    website = overview.website if overview.website and urlsplit(overview.website).scheme in ("http", "https") else None
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             f"X-WR-CALNAME:{_text(_plain(name))}"]
    for event in events:
        lines += ["BEGIN:VEVENT", f"UID:{event.key}.{cohort_digest}@{UID_DOMAIN}", f"DTSTAMP:{today:%Y%m%d}T000000Z",
                  f"DTSTART;VALUE=DATE:{event.day:%Y%m%d}", f"DTEND;VALUE=DATE:{event.day + dt.timedelta(days=1):%Y%m%d}",
                  f"SUMMARY:{_text(words.text(event.summary))}"]
        lines += [f"DESCRIPTION:{_text(words.text(event.description))}"] if event.description else []
        lines += [f"URL:{website}"] if website else []
        lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]  # a day to remember, not a day marked busy
    lines.append("END:VCALENDAR")
    return "".join(_folded(line) + "\r\n" for line in lines)


def _plain(markdown: str) -> str:
    """Data text (Markdown) as plain text: markup dropped, each paragraph on one line, a blank line between."""
    paragraphs = (" ".join(paragraph.split()) for paragraph in PARAGRAPH_BREAK.split(plain_text(markdown)))
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


def _text(value: str) -> str:
    """A TEXT value escaped (RFC 5545 3.3.11): backslash, semicolon, comma and line break; control characters dropped."""
    return NOT_IN_TEXT.sub("", value).translate(TEXT_ESCAPES)


def _folded(line: str) -> str:
    """A content line folded into lines of at most 75 octets (RFC 5545 3.1), each continuation
    starting with a space, never inside a UTF-8 character."""
    parts: list[str] = []
    start, size, limit = 0, 0, LINE_OCTETS
    for index, char in enumerate(line):
        octets = len(char.encode())
        if size + octets > limit:
            parts.append(line[start:index])
            start, size, limit = index, 0, LINE_OCTETS - 1  # a continuation's leading space counts
        size += octets
    parts.append(line[start:])
    return "\r\n ".join(parts)
