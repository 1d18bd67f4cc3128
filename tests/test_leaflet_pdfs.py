"""The printed leaflets as a reader (and a screen reader) meets them: accessible tagged PDFs with
alternative text on the QR codes and text in reading order, only the lines meant for the leaflet's
reader, addresses that never break mid-word, and every page whole when looked at as an image."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from pdfcheck import assert_accessible, page_image_problems, read_pdf
from pydantic import TypeAdapter

from generator.audience import edition_for
from generator.leaflets import leaflet_documents
from generator.leaflets.render import address_lines
from generator.model import StepText
from generator.pdf import html_to_pdf
from generator.pipeline import load_programme
from generator.starter import EXAMPLE
from generator.wording import hours

TODAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def loaded():
    return load_programme(EXAMPLE / "data")


@pytest.fixture(scope="module")
def documents(loaded) -> dict[str, str]:
    edition = edition_for(loaded.programme, None, "public")
    return leaflet_documents(edition, template_dir=None, today=TODAY)


@pytest.fixture(scope="module")
def pdfs(documents: dict[str, str]) -> dict[str, bytes]:
    return {path: html_to_pdf(html) for path, html in documents.items()}


def squeezed(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_every_leaflet_is_an_accessible_pdf_whose_qr_codes_say_where_they_lead(documents, pdfs) -> None:
    assert set(pdfs) == {"leaflets/mentee.pdf", "leaflets/mentor.pdf", "leaflets/line-manager.pdf"}
    for path, pdf in pdfs.items():
        title = unescape(re.search(r"<title>(.*?)</title>", documents[path]).group(1))
        report = assert_accessible(pdf, title=title)
        assert report.figure_alts and all(alt.startswith("QR code: ") for alt in report.figure_alts), path
        assert any("mentoring.harbourside-water.example" in alt for alt in report.figure_alts)


def test_text_extracts_in_reading_order(pdfs) -> None:
    text = squeezed(read_pdf(pdfs["leaflets/mentee.pdf"]).text)
    order = ["Harbourside Mentoring", "A guide for mentees", "What the programme is", "Harbourside Mentoring pairs you",
             "How to apply:", "What we ask of you", "If the match is not working", "Who to contact"]
    places = [text.find(line) for line in order]
    assert -1 not in places and places == sorted(places), list(zip(order, places, strict=True))


def test_each_leaflet_carries_only_the_steps_for_its_reader(loaded, pdfs) -> None:
    steps = loaded.programme.selection.application
    for_mentors = [step.text for step in steps if step.audience == ["mentor"]]
    for_mentees = [step.text for step in steps if step.audience == ["mentee"]]
    assert for_mentors and for_mentees
    mentee = squeezed(read_pdf(pdfs["leaflets/mentee.pdf"]).text)
    for text in for_mentees:
        assert squeezed(text)[-40:] in mentee
    for text in for_mentors:
        assert squeezed(text)[-40:] not in mentee
    assert "Mentors:" not in mentee


def test_a_step_for_some_roles_is_written_as_a_mapping_and_a_plain_step_is_for_everyone() -> None:
    steps = TypeAdapter(StepText)
    assert steps.validate_python("Fill in the form.").audience == []
    assert steps.validate_python({"text": "Talk to us.", "audience": ["mentor"]}).audience == ["mentor"]


def test_addresses_break_only_after_at_dot_or_slash(pdfs) -> None:
    assert str(address_lines("a-b@c-d.org")) == (
        '<span class="unbroken">a-b@</span><wbr><span class="unbroken">c-d.</span><wbr><span class="unbroken">org</span>')
    for path, pdf in pdfs.items():
        for line in read_pdf(pdf).text.splitlines():
            assert not re.search(r"harbourside-$", line.strip()), (path, line)  # never split at the hyphen


def test_hours_read_as_people_say_them() -> None:
    assert (hours(1), hours(1.0), hours(0.5), hours(2)) == ("1 hour", "1 hour", "0.5 hours", "2 hours")


def test_every_leaflet_page_is_whole_when_looked_at(pdfs) -> None:
    for path, pdf in pdfs.items():
        assert page_image_problems(pdf) == [], path
        assert len(read_pdf(pdf).pages) <= 2, path
