"""An assessor filters the checklist, goes from a criterion to its evidence and back; status reads without colour."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

CHECKLIST = "assessment/checklist/"
STATUS_WORDS = {"met": "Met", "partly-met": "Partly met", "not-met": "Not met", "not-applicable": "Not applicable"}

CRITERIA_JS = """() => Array.from(document.querySelectorAll('.criterion')).map(el => ({
    id: el.id,
    status: el.dataset.status,
    standard: el.dataset.standard,
    visible: el.checkVisibility(),
    badge: (el.querySelector('.status-badge') || {}).innerText || '',
    evidence: Array.from(el.querySelectorAll('a[href*="evidence/#ev-"]')).map(a => a.getAttribute('href')),
}))"""


def criteria(page: Any) -> list[dict]:
    """Every criterion block on the checklist: anchor, status, standard, whether it shows, its badge and evidence links."""
    return page.evaluate(CRITERIA_JS)


def test_checklist_filter_then_evidence_and_back(page: Any) -> None:
    from playwright.sync_api import expect

    page.goto(CHECKLIST)
    expect(page.locator("article h1")).to_have_text(re.compile("^Self-assessment checklist"))
    everything = criteria(page)
    assert everything, "the checklist shows no criteria"
    assert all(item["visible"] for item in everything), "criteria are hidden before any filter is chosen"

    statuses = {item["status"] for item in everything}
    status = "not-met" if "not-met" in statuses else "partly-met"
    counts: dict[str, int] = {}
    for item in everything:
        if item["status"] == status:
            counts[item["standard"]] = counts.get(item["standard"], 0) + 1
    standard = max(counts, key=counts.get)

    form = page.locator("form[data-checklist-filter]")
    expect(form).to_be_visible()  # the script reveals the controls; without it they stay hidden
    form.get_by_label("Status").select_option(status)
    form.get_by_label("Standard").select_option(standard)

    expected = {item["id"] for item in everything if item["status"] == status and item["standard"] == standard}
    page.wait_for_function(
        "n => Array.from(document.querySelectorAll('.criterion')).filter(el => el.checkVisibility()).length === n",
        arg=len(expected),
    )
    shown = {item["id"] for item in criteria(page) if item["visible"]}
    assert shown == expected, f"filtering to {status} in {standard} shows {sorted(shown ^ expected)} wrongly"
    expect(form.locator("output[name='shown']")).not_to_be_empty()

    candidates = [item for item in criteria(page) if item["visible"] and item["evidence"]]
    if not candidates:  # criteria with this status link no evidence here: the assessor looks at met ones instead
        form.get_by_label("Status").select_option("met")
        page.wait_for_function("() => Array.from(document.querySelectorAll('.criterion')).some("
                               "el => el.dataset.status === 'met' && el.checkVisibility())")
        candidates = [item for item in criteria(page) if item["visible"] and item["evidence"]]
    assert candidates, f"no visible criterion in {standard} links to evidence"
    criterion = candidates[0]
    href = criterion["evidence"][0]
    evidence_id = href.split("#", 1)[1]
    print(f"assessor: filtered to {status} in {standard}; {criterion['id']} -> #{evidence_id} -> back")

    page.locator(f"[id='{criterion['id']}'] a[href='{href}']").first.click()
    expect(page).to_have_url(re.compile(rf"/assessment/evidence/#{re.escape(evidence_id)}$"))
    heading = page.locator(f"[id='{evidence_id}']")
    expect(heading).to_be_visible()
    expect(heading).to_be_in_viewport()

    back = page.locator(
        f"xpath=//*[@id='{evidence_id}']/following-sibling::*[preceding-sibling::h2[1][@id='{evidence_id}']]"
        f"//a[contains(@href, 'checklist/#{criterion['id']}')]"
    ).first
    expect(back).to_be_visible()
    back.click()
    expect(page).to_have_url(re.compile(rf"/{re.escape(CHECKLIST)}#{re.escape(criterion['id'])}$"))
    target = page.locator(f"[id='{criterion['id']}']")
    expect(target).to_be_visible()
    expect(target).to_be_in_viewport()
    expect(target.locator(".status-badge")).to_be_visible()

    page.log.assert_clean()


def test_checklist_status_reads_without_colour(page: Any, screenshots: Path) -> None:
    page.goto(CHECKLIST)
    everything = criteria(page)
    assert everything
    unreadable = [
        f"{item['id']} ({item['status']}): badge {item['badge']!r}"
        for item in everything
        if " ".join(re.findall(r"[A-Za-z]+", item["badge"])) != STATUS_WORDS.get(item["status"])
    ]
    assert unreadable == [], "criteria whose status is not written out in words"
    page.screenshot(path=str(screenshots / "checklist.png"), full_page=True)
    page.screenshot(path=str(screenshots / "checklist-top.png"))
    for status in ("met", "partly-met", "not-met"):  # one criterion block of each status, at readable size
        block = page.locator(f".criterion[data-status='{status}']").first
        if block.count():
            block.screenshot(path=str(screenshots / f"checklist-criterion-{status}.png"))
    page.set_viewport_size({"width": 390, "height": 844})
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(screenshots / "checklist-phone.png"), full_page=True)
    page.screenshot(path=str(screenshots / "checklist-phone-top.png"))
    print(f"checklist screenshots in {screenshots}")
    page.log.assert_clean()
