"""Assess a programme against standards catalogs: each criterion's status derived from the data.

A criterion with a rule is met when the rule passes (and fresh evidence is linked, where the
criterion asks for evidence); partly met when only some of its checks pass, or evidence is missing;
not met when nothing passes. A criterion the data cannot show is met only through linked evidence
plus a self-assessment claim. A claim never overrides the data: where it disagrees it is flagged.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Literal

from generator.model import EvidenceItem, Programme, SelfAssessmentEntry
from generator.standards.catalog import Band, Catalog, Criterion
from generator.standards.rules import areas, evaluate

Status = Literal["met", "partly-met", "not-met", "not-applicable"]
DEFAULT_VALIDITY_YEARS = 3
PASS, FAIL = "✓ ", "✗ "


@dataclass
class CriterionResult:
    """How one criterion stands, why, and what to add."""

    catalog: str
    standard: str
    id: str
    text: str
    status: Status
    reasons: list[str]
    evidence: list[str]
    fix: str | None
    claim: str | None = None
    contradiction: str | None = None
    areas: list[str] = field(default_factory=list)
    evidence_required: bool = False
    justification: str | None = None

    @property
    def ref(self) -> str:
        return f"{self.catalog}:{self.id}"


@dataclass
class Score:
    """Counts and score of a group of criteria (a whole catalog or one of its standards)."""

    id: str
    title: str
    met: int
    partly_met: int
    not_met: int
    not_applicable: int
    score: float | None

    @property
    def total(self) -> int:
        return self.met + self.partly_met + self.not_met + self.not_applicable


@dataclass
class CatalogResult:
    id: str
    title: str
    source: str
    score: Score
    band: str | None
    sections: list[Score]
    criteria: list[CriterionResult]


@dataclass
class Notice:
    """Something an assessor should know that is not one criterion's status: stale or overdue."""

    kind: Literal["stale-evidence", "overdue-policy"]
    subject: str
    message: str


@dataclass
class Assessment:
    programme: str
    assessed_on: dt.date
    standards: list[CatalogResult]
    notices: list[Notice]


def assess(programme: Programme, catalogs: list[Catalog], today: dt.date) -> Assessment:
    """Assess every criterion of every catalog; pure: the same inputs give the same result."""
    results = []
    index = _Index.of(programme)
    for catalog in catalogs:
        cutoff = _years_before(today, catalog.validity_years or DEFAULT_VALIDITY_YEARS)
        criteria = [_assess_criterion(programme, index, catalog, standard.id, criterion, today, cutoff)
                    for standard in catalog.standards for criterion in standard.criteria]
        sections = [score_of(standard.id, standard.title, [c for c in criteria if c.standard == standard.id])
                    for standard in catalog.standards]
        total = score_of(catalog.id, catalog.title, criteria)
        results.append(CatalogResult(catalog.id, catalog.title, catalog.source, total,
                                     band_for(total.score, catalog.bands), sections, criteria))
    return Assessment(programme.programme.name, today, results, _notices(programme, catalogs, today))


def score_of(group_id: str, title: str, criteria: list[CriterionResult]) -> Score:
    """Met counts 1, partly met 0.5, not applicable is left out; None when nothing is applicable."""
    count = {status: sum(1 for c in criteria if c.status == status)
             for status in ("met", "partly-met", "not-met", "not-applicable")}
    applicable = len(criteria) - count["not-applicable"]
    score = round(100 * (count["met"] + 0.5 * count["partly-met"]) / applicable, 1) if applicable else None
    return Score(group_id, title, count["met"], count["partly-met"], count["not-met"], count["not-applicable"], score)


def band_for(score: float | None, bands: list[Band]) -> str | None:
    """The highest band whose minimum the score reaches."""
    reached = [band for band in bands if score is not None and band.min_score <= score]
    return max(reached, key=lambda band: band.min_score).name if reached else None


# --- one criterion -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Index:
    """Lookups built once per assessment, so each criterion costs the same however large the register."""

    register: dict[str, EvidenceItem]
    supporting: dict[str, list[str]]  # criterion ref -> evidence ids that list it under supports
    entries: dict[str, list[SelfAssessmentEntry]]  # criterion ref -> its self-assessment entries

    @classmethod
    def of(cls, programme: Programme) -> _Index:
        supporting: defaultdict[str, list[str]] = defaultdict(list)
        for item in programme.evidence:
            for ref in item.supports:
                supporting[ref].append(item.id)
        entries: defaultdict[str, list[SelfAssessmentEntry]] = defaultdict(list)
        for entry in programme.self_assessment:
            entries[entry.criterion].append(entry)
        return cls({item.id: item for item in programme.evidence}, supporting, entries)


