"""Assess a programme against standards catalogs: each criterion's status derived from the data.

A criterion with a rule takes the rule's level: met, partly met or not met (see
:mod:`generator.standards.rules`). Where the criterion asks for evidence (a practice documents
alone cannot show), met also needs current evidence linked; the practice without evidence, or
evidence without the practice in the data, is partly met. A criterion without a rule rests on
evidence alone: current evidence makes it met, evidence older than the catalog's validity window
only partly.

A self-assessment claim is the coordinator's view: shown, never raising a status; where it
disagrees with the data it is flagged. A not-applicable claim stands only where the catalog says
the criterion may not apply and the data agrees. A criterion about parties the programme says it
does not have (``programme.absent_parties``) is not applicable, with that reason. Plans are shown
beside the criteria they would meet and never count.

Reasons, fixes, contradictions and notices are :class:`~generator.i18n.Message` objects: English
wherever they are used as strings (the text report, JSON, CSV), put into the site's language where a
page shows them. A reason starts with its status symbol (``✓ ``), which is no word: it is a value of
the reason's line, never part of a msgid.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Literal

from generator.datapath import without_filters
from generator.i18n import Message, message, plural_message
from generator.model import EvidenceItem, Plan, Programme, SelfAssessmentEntry
from generator.standards.catalog import Band, Catalog, Criterion
from generator.standards.loading import Standards
from generator.standards.rules import (
    MET,
    NOT_MET,
    PARTLY,
    Context,
    areas,
    either,
    evaluate,
    joined,
    leaves,
)

Status = Literal["met", "partly-met", "not-met", "not-applicable"]
STATUS_OF_LEVEL: dict[int, Status] = {MET: "met", PARTLY: "partly-met", NOT_MET: "not-met"}
SYMBOL_OF_LEVEL = {MET: "✓ ", PARTLY: "◐ ", NOT_MET: "✗ "}
PASS, FAIL, NOT_APPLICABLE = "✓ ", "✗ ", "— "
# A status as the contradictions say it ("claimed met, but the data shows partly-met"): the words of
# the self-assessment's claim, put into the site's language like the rest of the sentence.
STATUS_TEXT: dict[str, Message] = {"met": message("met"), "partly-met": message("partly-met"),
                                   "not-met": message("not-met"), "not-applicable": message("not-applicable")}
EVIDENCE_REASONS = 10  # a criterion citing more evidence gets one reason line for its current items, one for its stale
DEFAULT_VALIDITY_YEARS = 3
# The areas a programme is written in, besides its identity and roles: what an early gap report lists.
CONTENT_AREAS = ("code_of_conduct", "selection", "matching", "mismatch_policy", "lifecycle", "training", "monitoring",
                 "governance", "support")


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
    planned: list[Plan] = field(default_factory=list)
    withheld_evidence: int = 0  # in an edition's copy (generator.audience): linked items left out of ``evidence``

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
    """Something an assessor should know that is not one criterion's status: stale, overdue, missing."""

    kind: Literal["stale-evidence", "overdue-policy", "overdue-plan", "missing-area"]
    subject: str
    message: str
    planned: list[Plan] = field(default_factory=list)  # the plans it concerns


@dataclass
class Assessment:
    programme: str
    assessed_on: dt.date
    standards: list[CatalogResult]
    notices: list[Notice]


def assess(programme: Programme, standards: Standards, today: dt.date) -> Assessment:
    """Assess every criterion of every catalog; pure: the same inputs give the same result."""
    results = []
    index = _Index.of(programme)
    context = Context(programme, today, standards.vocabularies)
    for catalog in standards.catalogs:
        cutoff = _years_before(today, catalog.validity_years or DEFAULT_VALIDITY_YEARS)
        criteria = [_assess_criterion(context, index, catalog, standard.id, criterion, cutoff)
                    for standard in catalog.standards for criterion in standard.criteria]
        sections = [score_of(standard.id, standard.title, [c for c in criteria if c.standard == standard.id])
                    for standard in catalog.standards]
        total = score_of(catalog.id, catalog.title, criteria)
        results.append(CatalogResult(catalog.id, catalog.title, catalog.source, total,
                                     band_for(total.score, catalog.bands), sections, criteria))
    return Assessment(programme.programme.name, today, results, _notices(programme, standards.catalogs, results, today))


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
    plans: list[Plan]

    @classmethod
    def of(cls, programme: Programme) -> _Index:
        supporting: defaultdict[str, list[str]] = defaultdict(list)
        for item in programme.evidence:
            for ref in item.supports:
                supporting[ref].append(item.id)
        entries: defaultdict[str, list[SelfAssessmentEntry]] = defaultdict(list)
        for entry in programme.self_assessment:
            entries[entry.criterion].append(entry)
        return cls({item.id: item for item in programme.evidence}, supporting, entries, programme.plans)


