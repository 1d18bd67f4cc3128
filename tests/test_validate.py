"""Validation beyond the one-problem corpus: clean data, several problems at once, the JSON Schema."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from corpus import make_programme
from programme_data import EARLY_PROGRAMME

from generator.cli import main
from generator.loader import load_data_folder
from generator.model import Programme
from generator.starter import EXAMPLE

ROOT = Path(__file__).parents[1]


def as_json_data(value: object) -> object:
    """YAML data as JSON would carry it (dates as ISO strings), for the JSON Schema check."""
    if isinstance(value, dict):
        return {key: as_json_data(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json_data(item) for item in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def test_example_validates_without_warnings() -> None:
    result = CliRunner().invoke(main, ["validate", "--data", str(EXAMPLE / "data"), "--strict"])
    assert result.exit_code == 0, result.output
    assert "data is valid (0 warnings)" in result.output


def test_minimal_programme_is_valid_but_warned_about_missing_leaflet_items() -> None:
    result = CliRunner().invoke(main, ["validate", "--data", str(ROOT / "tests/fixtures/minimal")])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if ": warning: " in line]
    assert "data is valid (9 warnings)" in result.stdout and len(warnings) == 9
    assert any("support.signposting" in line and "leaflet" in line for line in warnings)
    assert not any("line manager leaflet" in line for line in warnings)  # no role plays line-manager: no leaflet


def test_the_example_as_written_before_declarations_still_validates() -> None:
    """Programmes written for the earlier format keep validating: no migration is needed."""
    result = CliRunner().invoke(main, ["validate", "--data", str(ROOT / "tests/fixtures/example-before-declarations"), "--strict"])
    assert result.exit_code == 0, result.output



def test_an_early_programme_with_only_its_identity_and_roles_is_valid(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data/programme.yaml").write_text(EARLY_PROGRAMME, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "--data", str(tmp_path / "data")])
    assert result.exit_code == 0, result.output
    assert "Riverside Peer Mentoring: data is valid" in result.stdout
    # What it has not written is a gap for the assessment; the only warnings are leaflet items it cannot fill yet
    assert all("leaflet item" in line for line in result.stderr.splitlines())


@pytest.mark.parametrize("content", ["", "# code_of_conduct:\n#   summary: \"TBC: what we expect of everyone\"\n"], ids=["empty", "comments only"])
def test_a_data_file_not_written_yet_is_a_gap_not_an_error(tmp_path: Path, content: str) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data/programme.yaml").write_text(EARLY_PROGRAMME, encoding="utf-8")
    (tmp_path / "data/conduct.yaml").write_text(content, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "--data", str(tmp_path / "data")])
    assert result.exit_code == 0, result.output
    assert "conduct.yaml" not in result.output


def test_a_key_written_with_nothing_after_it_is_not_written_yet(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data/programme.yaml").write_text(EARLY_PROGRAMME + "evidence:\ncode_of_conduct:\n  parties:\n  visibility:\n",
                                                  encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "--data", str(tmp_path / "data")])
    assert result.exit_code == 0, result.output


def test_roles_written_with_nothing_under_them_says_what_to_add(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data/programme.yaml").write_text("programme:\n  name: A\n  organisation: B\nroles:\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "--data", str(tmp_path / "data")])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].endswith("data/programme.yaml:4:7: roles: is written with nothing after it, but it is "
                                             "required; add at least one role under it: '  - id: mentor' then '    title: Mentor'")


@pytest.mark.parametrize("area", ["code_of_conduct", "selection", "matching", "mismatch_policy", "lifecycle", "training",
                                  "monitoring", "governance", "support"])
def test_leaving_out_any_area_is_not_an_error(tmp_path: Path, area: str) -> None:
    make_programme(tmp_path / "data")
    path = tmp_path / "data/policies.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f"{area}:\n")
    end = min([index for index in (text.find("\n\n", start),) if index != -1] or [len(text)])
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    if area == "support":  # the mismatch policy names a contact that was in support
        path.write_text(path.read_text(encoding="utf-8").replace("  contact: coordinator-desk\n", ""), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "--data", str(tmp_path / "data")])
    assert result.exit_code == 0, result.output


def test_placeholder_text_is_a_warning_not_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_programme(tmp_path / "data", [
        {"file": "policies.yaml", "find": "  feedback_to_unsuccessful: The coordinator calls you to explain.",
         "replace": "  feedback_to_unsuccessful: No procedure is published."},
        {"file": "policies.yaml", "find": "  rematching: We offer a new match.", "replace": "  rematching: TBC"},
    ])
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 0, result.output
    assert "data/policies.yaml:17:29: warning: selection.feedback_to_unsuccessful: reads as a placeholder (“No procedure is " \
           "published.”), so the assessment treats it as missing; leave the field out until it is written (the gap report " \
           "lists it), or add a plan under plans:" in result.stderr.splitlines()
    assert "data/policies.yaml:32:15: warning: mismatch_policy.rematching: reads as a placeholder (“TBC”)" in result.stderr
    assert CliRunner().invoke(main, ["validate", "--strict"]).exit_code == 1


SCHEMA = json.loads(CliRunner().invoke(main, ["schema"]).output)


@pytest.mark.parametrize("data_dir", [EXAMPLE / "data", ROOT / "tests/fixtures/minimal", ROOT / "tests/fixtures/example-before-declarations"],
                         ids=["example", "minimal", "example-before-declarations"])
def test_json_schema_accepts_the_data(data_dir: Path) -> None:
    raw = load_data_folder(data_dir)
    jsonschema.validate(as_json_data(raw.values), SCHEMA)


def test_schema_lists_the_terms_each_declaration_takes() -> None:
    assert SCHEMA["title"] == "Programme"
    topic = SCHEMA["$defs"]["TopicCovered"]["properties"]["topic"]
    assert "confidentiality" in topic["enum"] and len(topic["enum"]) == len(topic["markdownEnumDescriptions"])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"programme": {"name": "n", "organisation": "o"}, "roles": [{"id": "a", "title": "A", "plays": ["boss"]}]},
                            SCHEMA)


def test_every_problem_is_reported_in_one_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_programme(tmp_path / "data", [
        {"file": "programme.yaml", "find": "    hours_per_month: 2\n    reports_to: coordinator\n  - id: mentee",
         "replace": "    hours_per_month: lots\n    reports_to: coordinator\n  - id: mentee"},
        {"file": "policies.yaml", "find": "      stage: initial", "replace": "      stage: first"},
        {"file": "policies.yaml", "find": "  contact: coordinator-desk", "replace": "  contact: nobody"},
    ])
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[-1] == "2 errors; nothing was written."
    assert lines[0].startswith("data/policies.yaml:50:14: training.sessions[0].stage: must be one of")
    assert lines[1].startswith("data/programme.yaml:24:22: roles[0].hours_per_month: must be a number (got 'lots')")
    # Cross-references are checked once the shapes are right: fixing the two above reveals the third.


def test_cross_reference_problems_are_all_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_programme(tmp_path / "data", [
        {"file": "policies.yaml", "find": "  contact: coordinator-desk", "replace": "  contact: nobody"},
        {"file": "policies.yaml", "find": "    handled_by: coordinator", "replace": "    handled_by: boss"},
    ])
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 1
    assert "data/policies.yaml:10:17: code_of_conduct.breaches.handled_by: unknown role 'boss'" in result.stderr
    assert "data/policies.yaml:33:12: mismatch_policy.contact: unknown contact 'nobody'" in result.stderr


def test_missing_data_folder_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate", "--data", "nowhere"])
    assert result.exit_code == 1
    assert result.stderr.startswith("nowhere:1:1: (folder): data folder not found")


def test_yaml_merge_keys_and_anchors_are_supported(tmp_path: Path) -> None:
    make_programme(tmp_path / "data", [
        {"file": "programme.yaml", "find": "  - id: mentor\n    title: Mentor\n    summary: An experienced colleague.\n    responsibilities: [Meet your mentee monthly.]\n    hours_per_month: 2\n    reports_to: coordinator",
         "replace": "  - &participant\n    id: mentor\n    title: Mentor\n    summary: An experienced colleague.\n    responsibilities: [Meet your mentee monthly.]\n    hours_per_month: 2\n    reports_to: coordinator"},
        {"file": "programme.yaml", "find": "  - id: mentee\n    title: Mentee\n    summary: A newer colleague.\n    responsibilities: [Set goals for the relationship.]\n    hours_per_month: 2\n    reports_to: coordinator",
         "replace": "  - <<: *participant\n    id: mentee\n    title: Mentee\n    summary: A newer colleague."},
    ])
    result = CliRunner().invoke(main, ["validate", "--data", str(tmp_path / "data")])
    assert result.exit_code == 0, result.output
    mentee = Programme.model_validate(load_data_folder(tmp_path / "data").values).roles[1]
    assert (mentee.id, mentee.hours_per_month, mentee.responsibilities) == ("mentee", 2, ["Meet your mentee monthly."])
