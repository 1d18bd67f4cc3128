"""The audience boundary: what an edition may not show is out of reach of every template, whatever a
coordinator's override prints, and of every download, PDF and search index.

The example programme gets canaries: a unique string in every internal and every confidential
field and item (areas, contacts with a role and outside services, the budget, evidence titles,
owners, descriptions, paths, files and addresses, plans, ids). Every page template and every leaflet
template (web and print) is then overridden by one that dumps, as JSON text, every string and number
it can reach from its context: the attributes of objects, dataclasses and pydantic models, dicts and
lists, to a fixed depth and never twice along one path (cycles). Both editions are built with the
overrides and without them, and every file of each site is searched (PDFs by their text).

Also here: the coordinator's choice not to publish the assessment (``public_assessment: false``),
and the public checklist's lack of coordinator to-dos.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from sitetools import TODAY, broken_internal_links, copy_example_project
from test_confidentiality import site_text

from generator.cli import main
from generator.cohort_calendar import CALENDAR_PATH
from generator.site import site_content
from generator.site_map import PAGES

# Internal material: in the assessor edition, never in the public one.
INTERNAL = {
    "area": "CANARY-INTERNAL-AREA-X",  # in monitoring, made internal
    "area plan": "CANARY-INTERNAL-AREA-PLAN-X",  # a public plan for a field of the internal area
    "plan": "CANARY-INTERNAL-PLAN-X",
    "budget item": "CANARY-INTERNAL-BUDGET-X",
    "budget period": "CANARY-INTERNAL-PERIOD-X",
    "evidence id": "ev-canary-internal-id-x",
    "evidence title": "CANARY-INTERNAL-EVIDENCE-TITLE-X",
    "evidence description": "CANARY-INTERNAL-DESCRIPTION-X",
    "evidence path": "canary-internal-path-x",
    "evidence file": "CANARY-INTERNAL-FILE-X",
    "contact id": "canary-internal-contact-id-x",
    "contact name": "CANARY-INTERNAL-CONTACT-X",
    "contact email": "canary-internal-email-x@example.org",
    "contact phone": "CANARY-INTERNAL-PHONE-X",
    "contact hours": "CANARY-INTERNAL-HOURS-X",
    "service id": "canary-internal-service-id-x",
    "service name": "CANARY-INTERNAL-SERVICE-NAME-X",
    "service": "CANARY-INTERNAL-SERVICE-X",
}
# Confidential material: in neither edition.
CONFIDENTIAL = {
    "area": "CANARY-CONFIDENTIAL-AREA-X",  # in selection, made confidential
    "plan": "CANARY-CONFIDENTIAL-PLAN-X",
    "evidence description": "CANARY-CONFIDENTIAL-DESCRIPTION-X",
    "evidence path": "canary-confidential-path-x",
    "evidence file": "CANARY-CONFIDENTIAL-FILE-X",
    "evidence address": "CANARY-CONFIDENTIAL-ADDRESS-X",
    "contact id": "canary-confidential-contact-id-x",
    "contact name": "CANARY-CONFIDENTIAL-CONTACT-X",
    "contact email": "canary-confidential-email-x@example.org",
    "contact hours": "CANARY-CONFIDENTIAL-HOURS-X",
    "service id": "canary-confidential-service-id-x",
    "service name": "CANARY-CONFIDENTIAL-SERVICE-NAME-X",
    "service": "CANARY-CONFIDENTIAL-SERVICE-X",
    "service phone": "CANARY-CONFIDENTIAL-PHONE-X",
}
# Confidential evidence's withheld form (title, owner, date): in the assessor edition, never in the public one.
WITHHELD_FORM = {
    "evidence title": "CANARY-CONFIDENTIAL-EVIDENCE-TITLE-X",
    "evidence owner": "CANARY-CONFIDENTIAL-OWNER-X",
    "web evidence title": "CANARY-CONFIDENTIAL-LINK-TITLE-X",
}
ALL_CANARIES = [*INTERNAL.values(), *CONFIDENTIAL.values(), *WITHHELD_FORM.values()]
# Coordinator to-dos: in `handbook assess` and the assessor edition, never in the public checklist.
TO_DO_WORDING = ("replace it with current evidence", "To do:", "What to add", "To attend to", "].date)")  # evidence[].date, escaped or not

# Everything a template can reach, as JSON text: each string and number once. Objects are walked
# through their attributes (__dict__: dataclasses, pydantic models, plain objects), dicts by keys
# and values, other iterables item by item; callables (Jinja's globals, macros, functions a view
# holds) are not called. Depth is capped, and an object already on the path is not walked again.
DUMP = r"""{#- Dumps every value reachable from this template's context. -#}
{%- set found = [] -%}
{%- macro walk(value, path) -%}
{%- if path | length < 40 and not (path | select("sameas", value) | list) -%}
{%- if value is string or value is number or value is boolean or value is none -%}
{%- if found.append(value | string) -%}{%- endif -%}
{%- elif value is callable -%}
{%- elif value is mapping -%}
{%- for key, item in value.items() -%}{%- if key not in ("found", "self") -%}{{ walk(key, path + [value]) }}{{ walk(item, path + [value]) }}{%- endif -%}{%- endfor -%}
{%- elif value.__dict__ is defined -%}
{{- walk(value.__dict__, path + [value]) -}}
{%- elif value is iterable -%}
{%- for item in value -%}{{ walk(item, path + [value]) }}{%- endfor -%}
{%- else -%}
{%- if found.append(value | string) -%}{%- endif -%}
{%- endif -%}
{%- endif -%}
{%- endmacro -%}
{{- walk(self._TemplateReference__context.get_all(), []) -}}
"""
PAGE_DUMP = DUMP + "# Context\n\n```json\n{{ found | unique | list | tojson }}\n```\n"
PRINT_DUMP = DUMP + ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Context</title>'
                     "<style>p { font-size: 5pt; word-break: break-all; }</style></head>\n"
                     "<body><p>{{ found | unique | list | tojson }}</p></body></html>\n")


def edit_yaml(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def plant_canaries(project: Path) -> None:
    """A canary in every internal and confidential field and item of the example programme."""
    data = project / "data"
    renamed: dict[str, str] = {}

    def move_file(item: dict, stem: str, content: str) -> None:
        old, new = data / item["path"], data / "evidence" / f"{stem}.md"
        old.rename(new)
        with open(new, "a", encoding="utf-8") as file:
            file.write(f"\n{content}\n")
        item["path"] = f"evidence/{new.name}"

    def evidence(content: dict) -> None:
        items = content["evidence"]
        internal = next(item for item in items if item["visibility"] == "internal" and item["kind"] == "file")
        renamed[internal["id"]] = INTERNAL["evidence id"]
        internal.update(title=f"{internal['title']} {INTERNAL['evidence title']}",
                        description=f"{internal.get('description', '')} {INTERNAL['evidence description']}".strip())
        move_file(internal, INTERNAL["evidence path"], INTERNAL["evidence file"])
        confidential = next(item for item in items if item["visibility"] == "confidential" and item["kind"] == "file")
        confidential.update(title=f"{confidential['title']} {WITHHELD_FORM['evidence title']}", owner=WITHHELD_FORM["evidence owner"],
                            description=CONFIDENTIAL["evidence description"])
        move_file(confidential, CONFIDENTIAL["evidence path"], CONFIDENTIAL["evidence file"])
        items.append({"id": "ev-confidential-register", "title": f"Match register {WITHHELD_FORM['web evidence title']}",
                      "kind": "url", "url": f"https://intranet.example.org/{CONFIDENTIAL['evidence address']}",
                      "date": "2026-09-01", "owner": "Programme coordinator", "visibility": "confidential",
                      "supports": ["ismpe:1.1", "ismpe:5.3"]})

    def governance(content: dict) -> None:
        budget = content["governance"]["budget"]
        assert budget["visibility"] == "internal"
        budget["covers"].append(INTERNAL["budget item"])
        budget["period"] = INTERNAL["budget period"]

    def monitoring(content: dict) -> None:
        content["monitoring"]["visibility"] = "internal"
        content["monitoring"]["feedback_access"] += f" {INTERNAL['area']}"

    def selection(content: dict) -> None:
        content["selection"]["visibility"] = "confidential"
        content["selection"]["mentor_criteria"].append(f"{CONFIDENTIAL['area']} criterion.")

    def support(content: dict) -> None:
        contacts, escalation = content["support"]["contacts"], content["support"]["escalation"]
        contacts += [
            {"id": INTERNAL["contact id"], "name": INTERNAL["contact name"], "role": "coordinator", "email": INTERNAL["contact email"],
             "phone": INTERNAL["contact phone"], "hours": INTERNAL["contact hours"], "visibility": "internal"},
            {"id": INTERNAL["service id"], "name": INTERNAL["service name"], "service": INTERNAL["service"],
             "phone": "0117 496 0999", "visibility": "internal"},
            {"id": CONFIDENTIAL["contact id"], "name": CONFIDENTIAL["contact name"], "role": "hr-business-partner",
             "email": CONFIDENTIAL["contact email"], "hours": CONFIDENTIAL["contact hours"], "visibility": "confidential"},
            {"id": CONFIDENTIAL["service id"], "name": CONFIDENTIAL["service name"], "service": CONFIDENTIAL["service"],
             "phone": CONFIDENTIAL["service phone"], "visibility": "confidential"},
        ]
        escalation += [
            {"question": "I want to talk to someone outside the programme", "first_contact": CONFIDENTIAL["service id"],
             "then": INTERNAL["service id"]},
            {"question": "I have a question about mentoring time and pay", "first_contact": INTERNAL["contact id"],
             "then": CONFIDENTIAL["contact id"]},
        ]

    def self_assessment(content: dict) -> None:
        entry = content["self_assessment"][0]
        entry["note"] += f" The steering group's view is in {INTERNAL['evidence id']}."

    for name, change in (("evidence", evidence), ("governance", governance), ("monitoring", monitoring),
                         ("selection", selection), ("support", support), ("self_assessment", self_assessment)):
        edit_yaml(data / f"{name}.yaml", change)
    (data / "plans.yaml").write_text(yaml.safe_dump({"plans": [
        {"what": f"Adopt a competency framework {INTERNAL['plan']}.", "by": "2026-06-30",
         "field": "training.competency_framework", "criteria": ["ismpe:2.4"], "visibility": "internal"},
        {"what": f"Restructure the budget {CONFIDENTIAL['plan']}.", "field": "governance.budget", "criteria": ["ismpe:6.4"],
         "visibility": "confidential"},
        {"what": f"Add a leavers' survey {INTERNAL['area plan']}.", "field": "monitoring.methods", "by": "2026-05-01"},
        {"what": "Publish the leaflets in Welsh.", "field": "support.resources"},
    ]}, sort_keys=False), encoding="utf-8")
    for old, new in renamed.items():  # an evidence id renamed everywhere it is named
        for path in data.glob("*.yaml"):
            text = path.read_text(encoding="utf-8")
            path.write_text(re.sub(rf"(?<![a-z0-9-]){re.escape(old)}(?![a-z0-9-])", new, text), encoding="utf-8")


def override_every_template(project: Path) -> None:
    """Every page template, every leaflet template (web and print) and the print handbook's, replaced by the dump."""
    templates = project / "templates"
    for spec in PAGES:
        (templates / spec.template).parent.mkdir(parents=True, exist_ok=True)
        (templates / spec.template).write_text(PAGE_DUMP, encoding="utf-8")
    (templates / "leaflets").mkdir(parents=True, exist_ok=True)
    for name in ("mentee", "mentor", "line-manager"):
        (templates / "leaflets" / f"{name}.md.j2").write_text(PAGE_DUMP, encoding="utf-8")
    (templates / "leaflets" / "print.html.j2").write_text(PRINT_DUMP, encoding="utf-8")
    (templates / "print").mkdir(parents=True, exist_ok=True)
    (templates / "print" / "handbook.html.j2").write_text(PRINT_DUMP, encoding="utf-8")


def build(project: Path, audience: str, name: str) -> dict[str, str]:
    """Build one edition with the handbook's own (strict) build; every file of the site as text."""
    site = project / name
    result = CliRunner().invoke(main, ["build", "--config", str(project / "mkdocs.yml"), "--site-dir", str(site),
                                       "--audience", audience, "--today", TODAY])
    assert result.exit_code == 0, result.output
    return site_text(site)


def found(texts: dict[str, str], canaries) -> list[str]:
    """Each canary found, with where (case does not matter: a template may change it)."""
    return [f"{canary} in {Path(path).name} ({path})" for path, text in texts.items() for canary in canaries
            if canary.lower() in text.lower()]


def missing(texts: dict[str, str], canaries) -> list[str]:
    everything = "\n".join(texts.values()).lower()
    return [canary for canary in canaries if canary.lower() not in everything]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Each canary is unique, and none contains another, so each one found names what leaked.
    assert len(set(ALL_CANARIES)) == len(ALL_CANARIES)
    assert [(a, b) for a in ALL_CANARIES for b in ALL_CANARIES if a != b and a.lower() in b.lower()] == []
    project = copy_example_project(tmp_path_factory.mktemp("boundary") / "project")
    plant_canaries(project)
    assert CliRunner().invoke(main, ["validate", "--data", str(project / "data")]).exit_code == 0
    return project


@pytest.fixture(scope="module")
def dumping_project(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    dumping = tmp_path_factory.mktemp("dumping") / "project"
    shutil.copytree(project, dumping, ignore=shutil.ignore_patterns("site*", ".cache"))
    override_every_template(dumping)
    return dumping


# --- what any template can reach ---------------------------------------------------------------


def test_no_template_can_reach_anything_internal_or_confidential_in_the_public_edition(dumping_project: Path) -> None:
    texts = build(dumping_project, "public", "site-public")
    dumps = {path: text for path, text in texts.items() if "helen.okafor@harbourside-water.example" in text}
    # The dump reaches deep: a public contact's email sits in the support area's contacts.
    assert any("contacts" in path for path in dumps) and any(path.endswith(".pdf") for path in texts)
    assert len(dumps) >= len(PAGES) - 2  # every built page's dump (the selection and monitoring pages are not built)
    assert found(texts, ALL_CANARIES) == []


def test_no_template_can_reach_anything_confidential_in_the_assessor_edition(dumping_project: Path) -> None:
    texts = build(dumping_project, "assessor", "site-assessor")
    assert found(texts, CONFIDENTIAL.values()) == []
    # The dump reaches everything the assessor may see: every internal canary, and the withheld form.
    assert missing(texts, [*INTERNAL.values(), *WITHHELD_FORM.values()]) == []


# --- what the built pages, leaflets, PDFs, downloads and search index say ----------------------


def test_the_public_edition_contains_nothing_internal_or_confidential(project: Path) -> None:
    texts = build(project, "public", "site-public")
    assert found(texts, ALL_CANARIES) == []
    contacts = next(text for path, text in texts.items() if path.endswith("support/contacts/index.html"))
    # A withheld contact is named by its role; a withheld outside service by no name at all.
    assert "the coordinator" in contacts and "a support service" in contacts
    mentor = next(text for path, text in texts.items() if path.endswith("leaflets/mentor.pdf"))
    assert re.search(r"A\s*support\s*service", mentor, re.IGNORECASE)


def test_the_assessor_edition_shows_internal_material_and_only_the_withheld_form_of_confidential(project: Path) -> None:
    texts = build(project, "assessor", "site-assessor")
    assert found(texts, CONFIDENTIAL.values()) == []
    assert missing(texts, [INTERNAL[key] for key in ("area", "budget item", "evidence title", "evidence file",
                                                     "contact name", "service", "plan")] + list(WITHHELD_FORM.values())) == []
    evidence = next(text for path, text in texts.items() if path.endswith("assessment/evidence/index.html"))
    assert "Held by the coordinator, available on request" in evidence
    contacts = next(text for path, text in texts.items() if path.endswith("support/contacts/index.html"))
    assert "a support service" in contacts and INTERNAL["service name"] in contacts


# --- the coordinator decides what the public sees of the assessment ----------------------------


def set_plugin_options(project: Path, options: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      templates_dir: templates\n" in text
    config.write_text(text.replace("      templates_dir: templates\n", "      templates_dir: templates\n" + options), encoding="utf-8")


def test_public_assessment_false_keeps_the_assessment_out_of_the_public_edition(tmp_path: Path) -> None:
    project = copy_example_project(tmp_path / "project")
    set_plugin_options(project, "      public_assessment: false\n")
    index = project / "handbook" / "index.md"  # the coordinator's own page: its link to the checklist goes
    index.write_text("\n".join(line for line in index.read_text(encoding="utf-8").splitlines() if "checklist" not in line) + "\n",
                     encoding="utf-8")
    site = project / "site"

    result = CliRunner().invoke(main, ["build", "--config", str(project / "mkdocs.yml"), "--site-dir", str(site), "--today", TODAY])

    assert result.exit_code == 0, result.output  # the strict build: no broken link to a page left out
    assert broken_internal_links(site) == []
    built = {str(path.relative_to(site)) for path in site.rglob("*") if path.is_file()}
    assert not [path for path in built if re.match(r"assessment/(checklist|traceability|assessment\.)", path)]
    assert "assessment/evidence/index.html" in built  # the evidence register is not the assessment
    texts = {path: text for path, text in site_text(site).items() if "/assets/" not in path}  # the theme's own files aside
    for shown in ("Self-assessment checklist", "Traceability matrix", "assessment.json", "Download the whole assessment",
                  "Met counts 1, partly met counts 0.5"):  # the checklist's and the matrix's titles, downloads and scores
        assert found(texts, [shown]) == [], shown
    search = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [doc["location"] for doc in search["docs"] if re.match(r"assessment/(checklist|traceability)", doc["location"])]


def test_public_assessment_false_leaves_the_assessor_edition_as_it_was() -> None:
    from generator.starter import EXAMPLE

    def content(audience: str, public_assessment: bool):
        return site_content(EXAMPLE / "data", None, audience=audience, today=dt.date.fromisoformat(TODAY), leaflets=False,
                            public_assessment=public_assessment)

    published, withheld = content("assessor", True), content("assessor", False)
    assert withheld.pages == published.pages and withheld.downloads == published.downloads
    assert {"assessment/checklist.md", "assessment/traceability.md"} <= {page.path for page in withheld.pages}
    public, public_without = content("public", True), content("public", False)
    assert set(public_without.downloads) == {CALENDAR_PATH} and set(public.downloads) > {CALENDAR_PATH}
    assert {page.path for page in public.pages} - {page.path for page in public_without.pages} == {
        "assessment/checklist.md", "assessment/traceability.md"}
    assert not [page.path for page in public_without.pages if re.search(r"\]\([./]*(assessment/)?(checklist|traceability)\.md", page.markdown)]


# --- the public checklist has no coordinator to-dos --------------------------------------------


def test_the_public_checklist_and_downloads_have_no_coordinator_to_dos() -> None:
    from generator.starter import EXAMPLE

    today = dt.date.fromisoformat(TODAY)
    editions = {audience: site_content(EXAMPLE / "data", None, audience=audience, today=today, leaflets=False)
                for audience in ("public", "assessor")}
    public = {page.path: page.markdown for page in editions["public"].pages}
    assessor = {page.path: page.markdown for page in editions["assessor"].pages}
    for wording in TO_DO_WORDING:
        assert wording in assessor["assessment/checklist.md"], wording  # the example has to-dos: the assessor sees them
        assert wording not in public["assessment/checklist.md"], wording
        assert not [path for path, text in editions["public"].downloads.items() if wording in text], wording
    exported = json.loads(editions["public"].downloads["assessment/assessment.json"])
    assert exported["notices"] == [] and {c["fix"] for s in exported["standards"] for c in s["criteria"]} == {None}
