"""The editor schema: every property explains itself with a description and a valid example, the
schema says which JSON Schema it is and forbids unknown keys, and the one-file variant accepts
each real data file of the example as it stands."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from jsonschema import Draft202012Validator

from generator.model import Programme
from generator.schema import DIALECT, programme_schema
from generator.standards.loading import load_standards

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_DATA_FILES = (sorted((ROOT / "generator" / "starters" / "example" / "data").glob("*.yaml"))
                      or sorted((ROOT / "data").glob("*.yaml")))

standards, problems = load_standards([])
VOCABULARIES = standards.vocabularies
SCHEMA = programme_schema(VOCABULARIES)
ONE_FILE_SCHEMA = programme_schema(VOCABULARIES, for_one_file=True)


def object_properties(node: Any, path: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every property of every object schema under ``node``, with where it is."""
    if isinstance(node, dict):
        for name, property_schema in node.get("properties", {}).items():
            yield f"{path}/properties/{name}", property_schema
        for key, value in node.items():
            yield from object_properties(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from object_properties(item, f"{path}/{index}")


def as_json_data(value: Any) -> Any:
    """YAML data as JSON would carry it (dates as ISO strings)."""
    if isinstance(value, dict):
        return {key: as_json_data(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json_data(item) for item in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def validation_errors(instance: Any, schema: dict[str, Any]) -> list[str]:
    """What is wrong with ``instance`` under ``schema``, dates checked too."""
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(instance)]


def test_there_are_vocabularies_and_example_data_files_to_check() -> None:
    assert problems == []
    assert len(EXAMPLE_DATA_FILES) >= 10


def test_every_property_has_a_description_and_an_example() -> None:
    properties = list(object_properties(SCHEMA))
    assert len(properties) > 250
    undescribed = [path for path, schema in properties
                   if not isinstance(schema.get("description"), str) or not schema["description"].strip()]
    without_example = [path for path, schema in properties
                       if not isinstance(schema.get("examples"), list) or not schema["examples"]]
    assert not undescribed
    assert not without_example


def test_descriptions_are_plain_paragraphs_without_the_example_line() -> None:
    for path, schema in object_properties(SCHEMA):
        description = schema["description"]
        assert "Example:" not in description, path
        assert "\n" not in description.replace("\n\n", ""), f"{path}: a paragraph is still wrapped"
        assert description == description.strip(), path


def test_every_example_is_valid_for_its_property() -> None:
    invalid = []
    for path, property_schema in object_properties(SCHEMA):
        schema = {"$defs": SCHEMA["$defs"], **property_schema}
        for example in property_schema["examples"]:
            invalid += [f"{path} example {example!r}: {error}" for error in validation_errors(example, schema)]
    assert not invalid, "\n".join(invalid)


def test_an_invalid_example_would_be_caught() -> None:
    plays = SCHEMA["$defs"]["Role"]["properties"]["plays"]
    assert validation_errors(["boss"], {"$defs": SCHEMA["$defs"], **plays})
    budget = SCHEMA["$defs"]["Governance"]["properties"]["budget"]
    assert validation_errors({"amount": 100}, {"$defs": SCHEMA["$defs"], **budget})
    due = SCHEMA["$defs"]["Goal"]["properties"]["due"]
    assert validation_errors("31 January 2027", {"$defs": SCHEMA["$defs"], **due})


def test_examples_are_the_values_the_docstrings_give() -> None:
    role = SCHEMA["$defs"]["Role"]["properties"]
    assert role["hours_per_month"]["examples"] == [3]
    assert role["plays"]["examples"] == [["line-manager"]]
    assert SCHEMA["$defs"]["Goal"]["properties"]["due"]["examples"] == ["2027-09-30"]
    assert SCHEMA["$defs"]["Overview"]["properties"]["absent_parties"]["examples"][0][0]["party"] == "line-manager"


def test_a_property_that_refers_to_a_model_is_described_beside_the_reference() -> None:
    programme = SCHEMA["properties"]["programme"]
    assert programme["$ref"] == "#/$defs/Overview"
    assert "name and organisation" in programme["description"]
    interview = SCHEMA["$defs"]["Selection"]["properties"]["interview"]
    assert {"$ref": "#/$defs/Interview"} in interview["anyOf"]
    assert "interview" in interview["description"]


def test_an_inherited_field_has_the_help_written_where_it_is_defined() -> None:
    areas = ["Overview", "CodeOfConduct", "Selection", "Matching", "MismatchPolicy", "Lifecycle", "Training",
             "Monitoring", "Governance", "Support"]
    descriptions = {SCHEMA["$defs"][area]["properties"]["visibility"]["description"] for area in areas}
    assert len(descriptions) == 1
    assert "public" in descriptions.pop()
    budget = SCHEMA["$defs"]["Budget"]["properties"]["visibility"]
    assert "budget" in budget["description"] and budget["examples"] == ["internal"]


def test_schema_declares_its_dialect_and_is_a_valid_schema() -> None:
    assert SCHEMA["$schema"] == DIALECT == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(SCHEMA)
    Draft202012Validator.check_schema(ONE_FILE_SCHEMA)


def test_every_model_object_forbids_unknown_keys() -> None:
    models = {"Programme": SCHEMA, **SCHEMA["$defs"]}
    assert all(model["type"] == "object" for model in models.values())
    assert {name for name, model in models.items() if model.get("additionalProperties") is not False} == set()


def test_one_file_schema_differs_only_in_requiring_no_area() -> None:
    assert SCHEMA["required"] == ["programme", "roles"]
    assert "required" not in ONE_FILE_SCHEMA
    assert ONE_FILE_SCHEMA == {key: value for key, value in SCHEMA.items() if key != "required"}


@pytest.mark.parametrize("data_file", EXAMPLE_DATA_FILES, ids=[path.name for path in EXAMPLE_DATA_FILES])
def test_one_file_schema_accepts_each_example_data_file(data_file: Path) -> None:
    data = as_json_data(yaml.safe_load(data_file.read_text(encoding="utf-8")))
    assert validation_errors(data, ONE_FILE_SCHEMA) == []


def test_one_file_schema_rejects_an_unknown_area() -> None:
    roles = {"roles": [{"id": "mentor", "title": "Mentor"}]}
    assert validation_errors(roles, ONE_FILE_SCHEMA) == []
    with pytest.raises(jsonschema.ValidationError, match="'mentorship' was unexpected"):
        jsonschema.validate({**roles, "mentorship": {"visibility": "public"}}, ONE_FILE_SCHEMA)


def test_whole_programme_schema_still_requires_the_programme_and_its_roles() -> None:
    roles = {"roles": [{"id": "mentor", "title": "Mentor"}]}
    overview = {"programme": {"name": "Harbourside Mentoring", "organisation": "Harbourside Water"}}
    assert validation_errors({**overview, **roles}, SCHEMA) == []
    with pytest.raises(jsonschema.ValidationError, match="'programme' is a required property"):
        jsonschema.validate(roles, SCHEMA)
    with pytest.raises(jsonschema.ValidationError, match="'roles' is a required property"):
        jsonschema.validate(overview, SCHEMA)


def vocabulary_fields(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Where the model's own JSON Schema marks a vocabulary field, and which vocabulary."""
    if isinstance(node, dict):
        if "x-vocabulary" in node:
            yield path, node["x-vocabulary"]
        for key, value in node.items():
            yield from vocabulary_fields(value, (*path, key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from vocabulary_fields(item, (*path, index))


def test_vocabulary_fields_still_carry_their_terms() -> None:
    marked = list(vocabulary_fields(Programme.model_json_schema()))
    assert {kind for _, kind in marked} == set(VOCABULARIES.kinds)
    for path, kind in marked:
        node: Any = SCHEMA
        for key in path:
            node = node[key]
        assert node["enum"] == list(VOCABULARIES.kinds[kind]), path
        assert len(node["markdownEnumDescriptions"]) == len(node["enum"]), path
        assert "x-vocabulary" not in node and "pattern" not in node, path


def test_a_vocabulary_property_keeps_its_own_description() -> None:
    party = SCHEMA["$defs"]["AbsentParty"]["properties"]["party"]
    assert "line-manager" in party["enum"]
    assert party["description"].startswith("The standard party the programme does not have")
    plays_items = SCHEMA["$defs"]["Role"]["properties"]["plays"]["items"]
    assert plays_items["description"] == "A term from the standards' parties vocabulary."


def test_importing_the_model_does_not_read_its_docstrings() -> None:
    assert not Programme.model_config.get("use_attribute_docstrings")
    assert Programme.model_fields["programme"].description is None


def test_schema_out_writes_the_file_init_gives_each_programme(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from generator.cli import main
    from generator.starter import SCHEMA_FILE, start_programme

    start_programme(tmp_path / "programme", example=True)
    result = CliRunner().invoke(main, ["schema", "--out", str(tmp_path / "refreshed.json")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "refreshed.json").read_text(encoding="utf-8") == (tmp_path / "programme" / SCHEMA_FILE).read_text(encoding="utf-8")
    assert "required" not in json.loads((tmp_path / "refreshed.json").read_text(encoding="utf-8"))
