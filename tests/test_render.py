"""Rendering: pages from the minimal programme, safe output, template overrides, audiences, the checklist."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import shutil
from pathlib import Path

import markdown
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from markupsafe import Markup

from generator.assess import Assessment, assess
from generator.audience import edition_for
from generator.cohort_calendar import calendar_downloads
from generator.model import Programme
from generator.pipeline import LoadedProgramme, load_programme
from generator.problems import DataError
from generator.render import Page, nav_for, published_evidence_files, render_pages
from generator.render.links import page_anchors
from generator.safe_links import markdown_safe_links
from generator.safe_text import HTML_ESCAPES, escape_html, safe_markdown

MINIMAL = Path(__file__).parent / "fixtures" / "minimal"
TODAY = dt.date(2026, 10, 1)
EXTENSIONS = ["admonition", "attr_list", "def_list", "md_in_html", "tables", "toc", "pymdownx.details", "pymdownx.superfences"]
INTERNAL_CANARY = "CANARY-INTERNAL-7d1f"
CONFIDENTIAL_CANARY = "CANARY-CONFIDENTIAL-93ab"

MORE_EVIDENCE = f"""
  - id: ev-minutes
    title: Steering minutes
    kind: file
    path: evidence/minutes.md
    date: 2026-07-01
    owner: Steering chair
    visibility: internal
    description: Internal minutes {INTERNAL_CANARY}.
    supports: [ismpe:1.1]
  - id: ev-register
    title: Match register extract
    kind: file
    path: evidence/register.md
    date: 2026-08-01
    owner: Sam Coordinator
    visibility: confidential
    description: Names of pairs {CONFIDENTIAL_CANARY}.
    supports: [ismpe:1.1]
