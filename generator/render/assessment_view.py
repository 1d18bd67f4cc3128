"""The views behind the checklist, the evidence index and the traceability matrix.

Every criterion block and evidence entry gets a stable anchor (``ismpe-5-1``, ``ev-plan``) so the
pages link to each other. They are built from an edition (:func:`generator.audience.edition_for`),
which has already left out what the audience may not see: withheld evidence is only counted,
confidential evidence (assessor builds) is in its withheld form, and reasons, fixes or notices that
named withheld evidence are reworded without its id.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.assess import CatalogResult, CriterionResult, Notice, Score
from generator.audience import Edition, EvidenceAccess
from generator.i18n import Message, Month, message
from generator.model import EvidenceItem
from generator.site_map import PAGES, PAGES_BY_KEY, PageSpec, links_from, page_for_field
from generator.standards.catalog import Catalog
from generator.standards.rules import leaves

EVIDENCE_PAGE = PAGES_BY_KEY["evidence"].path
CHECKLIST_PAGE = PAGES_BY_KEY["checklist"].path
EVIDENCE_FILES = "evidence/files"
EVIDENCE_ITEMS = "assessment/evidence"  # each item's own page: assessment/evidence/<id>.md
EVIDENCE_REGISTER = "assessment/evidence-register"  # a large register's pages, by year or month: <2025>.md, <2025-03>.md
CRITERION_EVIDENCE = "assessment/evidence-for"  # all the evidence of a criterion that cites many: <ismpe-1-1>.md
# A register with more items than this is split over pages by year, and a year with more by month:
# Python-Markdown, the search index and a reader all cope badly with one page of thousands of items.
REGISTER_PAGE_SIZE = 500
EVIDENCE_SHOWN = 10  # a criterion's evidence listed on the checklist; one that cites more links a page with them all
DOWNLOADS = ("assessment/assessment.json", "assessment/assessment.csv")
STATUS_BADGES: dict[str, str] = {  # readable without colour: a symbol and words
    "met": message("✔ Met"), "partly-met": message("◐ Partly met"), "not-met": message("✘ Not met"),
    "not-applicable": message("— Not applicable")}
VISIBILITY_WORDS: dict[str, str] = {  # an evidence item's visibility, as pages name it
    "public": message("public"), "internal": message("internal"), "confidential": message("confidential")}

@dataclass(frozen=True)
class CriterionLink:
    """A criterion named from another page: ``ISMPE 5.1`` and its block on the checklist."""

    label: str
    link: str


@dataclass(frozen=True)
class EvidenceEntry:
    """An evidence item as this audience sees it; ``access`` is ``full`` or ``metadata``."""

    item: EvidenceItem
    access: EvidenceAccess
    link: str  # its entry in the register: on the evidence index, or on its register page
    file_link: str | None  # the published file; None for url items and metadata-only items
    supports: list[CriterionLink]
    page_link: str  # its own page
    pages: list[PageLink]  # the handbook pages that show what the criteria it supports check

    @property
    def visibility(self) -> str:
        """Its visibility in words (``public``), put into the site's language when printed."""
        return VISIBILITY_WORDS[self.item.visibility]


def evidence_item_path(evidence_id: str) -> str:
    """The site path of an evidence item's own page."""
    return f"{EVIDENCE_ITEMS}/{evidence_id}.md"


def criterion_evidence_path(anchor: str) -> str:
    """The site path of the page with all of a criterion's evidence (``ismpe-1-1``)."""
    return f"{CRITERION_EVIDENCE}/{anchor}.md"


def register_split(items: Sequence[EvidenceItem]) -> dict[str, tuple[str, str]]:
    """Evidence id -> (page key, page title) of the register page it is on; empty when the index
    holds the whole register. Pages are years (``2025``), and months (``2025-03``, "March 2025", a
    :class:`~generator.i18n.Message`) for a year with more than REGISTER_PAGE_SIZE items; newest first."""
    if len(items) <= REGISTER_PAGE_SIZE:
        return {}
    per_year: defaultdict[int, int] = defaultdict(int)
    for item in items:
        per_year[item.date.year] += 1
    pages: dict[tuple[int, int], tuple[str, str]] = {}  # (year, month) -> its page, made once for all its items
    for year, month in {(item.date.year, item.date.month) for item in items}:
        first = Month(year, month, 1)
        pages[year, month] = ((f"{first:%Y-%m}", Message("%(month)s", {"month": first}))
                              if per_year[year] > REGISTER_PAGE_SIZE else (f"{first:%Y}", f"{first:%Y}"))
    return {item.id: pages[item.date.year, item.date.month] for item in items}


@dataclass(frozen=True)
class PageLink:
    """A page (or download) by title, with a link from the page being rendered."""

    title: str
    link: str


