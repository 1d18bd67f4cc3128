"""The cohort calendar: the timeline's dates as an iCalendar file beside the timeline page, read back
with the ``icalendar`` library, its text escaped and folded as RFC 5545 asks, and made from the
audience's edition only."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from pathlib import Path

import icalendar
import pytest
from programme_data import minimal_programme_data, write_programme
from sitetools import TODAY, built_example, parse_html

from generator.audience import edition_for
from generator.cohort_calendar import CALENDAR_PATH, calendar_downloads, calendar_text
from generator.model import Programme
from generator.pipeline import load_programme
from generator.site import SiteContent, site_content
from generator.starter import EXAMPLE

BUILD_DAY = dt.date.fromisoformat(TODAY)
TIMELINE = "taking-part/timeline.md"
CANARY = "CANARY-INTERNAL-c4l3"


def content_of(data: Path, audience: str = "public") -> SiteContent:
    return site_content(data, None, audience=audience, today=BUILD_DAY, leaflets=False)


def timeline_page(content: SiteContent) -> str:
    return next(page.markdown for page in content.pages if page.path == TIMELINE)


def events(text: str) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(text).walk("VEVENT"))


def calendar_name(text: str) -> str:
    """X-WR-CALNAME read as TEXT, an X- property's default type (``icalendar`` leaves it escaped)."""
    written = str(icalendar.Calendar.from_ical(text)["X-WR-CALNAME"])
    return re.sub(r"\\([\\;,nN])", lambda escape: "\n" if escape.group(1) in "nN" else escape.group(1), written)


def calendar_of(data: dict, audience: str = "public", today: dt.date = BUILD_DAY) -> str | None:
    return calendar_text(edition_for(Programme.model_validate(data), None, audience), today)


def one_paragraph_a_line(markdown: str) -> str:
    return "\n\n".join(" ".join(paragraph.split()) for paragraph in markdown.split("\n\n"))


@pytest.fixture(scope="module")
def example() -> SiteContent:
    return content_of(EXAMPLE / "data")


# --- the example's calendar --------------------------------------------------------------------


def test_the_example_calendar_holds_every_dated_milestone_session_and_the_cohort_start(example: SiteContent) -> None:
    programme = load_programme(EXAMPLE / "data").programme
    overview, milestones = programme.programme, programme.lifecycle.milestones
    start = overview.cohort.start_date
    expected = {(start, f"{overview.cohort.name} starts – {overview.name}")}
    expected |= {(milestone.date or start + dt.timedelta(days=7 * milestone.week), f"{milestone.title} – {overview.name}")
                 for milestone in milestones}
    titles = {role.id: role.title for role in programme.roles}
    sessions = {(day, f"{session.title} ({', '.join(titles[role] for role in session.audience)}) – {overview.name}")
                for session in programme.training.sessions for day in session.dates}
    assert len(sessions) == 7  # the example's three initial sessions, offered on two or three days each
    expected |= sessions

    calendar = icalendar.Calendar.from_ical(example.downloads[CALENDAR_PATH])
    assert (str(calendar["VERSION"]), str(calendar["CALSCALE"]), str(calendar["METHOD"])) == ("2.0", "GREGORIAN", "PUBLISH")
    assert calendar["PRODID"]
    assert calendar_name(example.downloads[CALENDAR_PATH]) == f"{overview.name}: {overview.cohort.name}"
    found = list(calendar.walk("VEVENT"))
    assert len(found) == len(milestones) + 1 + len(sessions)
    assert {(event.decoded("DTSTART"), str(event["SUMMARY"])) for event in found} == expected
    for event in found:
        day = event.decoded("DTSTART")
        assert type(day) is dt.date  # all day: a date, not a date and time
        assert event.decoded("DTEND") == day + dt.timedelta(days=1)
        assert event.decoded("DTSTAMP") == dt.datetime(2026, 11, 23, tzinfo=dt.UTC)
        assert str(event["URL"]) == overview.website
    days = [event.decoded("DTSTART") for event in found]
    assert days == sorted(days)


