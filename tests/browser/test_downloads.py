"""A reader downloads what the site offers for keeping: the whole handbook as a PDF from the home page,
and the cohort's dates as a calendar file from the timeline page. Both arrive whole and readable."""

from __future__ import annotations

import io
import re
from typing import Any

import pypdf

from generator.cohort_calendar import CALENDAR_PATH
from generator.page import PRINT_PDF


def download(page: Any, link: Any) -> bytes:
    """Click ``link`` as a reader would and return what the browser saved."""
    with page.expect_download() as arriving:
        link.click(modifiers=["Alt"])  # Alt-click: save the target rather than open it
    return arriving.value.path().read_bytes()


def test_the_home_page_offers_the_whole_handbook_as_a_pdf(page: Any) -> None:
    from playwright.sync_api import expect

    page.goto("")
    link = page.locator(f"article a[href$='{PRINT_PDF}']")
    expect(link).to_be_visible()
    pdf = download(page, link)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) > 20
    assert reader.metadata is not None and reader.metadata.title == "Harbourside Mentoring handbook"
    assert "Code of conduct" in "".join(reader.pages[1].extract_text())
    page.log.assert_clean()


def test_the_timeline_page_offers_the_cohort_dates_as_a_calendar(page: Any) -> None:
    import icalendar
    from playwright.sync_api import expect

    page.goto("taking-part/timeline/")
    link = page.locator(f"article a[href$='{CALENDAR_PATH.rsplit('/', 1)[1]}']")
    expect(link).to_be_visible()
    calendar = icalendar.Calendar.from_ical(download(page, link))
    events = list(calendar.walk("VEVENT"))
    said = re.search(r"(\d+) dates", link.locator("xpath=..").inner_text())
    assert said is not None and int(said.group(1)) == len(events) > 10
    assert any("First meeting" in str(event["SUMMARY"]) for event in events)
    page.log.assert_clean()