@dataclass(frozen=True)
class CriterionView:
    """One criterion's block on the checklist, with only what this audience may see."""

    result: CriterionResult
    anchor: str
    label: str
    badge: str
    reasons: list[str]  # each check, passed or not; the plans are listed apart
    fix: str | None  # what to add: None in the public edition, which has no coordinator to-dos
    planned: list[str]  # what the programme plans to put in place for it (never counted as met)
    evidence: list[EvidenceEntry]
    withheld: int  # linked evidence items this audience may not see
    pages: list[PageLink]  # the handbook pages that show what the criterion checks
    note: str | None  # the coordinator's self-assessment note
    evidence_page: str | None = None  # its page with all its evidence, when it cites more than the checklist lists
    language: str = "en"  # the language its text (the standard's wording) is in, for a lang attribute

    @property
    def listed_evidence(self) -> list[EvidenceEntry]:
        """The evidence the checklist lists: the first EVIDENCE_SHOWN items."""
        return self.evidence[:EVIDENCE_SHOWN]

    @property
    def unlisted_evidence(self) -> int:
        """How many more items it cites, on its evidence page."""
        return max(0, len(self.evidence) - EVIDENCE_SHOWN)


@dataclass(frozen=True)
class StandardView:
    """A standard within a catalog: its heading, anchor, score and criteria."""

    heading: str
    anchor: str
    score: Score
    criteria: list[CriterionView]


@dataclass(frozen=True)
class CatalogView:
    """A catalog's result (score, band, counts) and its standards."""

    result: CatalogResult
    standards: list[StandardView]
    language: str = "en"  # the language the standard's own wording is in


@dataclass(frozen=True)
class PageTrace:
    """A handbook page and the criteria whose checks it shows."""

    page: PageLink
    criteria: list[CriterionLink]


@dataclass(frozen=True)
class RegisterPage:
    """One page of a register split by date: its title, path, and the evidence dated then."""

    title: str  # "2025", "March 2025" (a Message)
    path: str
    link: str
    evidence: list[EvidenceEntry]


@dataclass(frozen=True)
class AssessmentView:
    """Everything the assessment page templates may use."""

    assessed_on: dt.date | None
    catalogs: list[CatalogView]
    notices: list[Notice]
    evidence: list[EvidenceEntry]
    register_pages: list[RegisterPage]  # a large register's pages (the index then lists these, not every item)
    withheld: int
    metadata_only: int
    downloads: list[PageLink]
    submission: list[PageLink]  # the submission packs (report PDF, zip) of each standard, when the site carries them
    statuses: dict[str, str]
    traces: list[PageTrace]

    def context(self) -> dict[str, object]:
        """The view's fields as template variables."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def criterion_anchor(catalog: str, criterion: str) -> str:
    """``ismpe`` + ``5.1`` -> ``ismpe-5-1``: the criterion's anchor on the checklist."""
    return f"{catalog}-{re.sub(r'[^a-z0-9]+', '-', criterion.lower()).strip('-')}"


def criterion_label(catalog: str, criterion: str) -> str:
    """``ISMPE 5.1``, ``Best practice orientation-1``: a criterion named outside its catalog (a
    :class:`~generator.i18n.Message`, so a language can put the two the other way round)."""
    name = catalog.upper() if len(catalog) <= 5 and "-" not in catalog else catalog.replace("-", " ").capitalize()
    return message("%(standard)s %(criterion)s", standard=name, criterion=criterion)


def standard_heading(standard: str, title: str) -> str:
    """``1. Clarity of purpose``; a standard whose id is a word (``orientation``) goes by its title alone."""
    return title if any(char.islower() for char in standard) else f"{standard}. {title}"


def published_evidence_files(edition: Edition) -> list[tuple[str, Path]]:
    """(site path, path relative to the data folder) of each evidence file the edition publishes.

    Files are published under ``evidence/files/`` by name; a different file with a name already
    taken is prefixed with its evidence id, so nothing is overwritten.
    """
    published: dict[str, Path] = {}
    sources: set[Path] = set()  # the files already published, whatever their site path
    for item in edition.programme.evidence:
        if item.kind != "file" or not item.path or edition.evidence_access(item) != "full":
            continue
        source = _source(item.path)
        if source in sources:
            continue
        sources.add(source)
        site_path = f"{EVIDENCE_FILES}/{source.name}"
        published[f"{EVIDENCE_FILES}/{item.id}-{source.name}" if site_path in published else site_path] = source
    return list(published.items())