def test_each_milestone_event_says_what_happens_in_plain_text(example: SiteContent) -> None:
    programme = load_programme(EXAMPLE / "data").programme
    found = {str(event["SUMMARY"]): event for event in events(example.downloads[CALENDAR_PATH])}
    for milestone in programme.lifecycle.milestones:
        event = found[f"{milestone.title} – {programme.programme.name}"]
        assert str(event["DESCRIPTION"]) == one_paragraph_a_line(milestone.description)
    suited = next(m for m in programme.lifecycle.milestones if m.id == "are-we-suited")
    assert "\n\n" in str(found[f"{suited.title} – {programme.programme.name}"]["DESCRIPTION"])  # two paragraphs kept apart


def test_the_timeline_page_links_the_calendar_with_its_number_of_dates(example: SiteContent) -> None:
    count = len(events(example.downloads[CALENDAR_PATH]))
    page = timeline_page(example)
    link = re.search(r"\[Add the cohort's dates to your calendar\]\(([^)]+)\): (\d+) dates in one \.ics file", page)
    assert link is not None
    assert posixpath.normpath(posixpath.join(posixpath.dirname(TIMELINE), link.group(1))) == CALENDAR_PATH
    assert int(link.group(2)) == count
    assert posixpath.dirname(CALENDAR_PATH) == posixpath.dirname(TIMELINE)


def test_uids_are_unique_and_the_same_in_every_build_of_the_cohort() -> None:
    first = example_calendar(BUILD_DAY)
    uids = [str(event["UID"]) for event in events(first)]
    assert len(set(uids)) == len(uids)
    assert example_calendar(BUILD_DAY) == first  # reproducible: the same day gives the same bytes
    later = example_calendar(BUILD_DAY + dt.timedelta(days=30))
    assert [str(event["UID"]) for event in events(later)] == uids  # a later build updates the same events
    assert {event.decoded("DTSTAMP").date() for event in events(later)} == {BUILD_DAY + dt.timedelta(days=30)}

    data = minimal_programme_data()
    first_cohort = {str(event["UID"]) for event in events(calendar_of(data))}
    data["programme"]["cohort"]["name"] = "Cohort 2"
    next_cohort = {str(event["UID"]) for event in events(calendar_of(data))}
    assert len(next_cohort) == 2 and next_cohort.isdisjoint(first_cohort)  # the next cohort's events do not replace this one's


def example_calendar(today: dt.date) -> str:
    loaded = load_programme(EXAMPLE / "data")
    text = calendar_text(edition_for(loaded.programme, None, "public"), today)
    assert text is not None
    return text


# --- escaping and folding ----------------------------------------------------------------------

AWKWARD_NAME = "Café Ōtautahi; mentoring, together \\ apart"
AWKWARD_TITLE = "Kick-off: café, cake; and a backslash \\ here"
AWKWARD_TITLE_ESCAPED = "Kick-off: café\\, cake\\; and a backslash \\\\ here"


@pytest.mark.parametrize("offset", range(4))
def test_awkward_text_is_escaped_folded_and_read_back_whole(offset: int) -> None:
    description = "x" * offset + "Ōtautahi café 🌱, réunion; " * 12 + "\n\nSecond paragraph, with a comma; and a semicolon."
    data = minimal_programme_data()
    data["programme"]["name"] = AWKWARD_NAME
    data["programme"]["cohort"] = {"name": "Cohort 1"}  # no start: the milestone's is the one event
    data["lifecycle"]["milestones"] = [{"id": "kick-off", "title": AWKWARD_TITLE, "date": "2026-10-05",
                                        "description": description}]
    text = calendar_of(data)
    assert text is not None

    raw = text.encode("utf-8")
    assert raw.endswith(b"\r\n") and not re.search(rb"\r(?!\n)|(?<!\r)\n", raw)  # CRLF line ends, no bare LF or CR
    lines = raw.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) <= 75
    for line in lines:
        line.decode("utf-8")  # no line ends inside a character
    unfolded = text.replace("\r\n ", "")
    assert f"SUMMARY:{AWKWARD_TITLE_ESCAPED} – " in unfolded
    assert "\\n\\nSecond paragraph\\, with a comma\\; and a semicolon." in unfolded

    (event,) = events(text)
    assert str(event["SUMMARY"]) == f"{AWKWARD_TITLE} – {AWKWARD_NAME}"
    assert str(event["DESCRIPTION"]) == one_paragraph_a_line(description)
    assert calendar_name(text) == f"{AWKWARD_NAME}: Cohort 1"


