"""Small programmes as plain data, for tests to edit and validate (``Programme.model_validate``) or write out.

Kept in a module of its own, not only in ``conftest.py``: several folders have a ``conftest.py``, so
``from conftest import ...`` would depend on which one pytest imported last.
"""

from __future__ import annotations

from pathlib import Path


def minimal_programme_data() -> dict:
    """A small valid programme as plain data (a fresh copy each call), for tests to edit.

    Valid against the model and the cross-reference checks, and deliberately thin: it meets few
    criteria, so a test adds exactly what a criterion needs.
    """
    return {
        "programme": {
            "name": "Test Mentoring",
            "organisation": "Test Org",
            "summary": "A small programme for tests.",
            "aim": "To help new staff settle in.",
            "purpose": "New staff learn how the organisation works from an experienced colleague.",
            "target_audience": "Staff in their first year.",
            "goals": [{"id": "retention", "goal": "Keep new staff.", "measure": "First-year retention rate.",
                       "due": "2027-06-30"}],
            "definition": "Mentoring is a relationship in which a more experienced colleague helps a newer one learn.",
            "cohort": {"name": "Cohort 1", "start_date": "2026-09-14"},
        },
        "roles": [
            {"id": "mentor", "title": "Mentor", "summary": "An experienced colleague.",
             "responsibilities": ["Meet your mentee monthly."]},
            {"id": "mentee", "title": "Mentee", "summary": "A newer colleague.",
             "responsibilities": ["Set goals for the relationship."]},
            {"id": "coordinator", "title": "Coordinator", "summary": "Runs the programme.",
             "responsibilities": ["Match pairs."]},
        ],
        "code_of_conduct": {
            "parties": ["mentor", "mentee"],
            "confidentiality": {"statement": "What you discuss stays between you.", "limits": ["Risk of harm."]},
            "breaches": {"how_to_report": "Tell the coordinator.", "procedure": ["The coordinator listens to both."],
                         "response_days": 5, "handled_by": "coordinator"},
        },
        "selection": {
            "mentor_criteria": ["Two years in the organisation."],
            "mentee_criteria": ["In their first year."],
            "application": ["Fill in the form."],
            "decided_by": "coordinator",
            "feedback_to_unsuccessful": "The coordinator calls you to explain.",
        },
        "matching": {"criteria": ["Goals."], "process": ["The coordinator proposes a match."],
                     "participant_influence": "You may decline a proposed match."},
        "mismatch_policy": {
            "warning_signs": ["Missed meetings."],
            "no_fault_exit": "Either of you may end the match without blame.",
            "steps": [{"action": "Talk to the coordinator.", "who": "coordinator"}],
            "response_days": 5,
            "rematching": "We offer a new match.",
            "contact": "coordinator-desk",
        },
        "lifecycle": {
            "duration_months": 12, "meeting_frequency": "monthly", "meeting_minutes": 60,
            "milestones": [{"id": "first-meeting", "title": "First meeting", "kind": "first-meeting", "week": 2,
                            "description": "Get to know each other."}],
        },
        "training": {"sessions": [{"id": "mentor-workshop", "title": "Mentor workshop", "stage": "initial",
                                   "audience": ["mentor"], "mandatory": True, "duration_hours": 3,
                                   "topics": ["The mentor role."]}]},
        "monitoring": {"methods": [{"name": "Survey", "frequency": "twice a year", "run_by": "coordinator"}],
                       "feedback_access": "Only the coordinator sees individual answers."},
        "governance": {"sponsor": "The chief executive.",
                       "data_protection": "Records are kept under the data protection policy."},
        "support": {"contacts": [{"id": "coordinator-desk", "name": "Sam Coordinator", "role": "coordinator",
                                  "email": "sam@example.org"}]},
    }


# A programme at its very start: only what identifies it, and its roles (plus, where a test adds it, a plan).
EARLY_PROGRAMME = """\
programme:
  name: Riverside Peer Mentoring
  organisation: Riverside College
  purpose: First-year students meet a trained second-year student who helps them settle in.
roles:
  - id: mentor
    title: Peer mentor
  - id: mentee
    title: First-year student
"""


def write_programme(folder: Path, data: dict) -> Path:
    """Write programme data as one YAML file per top-level area into ``folder``; returns ``folder``."""
    import yaml

    folder.mkdir(parents=True, exist_ok=True)
    for area, value in data.items():
        (folder / f"{area}.yaml").write_text(yaml.safe_dump({area: value}, sort_keys=False, allow_unicode=True),
                                             encoding="utf-8")
    return folder
