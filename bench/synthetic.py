"""Synthetic programmes of any size, for the scaling benchmark.

``write_programme(folder, evidence_items=N)`` writes a valid programme with N evidence items and,
in proportion, more roles, training sessions, contacts, milestones and self-assessment entries.
It starts from the minimal test programme so it stays valid as the data model grows.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
CRITERIA = [f"ismpe:{standard}.{number}" for standard, count in ((1, 9), (2, 17), (3, 8), (4, 9), (5, 5), (6, 9))
            for number in range(1, count + 1)]


def write_programme(folder: Path, evidence_items: int) -> Path:
    """Write a programme with ``evidence_items`` evidence items into ``folder`` (created)."""
    shutil.copytree(MINIMAL, folder)
    scale = max(1, evidence_items // 10)
    people = yaml.safe_load((folder / "programme.yaml").read_text())
    policies = yaml.safe_load((folder / "policies.yaml").read_text())

    people["roles"].append({"id": "line-manager", "title": "Line manager", "summary": "Gives time and support.",
                            "responsibilities": ["Release your team member for meetings."], "benefits": ["A developing team."]})
    people["roles"] += [
        {"id": f"role-{i}", "title": f"Role {i}", "summary": f"Synthetic role {i}.",
         "responsibilities": [f"Duty {j} of role {i}." for j in range(3)], "hours_per_month": 1 + i % 4,
         "reports_to": "coordinator"}
        for i in range(scale)
    ]
    policies["training"]["sessions"] += [
        {"id": f"session-{i}", "title": f"Session {i}", "stage": "ongoing" if i % 2 else "initial",
         "audience": ["mentor", "mentee"], "mandatory": i % 3 == 0, "duration_hours": 2,
         "topics": [f"Topic {i}.{j}" for j in range(3)], "outcomes": [f"Outcome {i}"]}
        for i in range(scale)
    ]
    policies["support"]["contacts"] += [
        {"id": f"contact-{i}", "name": f"Person {i}", "role": "coordinator", "email": f"person{i}@example.org"}
        for i in range(scale)
    ]
    policies["lifecycle"]["milestones"] += [
        {"id": f"review-{i}", "title": f"Review {i}", "kind": "review", "week": 4 + i % 48, "description": f"Check-in {i}."}
        for i in range(scale)
    ]

    evidence_dir = folder / "evidence"
    evidence = []
    for i in range(evidence_items):
        item = {"id": f"ev-item-{i}", "title": f"Evidence {i}", "date": dt.date(2026, 1, 1) - dt.timedelta(days=i % 900),
                "owner": "Coordinator", "visibility": ("public", "internal", "confidential")[i % 3],
                "supports": [CRITERIA[i % len(CRITERIA)], CRITERIA[(i * 7) % len(CRITERIA)]]}
        if i % 10 == 0:
            (evidence_dir / f"item-{i}.md").write_text(f"# Evidence {i}\n\nSynthetic evidence.\n")
            item.update(kind="file", path=f"evidence/item-{i}.md")
        else:
            item.update(kind="url", url=f"https://example.org/evidence/{i}")
        evidence.append(item)
    assessment = [{"criterion": CRITERIA[i % len(CRITERIA)], "claim": "partly-met", "evidence": [f"ev-item-{i}"],
                   "note": f"Synthetic note {i}."} for i in range(0, evidence_items, 5)]

    (folder / "programme.yaml").write_text(yaml.safe_dump(people, sort_keys=False))
    (folder / "policies.yaml").write_text(yaml.safe_dump(policies, sort_keys=False))
    (folder / "evidence.yaml").write_text(yaml.safe_dump({"evidence": evidence, "self_assessment": assessment}, sort_keys=False))
    return folder