"""


def copy_minimal(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    return data


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def render(data: Path, *, audience: str = "public", template_dir: Path | None = None,
           assessed: bool = True) -> tuple[dict[str, Page], LoadedProgramme, Assessment]:
    loaded = load_programme(data)
    assessment = assess(loaded.programme, loaded.standards, TODAY)
    edition = edition_for(loaded.programme, assessment if assessed else None, audience)
    pages = render_pages(edition, loaded.standards, template_dir=template_dir, today=TODAY)
    return {page.path: page for page in pages}, loaded, assessment


def html(page: Page) -> str:
    return markdown.markdown(page.markdown, extensions=EXTENSIONS)


@pytest.fixture(scope="module")
def minimal_pages() -> dict[str, Page]:
    return render(MINIMAL)[0]


@pytest.fixture()
def with_restricted_material(tmp_path: Path) -> Path:
    """The minimal programme plus internal monitoring, an internal budget and internal/confidential evidence."""
    data = copy_minimal(tmp_path)
    (data / "evidence" / "minutes.md").write_text(f"minutes {INTERNAL_CANARY}\n", encoding="utf-8")
    (data / "evidence" / "register.md").write_text(f"register {CONFIDENTIAL_CANARY}\n", encoding="utf-8")
    (data / "evidence.yaml").write_text((data / "evidence.yaml").read_text(encoding="utf-8") + MORE_EVIDENCE, encoding="utf-8")
    replace_in(data / "policies.yaml", "monitoring:\n",
               f"monitoring:\n  visibility: internal\n  evaluation: Internal evaluation {INTERNAL_CANARY}.\n")
    replace_in(data / "policies.yaml", "governance:\n", "governance:\n  budget:\n    amount: 98765\n    currency: GBP\n"
               "    period: 2026/27\n    administered_by: coordinator\n    visibility: internal\n")
    return data


# --- pages and their data ------------------------------------------------------------------------


def test_every_page_is_rendered_in_nav_order(minimal_pages: dict[str, Page]) -> None:
    assert [path for path, page in minimal_pages.items() if page.in_nav] == [
        "programme/welcome.md", "programme/what-mentoring-is.md", "programme/values.md", "programme/roles.md",
        "taking-part/selection.md", "training/curriculum.md", "taking-part/matching.md", "taking-part/first-meeting.md",
        "taking-part/timeline.md", "taking-part/when-a-match-isnt-working.md", "conduct/code-of-conduct.md",
        "conduct/confidentiality.md", "support/contacts.md", "support/glossary.md", "running/monitoring.md",
        "running/governance.md", "assessment/checklist.md", "assessment/evidence.md", "assessment/traceability.md",
    ]
    nav = nav_for(list(minimal_pages.values()))
    assert [next(iter(section)) for section in nav] == [
        "The programme", "Taking part", "Conduct and confidentiality", "Support", "How the programme is run", "Assessment"]
    assert nav[-1] == {"Assessment": [{"Self-assessment checklist": "assessment/checklist.md"},
                                      {"Evidence index": "assessment/evidence.md"},
                                      {"Traceability matrix": "assessment/traceability.md"}]}
    leaflet = Page("leaflets/mentee.md", "Mentee leaflet", "Leaflets", "# Mentee leaflet\n")
    assert [next(iter(section)) for section in nav_for([*minimal_pages.values(), leaflet])][-2:] == ["Leaflets", "Assessment"]


@pytest.mark.parametrize(("path", "expected"), [
    ("programme/welcome.md", ["# Welcome to Test Mentoring", "To help new staff settle in.", "starts on 14 September 2026",
                              "| Keep new staff. | First-year retention rate. | — | 30 June 2027 |"]),
    ("programme/what-mentoring-is.md", ["more experienced colleague helps a newer one learn"]),
    ("programme/roles.md", ["## Mentor {: #mentor }", "Meet your mentee monthly.", "About 2 hours a month",
                            "**Reports to:** [Coordinator](roles.md#coordinator)"]),
    ("taking-part/selection.md", ["Two years in the organisation.", "In their first year.", "1. Fill in the form.",
                                  "The coordinator calls you to explain.", "[Coordinator](../programme/roles.md#coordinator)"]),
    ("taking-part/matching.md", ["You may decline a proposed match."]),
    ("taking-part/timeline.md", ["| **First meeting** | 2 | 28 September 2026 | Get to know each other. | — |", "12 months"]),
    ("taking-part/first-meeting.md", ["**28 September 2026** (week 2 after"]),
    ("taking-part/when-a-match-isnt-working.md", [
        "Missed meetings.", "**Sam Coordinator**", "[sam@example.org](mailto:sam@example.org)", "**5 working days**",
        "within 5 working days: Talk to the coordinator.", "Either of you may end the match", "We offer a new match.", '<ol class="handbook-flow">']),
    ("training/curriculum.md", ["### Mentor workshop {: #session-mentor-workshop }", "The mentor role.", "3 hours", "| Yes |"]),
    ("conduct/code-of-conduct.md", ["Tell the coordinator.", "1. The coordinator listens to both people.",
                                     "who responds within 5 working days"]),
    ("conduct/confidentiality.md", ["What you discuss stays between you.", "- Risk of harm.", "data protection policy"]),
    ("support/contacts.md", [
        "| Sam Coordinator | [Coordinator](../programme/roles.md#coordinator) | [sam@example.org](mailto:sam@example.org) |"]),
    ("running/monitoring.md", ["| Survey | twice a year | Coordinator |", "Only the coordinator sees individual answers."]),
    ("running/governance.md", ["The chief executive."]),
    ("assessment/evidence.md", ["## Programme plan {: #ev-plan }", "[what it supports](evidence/ev-plan.md), the document", "1 June 2026",
                                "[ISMPE 1.1](checklist.md#ismpe-1-1)"]),
])
def test_data_values_appear_on_their_page(minimal_pages: dict[str, Page], path: str, expected: list[str]) -> None:
    for text in expected:
        assert text in minimal_pages[path].markdown, text


def broken_links(pages: dict[str, Page], programme: Programme, audience: str = "public") -> list[str]:
    """Relative links between pages (or to published files) whose page, file or anchor does not exist."""
    edition = edition_for(programme, None, audience)
    files = set(pages) | {site for site, _ in published_evidence_files(edition)} \
        | {"assessment/assessment.json", "assessment/assessment.csv"} | set(calendar_downloads(edition, TODAY))
    anchors = {path: set(re.findall(r'\{: #([\w-]+) \}|id="([\w-]+)"', page.markdown)) for path, page in pages.items()}
    anchors = {path: {a or b for a, b in found} for path, found in anchors.items()}
    broken = []
    for path, page in pages.items():
        for target in re.findall(r"\]\(([^)\s]+)\)", page.markdown):
            if re.match(r"(https?|mailto|tel):", target):
                continue
            file, _, anchor = target.partition("#")
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), file)) if file else path
            if resolved not in files or (anchor and anchor not in anchors.get(resolved, set())):
                broken.append(f"{path}: {target}")
    return broken


def test_every_relative_link_and_anchor_resolves(minimal_pages: dict[str, Page]) -> None:
    assert broken_links(minimal_pages, load_programme(MINIMAL).programme) == []


def test_table_cells_keep_to_one_line_and_escape_pipes(tmp_path: Path) -> None:
    data = copy_minimal(tmp_path)
    replace_in(data / "programme.yaml", "      measure: First-year retention rate.",
               "      measure: |\n        Retention | first year.\n\n        Second paragraph.")
    pages, _, _ = render(data)
    assert "| Retention \\| first year. Second paragraph. |" in pages["programme/welcome.md"].markdown


# --- safe output -----------------------------------------------------------------------------------


def test_raw_html_and_script_in_data_render_as_text(tmp_path: Path) -> None:
    data = copy_minimal(tmp_path)
    replace_in(data / "programme.yaml", "summary: A small programme for tests.",
               "summary: 'Hello <script>alert(1)</script> <img src=x onerror=\"alert(2)\"> **bold**'")
    pages, _, _ = render(data)
    welcome = pages["programme/welcome.md"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in welcome.markdown
    rendered = html(welcome)
    assert "<script" not in rendered and "<img" not in rendered
    assert "<strong>bold</strong>" in rendered  # Markdown in data still works


def test_unsafe_links_and_attribute_lists_in_data_are_neutralised(tmp_path: Path) -> None:
    data = copy_minimal(tmp_path)
    replace_in(data / "programme.yaml", "aim: To help new staff settle in.",
               "aim: |\n    Read [the plan](javascript:alert(1)) or [the site](https://example.org) and [more][x].\n"
               "    Also ![pic](data:text/html,evil) and [spaced]( JaVa Script:alert(3) ).\n"
               "    {: onclick=\"alert(4)\" }\n\n    [x]: javascript:alert(2)")
    pages, _, _ = render(data)
    rendered = html(pages["programme/welcome.md"])
    assert "javascript" not in rendered.lower().replace(" ", "") and "data:text" not in rendered
    assert "onclick" not in re.sub(r">[^<]*<", "><", rendered)  # never as an attribute
    assert '<a href="https://example.org">the site</a>' in rendered
    assert "Read the plan or" in rendered


@given(st.text(alphabet=st.sampled_from(list("&<>\"{}ab ]([:'"))))
def test_escaping_replaces_every_special_character_and_nothing_else(text: str) -> None:
    assert escape_html(text) == "".join(HTML_ESCAPES.get(char, char) for char in text)


@given(st.lists(st.sampled_from([*"&<>\"{}a ]([):!\n", "javascript:x", "https://a.b"])).map("".join))
@example("[a](javascript:x)").via("an unsafe link with no character to escape")
@example("[a]: javascript:x").via("an unsafe reference definition")
def test_values_that_look_plain_are_made_safe_like_any_other(text: str) -> None:
    # safe_markdown skips the work for text without special characters or link syntax: nothing is lost.
    assert safe_markdown(text) == markdown_safe_links(escape_html(text))


@pytest.mark.parametrize("value", ["<b>", "", 3, 2.5, True, None, dt.date(2026, 1, 2), Markup("<i>kept</i>"), ["<x>"]])
def test_finalize_returns_markup_for_every_value(value: object) -> None:
    # Autoescape leaves Markup alone, so printed data is escaped once, by finalize, never twice.
    assert isinstance(safe_markdown(value), Markup)


def test_an_override_prints_data_safely_whether_autoescape_is_on_off_or_decided_at_run_time(tmp_path: Path) -> None:
    data = copy_minimal(tmp_path)
    replace_in(data / "programme.yaml", "summary: A small programme for tests.",
               "summary: '<b>x</b> [y](javascript:alert(1)) {: onclick=\"z\" }'")
    templates = tmp_path / "templates" / "pages"
    templates.mkdir(parents=True)
    (templates / "values.md.j2").write_text(
        "# Values\n\n{{ programme.summary }}\n"
        "{% autoescape false %}{{ programme.summary }}{% endautoescape %}\n"
        "{% autoescape page.key == 'values' %}{{ programme.summary }}{% endautoescape %}\n"
        "{% set block %}{{ programme.summary }}{% endset %}{{ block }}\n", encoding="utf-8")
    pages, _, _ = render(data, template_dir=tmp_path / "templates")
    markdown = pages["programme/values.md"].markdown
    assert markdown.count("&lt;b&gt;x&lt;/b&gt; y &#123;: onclick=&quot;z&quot; }") == 4
    assert "<b>" not in markdown and "javascript" not in markdown


def test_join_in_an_override_makes_items_safe(tmp_path: Path) -> None:
    data = copy_minimal(tmp_path)
    replace_in(data / "programme.yaml", "responsibilities: [Match pairs.]", "responsibilities: ['[x](javascript:alert(1)) <b>']")
    templates = tmp_path / "templates" / "pages"
    templates.mkdir(parents=True)
    (templates / "roles.md.j2").write_text(
        "# Roles\n\n{{ roles | map(attribute='role.responsibilities') | map('first') | join(', ') }}\n", encoding="utf-8")
    pages, _, _ = render(data, template_dir=tmp_path / "templates")
    assert "javascript" not in pages["programme/roles.md"].markdown and "&lt;b&gt;" in pages["programme/roles.md"].markdown


# --- template overrides ------------------------------------------------------------------------------


def test_an_override_replaces_one_page_only(tmp_path: Path, minimal_pages: dict[str, Page]) -> None:
    templates = tmp_path / "templates"
    (templates / "pages").mkdir(parents=True)
    (templates / "pages" / "values.md.j2").write_text("# Our values\n\nOverridden for {{ programme.name }}.\n", encoding="utf-8")
    pages, _, _ = render(MINIMAL, template_dir=templates)
    assert pages["programme/values.md"].markdown == "# Our values\n\nOverridden for Test Mentoring.\n"
    assert pages["programme/welcome.md"] == minimal_pages["programme/welcome.md"]


def test_links_to_an_anchor_an_override_dropped_go_to_the_page(tmp_path: Path, minimal_pages: dict[str, Page]) -> None:
    templates = tmp_path / "templates"
    (templates / "pages").mkdir(parents=True)
    (templates / "pages" / "roles.md.j2").write_text("# Roles\n\n## The mentor\n\nText.\n", encoding="utf-8")
    pages, _, _ = render(MINIMAL, template_dir=templates)
    assert "[Coordinator](../programme/roles.md#coordinator)" in minimal_pages["taking-part/selection.md"].markdown
    assert "[Coordinator](../programme/roles.md)" in pages["taking-part/selection.md"].markdown
    (templates / "pages" / "roles.md.j2").write_text("# Roles\n\n## Coordinator\n\nText.\n", encoding="utf-8")
    pages, _, _ = render(MINIMAL, template_dir=templates)  # a heading's own slug still counts as its anchor
    assert "[Coordinator](../programme/roles.md#coordinator)" in pages["taking-part/selection.md"].markdown


def test_page_anchors_are_explicit_ids_and_the_slugs_of_headings_without_one() -> None:
    markdown = ("# Top\n\ntext # not a heading\n####### too deep\n#no-space\n## Named {: #named }\n"
                '<a id="html"></a> <b data-id="dash"> <i xid="not-an-id">\n### Closed ###\n')
    assert page_anchors(markdown) == {"top", "named", "html", "dash", "closed"}


@pytest.mark.parametrize(("source", "line", "message"), [
    ("# Values\n\n{% if programme.values %}\nno end\n", 4, "endif"),
    ("# Values\n\n{% for value in programme.values %}\n{{ value.name }\n{% endfor %}\n", 4, "unexpected"),
    ("# Values\n\nText.\n{{ programme.nmae }}\n", 4, "nmae"),
    ("# Values\n\n{{ programme.name | no_such_filter }}\n", 3, "no_such_filter"),
    ("# Values\n\n\n\n{% include 'partials/missing.md.j2' %}\n", 5, "missing.md.j2"),
])
def test_template_errors_name_the_override_file_and_line(tmp_path: Path, source: str, line: int, message: str) -> None:
    templates = tmp_path / "templates"
    (templates / "pages").mkdir(parents=True)
    (templates / "pages" / "values.md.j2").write_text(source, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        render(MINIMAL, template_dir=templates)
    [problem] = caught.value.problems
    assert problem.position.file.endswith("pages/values.md.j2")
    assert (problem.position.line, problem.field) == (line, "template")
    assert message in problem.message
    assert problem.fix is not None and "packaged default" in problem.fix


def test_an_error_in_an_overridden_partial_names_the_partial(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    (templates / "partials").mkdir(parents=True)
    (templates / "partials" / "footer.md.j2").write_text("---\n\n{{ edition.missing }}\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        render(MINIMAL, template_dir=templates)
    assert {(Path(p.position.file).name, p.position.line) for p in caught.value.problems} == {("footer.md.j2", 3)}


# --- audiences -------------------------------------------------------------------------------------------


def test_public_build_omits_internal_sections_and_restricted_evidence(with_restricted_material: Path) -> None:
    pages, loaded, _ = render(with_restricted_material)
    assert "running/monitoring.md" not in pages
    everything = "\n".join(page.markdown for page in pages.values())
    for secret in (INTERNAL_CANARY, CONFIDENTIAL_CANARY, "ev-minutes", "ev-register", "Steering minutes", "Match register", "98,765"):
        assert secret not in everything, secret
    assert all("monitoring.md" not in target for target in re.findall(r"\]\(([^)]+)\)", everything))
    assert "2 further items linked to this criterion are withheld from the public edition" in pages["assessment/checklist.md"].markdown
    assert "2 further items are internal or confidential" in pages["assessment/evidence.md"].markdown
    assert [site for site, _ in published_evidence_files(edition_for(loaded.programme, None, "public"))] == ["evidence/files/plan.md"]


def test_assessor_build_shows_internal_material_and_confidential_evidence_as_metadata_only(with_restricted_material: Path) -> None:
    pages, loaded, _ = render(with_restricted_material, audience="assessor")
    assert INTERNAL_CANARY in pages["running/monitoring.md"].markdown
    assert "**GBP 98,765** for 2026/27" in pages["running/governance.md"].markdown
    evidence = pages["assessment/evidence.md"].markdown
    minutes = next(page for path, page in pages.items() if path.startswith("assessment/evidence/") and INTERNAL_CANARY in page.markdown)
    assert INTERNAL_CANARY in evidence and "[Download the original file](../../evidence/files/minutes.md)" in minutes.markdown
    register = evidence[evidence.index("## Match register extract {: #ev-register }"):]
    for shown in ("Match register extract", "Sam Coordinator", "1 August 2026", "Held by the coordinator, available on request"):
        assert shown in register, shown
    everything = "\n".join(page.markdown for page in pages.values())
    assert CONFIDENTIAL_CANARY not in everything and "/register.md" not in everything  # its file, never its own page (ev-register.md)
    block = checklist_block(pages["assessment/checklist.md"].markdown, "ismpe-1-1")
    assert "[Match register extract](evidence.md#ev-register)" in block and "held by the coordinator" in block
    assert sorted(site for site, _ in published_evidence_files(edition_for(loaded.programme, None, "assessor"))) == [
        "evidence/files/minutes.md", "evidence/files/plan.md"]


def test_a_contact_the_audience_may_not_see_is_named_by_role_only(tmp_path: Path) -> None:
    data = copy_minimal(tmp_path)
    replace_in(data / "policies.yaml", "      email: sam@example.org", "      email: sam@example.org\n      visibility: internal")
    pages, _, _ = render(data)
    mismatch = pages["taking-part/when-a-match-isnt-working.md"].markdown
    assert "Sam Coordinator" not in mismatch and "sam@example.org" not in mismatch
    assert "**the coordinator** (contact details are not published in this edition)" in mismatch


def test_an_unknown_audience_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown audience"):
        render(MINIMAL, audience="everyone")


# --- the checklist ---------------------------------------------------------------------------------------


def checklist_block(markdown_text: str, anchor: str) -> str:
    start = markdown_text.index(f'id="{anchor}"')
    return markdown_text[start:markdown_text.index("</div>", start)]


def test_checklist_has_one_block_per_criterion_with_status_and_evidence_links(minimal_pages: dict[str, Page]) -> None:
    _, _, assessment = render(MINIMAL)
    checklist = minimal_pages["assessment/checklist.md"].markdown
    criteria = [c for catalog in assessment.standards for c in catalog.criteria]
    blocks = re.findall(r'<div class="criterion[^"]*" id="([\w-]+)" data-status="([\w-]+)" data-standard="([\w-]+)" markdown>',
                        checklist)
    assert len(blocks) == len(criteria) == len({anchor for anchor, _, _ in blocks})
    badges = {"met": "✔ Met", "partly-met": "◐ Partly met", "not-met": "✘ Not met", "not-applicable": "— Not applicable"}
    for (anchor, status, standard), criterion in zip(blocks, criteria, strict=True):
        assert (status, standard) == (criterion.status, criterion.catalog)
        assert badges[status] in checklist_block(checklist, anchor)
    first = checklist_block(checklist, "ismpe-1-1")
    assert "[Programme plan](evidence.md#ev-plan)" in first
    assert "[Welcome](../programme/welcome.md)" in first
    assert "[assessment.json](assessment.json)" in checklist and "[assessment.csv](assessment.csv)" in checklist
    assert '<select name="status">' in checklist and '<option value="ismpe">' in checklist
    rendered = html(minimal_pages["assessment/checklist.md"])
    assert '<div class="criterion criterion--' in rendered and 'id="ismpe-1-1"' in rendered
    assert "<strong>ISMPE 1.1</strong>" in rendered


def test_gaps_show_their_fix_in_the_assessor_edition(minimal_pages: dict[str, Page]) -> None:
    pages, _, assessment = render(MINIMAL, audience="assessor")
    gap = next(c for catalog in assessment.standards for c in catalog.criteria if c.status == "not-met" and c.fix)
    anchor = f"{gap.catalog}-{gap.id.lower().replace('.', '-')}"
    assert '!!! tip "What to add"' in checklist_block(pages["assessment/checklist.md"].markdown, anchor)
    # What to add is the coordinator's to-do: the public edition's checklist leaves it out.
    assert '!!! tip "What to add"' not in checklist_block(minimal_pages["assessment/checklist.md"].markdown, anchor)


def test_traceability_links_criteria_to_pages(minimal_pages: dict[str, Page]) -> None:
    matrix = minimal_pages["assessment/traceability.md"].markdown
    assert "| [ISMPE 1.1](checklist.md#ismpe-1-1) |" in matrix
    assert "| [Welcome](../programme/welcome.md) | " in matrix


def test_without_an_assessment_there_is_no_checklist(tmp_path: Path) -> None:
    pages, _, _ = render(MINIMAL, assessed=False)
    assert "assessment/checklist.md" not in pages and "assessment/traceability.md" not in pages
    assert "## Programme plan {: #ev-plan }" in pages["assessment/evidence.md"].markdown


SEGMENT = st.sampled_from(["a", "b", "assessment", "evidence", "items", "x.md", ".", ".."])


@given(st.lists(SEGMENT, min_size=1, max_size=5), st.lists(SEGMENT, max_size=4), st.sampled_from(["", "/"]))
@example(["assessment", "evidence", "items", "ev-1.md"], ["assessment", "evidence", "x.md"], "")
def test_relative_links_are_what_posixpath_relpath_makes(to_parts: list[str], from_parts: list[str], end: str) -> None:
    from generator.site_map import relative_link

    to_path, from_path = "/".join(to_parts) + end, "/".join(from_parts)
    assert relative_link(from_path, to_path) == posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")