def _assess_criterion(context: Context, index: _Index, catalog: Catalog, standard: str, criterion: Criterion,
                      cutoff: dt.date) -> CriterionResult:
    programme = context.programme
    ref = f"{catalog.id}:{criterion.id}"
    claim, justification = _claim(index.entries.get(ref, []))
    evidence_ids = list(dict.fromkeys(index.supporting.get(ref, []) +
                                      [e for entry in index.entries.get(ref, []) for e in entry.evidence]))
    reasons: list[str] = []
    fixes: list[str] = []
    fresh, stale = _evidence(evidence_ids, index.register, cutoff, catalog, reasons)
    link_fix = message("link current evidence (add %(ref)s to an item's %(field)s)", ref=ref, field="evidence[].supports")

    absent = _absent_parties(programme, criterion.applies_to, context)
    if absent is not None:
        status: Status = "not-applicable"
        reasons.insert(0, marked(NOT_APPLICABLE, message("not applicable: %(why)s", why=absent)))
    else:
        if criterion.rule is not None:
            outcome = evaluate(criterion.rule, context)
            reasons[:0] = [marked(SYMBOL_OF_LEVEL[check.level], check.reason) for check in outcome.checks]
            level = outcome.level
            if outcome.fix:
                fixes.append(outcome.fix)
            if criterion.evidence_required and not outcome.vetoed:
                level = MET if level == MET and fresh else PARTLY if level > NOT_MET or fresh else NOT_MET
        else:  # the data cannot show this criterion: it rests on evidence
            level = MET if fresh else PARTLY if stale else NOT_MET
        if (criterion.evidence_required or criterion.rule is None) and not fresh:
            reasons.append(marked(FAIL, message("no current evidence linked; this criterion needs evidence")))
            fixes.append(link_fix)
        if stale:
            fixes.append(message("replace stale evidence %(evidence)s with current evidence", evidence=", ".join(stale)))
        status = STATUS_OF_LEVEL[level]

    contradiction = None
    if claim == "not-applicable" and status != "not-applicable":
        contradiction = _not_applicable_contradiction(criterion, status, programme, context)
        if contradiction is None:
            status = "not-applicable"  # the condition is the catalog's words, the justification the coordinator's
            reasons.append(marked(NOT_APPLICABLE, message("not applicable (%(condition)s): %(justification)s",
                                                          condition=criterion.may_not_apply, justification=justification)))
    elif claim is not None and claim != status:
        contradiction = message("claimed %(claim)s, but the data shows %(status)s", claim=STATUS_TEXT.get(claim, claim),
                                status=STATUS_TEXT[status])

    planned = [plan for plan in index.plans if _plan_concerns(plan, ref, criterion)]
    fix = None
    if status in ("partly-met", "not-met"):  # the guidance is the catalog's wording, shown as it is
        detail = joined(fixes)
        fix = message("%(guidance)s To do: %(fixes)s.", guidance=criterion.guidance, fixes=detail) \
            if criterion.guidance and detail else criterion.guidance or detail or None
    return CriterionResult(catalog.id, standard, criterion.id, criterion.text, status, reasons, evidence_ids, fix,
                           claim, contradiction, areas(criterion.rule) if criterion.rule else [],
                           criterion.evidence_required, justification, planned)


def evidence_named(evidence_id: str) -> Message:
    """``evidence ev-…``: how a reason names an evidence item, a value of its own so that an edition
    that withholds the item can put a mention in its place (:meth:`generator.audience._Cut.unnamed`)."""
    return message("evidence %(id)s", id=evidence_id)


