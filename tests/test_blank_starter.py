"""The blank starter (``handbook init`` without ``--example``): valid as written, honest when uncommented.

A new programme starts with its name, its organisation and three roles; every other area is a
commented skeleton. Uncommenting a skeleton unchanged must still validate and must earn nothing:
its texts are "TBC: ..." placeholders and its numbers, dates, references and terms are empty.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from pydantic import BaseModel

from generator.assess import assess
from generator.cli import main
from generator.datapath import field_type, unwrap
from generator.model import Programme
from generator.pipeline import load_programme
from generator.starter import BLANK, SCHEMA_FILE, start_programme

NAME = "Riverside Peer Mentoring"
ORGANISATION = "Riverside College"
TODAY = dt.date(2026, 11, 23)
SCHEMA_LINE = f"# yaml-language-server: $schema=../{SCHEMA_FILE}"
RANK = {"not-met": 0, "partly-met": 1, "met": 2}

# Parts of the model that have no skeleton to uncomment, because every value that validates would
# earn credit or change a status: a budget needs an amount (any number counts as a budget), an
# absent party makes criteria not applicable, a competency entry and a timed topic need a party or a
# vocabulary term. Each is shown instead as an example in "##" notes of its file.
EXAMPLES_ONLY = {
    "programme.absent_parties[]": "programme.yaml",
    "training.competencies[]": "training.yaml",
    "training.sessions[].covers[]": "training.yaml",
    "governance.budget": "governance.yaml",
}


@pytest.fixture(scope="module")
def programme_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("blank") / "prog"
    start_programme(target, name=NAME, organisation=ORGANISATION)
    return target


def validate(data_dir: Path, *options: str) -> Any:
    return CliRunner().invoke(main, ["validate", *options, "--data", str(data_dir)])


def only_leaflet_gaps(output: str) -> list[str]:
    """The warnings other than a leaflet item with no data (a blank programme has not written its leaflets'
    items yet, so `validate --strict` rightly fails until it does): there should be none."""
    warnings = [line for line in output.splitlines() if ": warning: " in line]
    return [line for line in warnings if "leaflet item" not in line or "has no data" not in line]


def uncomment(text: str) -> str:
    """Every skeleton line uncommented: the first "# " removed from each line that does not start
    with "##" (a bare "#" becomes an empty line); the $schema line and notes stay comments."""
    lines = []
    for line in text.splitlines():
        if line == SCHEMA_LINE or line.startswith("##"):
            lines.append(line)
        elif line == "#":
            lines.append("")
        elif line.startswith("# "):
            lines.append(line[2:])
        else:
            assert not line.startswith("#"), f"a comment line that is neither '# ' nor '##': {line!r}"
            lines.append(line)
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def uncommented_dir(programme_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("uncommented") / "data"
    shutil.copytree(programme_dir / "data", target)
    for path in sorted(target.glob("*.yaml")):
        path.write_text(uncomment(path.read_text(encoding="utf-8")), encoding="utf-8")
    return target


def data_of(data_dir: Path) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for path in sorted(data_dir.glob("*.yaml")):
        merged.update(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    return merged


# --- 1. the blank programme as written -------------------------------------------------------------------


def test_blank_programme_validates_with_its_name_and_no_example_text(programme_dir: Path) -> None:
    result = validate(programme_dir / "data")
    assert result.exit_code == 0, result.output
    assert not only_leaflet_gaps(result.output), result.output

    overview = yaml.safe_load((programme_dir / "data" / "programme.yaml").read_text(encoding="utf-8"))["programme"]
    assert overview == {"name": NAME, "organisation": ORGANISATION}
    roles = yaml.safe_load((programme_dir / "data" / "roles.yaml").read_text(encoding="utf-8"))["roles"]
    assert roles == [{"id": "mentee", "title": "Mentee", "plays": ["mentee"]},
                     {"id": "mentor", "title": "Mentor", "plays": ["mentor"]},
                     {"id": "coordinator", "title": "Programme coordinator", "plays": ["coordinator"]}]
    site = yaml.safe_load((programme_dir / "mkdocs.yml").read_text(encoding="utf-8"))
    assert site["site_name"] == NAME
    assert not {"custom_dir"} & set(site["theme"]) and not {"extra_css", "extra_javascript"} & set(site)
    index = (programme_dir / "handbook" / "index.md").read_text(encoding="utf-8")
    assert f"# {NAME}" in index and ORGANISATION in index
    assert "](" not in index and "href=" not in index, "the home page links to pages that may not exist"

    for folder in (programme_dir, BLANK):
        for path in folder.rglob("*"):
            if path.is_file() and path.name != SCHEMA_FILE:  # the schema comes from the model: tested below
                assert "harbourside" not in path.read_text(encoding="utf-8").lower(), path
    written = "".join(p.read_text(encoding="utf-8") for p in programme_dir.rglob("*") if p.is_file())
    assert not [slot for slot in ("${name}", "${organisation}", "${version}") if slot in written]


def test_special_characters_in_the_name_round_trip(tmp_path: Path) -> None:
    name, organisation = 'Peer: "Mentoring" #1 <b>', "O'Brien & Sons: {Ltd} [UK] 100%"
    target = tmp_path / "prog"
    start_programme(target, name=name, organisation=organisation)
    result = validate(target / "data")
    assert result.exit_code == 0, result.output
    assert not only_leaflet_gaps(result.output), result.output
    overview = yaml.safe_load((target / "data" / "programme.yaml").read_text(encoding="utf-8"))["programme"]
    assert (overview["name"], overview["organisation"]) == (name, organisation)
    loaded = load_programme(target / "data")
    assert (loaded.programme.programme.name, loaded.programme.programme.organisation) == (name, organisation)
    assert yaml.safe_load((target / "mkdocs.yml").read_text(encoding="utf-8"))["site_name"] == name
    index = (target / "handbook" / "index.md").read_text(encoding="utf-8")
    assert html.escape(name) in index and html.escape(organisation) in index and "<b>" not in index


# --- 2. the editor schema ---------------------------------------------------------------------------------


def test_editor_schema_names_no_example_programme(programme_dir: Path) -> None:
    assert "harbourside" not in (programme_dir / SCHEMA_FILE).read_text(encoding="utf-8").lower()


def test_every_data_file_names_the_schema(programme_dir: Path) -> None:
    files = sorted((programme_dir / "data").glob("*.yaml"))
    assert {path.name for path in files} >= {
        "programme.yaml", "roles.yaml", "conduct.yaml", "selection.yaml", "matching.yaml", "lifecycle.yaml",
        "mismatch.yaml", "training.yaml", "monitoring.yaml", "governance.yaml", "support.yaml", "evidence.yaml"}
    for path in files:
        assert path.read_text(encoding="utf-8").splitlines()[0] == SCHEMA_LINE, path.name
    schema = json.loads((programme_dir / SCHEMA_FILE).read_text(encoding="utf-8"))
    assert schema.get("properties"), "the editor schema describes no fields"


# --- 3. the uncommented skeleton ----------------------------------------------------------------------------


def statuses(data_dir: Path) -> dict[str, str]:
    loaded = load_programme(data_dir)
    assessment = assess(loaded.programme, loaded.standards, TODAY)
    return {criterion.ref: criterion.status for catalog in assessment.standards for criterion in catalog.criteria}


def test_uncommented_skeleton_validates_and_earns_nothing(programme_dir: Path, uncommented_dir: Path) -> None:
    load_programme(uncommented_dir)  # raises DataError, listing every problem, if the skeleton is invalid
    blank, skeleton = statuses(programme_dir / "data"), statuses(uncommented_dir)
    assert blank.keys() == skeleton.keys()
    assert "not-applicable" not in blank.values() and "not-applicable" not in skeleton.values()
    better = {ref: f"{blank[ref]} -> {skeleton[ref]}" for ref in blank if RANK[skeleton[ref]] > RANK[blank[ref]]}
    assert not better, f"uncommented skeleton values earn credit: {better}"


def test_uncommented_skeleton_has_every_area(uncommented_dir: Path) -> None:
    missing = set(Programme.model_fields) - set(data_of(uncommented_dir))
    assert not missing, f"areas with no skeleton: {sorted(missing)}"


def _model_of(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
    inner, is_list, _ = unwrap(annotation)
    return (inner if isinstance(inner, type) and issubclass(inner, BaseModel) else None), is_list


def missing_fields(model: type[BaseModel], data: Any, at: str) -> set[str]:
    """The paths of the model's fields (nested models' fields included) that the data never writes."""
    if not isinstance(data, dict):
        return {f"{at}.{name}" if at else name for name in model.model_fields}
    missing = set()
    for name, field in model.model_fields.items():
        path = f"{at}.{name}" if at else name
        if name not in data:
            missing.add(path)
            continue
        inner, is_list = _model_of(field.annotation)
        if inner is None:
            continue
        if is_list:
            items = data[name] or []
            if not items:
                missing.add(f"{path}[]")
            for item in items:
                missing |= missing_fields(inner, item, f"{path}[]")
        elif data[name] is None:
            missing.add(path)
        else:
            missing |= missing_fields(inner, data[name], path)
    return missing


def test_uncommented_skeleton_shows_every_field(programme_dir: Path, uncommented_dir: Path) -> None:
    missing = missing_fields(Programme, data_of(uncommented_dir), "")
    assert missing == set(EXAMPLES_ONLY), f"fields with no skeleton line: {sorted(missing - set(EXAMPLES_ONLY))}; " \
                                           f"no longer examples only: {sorted(set(EXAMPLES_ONLY) - missing)}"
    for path, file_name in EXAMPLES_ONLY.items():  # shown, as an example in the file's notes
        notes = [line.removeprefix("##") for line in (programme_dir / "data" / file_name).read_text(encoding="utf-8")
                 .splitlines() if line.startswith("##")]
        keys = {line.strip().removeprefix("- ").split(":")[0] for line in notes if ":" in line}
        model, _ = field_type(path.replace("[]", ""))
        absent = set(model.model_fields) - keys
        assert not absent, f"{file_name}: the example of {path} leaves out {sorted(absent)}"


# --- 4. the site ------------------------------------------------------------------------------------------------


def test_blank_programme_builds(programme_dir: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = CliRunner().invoke(main, ["build", "--config", str(programme_dir / "mkdocs.yml"), "--site-dir", str(site),
                                       "--today", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    index = (site / "index.html").read_text(encoding="utf-8")
    assert NAME in index and ORGANISATION in index
