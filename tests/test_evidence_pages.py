"""Each evidence item's own page: there for exactly the items an edition shows, with what the item
supports (linked to the checklist), where the handbook shows it, the document itself when it is
Markdown or text, and the original to download; confidential items as title, owner and date only;
nothing in a document can run or point beside the page."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from sitetools import TODAY, broken_internal_links, copy_example_project

from generator.cli import main
from generator.pipeline import load_programme
from generator.render.assessment_view import evidence_item_path
from generator.site import site_content
from generator.starter import EXAMPLE

HOSTILE = """# Briefing notes

Read [the form](javascript:alert(1)) or <script>alert("x")</script> and
<img src=x onerror=alert(2)>. See [the appendix](appendix.md), ![a chart](chart.png) and [a part](#part).
The [programme site](https://mentoring.harbourside-water.example/) stays a link.
"""


def content(audience: str, data: Path = EXAMPLE / "data"):
    return site_content(data, None, audience=audience, today=dt.date.fromisoformat(TODAY), submission_packs=False)


@pytest.mark.parametrize("audience", ["public", "assessor"])
def test_an_edition_has_a_page_for_exactly_the_items_it_shows(audience: str) -> None:
    programme = load_programme(EXAMPLE / "data").programme
    pages = {page.path: page for page in content(audience).pages if not page.in_nav}
    shown = {item.id for item in programme.evidence if audience == "assessor" or item.visibility == "public"}
    assert set(pages) == {evidence_item_path(evidence_id) for evidence_id in shown}
    assert audience == "public" or any(item.visibility == "internal" for item in programme.evidence if item.id in shown)
    for page in pages.values():
        assert page.markdown.startswith("# ") and "[← Evidence index](../evidence.md)" in page.markdown


def test_confidential_items_show_their_details_only() -> None:
    programme = load_programme(EXAMPLE / "data").programme
    confidential = [item for item in programme.evidence if item.visibility == "confidential"]
    assert confidential
    pages = {page.path: page for page in content("assessor").pages}
    for item in confidential:
        page = pages[evidence_item_path(item.id)].markdown
        assert "Held by the coordinator, available on request" in page and item.owner in page
        assert "Download the original" not in page and "## The document" not in page
        assert not item.description or item.description not in page


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example in the assessor edition, with a public Markdown evidence file made hostile."""
    project = copy_example_project(tmp_path_factory.mktemp("evidence-pages") / "project")
    (project / "data" / "evidence" / "cohort-4-launch-briefing.md").write_text(HOSTILE, encoding="utf-8")
    site = project / "site"
    result = CliRunner().invoke(main, ["build", "--config", str(project / "mkdocs.yml"), "--site-dir", str(site),
                                       "--audience", "assessor", "--today", TODAY])
    assert result.exit_code == 0, result.output
    return site


def test_the_built_pages_link_the_checklist_the_index_and_the_original(built: Path) -> None:
    page = (built / "assessment" / "evidence" / "ev-launch-briefing" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../checklist/#ismpe-1-1"' in page and 'href="../">← Evidence index' in page
    assert 'href="../../../evidence/files/cohort-4-launch-briefing.md"' in page
    assert (built / "evidence" / "files" / "cohort-4-launch-briefing.md").read_text(encoding="utf-8") == HOSTILE
    index = (built / "assessment" / "evidence" / "index.html").read_text(encoding="utf-8")
    assert 'href="ev-launch-briefing/"' in index
    assert broken_internal_links(built) == []


def test_a_document_is_shown_but_nothing_in_it_runs_or_points_beside_the_page(built: Path) -> None:
    page = (built / "assessment" / "evidence" / "ev-launch-briefing" / "index.html").read_text(encoding="utf-8")
    article = page[page.index("<article"):page.index("</article>")]
    assert "Briefing notes" in article and "stays a link" in article
    assert "<script" not in article and not re.search(r"<[^>]*\son\w+\s*=", article)
    assert "&lt;script&gt;" in article  # shown as text
    assert "javascript:" not in re.sub(r"&[^;]+;", "", " ".join(re.findall(r'href="([^"]*)"', article)))
    assert 'href="appendix.md"' not in article and "chart.png" not in article and 'href="#part"' not in article
    assert "the appendix" in article and "a chart" in article
    assert 'href="https://mentoring.harbourside-water.example/"' in article


def test_the_assessor_checklist_links_every_standards_submission_pack(built: Path) -> None:
    checklist = (built / "assessment" / "checklist" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="\.\./submission/([^"]+)"', checklist)
    assert sorted(links) == sorted(f"{standard}-{kind}" for standard in ("ismpe", "ima", "best-practice")
                                   for kind in ("self-assessment.pdf", "submission.zip"))
    for name in links:
        content = (built / "assessment" / "submission" / name).read_bytes()
        assert content.startswith(b"%PDF-" if name.endswith(".pdf") else b"PK\x03\x04"), name