def test_markdown_and_control_characters_do_not_reach_the_calendar() -> None:
    data = minimal_programme_data()
    data["lifecycle"]["milestones"][0]["title"] = "*First* meeting"
    data["lifecycle"]["milestones"][0]["description"] = "Read the [code of conduct](../conduct/code-of-conduct.md)\x01 first."
    (_, event) = events(calendar_of(data))
    assert str(event["SUMMARY"]) == "First meeting – Test Mentoring"
    assert str(event["DESCRIPTION"]) == "Read the code of conduct first."


# --- only dated things, and only what the audience may see -------------------------------------


def test_a_programme_without_dates_has_no_calendar_and_no_link(tmp_path: Path) -> None:
    data = minimal_programme_data()
    data["programme"]["cohort"] = {"name": "Cohort 1"}  # no start: week 2 has no date
    data["lifecycle"]["milestones"].append({"id": "later", "title": "Later", "week": 10})
    content = content_of(write_programme(tmp_path / "data", data))
    assert CALENDAR_PATH not in content.downloads
    assert ".ics" not in timeline_page(content) and "calendar" not in timeline_page(content)
    assert "| **Later** | 10 | — |" in timeline_page(content)  # the page still lists the undated milestones


def test_undated_milestones_are_left_out_and_a_dated_one_is_enough() -> None:
    data = minimal_programme_data()
    del data["programme"]["cohort"]
    data["lifecycle"]["milestones"].append({"id": "launch", "title": "Launch evening", "date": "2026-09-30"})
    (event,) = events(calendar_of(data))
    assert (event.decoded("DTSTART"), str(event["SUMMARY"])) == (dt.date(2026, 9, 30), "Launch evening – Test Mentoring")
    assert calendar_name(calendar_of(data)) == "Test Mentoring"


def test_a_lifecycle_hidden_from_the_audience_gives_it_no_calendar(tmp_path: Path) -> None:
    data = minimal_programme_data()
    data["lifecycle"]["visibility"] = "internal"
    data["lifecycle"]["milestones"].append({"id": "away-day", "title": f"Away day {CANARY}", "date": "2026-11-02"})
    folder = write_programme(tmp_path / "data", data)
    public = content_of(folder)
    assert CALENDAR_PATH not in public.downloads
    assert not any(CANARY in text for text in public.downloads.values())
    assessor = content_of(folder, "assessor")
    assert CANARY in assessor.downloads[CALENDAR_PATH]  # the assessor edition may see it
    assert "cohort-calendar.ics" in timeline_page(assessor)


def test_a_hidden_overview_gives_no_calendar_even_with_dated_milestones() -> None:
    data = minimal_programme_data()
    data["programme"]["visibility"] = "internal"
    data["programme"]["cohort"]["name"] = f"Cohort {CANARY}"
    data["lifecycle"]["milestones"].append({"id": "launch", "title": "Launch evening", "date": "2026-09-30"})
    programme = Programme.model_validate(data)
    assert calendar_downloads(edition_for(programme, None, "public"), BUILD_DAY) == {}  # no timeline page, no calendar
    assert CANARY in calendar_downloads(edition_for(programme, None, "assessor"), BUILD_DAY)[CALENDAR_PATH]


# --- the built site ----------------------------------------------------------------------------


def test_the_built_example_has_the_calendar_where_the_timeline_page_links_it(
        tmp_path_factory: pytest.TempPathFactory, example: SiteContent) -> None:
    site = built_example(tmp_path_factory, "HANDBOOK_CALENDAR_SITE")
    page = site / TIMELINE.removesuffix(".md") / "index.html"
    (href,) = [href for href in parse_html(page).links if href.endswith(".ics")]
    target = (page.parent / href).resolve()
    assert target == (site / CALENDAR_PATH).resolve()
    written = target.read_bytes()
    assert written == example.downloads[CALENDAR_PATH].encode("utf-8")  # whole, with its CRLF line ends
    assert len(events(written.decode("utf-8"))) == len(events(example.downloads[CALENDAR_PATH]))