def assessment_view(edition: Edition, catalogs: list[Catalog], spec: PageSpec, included: set[str],
                    submission: Sequence[str] = ()) -> AssessmentView:
    """Build the view for one assessment page of an edition (links are relative to the page).
    ``submission``: the site paths of the submission packs the site carries."""
    link = links_from(spec.path)
    assessment = edition.assessment
    results = [c for catalog in assessment.standards for c in catalog.criteria] if assessment else []
    criterion_links = {c.ref: CriterionLink(criterion_label(c.catalog, c.id),
                                            link(CHECKLIST_PAGE, criterion_anchor(c.catalog, c.id))) for c in results}
    pages_by_ref = _pages_by_criterion(catalogs, included)
    split = register_split(edition.programme.evidence)
    entries = _evidence_entries(edition, results, criterion_links, link, pages_by_ref, split)
    notes = {entry.criterion: entry.note for entry in edition.programme.self_assessment if entry.note}
    languages = {catalog.id: catalog.language for catalog in catalogs}

    def criterion_view(c: CriterionResult) -> CriterionView:
        evidence = [entries[e] for e in c.evidence if e in entries]
        anchor = criterion_anchor(c.catalog, c.id)
        return CriterionView(
            c, anchor, criterion_label(c.catalog, c.id), STATUS_BADGES[c.status],
            reasons=list(c.reasons), fix=c.fix, planned=[str(plan) for plan in c.planned],
            evidence=evidence, withheld=c.withheld_evidence,
            pages=[PageLink(page.title, link(page.path)) for page in pages_by_ref.get(c.ref, [])],
            note=notes.get(c.ref),
            evidence_page=link(criterion_evidence_path(anchor)) if len(evidence) > EVIDENCE_SHOWN else None,
            language=languages.get(c.catalog, "en"))

    def standard_view(result: CatalogResult, section: Score) -> StandardView:
        return StandardView(standard_heading(section.id, section.title), criterion_anchor(result.id, f"standard-{section.id}"),
                            section, [criterion_view(c) for c in result.criteria if c.standard == section.id])

    traces = [PageTrace(PageLink(page.title, link(page.path)),
                        [criterion_links[c.ref] for c in results if page in pages_by_ref.get(c.ref, [])])
              for page in PAGES if page.key in included]
    return AssessmentView(
        assessed_on=assessment.assessed_on if assessment else None,
        catalogs=[CatalogView(result, [standard_view(result, section) for section in result.sections], languages.get(result.id, "en"))
                  for result in (assessment.standards if assessment else [])],
        notices=assessment.notices if assessment else [],
        evidence=list(entries.values()),
        register_pages=_register_pages(entries, split, link),
        withheld=edition.withheld_evidence,
        metadata_only=sum(1 for entry in entries.values() if entry.access == "metadata"),
        downloads=[PageLink(PurePosixPath(path).name, link(path)) for path in DOWNLOADS],
        submission=[PageLink(PurePosixPath(path).name, link(path)) for path in submission],
        statuses=STATUS_BADGES,
        traces=[trace for trace in traces if trace.criteria],
    )


def _register_pages(entries: dict[str, EvidenceEntry], split: dict[str, tuple[str, str]], link: Callable[..., str]) -> list[RegisterPage]:
    """The register's pages, newest first, each with its entries in register order."""
    by_key: dict[str, list[EvidenceEntry]] = defaultdict(list)
    titles: dict[str, str] = {}
    for evidence_id, entry in entries.items():
        if evidence_id in split:
            key, titles[key] = split[evidence_id]
            by_key[key].append(entry)
    return [RegisterPage(titles[key], f"{EVIDENCE_REGISTER}/{key}.md", link(f"{EVIDENCE_REGISTER}/{key}.md"), by_key[key])
            for key in sorted(by_key, reverse=True)]


def _evidence_entries(edition: Edition, results: list[CriterionResult], criterion_links: dict[str, CriterionLink],
                      link: Callable[..., str], pages_by_ref: dict[str, list[PageSpec]],
                      split: dict[str, tuple[str, str]]) -> dict[str, EvidenceEntry]:
    """Evidence id -> entry, for every item of the edition (in full or in its withheld form). Its
    entry in the register is on the index, or on its register page when the register is split."""
    file_sites = {source: site for site, source in published_evidence_files(edition)}
    supported: defaultdict[str, list[CriterionLink]] = defaultdict(list)
    shown_on: defaultdict[str, dict[str, PageSpec]] = defaultdict(dict)
    for result in results:
        criterion_pages = {page.key: page for page in pages_by_ref.get(result.ref, [])}
        for evidence_id in dict.fromkeys(result.evidence):
            supported[evidence_id].append(criterion_links[result.ref])
            shown_on[evidence_id].update(criterion_pages)
    entries = {}
    for item in edition.programme.evidence:
        site = file_sites.get(_source(item.path)) if item.path else None
        pages = [PageLink(page.title, link(page.path)) for page in shown_on[item.id].values()]
        register = f"{EVIDENCE_REGISTER}/{split[item.id][0]}.md" if item.id in split else EVIDENCE_PAGE
        entries[item.id] = EvidenceEntry(item, edition.evidence_access(item), link(register, item.id),
                                         link(site) if site else None, supported[item.id],
                                         link(evidence_item_path(item.id)), pages)
    return entries


def _source(path: str) -> Path:
    """An evidence path from the data, relative to the data folder, in this system's form."""
    return Path(PurePosixPath(path.replace("\\", "/")))


def _pages_by_criterion(catalogs: list[Catalog], included: set[str]) -> dict[str, list[PageSpec]]:
    """``catalog:criterion`` -> the built pages showing the fields its rule checks, in rule order."""
    pages: dict[str, list[PageSpec]] = {}
    for catalog in catalogs:
        for standard in catalog.standards:
            for criterion in standard.criteria:
                found = [page_for_field(path) for _, _, path in leaves(criterion.rule)] if criterion.rule else []
                pages[f"{catalog.id}:{criterion.id}"] = [p for p in dict.fromkeys(found) if p and p.key in included]
    return pages
