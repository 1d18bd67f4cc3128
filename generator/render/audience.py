"""Who a build is for, and what each audience may see.

A public build shows only public material. An assessor build adds internal material; confidential
evidence appears there only as metadata (title, owner, date), never its description or file.
Confidential data sections are never shown.

An area is *visible* when the audience may see what it holds, and *hidden* when it holds something
the audience may not see. An area the programme has not written yet is neither: its handbook page
is built and says so.
"""

from __future__ import annotations

import re
from typing import Literal

from generator.model import EvidenceItem, Plan, Programme, Visibility

AUDIENCES: dict[str, frozenset[Visibility]] = {
    "public": frozenset({"public"}),
    "assessor": frozenset({"public", "internal"}),
}
EvidenceAccess = Literal["full", "metadata", "withheld"]
# An evidence id, with the word "evidence" before it if there is one, so rewording reads naturally.
EVIDENCE_MENTION = re.compile(r"\b(?:evidence(?: item)?\s+)?(ev-[a-z0-9][a-z0-9-]*)")
WITHHELD_MENTION = "an evidence item withheld from this edition"


def check_audience(audience: str) -> frozenset[Visibility]:
    """The visibilities an audience may see. Raises ValueError for an unknown audience."""
    try:
        return AUDIENCES[audience]
    except KeyError:
        raise ValueError(f"unknown audience {audience!r} (known: {', '.join(AUDIENCES)})") from None


def evidence_access(item: EvidenceItem, audience: str) -> EvidenceAccess:
    """How much of an evidence item an audience sees: everything, metadata only, or nothing."""
    if item.visibility in check_audience(audience):
        return "full"
    if audience == "assessor" and item.visibility == "confidential":
        return "metadata"
    return "withheld"


def withheld_evidence(programme: Programme, audience: str) -> set[str]:
    """Ids of the evidence items this audience may not even know by name."""
    return {item.id for item in programme.evidence if evidence_access(item, audience) == "withheld"}


def visible_areas(programme: Programme, audience: str) -> frozenset[str]:
    """The top-level data areas (``programme``, ``selection``, ...) this audience may see."""
    allowed = check_audience(audience)
    areas = {"roles", "evidence", "self_assessment"}
    for name in type(programme).model_fields:
        visibility = getattr(getattr(programme, name), "visibility", None)
        if visibility in allowed:
            areas.add(name)
    return frozenset(areas)


def hidden_areas(programme: Programme, audience: str) -> frozenset[str]:
    """The areas the programme has written that this audience may not see: their pages are left out."""
    allowed = check_audience(audience)
    return frozenset(name for name in type(programme).model_fields
                     if getattr(getattr(programme, name), "visibility", None) not in (None, *allowed))


def plan_shown(plan: Plan, programme: Programme, audience: str) -> bool:
    """Whether an audience may see a plan: its own visibility allows it, and it fills no hidden area."""
    area = plan.field.split(".")[0] if plan.field else None
    return plan.visibility in check_audience(audience) and area not in hidden_areas(programme, audience)


def without_withheld_ids(text: str, withheld: set[str]) -> str:
    """Text in which evidence the audience may not see is not named, e.g. in a reason or a notice."""
    if not withheld:  # nothing withheld (as in assessor builds): nothing to look for
        return text
    return EVIDENCE_MENTION.sub(lambda m: WITHHELD_MENTION if m.group(1) in withheld else m.group(0), text)
