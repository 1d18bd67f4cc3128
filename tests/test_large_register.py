"""A register of many evidence items stays usable: split over pages by date, the checklist lists a
few items per criterion and links a page with all of them, and the reasons summarise rather than
repeat hundreds of lines. Rendered in memory from a synthetic programme of 1,200 items."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import sys
from pathlib import Path

import pytest

from generator.assess import assess
from generator.audience import edition_for
from generator.model import EvidenceItem
from generator.page import Page
from generator.pipeline import LoadedProgramme, load_programme
from generator.render import render_pages
from generator.render.assessment_view import EVIDENCE_SHOWN, REGISTER_PAGE_SIZE, register_split

sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))
from synthetic import write_programme

ITEMS = 1_200
TODAY = dt.date(2026, 11, 23)
LINK = re.compile(r"\]\(([^)\s]+)\)")


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> LoadedProgramme:
    return load_programme(write_programme(tmp_path_factory.mktemp("large") / "data", evidence_items=ITEMS))


def rendered(loaded: LoadedProgramme, audience: str) -> dict[str, Page]:
    edition = edition_for(loaded.programme, assess(loaded.programme, loaded.standards, TODAY), audience)
    return {page.path: page for page in render_pages(edition, loaded.standards, today=TODAY)}


@pytest.fixture(scope="module")
def pages(loaded: LoadedProgramme) -> dict[str, Page]:
    return rendered(loaded, "assessor")


def links_from(page: Page) -> list[str]:
    """Site paths (with any anchor) of the relative links on a page."""
    folder = posixpath.dirname(page.path)
    return [posixpath.normpath(f"{folder}/{target}") for target in LINK.findall(page.markdown) if "://" not in target]


def test_the_index_lists_periods_not_items_and_every_item_is_on_one_register_page(pages: dict[str, Page]) -> None:
    index = pages["assessment/evidence.md"]
    assert "ev-item-" not in index.markdown and len(index.markdown) < 5_000
    register = {path: page for path, page in pages.items() if path.startswith("assessment/evidence-register/")}
    counts = re.findall(r"\| \[(\d{4}(?:-\d\d)?|\w+ \d{4})\]\((evidence-register/[\w-]+\.md)\) \| (\d+) \|", index.markdown)
    assert sorted(f"assessment/{path}" for _, path, _ in counts) == sorted(register)
    assert sum(int(count) for _, _, count in counts) == ITEMS
    anchors = [anchor for page in register.values() for anchor in re.findall(r"\{: #(ev-item-\d+) \}", page.markdown)]
    assert sorted(anchors) == sorted(f"ev-item-{i}" for i in range(ITEMS))
    assert all(not page.in_nav for page in register.values())


def test_the_checklist_lists_a_few_items_per_criterion_and_links_a_page_with_all(pages: dict[str, Page]) -> None:
    checklist = pages["assessment/checklist.md"]
    block = checklist.markdown.split('id="ismpe-1-2"', 1)[1].split("</div>", 1)[0]
    listed = re.findall(r"^- \[Evidence \d+\]\((evidence-register/[\w-]+\.md)#(ev-item-\d+)\)", block, re.MULTILINE)
    assert len(listed) == EVIDENCE_SHOWN
    for register_page, anchor in listed:  # each goes to the register page that holds it
        assert f"{{: #{anchor} }}" in pages[f"assessment/{register_page}"].markdown
    more = re.search(r"\[and (\d+) more items: all (\d+) on one page\]\((evidence-for/ismpe-1-2\.md)\)", block)
    assert more is not None
    everything = pages["assessment/evidence-for/ismpe-1-2.md"]
    rows = re.findall(r"^\| \[Evidence \d+\]\(\.\./evidence/(ev-item-\d+)\.md\)", everything.markdown, re.MULTILINE)
    assert len(rows) == int(more.group(2)) == EVIDENCE_SHOWN + int(more.group(1))
    assert all(f"assessment/evidence/{evidence_id}.md" in pages for evidence_id in rows)
    assert "(../checklist.md#ismpe-1-2)" in everything.markdown and not everything.in_nav


def test_reasons_summarise_many_items(pages: dict[str, Page]) -> None:
    block = pages["assessment/checklist.md"].markdown.split('id="ismpe-1-2"', 1)[1].split("</div>", 1)[0]
    assert "dated" in block and not re.search(r"evidence ev-item-\d+ dated", block)
    assert re.search(r"✓ \d+ linked evidence items are current, dated \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d", block)
    assert re.search(r"✗ \d+ linked evidence items, dated .* are stale \(older than 3 years\), so they do not count", block)


def test_every_link_between_evidence_pages_reaches_a_page(pages: dict[str, Page]) -> None:
    evidence_pages = [page for path, page in pages.items() if path.startswith(("assessment/evidence", "assessment/checklist"))]
    for page in evidence_pages:
        for target in links_from(page):
            path = target.split("#", 1)[0]
            if path.endswith(".md") and not path.startswith("evidence/files/"):  # not an evidence file, published as it is
                assert path in pages, f"{page.path} links {target}"


def test_the_public_edition_lists_and_splits_only_public_evidence(loaded: LoadedProgramme) -> None:
    """Every third synthetic item is internal and every third confidential: none of them, not even
    by its id, reaches a public page, the criteria's evidence pages included; and the register is
    split by the items the edition shows (400 here), not by the programme's 1,200."""
    public = rendered(loaded, "public")
    hidden = {item.id for item in loaded.programme.evidence if item.visibility != "public"}
    shown = {item.id for item in loaded.programme.evidence if item.visibility == "public"}
    text = "\n".join(page.markdown for page in public.values())
    assert hidden and set(re.findall(r"ev-item-\d+", text)) == shown
    assert any(path.startswith("assessment/evidence-for/") for path in public)
    assert not any(path.startswith("assessment/evidence-register/") for path in public)


def item(number: int, date: dt.date) -> EvidenceItem:
    return EvidenceItem(id=f"ev-item-{number}", title=f"Item {number}", kind="url", url="https://example.org/x", date=date,
                        owner="Coordinator", visibility="public", supports=["ismpe:1.1"])


def test_a_small_register_stays_on_the_index_and_a_crowded_year_is_split_by_month() -> None:
    assert register_split([item(i, dt.date(2025, 1, 1)) for i in range(REGISTER_PAGE_SIZE)]) == {}
    crowded = [item(i, dt.date(2025, 1 + i % 12, 1)) for i in range(REGISTER_PAGE_SIZE + 1)]
    quiet = [item(10_000 + i, dt.date(2024, 5, 1)) for i in range(3)]
    split = register_split(crowded + quiet)
    assert split["ev-item-0"] == ("2025-01", "January 2025") and split["ev-item-11"] == ("2025-12", "December 2025")
    assert {split[entry.id] for entry in quiet} == {("2024", "2024")}
