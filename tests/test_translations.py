"""The programme's own text in several languages: translation files laid over the data, checked
with file:line problems, and a site built per language under its own prefix, linked."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from pdfcheck import pdf_text, read_pdf
from sitetools import TODAY, WELSH_NAME, add_welsh_translation, broken_internal_links, copy_example_project

from generator.cli import main
from generator.i18n import language
from generator.loader import load_data_folder
from generator.pipeline import load_programme
from generator.translations import translate


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_example_project(tmp_path_factory.mktemp("bilingual") / "project")
    add_welsh_translation(project)
    return project


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    site = project / "site"
    result = CliRunner().invoke(main, ["build", "--config", str(project / "mkdocs.yml"), "--today", TODAY])
    assert result.exit_code == 0, result.output
    return site


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_translation_puts_text_in_place_and_leaves_the_data_as_it_is(project: Path) -> None:
    raw = load_data_folder(project / "data")
    original_name = raw.values["programme"]["name"]
    translation = translate(raw.values, project / "data" / "translations" / "cy.yaml")
    assert translation.values["programme"]["name"] == WELSH_NAME
    assert raw.values["programme"]["name"] == original_name  # the data is not changed
    roles = {role["id"]: role for role in translation.values["roles"]}
    assert roles["mentee"]["title"].endswith("(CY)")
    untouched = {key: value for key, value in roles["mentee"].items() if key != "title"}
    assert untouched == {key: value for key, value in next(role for role in raw.values["roles"] if role["id"] == "mentee").items()
                         if key != "title"}  # everything else, ids and declarations included, stays
    assert translation.translated == 2 + len(roles)
    assert translation.total > 500
    assert not [problem for problem in translation.problems if problem.severity == "error"]


def test_a_list_is_translated_in_order_and_a_declared_text_keeps_its_declarations(tmp_path: Path) -> None:
    project = copy_example_project(tmp_path / "project")
    raw = load_data_folder(project / "data")
    criteria = raw.values["selection"]["mentor_criteria"]
    signs = raw.values["mismatch_policy"]["warning_signs"]
    file = write(project / "data" / "translations" / "es.yaml", yaml.safe_dump({
        "selection": {"mentor_criteria": [f"Criterio {number}" for number in range(len(criteria))]},
        "mismatch_policy": {"warning_signs": [f"Señal {number}" for number in range(len(signs))]},
    }, allow_unicode=True))
    translation = translate(raw.values, file)
    assert translation.values["mismatch_policy"]["warning_signs"] == [f"Señal {number}" for number in range(len(signs))]
    translated = translation.values["selection"]["mentor_criteria"]
    for number, (before, after) in enumerate(zip(criteria, translated, strict=True)):
        if isinstance(before, dict):  # the text is translated; what it declares to the standards stays
            assert after["text"] == f"Criterio {number}" and after.get("covers") == before.get("covers")
        else:
            assert after == f"Criterio {number}"


def test_pages_show_the_translation_but_the_assessment_reads_the_data(project: Path) -> None:
    welsh = load_programme(project / "data", "cy")
    english = load_programme(project / "data")
    assert welsh.shown.programme.name == WELSH_NAME
    assert welsh.programme == english.programme  # what is assessed
    assert english.shown == english.programme


def test_untranslated_text_is_a_warning_naming_the_field_and_strict_makes_it_an_error(project: Path) -> None:
    result = CliRunner().invoke(main, ["validate", "--data", str(project / "data")])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "not translated" in line]
    assert any(re.match(r"^.*data/translations/cy\.yaml:\d+:\d+: warning: code_of_conduct: not translated \(\d+ texts\)", line)
               for line in warnings), warnings
    assert any(": warning: roles.mentee.summary: not translated (1 text)" in line for line in warnings), warnings

    strict = CliRunner().invoke(main, ["validate", "--strict", "--data", str(project / "data")])
    assert strict.exit_code == 1
    assert "Traceback" not in strict.output
    assert any("roles.mentee.summary: not translated" in line for line in strict.stderr.splitlines())


def test_translations_status_counts_interface_strings_and_programme_texts(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["translations", "status"])
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line for line in result.stdout.splitlines()[1:]}
    assert "the data itself" in rows["en"]
    translated = translate(load_data_folder(project / "data").values, project / "data" / "translations" / "cy.yaml")
    assert f"{translated.translated}/{translated.total}" in rows["cy"]
    assert "no translation file" in rows["es"]
    interface = re.search(r"(\d+)/(\d+)", rows["es"])
    assert interface is not None and interface.group(1) == interface.group(2) != "0"  # a complete catalog ships


def test_every_language_is_built_under_its_own_prefix(site: Path) -> None:
    assert sorted(path.name for path in site.iterdir()) == ["cy", "en", "index.html"]
    top = (site / "index.html").read_text(encoding="utf-8")
    assert 'url=en/' in top and 'href="cy/"' in top and 'hreflang="cy"' in top
    english, welsh = (site / "en" / "index.html").read_text(encoding="utf-8"), (site / "cy" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in english and '<html lang="cy"' in welsh
    assert "Llawlyfr Mentora Harbourside" in welsh  # the Welsh home page, from handbook-cy/
    roles = (site / "cy" / "programme" / "roles" / "index.html").read_text(encoding="utf-8")
    assert "(CY)" in roles and "(CY)" not in (site / "en" / "programme" / "roles" / "index.html").read_text(encoding="utf-8")
    assert broken_internal_links(site / "en") == [] and broken_internal_links(site / "cy") == []


def test_each_language_links_the_others_and_has_its_own_search_and_pdfs(site: Path) -> None:
    page = (site / "cy" / "taking-part" / "timeline" / "index.html").read_text(encoding="utf-8")
    alternates = dict(re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="([a-z]+)"', page))
    assert set(alternates.values()) == {"en", "cy"}
    for link, code in alternates.items():  # each resolves to that language's home page
        assert (site / "cy" / "taking-part" / "timeline" / link / "index.html").resolve() == (site / code / "index.html").resolve()
    for code in ("en", "cy"):
        index = json.loads((site / code / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert any(doc["location"] == "programme/roles/" for doc in index["docs"])
        assert ("(CY)" in json.dumps(index, ensure_ascii=False)) == (code == "cy")
        leaflet = read_pdf((site / code / "leaflets" / "mentee.pdf").read_bytes())
        assert leaflet.lang == code
        assert language(code).gettext("What the programme is") in pdf_text(site / code / "leaflets" / "mentee.pdf")
        assert read_pdf((site / code / "handbook.pdf").read_bytes()).lang == code
        assert language(code).gettext("Contents") in pdf_text(site / code / "handbook.pdf")
    assert language("cy").gettext("What the programme is") != "What the programme is"


def test_a_broken_translation_stops_every_language_and_keeps_the_previous_site(tmp_path: Path) -> None:
    project = copy_example_project(tmp_path / "project")
    write(project / "site" / "index.html", "previous")
    write(project / "data" / "translations" / "cy.yaml", "roles:\n  mentor:\n    titel: Mentor\n")
    result = CliRunner().invoke(main, ["build", "--config", str(project / "mkdocs.yml"), "--today", TODAY])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].endswith('roles.mentor.titel: unknown field; did you mean "title"?')
    assert "data/translations/cy.yaml:3:5" in result.stderr
    assert [path.name for path in (project / "site").iterdir()] == ["index.html"]
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "previous"


def test_spanish_text_gets_its_own_readability_check_and_welsh_says_it_has_none(tmp_path: Path,
                                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_example_project(tmp_path / "project")
    write(project / "data" / "translations" / "es.yaml", (
        "mismatch_policy:\n"
        "  no_fault_exit: >-\n"
        "    La consecución de los objetivos organizacionales establecidos requiere la participación comprometida,\n"
        "    sistemática y continuada de la totalidad de las personas participantes en el programa institucional.\n"))
    write(project / "data" / "translations" / "cy.yaml", (
        "mismatch_policy:\n"
        "  no_fault_exit: >-\n"
        "    Mae cyflawni amcanion sefydliadol sefydledig yn gofyn am gyfranogiad ymroddedig, systematig a pharhaus\n"
        "    holl gyfranogwyr y rhaglen sefydliadol, beth bynnag fo'u hadran neu eu swyddogaeth.\n"))
    result = CliRunner().invoke(main, ["validate", "--data", str(project / "data")])
    assert result.exit_code == 0, result.output
    hard = [line for line in result.stderr.splitlines() if "reads too hard" in line]
    assert len(hard) == 1, hard
    assert re.match(r"^.*data/translations/es\.yaml:2:\d+: warning: mismatch_policy\.no_fault_exit: mentee leaflet text reads too hard: "
                    r"INFLESZ \(Szigriszt-Pazos\) -?\d+ \(aim for 55 or more\)", hard[0]), hard
    monkeypatch.chdir(project)
    status = CliRunner().invoke(main, ["translations", "status"]).stdout
    assert "INFLESZ" in next(line for line in status.splitlines() if line.startswith("es"))
    assert "no agreed formula" in next(line for line in status.splitlines() if line.startswith("cy"))


def test_the_data_is_read_for_readability_in_its_own_language(tmp_path: Path) -> None:
    """English data gets the Flesch check; data written in Welsh (theme language cy) is not scored
    as English."""
    project = copy_example_project(tmp_path / "project")
    programme = project / "data" / "programme.yaml"
    data = yaml.safe_load(programme.read_text(encoding="utf-8"))
    data["programme"]["summary"] = ("The institutionalised facilitation of organisational developmental relationships "
                                    "necessitates comprehensive intergenerational knowledge transference methodologies "
                                    "characterised by systematic, reciprocal, reflective professional accountability, "
                                    "notwithstanding institutional constraints, organisational hierarchies and "
                                    "interdepartmental communication irregularities experienced intermittently.")
    programme.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    english = [str(w) for w in load_programme(project / "data").warnings if "reads too hard" in w.message]
    welsh = [str(w) for w in load_programme(project / "data", data_language="cy").warnings if "reads too hard" in w.message]
    assert any("programme.summary" in line and "Flesch" in line for line in english), english
    assert welsh == []


def test_the_theme_language_alone_gives_a_handbook_in_that_language(tmp_path: Path) -> None:
    project = copy_example_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  language: en\n", "  language: cy\n"), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--config", str(config), "--today", TODAY])
    assert result.exit_code == 0, result.output
    site, welsh = project / "site", language("cy")
    assert not (site / "cy").exists()  # one language: no prefix
    page = (site / "taking-part" / "when-a-match-isnt-working" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="cy"' in page and welsh.gettext("Warning signs") in page and ">Warning signs<" not in page
    assert welsh.gettext("What the programme is") in pdf_text(site / "leaflets" / "mentee.pdf")
    assert read_pdf((site / "handbook.pdf").read_bytes()).lang == "cy"
