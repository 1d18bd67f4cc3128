"""A standard's criteria stay in the standard's own language, marked so that a screen reader reads
them in it: the catalog's ``language`` (English by default) is the ``lang`` of every element that
holds a criterion's text, on the checklist, a criterion's evidence page and the submission report."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import re
from html.parser import HTMLParser

import markdown
import pytest
from pydantic import ValidationError

from generator.assess import assess
from generator.audience import edition_for
from generator.pipeline import LoadedProgramme, load_programme
from generator.render import render_pages
from generator.standards.catalog import Catalog
from generator.standards.loading import Standards
from generator.starter import EXAMPLE
from generator.submission.report import report_html, report_view

TODAY = dt.date(2026, 11, 23)
EXTENSIONS = ["admonition", "attr_list", "def_list", "md_in_html", "tables", "toc", "pymdownx.details", "pymdownx.superfences"]
MARKED = "ismpe"  # the catalog given another language here
OTHER_LANGUAGE = "cy"
MINIMAL_CATALOG = {"id": "ours", "title": "Our standard", "source": "Us",
                   "standards": [{"id": "1", "title": "Purpose", "criteria": [{"id": "1.1", "text": "Mae pwrpas"}]}]}


class Quotes(HTMLParser):
    """Each blockquote's lang attribute and text."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str | None, str]] = []
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "blockquote":
            self.found.append((dict(attrs).get("lang"), ""))
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "blockquote":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            lang, text = self.found[-1]
            self.found[-1] = (lang, text + data)


def quotes(html: str) -> list[tuple[str | None, str]]:
    parser = Quotes()
    parser.feed(html)
    return [(lang, " ".join(text.split())) for lang, text in parser.found]


@pytest.fixture(scope="module")
def loaded() -> LoadedProgramme:
    loaded = load_programme(EXAMPLE / "data")
    catalogs = [catalog.model_copy(update={"language": OTHER_LANGUAGE}) if catalog.id == MARKED else catalog
                for catalog in loaded.standards.catalogs]
    return dataclasses.replace(loaded, standards=Standards(catalogs, loaded.standards.vocabularies))


def criterion_texts(loaded: LoadedProgramme, catalog_id: str) -> set[str]:
    catalog = next(c for c in loaded.standards.catalogs if c.id == catalog_id)
    return {" ".join(criterion.text.split()) for standard in catalog.standards for criterion in standard.criteria}


def test_a_catalog_is_english_unless_it_names_its_language() -> None:
    assert Catalog.model_validate(MINIMAL_CATALOG).language == "en"
    assert Catalog.model_validate(MINIMAL_CATALOG | {"language": "cy"}).language == "cy"
    assert Catalog.model_validate(MINIMAL_CATALOG | {"language": "pt-BR"}).language == "pt-BR"
    with pytest.raises(ValidationError):
        Catalog.model_validate(MINIMAL_CATALOG | {"language": 'en" onclick="x'})


def test_the_checklist_marks_each_criterion_text_with_its_standards_language(loaded: LoadedProgramme) -> None:
    edition = edition_for(loaded.programme, assess(loaded.programme, loaded.standards, TODAY), "assessor")
    pages = {page.path: page for page in render_pages(edition, loaded.standards, today=TODAY)}
    found = quotes(markdown.markdown(pages["assessment/checklist.md"].markdown, extensions=EXTENSIONS))
    marked = {text for lang, text in found if lang == OTHER_LANGUAGE}
    english = {text for lang, text in found if lang == "en"}
    assert marked and marked <= criterion_texts(loaded, MARKED)
    assert english and not english & marked
    assert len(marked) == len(criterion_texts(loaded, MARKED))
    assert all(lang in ("en", OTHER_LANGUAGE) for lang, _ in found), "a criterion text without a lang attribute"


def test_a_criterion_evidence_page_marks_the_criterion_text(loaded: LoadedProgramme, monkeypatch: pytest.MonkeyPatch) -> None:
    views = importlib.import_module("generator.render.assessment_view")  # the module, not the function generator.render exports
    monkeypatch.setattr(views, "EVIDENCE_SHOWN", 1)  # so that criteria citing two items get a page
    edition = edition_for(loaded.programme, assess(loaded.programme, loaded.standards, TODAY), "assessor")
    pages = [page for page in render_pages(edition, loaded.standards, today=TODAY) if page.path.startswith("assessment/evidence-for/")]
    marked = [page for page in pages if page.path.startswith(f"assessment/evidence-for/{MARKED}-")]
    assert marked and len(marked) < len(pages)
    for page in pages:
        [(lang, text)] = quotes(markdown.markdown(page.markdown, extensions=EXTENSIONS))
        assert lang == (OTHER_LANGUAGE if page in marked else "en") and text


def test_the_submission_report_marks_each_criterion_text(loaded: LoadedProgramme) -> None:
    edition = edition_for(loaded.programme, assess(loaded.programme, loaded.standards, TODAY), "assessor")
    for catalog_id, lang in ((MARKED, OTHER_LANGUAGE), ("ima", "en")):
        html = report_html(report_view(edition, loaded.standards, catalog_id, EXAMPLE / "data", today=TODAY), template_dir=None)
        wordings = re.findall(r'<blockquote class="wording" lang="([^"]*)">', html)
        assert wordings and set(wordings) == {lang}
        assert len(wordings) == len(criterion_texts(loaded, catalog_id))