def marked(symbol: str, reason: str) -> Message:
    """A reason line: its status symbol (``✓ ``), then the reason. The symbol is no word, so the line's
    layout is no msgid of the catalogs; the reason in it is translated where the line is shown."""
    return Message("%(symbol)s%(reason)s", {"symbol": symbol, "reason": reason})


def _evidence(evidence_ids: list[str], register: dict[str, EvidenceItem], cutoff: dt.date, catalog: Catalog,
              reasons: list[str]) -> tuple[list[str], list[str]]:
    """The linked evidence that is current, and that is stale; a reason line for each item, or for
    each group when a criterion cites more than EVIDENCE_REASONS items (a reader cannot use hundreds)."""
    fresh, stale, missing = [], [], []
    for evidence_id in evidence_ids:
        item = register.get(evidence_id)
        if item is None:
            missing.append(evidence_id)
        elif item.date < cutoff:
            stale.append(evidence_id)
        else:
            fresh.append(evidence_id)
    years = catalog.validity_years or DEFAULT_VALIDITY_YEARS
    # Dates are written as the register has them (2025-03-14): values, as ids are.
    reasons.extend(marked(FAIL, message("%(evidence)s is not in the evidence register", evidence=evidence_named(evidence_id)))
                   for evidence_id in missing)
    if len(evidence_ids) <= EVIDENCE_REASONS:
        for evidence_id in evidence_ids:
            item = register.get(evidence_id)
            if item is not None and evidence_id in stale:
                reasons.append(marked(FAIL, plural_message(
                    "%(evidence)s dated %(date)s is stale (older than %(count)s year), so it does not count",
                    "%(evidence)s dated %(date)s is stale (older than %(count)s years), so it does not count",
                    years, evidence=evidence_named(evidence_id), date=item.date.isoformat())))
            elif item is not None:
                reasons.append(marked(PASS, message("%(evidence)s dated %(date)s", evidence=evidence_named(evidence_id),
                                                    date=item.date.isoformat())))
        return fresh, stale
    if fresh:
        dates = sorted(register[evidence_id].date for evidence_id in fresh)
        reasons.append(marked(PASS, plural_message(
            "%(count)s linked evidence item is current, dated %(first)s to %(last)s",
            "%(count)s linked evidence items are current, dated %(first)s to %(last)s",
            len(fresh), first=dates[0].isoformat(), last=dates[-1].isoformat())))
    if stale:
        dates = sorted(register[evidence_id].date for evidence_id in stale)
        span = {"first": dates[0].isoformat(), "last": dates[-1].isoformat(), "years": years}
        reasons.append(marked(FAIL, plural_message(
            "%(count)s linked evidence item, dated %(first)s to %(last)s, is stale (older than %(years)s years), "
            "so it does not count",
            "%(count)s linked evidence items, dated %(first)s to %(last)s, are stale (older than %(years)s years), "
            "so they do not count", len(stale), **span)))
    return fresh, stale


def _absent_parties(programme: Programme, parties: list[str], context: Context) -> str | None:
    """Why a criterion about these parties does not apply: the programme says it has none of them.
    The parties are the standard's words (lower-cased, as in a sentence), the reasons the programme's."""
    if not parties or any(programme.roles_playing(party) or programme.absent(party) is None for party in parties):
        return None
    return joined(message("the programme has no %(parties)s (%(reason)s)",
                          parties=context.vocabularies.label("parties", party).lower(), reason=absence.reason)
                  for party in parties if (absence := programme.absent(party)) is not None)


def _not_applicable_contradiction(criterion: Criterion, status: Status, programme: Programme, context: Context) -> Message | None:
    """Why a not-applicable claim cannot stand (the contradiction to flag), or None when it can."""
    shows = STATUS_TEXT[status]
    playing = [party for party in criterion.applies_to if programme.roles_playing(party)]
    if playing:
        titles = ", ".join(role.title for party in playing for role in programme.roles_playing(party))
        return message("claimed not applicable, but the programme has roles that play %(parties)s (%(roles)s), so it applies; "
                       "the data shows %(status)s", parties=", ".join(playing), roles=titles, status=shows)
    if criterion.applies_to and criterion.may_not_apply is None:
        parties = either(context.vocabularies.label("parties", party).lower() for party in criterion.applies_to)
        return message("claimed not applicable, but it applies unless the programme has no %(parties)s: say so in %(field)s; "
                       "the data shows %(status)s", parties=parties, field="programme.absent_parties", status=shows)
    if criterion.may_not_apply is None:
        return message("claimed not applicable, but the standard allows no exception to this criterion; the data shows %(status)s",
                       status=shows)
    if status != "not-met":
        return message("claimed not applicable, but the data shows %(status)s: the programme does some of it, so it applies",
                       status=shows)
    return None


