"""An assessment as text: a terminal table, JSON, CSV (one row per criterion) or Markdown."""

from __future__ import annotations

import csv
import io
import json
import textwrap

from generator.assess import Assessment, CatalogResult, CriterionResult, Score, to_json
from generator.model import Plan

FORMATS = ("table", "json", "csv", "markdown")
CSV_COLUMNS = ("catalog", "criterion", "status", "text", "evidence", "fix", "claim", "contradiction")
# Words, not colours: the status must read the same in a plain terminal, a log or a printout.
STATUS_WORDS = {"met": "met", "partly-met": "PARTLY", "not-met": "NOT MET", "not-applicable": "n/a"}


def render(assessment: Assessment, output_format: str, width: int = 88) -> str:
    """The assessment in one of FORMATS; ``width`` applies to the table."""
    if output_format == "json":
        return json.dumps(to_json(assessment), indent=2, ensure_ascii=False) + "\n"
    if output_format == "csv":
        return render_csv(assessment)
    if output_format == "markdown":
        return render_markdown(assessment)
    if output_format == "table":
        return render_table(assessment, width)
    raise ValueError(f"unknown format {output_format!r}; choose one of {', '.join(FORMATS)}")


def _counts(score: Score) -> str:
    parts = [f"{score.met} met", f"{score.partly_met} partly met", f"{score.not_met} not met"]
    if score.not_applicable:
        parts.append(f"{score.not_applicable} not applicable")
    return ", ".join(parts)


def _percent(score: float | None) -> str:
    return "n/a" if score is None else f"{score:.1f}%"


def _gaps(result: CatalogResult) -> list[CriterionResult]:
    return [c for c in result.criteria if c.status in ("partly-met", "not-met")]


def _gap_line(criterion: CriterionResult) -> str:
    """What a gap needs, and what is planned for it."""
    return f"{criterion.fix or ''}{_planned(criterion.planned)}"


def _planned(plans: list[Plan]) -> str:
    return f" Planned: {'; '.join(map(str, plans))}." if plans else ""


def _split_notices(assessment: Assessment) -> tuple[list[str], list[str]]:
    """The areas not written yet (what an early gap report leads with), and every other notice."""
    missing = [n.message + _planned(n.planned) for n in assessment.notices if n.kind == "missing-area"]
    return missing, [n.message for n in assessment.notices if n.kind != "missing-area"]


# --- table ---------------------------------------------------------------------------------------------


def render_table(assessment: Assessment, width: int = 88) -> str:
    """Per catalog: a header with score and band, one line per criterion, then the gaps and their fixes."""
    lines = [f"{assessment.programme}: assessed on {assessment.assessed_on.isoformat()}"]
    missing, notices = _split_notices(assessment)
    if missing:
        lines += ["", "Not written yet:"]
        for message in missing:
            lines += _wrapped(message, width)
    for result in assessment.standards:
        band = f" · band {result.band}" if result.band else ""
        lines += ["", "=" * min(width, 100), f"{result.id}  {result.title}"[:width],
                  f"score {_percent(result.score.score)}{band} · {_counts(result.score)}", "=" * min(width, 100)]
        for section in result.sections:
            lines.append(_cut(f"{section.id}  {section.title}  {_percent(section.score)}", width))
            id_width = max(len(c.id) for c in result.criteria)
            for criterion in (c for c in result.criteria if c.standard == section.id):
                lines.append(_cut(f"  {STATUS_WORDS[criterion.status]:<8} {criterion.id:<{id_width}}  {criterion.text}", width))
        gaps = _gaps(result)
        if gaps:
            lines += ["", f"Gaps in {result.id} (what to add):"]
            for criterion in gaps:
                lines += _wrapped(f"{criterion.id} ({STATUS_WORDS[criterion.status].lower()}): {_gap_line(criterion)}", width)
        flagged = [c for c in result.criteria if c.contradiction]
        if flagged:
            lines += ["", f"Claims in {result.id} that disagree with the data:"]
            for criterion in flagged:
                lines += _wrapped(f"{criterion.id}: {criterion.contradiction}", width)
    if notices:
        lines += ["", "Notices:"]
        for message in notices:
            lines += _wrapped(message, width)
    return "\n".join(lines) + "\n"


def _cut(line: str, width: int) -> str:
    return line if len(line) <= width else line[: width - 1] + "…"


def _wrapped(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width=width, initial_indent="  - ", subsequent_indent="    ") or ["  -"]


# --- csv and markdown ----------------------------------------------------------------------------------


def render_csv(assessment: Assessment) -> str:
    """One row per criterion: catalog, criterion, status, text, evidence ids, fix, claim, contradiction."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for result in assessment.standards:
        for c in result.criteria:
            writer.writerow([result.id, c.id, c.status, c.text, " ".join(c.evidence), c.fix or "", c.claim or "",
                             c.contradiction or ""])
    return out.getvalue()


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def render_markdown(assessment: Assessment) -> str:
    """Headings per catalog, a score table per standard, a criteria table, then gaps and notices."""
    lines = [f"# Assessment of {assessment.programme}", "", f"Assessed on {assessment.assessed_on.isoformat()}."]
    missing, notices = _split_notices(assessment)
    if missing:
        lines += ["", "## Not written yet", ""] + [f"- {message}" for message in missing]
    for result in assessment.standards:
        band = f", band **{result.band}**" if result.band else ""
        lines += ["", f"## {result.title}", "", f"Score **{_percent(result.score.score)}**{band} ({_counts(result.score)}).",
                  "", "| Standard | Score | Met | Partly met | Not met | Not applicable |", "|---|---|---|---|---|---|"]
        for s in result.sections:
            lines.append(f"| {_cell(s.id)} {_cell(s.title)} | {_percent(s.score)} | {s.met} | {s.partly_met} | {s.not_met} | {s.not_applicable} |")
        lines += ["", "| Status | Criterion | Text | Evidence |", "|---|---|---|---|"]
        for c in result.criteria:
            status = c.status.replace("-", " ")
            lines.append(f"| {status} | {_cell(c.id)} | {_cell(c.text)} | {' '.join(c.evidence)} |")
        gaps = _gaps(result)
        if gaps:
            lines += ["", "### Gaps", ""]
            lines += [f"- **{_cell(c.id)}** ({c.status.replace('-', ' ')}): {_gap_line(c)}" for c in gaps]
        flagged = [c for c in result.criteria if c.contradiction]
        if flagged:
            lines += ["", "### Claims that disagree with the data", ""]
            lines += [f"- **{_cell(c.id)}**: {c.contradiction}" for c in flagged]
    if notices:
        lines += ["", "## Notices", ""] + [f"- {message}" for message in notices]
    return "\n".join(lines) + "\n"
