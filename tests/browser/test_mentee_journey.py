"""A mentee finds the code of conduct and the "when a match isn't working" page with the search box, and reaches a contact."""

from __future__ import annotations

import re
from typing import Any

import pytest

from generator.pipeline import load_programme
from generator.starter import EXAMPLE


@pytest.fixture(scope="module")
def mismatch_contact() -> Any:
    """The contact the example's mismatch policy names, as written in data/support.yaml."""
    programme = load_programme(EXAMPLE / "data").programme
    return next(contact for contact in programme.support.contacts if contact.id == programme.mismatch_policy.contact)


def search_and_open(page: Any, query: str, path: str) -> None:
    """Type ``query`` into Material's search box, wait for a result linking to ``path``, and follow it."""
    from playwright.sync_api import expect

    box = page.locator("input[data-md-component='search-query']")
    if not box.is_visible():  # on narrow screens the box sits behind the header's search button
        page.locator("label.md-header__button[for='__search']").click()
    box.click()
    box.fill("")
    box.press_sequentially(query, delay=20)
    results = page.locator(".md-search-result__list a.md-search-result__link")
    expect(results.first).to_be_visible()
    result = page.locator(f".md-search-result__list a.md-search-result__link[href*='{path}']").first
    expect(result).to_be_visible()
    result.click()
    expect(page).to_have_url(re.compile(re.escape(path)))


def test_mentee_searches_for_conduct_and_mismatch_and_reaches_a_contact(page: Any, mismatch_contact: Any) -> None:
    from playwright.sync_api import expect

    page.goto("")
    expect(page.locator("h1").first).to_have_text(re.compile("^Harbourside Mentoring"))

    search_and_open(page, "code of conduct", "conduct/code-of-conduct/")
    expect(page.locator("article h1")).to_have_text(re.compile("Code of conduct"))

    search_and_open(page, "match isn't working", "taking-part/when-a-match-isnt-working/")
    expect(page.locator("article h1")).to_have_text(re.compile("When a match isn.t working"))

    who = page.locator("#who-to-contact")
    who.scroll_into_view_if_needed()
    expect(who).to_be_visible()
    section = page.locator("article").get_by_text(mismatch_contact.name, exact=False).first
    expect(section).to_be_visible()
    email = page.locator(f"article a[href='mailto:{mismatch_contact.email}']").first
    expect(email).to_be_visible()
    expect(email).to_have_text(mismatch_contact.email)

    page.log.assert_clean()
