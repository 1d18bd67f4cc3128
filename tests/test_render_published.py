"""Rendering what a programme has and has not published: absent areas, hidden areas, plans and declarations.

An area the programme has not written keeps its page, which says so; an area hidden from the
audience loses its page. Plans appear on the page of the field they will fill (or beside their
criteria on the checklist). Declarations are printed beside their text in the standards' wording.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import markdown
import pytest
from programme_data import minimal_programme_data, write_programme
from test_render import EXTENSIONS, broken_links, checklist_block

from generator.assess import assess
from generator.audience import edition_for
from generator.pipeline import LoadedProgramme, load_programme
from generator.render import Page, render_pages
from generator.site_map import PAGES, PAGES_BY_KEY, page_for_field

TODAY = dt.date(2026, 10, 1)
ABSENT_AREA_LINES = {
    "taking-part/selection.md": "The programme has not published how it selects mentors and mentees yet.",
    "training/curriculum.md": "The programme has not published its training curriculum yet.",
    "taking-part/matching.md": "The programme has not published how it matches mentors and mentees yet.",
    "taking-part/first-meeting.md": "The programme has not published its guidance for the first meeting yet.",
    "taking-part/timeline.md": "The programme has not published its relationship timeline yet.",
    "taking-part/when-a-match-isnt-working.md": "The programme has not published its mismatch policy yet.",
    "conduct/code-of-conduct.md": "The programme has not published its code of conduct yet.",
    "conduct/confidentiality.md": "The programme has not published its confidentiality statement yet.",
    "support/contacts.md": "The programme has not published its support and contacts yet.",
    "running/monitoring.md": "The programme has not published how it monitors and evaluates the programme yet.",
    "running/governance.md": "The programme has not published how it is governed yet.",
}


def build(tmp_path: Path, data: dict, *, audience: str = "public") -> tuple[dict[str, Page], LoadedProgramme]:
    loaded = load_programme(write_programme(tmp_path / "data", data))
    assessment = assess(loaded.programme, loaded.standards, TODAY)
    pages = render_pages(edition_for(loaded.programme, assessment, audience), loaded.standards, template_dir=None, today=TODAY)
    return {page.path: page for page in pages}, loaded


def early_stage_data() -> dict:
    """A programme just starting: its name, organisation, purpose and roles, nothing else."""
    data = minimal_programme_data()
    overview = data["programme"]
    return {"programme": {key: overview[key] for key in ("name", "organisation", "purpose")}, "roles": data["roles"]}


def printed_none(pages: dict[str, Page]) -> list[str]:
    return [path for path, page in pages.items() if re.search(r"\bNone\b", page.markdown)]


# --- absent areas ----------------------------------------------------------------------------------


def test_an_early_stage_programme_has_every_page_each_saying_what_is_not_published(tmp_path: Path) -> None:
    pages, loaded = build(tmp_path, early_stage_data())
    assert list(pages) == [spec.path for spec in PAGES]
    for path, line in ABSENT_AREA_LINES.items():
        assert line in pages[path].markdown, path
    welcome = pages["programme/welcome.md"].markdown
    assert "New staff learn how the organisation works" in welcome
    for missing in ("its aim", "who it is for", "its goals"):
        assert f"The programme has not published {missing} yet." in welcome
    assert "The programme has not published what it means by mentoring yet." in pages["programme/what-mentoring-is.md"].markdown
    assert "The programme has not published its values yet." in pages["programme/values.md"].markdown
    assert "## Mentor {: #mentor }" in pages["programme/roles.md"].markdown
    assert printed_none(pages) == []
    assert broken_links(pages, loaded.programme) == []
    for page in pages.values():
        markdown.markdown(page.markdown, extensions=EXTENSIONS)  # every page is Markdown the site can build


def test_a_present_area_says_which_key_fields_are_not_published_and_skips_optional_extras(tmp_path: Path) -> None:
    data = minimal_programme_data()
    del data["matching"]["participant_influence"]
    data["code_of_conduct"] = {"parties": ["mentor", "mentee"], "breaches": {"how_to_report": "Tell the coordinator."}}
    data["selection"] = {"mentor_criteria": ["Two years in the organisation."]}
    data["mismatch_policy"] = {"warning_signs": ["Missed meetings."]}
    pages, _ = build(tmp_path, data)
    assert "## Your say {: #participant-influence }\n\nThe programme has not published what say you have in your match yet." \
        in pages["taking-part/matching.md"].markdown
    conduct = pages["conduct/code-of-conduct.md"].markdown
    assert "The programme has not published what happens after a breach is reported yet." in conduct
    assert "The programme has not published its confidentiality statement yet." in conduct
    assert '!!! note "Response time"' not in conduct and "## Boundaries" not in conduct
    selection = pages["taking-part/selection.md"].markdown
    for missing in ("who can be a mentee", "how to apply", "who decides on applications",
                    "what happens when an application is not successful"):
        assert f"The programme has not published {missing} yet." in selection
    assert "## The conversation before you are accepted" not in selection
    mismatch = pages["taking-part/when-a-match-isnt-working.md"].markdown
    assert "The programme has not published who to contact yet." in mismatch
    assert "The programme has not published how a match can end without blame yet." in mismatch
    assert "end the match without blame" not in mismatch and "handbook-flow" not in mismatch  # no path without steps
    assert "The programme has not published its confidentiality statement yet." in pages["conduct/confidentiality.md"].markdown
    assert printed_none(pages) == []


def test_a_hidden_area_loses_its_page_while_an_absent_one_keeps_it(tmp_path: Path) -> None:
    data = minimal_programme_data()
    data["training"]["visibility"] = "internal"
    del data["mismatch_policy"]
    pages, _ = build(tmp_path, data)
    assert "training/curriculum.md" not in pages
    assert not any("curriculum.md" in page.markdown for page in pages.values())
    assert ABSENT_AREA_LINES["taking-part/when-a-match-isnt-working.md"] in pages["taking-part/when-a-match-isnt-working.md"].markdown
    assert "[When a match isn't working](../taking-part/when-a-match-isnt-working.md)" in pages["assessment/traceability.md"].markdown
    assessor, _ = build(tmp_path / "assessor", data, audience="assessor")
    assert "### Mentor workshop {: #session-mentor-workshop }" in assessor["training/curriculum.md"].markdown


# --- plans -----------------------------------------------------------------------------------------


def test_plans_appear_on_the_page_of_the_field_they_will_fill(tmp_path: Path) -> None:
    data = early_stage_data()
    data["plans"] = [
        {"what": "Write a no-fault rematching policy.", "by": "2027-03-31", "field": "mismatch_policy"},
        {"what": "Name the trainers.", "field": "training.trainers"},
        {"what": "Publish a glossary.", "by": "2026-09-01", "field": "programme.glossary"},
        {"what": "Say which parties the programme has not got.", "field": "programme.absent_parties"},
        {"what": "Hold the first sponsor review.", "criteria": ["ismpe:4.8"]},
    ]
    pages, _ = build(tmp_path, data)
    expected = {
        "taking-part/when-a-match-isnt-working.md": "- **By 31 March 2027:** Write a no-fault rematching policy.",
        "training/curriculum.md": "- Name the trainers.",
        "support/glossary.md": "- **By 1 September 2026 (now overdue):** Publish a glossary.",
        "programme/roles.md": "- Say which parties the programme has not got.",
    }
    for path, page in pages.items():
        shown = [plan["what"] for plan in data["plans"] if plan["what"] in page.markdown]
        if path in expected:
            assert '!!! note "Planned"' in page.markdown and expected[path] in page.markdown, path
            assert len(shown) == 1, (path, shown)
        elif path != "assessment/checklist.md":
            assert shown == [], (path, shown)
    checklist = pages["assessment/checklist.md"].markdown
    block = checklist_block(checklist, "ismpe-4-8")
    assert "**Planned:**\n\n- Hold the first sponsor review" in block
    mismatch_block = checklist_block(checklist, "ismpe-3-5")
    assert "**Planned:**\n\n- Write a no-fault rematching policy (by 2027-03-31)" in mismatch_block
    assert "◷" not in mismatch_block  # listed once, under Planned, not again among the reasons


def test_page_for_field_knows_new_fields_and_filtered_paths() -> None:
    assert page_for_field("training.trainers") is PAGES_BY_KEY["training"]
    assert page_for_field("programme.absent_parties") is PAGES_BY_KEY["roles"]
    assert page_for_field("monitoring.evaluation.external_review") is PAGES_BY_KEY["monitoring"]
    assert page_for_field("code_of_conduct.confidentiality.used_for_employment_decisions") is PAGES_BY_KEY["confidentiality"]
    assert page_for_field("training.sessions[stage=initial,mandatory=true].audience") is PAGES_BY_KEY["training"]
    assert page_for_field("training.sessions[outcomes].audience") is PAGES_BY_KEY["training"]
    assert page_for_field("plans") is None


# --- declarations ----------------------------------------------------------------------------------


def declaring_data() -> dict:
    """The minimal programme with a declaration of every kind the handbook shows."""
    data = minimal_programme_data()
    data["programme"]["voluntary"] = True
    data["programme"]["distinctions"] = [{"practice": "A coach", "kind": "coaching", "difference": "Works on a skill."}]
    data["programme"]["absent_parties"] = [{"party": "steering-group", "reason": "A small scheme overseen by the head of school."}]
    data["roles"].append({"id": "principal", "title": "Principal", "plays": ["line-manager"],
                          "responsibilities": ["Release staff for meetings."]})
    data["code_of_conduct"]["parties"] = ["mentor", "mentee", "organisation", "sponsor"]
    data["code_of_conduct"]["confidentiality"]["used_for_employment_decisions"] = False
    data["code_of_conduct"]["hierarchy_of_interests"] = {"order": [{"text": "The mentee comes first.", "interest": "mentee"}]}
    data["selection"]["mentor_criteria"] = [{"text": "Listens well.", "covers": ["interpersonal-skills"]}]
    data["selection"]["interview"] = {"summary": "A short talk.", "formal": True}
    data["selection"]["feedback_to_unsuccessful"] = {"summary": "We explain why.", "owner": "coordinator", "within_days": 10}
    data["matching"]["criteria"] = [{"text": "What the mentee wants to learn.", "covers": ["mentee-needs"]}]
    data["matching"]["has_a_say"] = ["mentee", "line-manager"]
    data["lifecycle"]["milestones"][0]["development_criteria"] = ["Both have met.", "Goals are drafted."]
    data["training"]["sessions"][0]["covers"] = [{"topic": "confidentiality", "minutes": 60}, "boundaries"]
    data["training"]["trainers"] = [{"name": "Dr Rao", "expertise": ["mentoring-knowledge"]}]
    data["training"]["competencies"] = [{"party": "mentor", "competencies": ["Active listening."]}]
    data["training"]["instruments"] = [{"name": "Learning styles questionnaire", "used_for": "Knowing how you learn.",
                                      "completed_by": ["mentor"]}]
    data["monitoring"]["methods"][0] |= {"checks": ["match-quality"], "times_per_year": 2}
    data["monitoring"]["review_meetings"] = [{"name": "Sponsor review", "attended_by": ["coordinator", "sponsor"],
                                              "times_per_year": 4}]
    data["monitoring"]["evaluation"] = {"summary": "A yearly report.", "times_per_year": 1, "external_review": True,
                                        "shared_with": ["sponsor", "mentee"]}
    data["governance"]["policies"] = [{"name": "Privacy notice", "kind": "data-protection"}]
    data["governance"]["steering_group"] = {"objectives": [{"text": "Read the reports.", "covers": ["reports"]}]}
    data["governance"]["quality_control"] = {"summary": "We check each stage.", "steps": ["Audit the register."],
                                             "owner": "coordinator", "times_per_year": 4}
    return data


def test_declarations_are_shown_beside_their_text_in_the_standards_words(tmp_path: Path) -> None:
    pages, loaded = build(tmp_path, declaring_data())
    label = loaded.standards.vocabularies.label

    def shows(path: str, *texts: str) -> None:
        for text in texts:
            assert text in pages[path].markdown, (path, text)

    shows("programme/roles.md", f"*Plays (parties named in the standards):* {label('parties', 'line-manager')}",
          "This programme has no steering group: A small scheme overseen by the head of school.")
    shows("programme/what-mentoring-is.md", '!!! note "Taking part is your choice"',
          f"| A coach | {label('helping-practices', 'coaching')} | Works on a skill. |")
    shows("conduct/code-of-conduct.md", f"Test Org, {label('parties', 'sponsor')}.",
          f"1. The mentee comes first.\n\n    *Interest (as the standards name it):* {label('interests', 'mentee')}")
    shows("conduct/confidentiality.md", "are not used in appraisal, pay, promotion, disciplinary or other employment decisions")
    shows("taking-part/selection.md",
          f"- Listens well.\n\n    *Covers (criteria named in the standards):* {label('selection-criteria', 'interpersonal-skills')}",
          "A short talk.\n\nIt is a formal interview, guided by the selection criteria.",
          "We explain why.", "**Who does it:** [Coordinator](../programme/roles.md#coordinator)",
          "**How soon:** within 10 working days")
    shows("taking-part/matching.md", f"*Covers (criteria named in the standards):* {label('selection-criteria', 'mentee-needs')}",
          f"*Who has a say in their match:* [Mentee](../programme/roles.md#mentee), {label('parties', 'line-manager')}")
    shows("taking-part/timeline.md", "| Get to know each other. *By then:* Both have met.; Goals are drafted. |")
    shows("training/curriculum.md",
          f"*Covers (topics named in the standards):* {label('training-topics', 'confidentiality')} (60 min); "
          f"{label('training-topics', 'boundaries')}\n",
          f"*Expertise (as the standards name it):* {label('trainer-expertise', 'mentoring-knowledge')}",
          "**For Mentor**\n\n- Active listening.", "- **Learning styles questionnaire** (completed by [Mentor](../programme/roles.md#mentor)): Knowing how you learn.")
    shows("running/monitoring.md", f"| Survey | twice a year (twice a year) | Coordinator | — | {label('monitoring-checks', 'match-quality')} |",
          f"| Sponsor review | — | Coordinator; {label('parties', 'sponsor')} | 4 times a year |",
          "**How often:** once a year", "**External review:** yes",
          f"**Results shared with:** {label('parties', 'sponsor')}, [Mentee](../programme/roles.md#mentee)")
    shows("running/governance.md", f"| Privacy notice | {label('policy-kinds', 'data-protection')} |",
          f"- Read the reports.\n\n    *Duties (as the standards name them):* {label('steering-group-duties', 'reports')}",
          "1. Audit the register.", "**How often:** 4 times a year")
    for kind, term in (("parties", "line-manager"), ("training-topics", "confidentiality"), ("policy-kinds", "data-protection")):
        assert label(kind, term) != term  # the standard's wording, not the id
    assert printed_none(pages) == []


@pytest.mark.parametrize(("voluntary", "shown", "not_shown"), [
    (False, "Taking part is required", "Taking part is your choice"),
    (None, None, "Taking part is"),
])
def test_voluntary_is_said_only_as_declared(tmp_path: Path, voluntary: bool | None, shown: str | None, not_shown: str) -> None:
    data = minimal_programme_data()
    data["programme"]["voluntary"] = voluntary
    if voluntary is None:
        del data["programme"]["voluntary"]
    page = build(tmp_path, data)[0]["programme/what-mentoring-is.md"].markdown
    assert not_shown not in page
    assert shown is None or shown in page


def test_pages_follow_the_roles_a_programme_has_whatever_their_ids(tmp_path: Path) -> None:
    data = minimal_programme_data()
    data["roles"] = [
        {"id": "buddy", "title": "Buddy", "plays": ["mentor"], "responsibilities": ["Meet monthly."]},
        {"id": "newcomer", "title": "Newcomer", "plays": ["mentee"], "responsibilities": ["Bring goals."]},
        {"id": "lead", "title": "Scheme lead", "plays": ["coordinator"], "responsibilities": ["Match pairs."]},
    ]
    data["code_of_conduct"] |= {"parties": ["buddy", "newcomer", "line-manager"],
                                "breaches": {"how_to_report": "Tell the lead.", "handled_by": "lead"}}
    data["selection"]["decided_by"] = "lead"
    data["mismatch_policy"]["steps"][0]["who"] = "lead"
    data["training"]["sessions"][0]["audience"] = ["buddy"]
    data["monitoring"]["methods"][0]["run_by"] = "lead"
    data["support"]["contacts"][0]["role"] = "lead"
    pages, loaded = build(tmp_path, data)
    label = loaded.standards.vocabularies.label
    assert f"[Newcomer](../programme/roles.md#newcomer), {label('parties', 'line-manager')}." in pages["conduct/code-of-conduct.md"].markdown
    assert "Applications are decided by the [Scheme lead](../programme/roles.md#lead)." in pages["taking-part/selection.md"].markdown
    assert f"*Plays (parties named in the standards):* {label('parties', 'coordinator')}" in pages["programme/roles.md"].markdown
    assert broken_links(pages, loaded.programme) == []
    assert printed_none(pages) == []


def test_declared_and_planned_text_is_made_safe_like_any_other(tmp_path: Path) -> None:
    unsafe = "<b>x</b> [y](javascript:alert(1))"
    data = declaring_data()
    data["plans"] = [{"what": unsafe, "field": "training.trainers"}]
    data["programme"]["absent_parties"][0]["reason"] = unsafe
    data["selection"]["mentor_criteria"][0]["text"] = unsafe
    data["governance"]["quality_control"]["steps"] = [unsafe]
    data["training"]["trainers"][0]["name"] = unsafe
    pages, _ = build(tmp_path, data)
    everything = "\n".join(page.markdown for page in pages.values())
    assert "<b>" not in everything and "javascript" not in everything
    for path in ("training/curriculum.md", "programme/roles.md", "taking-part/selection.md", "running/governance.md"):
        assert "&lt;b&gt;x&lt;/b&gt; y" in pages[path].markdown, path