def _assess_criterion(programme: Programme, index: _Index, catalog: Catalog, standard: str, criterion: Criterion,
                      today: dt.date, cutoff: dt.date) -> CriterionResult:
    ref = f"{catalog.id}:{criterion.id}"
    entries = index.entries.get(ref, [])
    claim, justification = _claim(entries)
    evidence_ids = list(dict.fromkeys(index.supporting.get(ref, []) + [e for entry in entries for e in entry.evidence]))
    register = index.register
    reasons: list[str] = []
    fixes: list[str] = []

    fresh = []
    for evidence_id in evidence_ids:
        item = register.get(evidence_id)
        if item is None:
            reasons.append(f"{FAIL}evidence {evidence_id} is not in the evidence register")
        elif item.date < cutoff:
            reasons.append(f"{FAIL}evidence {evidence_id} dated {item.date} is stale "
                           f"(older than {catalog.validity_years or DEFAULT_VALIDITY_YEARS} years)")
            fixes.append(f"replace stale evidence {evidence_id} with current evidence")
        else:
            reasons.append(f"{PASS}evidence {evidence_id} dated {item.date}")
            fresh.append(evidence_id)
    link_fix = f"link current evidence (add {ref} to an item's evidence[].supports)"

    if criterion.rule is not None:
        outcome = evaluate(criterion.rule, programme, today)
        reasons[:0] = [f"{PASS if check.passed else FAIL}{check.reason}" for check in outcome.checks]
        if outcome.fix:
            fixes.insert(0, outcome.fix)
        if not outcome.passed:
            status: Status = "partly-met" if outcome.partly else "not-met"
        elif criterion.evidence_required and not fresh:
            status = "partly-met"
        else:
            status = "met"
        if criterion.evidence_required and not fresh:
            reasons.append(f"{FAIL}no current evidence linked; this criterion needs evidence")
            fixes.append(link_fix)
    else:
        # The data cannot show this criterion: it rests on linked evidence and the coordinator's claim.
        if not fresh:
            reasons.append(f"{FAIL}no current evidence linked (the data cannot show this criterion)")
            fixes.append(link_fix)
        if claim in ("met", "partly-met"):
            reasons.append(f"{PASS}self-assessment claims {claim}")
        elif claim != "not-applicable":
            reasons.append(f"{FAIL}no self-assessment claim that it is met")
            fixes.append(f"add a self_assessment entry for {ref} with claim: met")
        status = _status_from_claim(claim, bool(fresh))

    contradiction = None
    if claim == "not-applicable" and justification:
        status = "not-applicable"
        reasons.append(f"{PASS}not applicable: {justification}")
    elif claim == "not-applicable":
        contradiction = f"claimed not-applicable without a justification; the data shows {status}"
    elif claim is not None and claim != status:
        contradiction = f"claimed {claim}, but the data shows {status}"
    fix = None
    if status in ("partly-met", "not-met"):
        detail = "; ".join(fixes)
        fix = f"{criterion.guidance} To do: {detail}." if criterion.guidance and detail else criterion.guidance or detail or None
    return CriterionResult(catalog.id, standard, criterion.id, criterion.text, status, reasons, evidence_ids, fix,
                           claim, contradiction, areas(criterion.rule) if criterion.rule else [],
                           criterion.evidence_required, justification)


def _claim(entries: list[SelfAssessmentEntry]) -> tuple[str | None, str | None]:
    """The last claim made for a criterion, with its justification."""
    for entry in reversed(entries):
        if entry.claim is not None:
            return entry.claim, entry.justification
    return None, None


def _status_from_claim(claim: str | None, evidence: bool) -> Status:
    """A criterion without a rule: evidence and a claim of met make it met; either alone, partly."""
    if claim == "met":
        return "met" if evidence else "partly-met"
    if claim == "partly-met":
        return "partly-met"
    if claim == "not-met":
        return "not-met"
    return "partly-met" if evidence else "not-met"


# --- staleness ---------------------------------------------------------------------------------------


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _notices(programme: Programme, catalogs: list[Catalog], today: dt.date) -> list[Notice]:
    """Evidence older than the validity window of the catalogs it supports, and overdue policies."""
    notices = []
    catalogs_of = _catalogs_supported(programme)
    for item in programme.evidence:
        years = min((catalog.validity_years or DEFAULT_VALIDITY_YEARS for catalog in catalogs
                     if catalog.id in catalogs_of[item.id]), default=DEFAULT_VALIDITY_YEARS)
        if item.date < _years_before(today, years):
            notices.append(Notice("stale-evidence", item.id,
                                  f"evidence {item.id} dated {item.date} is older than {years} years; "
                                  f"replace it with current evidence (evidence[].date)"))
    for policy in programme.governance.policies:
        if policy.review_due < today:
            notices.append(Notice("overdue-policy", policy.name,
                                  f"policy “{policy.name}” was due for review on {policy.review_due} "
                                  f"(governance.policies[].review_due)"))
    return notices


def _catalogs_supported(programme: Programme) -> defaultdict[str, set[str]]:
    """Evidence id -> ids of the catalogs it supports, via the register and self-assessment (one pass each)."""
    catalogs: defaultdict[str, set[str]] = defaultdict(set)
    for item in programme.evidence:
        catalogs[item.id].update(ref.split(":", 1)[0] for ref in item.supports)
    for entry in programme.self_assessment:
        for evidence_id in entry.evidence:
            catalogs[evidence_id].add(entry.criterion.split(":", 1)[0])
    return catalogs


# --- JSON ----------------------------------------------------------------------------------------------


def to_json(assessment: Assessment) -> dict[str, Any]:
    """The assessment as plain data: what ``assessment.json`` holds and ``--format json`` prints."""
    return {
        "programme": assessment.programme,
        "assessed_on": assessment.assessed_on.isoformat(),
        "standards": [{
            "id": result.id, "title": result.title, "source": result.source,
            "score": result.score.score, "band": result.band, **_counts(result.score),
            "sections": [{"id": s.id, "title": s.title, "score": s.score, **_counts(s)} for s in result.sections],
            "criteria": [{
                "id": c.id, "ref": c.ref, "standard": c.standard, "text": c.text, "status": c.status,
                "reasons": c.reasons, "evidence": c.evidence, "fix": c.fix, "claim": c.claim,
                "contradiction": c.contradiction, "justification": c.justification, "areas": c.areas,
                "evidence_required": c.evidence_required,
            } for c in result.criteria],
        } for result in assessment.standards],
        "notices": [{"kind": n.kind, "subject": n.subject, "message": n.message} for n in assessment.notices],
    }


def _counts(score: Score) -> dict[str, int]:
    return {"met": score.met, "partly_met": score.partly_met, "not_met": score.not_met,
            "not_applicable": score.not_applicable, "criteria": score.total}