def _plan_concerns(plan: Plan, ref: str, criterion: Criterion) -> bool:
    """Whether a plan is about a criterion: named in it, or filling a field its rule looks at."""
    if ref in plan.criteria:
        return True
    if plan.field is None or criterion.rule is None:
        return False
    for _, _, path in leaves(criterion.rule):
        looked_at = without_filters(path)
        if _within(looked_at, plan.field) or _within(plan.field, looked_at):
            return True
    return False


def _within(path: str, prefix: str) -> bool:
    return path == prefix or path.startswith(prefix + ".")


def _claim(entries: list[SelfAssessmentEntry]) -> tuple[str | None, str | None]:
    """The last claim made for a criterion, with its justification."""
    for entry in reversed(entries):
        if entry.claim is not None:
            return entry.claim, entry.justification
    return None, None


# --- notices -----------------------------------------------------------------------------------------


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _notices(programme: Programme, catalogs: list[Catalog], results: list[CatalogResult], today: dt.date) -> list[Notice]:
    """Areas not written yet, evidence older than its catalogs' window, overdue policies and plans."""
    notices = []
    looked_at: defaultdict[str, int] = defaultdict(int)
    for result in results:
        for criterion in result.criteria:
            for area in criterion.areas:
                looked_at[area] += 1
    for area in CONTENT_AREAS:
        if getattr(programme, area) is None:
            notices.append(Notice("missing-area", area, plural_message(
                "%(area)s is not written yet; %(count)s criterion looks at it (add a %(area)s: area)",
                "%(area)s is not written yet; %(count)s criteria look at it (add a %(area)s: area)", looked_at[area], area=area),
                [plan for plan in programme.plans if plan.field and _within(plan.field, area)]))
    catalogs_of = _catalogs_supported(programme)
    for item in programme.evidence:  # dates as the data writes them (2025-03-14), and data paths: values
        years = min((catalog.validity_years or DEFAULT_VALIDITY_YEARS for catalog in catalogs
                     if catalog.id in catalogs_of[item.id]), default=DEFAULT_VALIDITY_YEARS)
        if item.date < _years_before(today, years):
            notices.append(Notice("stale-evidence", item.id, plural_message(
                "%(evidence)s dated %(date)s is older than %(count)s year; replace it with current evidence (%(field)s)",
                "%(evidence)s dated %(date)s is older than %(count)s years; replace it with current evidence (%(field)s)",
                years, evidence=evidence_named(item.id), date=item.date.isoformat(), field="evidence[].date")))
    for policy in programme.governance.policies if programme.governance else []:
        if policy.review_due is not None and policy.review_due < today:
            notices.append(Notice("overdue-policy", policy.name, message(
                "policy “%(policy)s” was due for review on %(date)s (%(field)s)", policy=policy.name,
                date=policy.review_due.isoformat(), field="governance.policies[].review_due")))
    for plan in programme.plans:
        if plan.by is not None and plan.by < today:
            notices.append(Notice("overdue-plan", plan.what, message(
                "the plan “%(plan)s” was due by %(date)s (%(field)s)", plan=plan.what.rstrip("."), date=plan.by.isoformat(),
                field="plans[].by"), [plan]))
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
                "evidence_required": c.evidence_required, "planned": [str(plan) for plan in c.planned],
            } for c in result.criteria],
        } for result in assessment.standards],
        "notices": [{"kind": n.kind, "subject": n.subject, "message": n.message, "planned": [str(plan) for plan in n.planned]}
                    for n in assessment.notices],
    }


def _counts(score: Score) -> dict[str, int]:
    return {"met": score.met, "partly_met": score.partly_met, "not_met": score.not_met,
            "not_applicable": score.not_applicable, "criteria": score.total}
