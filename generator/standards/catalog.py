"""Standards catalogs: the schema, and loading them (packaged or a programme's own) with precise errors.

A catalog is data: standards, their criteria in the standard's own wording, and for each criterion a
small declarative rule over the programme data. A programme adds its own standard by listing a
catalog file under ``extra_standards:`` in its data; no code changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field, StrictBool, StrictStr, ValidationError, model_validator

from generator.model import Model, Text
from generator.problems import Position, Problem, display_path
from generator.schema_errors import translate_errors
from generator.standards.rules import catalog_path_problems
from generator.yaml_source import read_yaml_file

PACKAGED_CATALOGS = Path(__file__).parent / "catalogs"

# A path into the programme data: dotted keys, "[]" for every item of a list, "[key=value]" for the
# items whose key has that value, e.g. "training.sessions[stage=initial].audience".
DataPath = Annotated[StrictStr, Field(pattern=r"^[a-z_]+(\[([a-z_]+=[^\]]+)?\])?(\.[a-z_]+(\[([a-z_]+=[^\]]+)?\])?)*$")]
CatalogId = Annotated[StrictStr, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
CriterionId = Annotated[StrictStr, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9.-]*$")]


class Covers(Model):
    """The values found at ``path`` include every one of ``values``."""

    path: DataPath
    values: list[Text] = Field(min_length=1)


class Mentions(Model):
    """Some text found at ``path`` mentions one of ``words`` (case-insensitive)."""

    path: DataPath
    words: list[Text] = Field(min_length=1)


class AtLeast(Model):
    """At least ``count`` values are found at ``path``."""

    path: DataPath
    count: Annotated[int, Field(ge=1)]


class Equals(Model):
    """Every value found at ``path`` equals ``value`` (and there is one)."""

    path: DataPath
    value: StrictBool | StrictStr | int


class Rule(Model):
    """One check, or a combination of checks; exactly one key is given."""

    all: list[Rule] | None = None
    any: list[Rule] | None = None
    present: DataPath | None = None
    covers: Covers | None = None
    mentions: Mentions | None = None
    at_least: AtLeast | None = None
    equals: Equals | None = None
    not_overdue: DataPath | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Rule:
        given = [name for name in type(self).model_fields if getattr(self, name) is not None]
        if len(given) != 1:
            names = ", ".join(type(self).model_fields)
            raise ValueError(f"a rule needs exactly one of {names} (got {', '.join(given) or 'none'})")
        return self


class Criterion(Model):
    id: CriterionId
    text: Text
    points: list[Text] = []
    evidence_sources: list[Text] = []
    rule: Rule | None = None
    evidence_required: StrictBool = False
    guidance: Text | None = None  # what a coordinator should add when the criterion is not met


class Standard(Model):
    id: CriterionId
    title: Text
    heading: Text | None = None
    description: Text | None = None
    summary: Text | None = None
    outcomes: list[Text] = []
    criteria: list[Criterion] = Field(min_length=1)


class Band(Model):
    name: Text
    min_score: Annotated[float, Field(ge=0, le=100)]


class Catalog(Model):
    id: CatalogId
    title: Text
    source: Text
    bands: list[Band] = []
    validity_years: Annotated[int, Field(ge=1, le=20)] | None = None
    standards: list[Standard] = Field(min_length=1)

    def criterion_ids(self) -> list[str]:
        """Every criterion as ``catalog:criterion``, the form programme data refers to."""
        return [f"{self.id}:{criterion.id}" for standard in self.standards for criterion in standard.criteria]


def load_catalog(path: Path) -> tuple[Catalog | None, list[Problem]]:
    """Read and check one catalog file; problems carry file, line and field like programme data."""
    document = read_yaml_file(path)
    if document.problems:
        return None, document.problems
    if not isinstance(document.data, dict):
        return None, [Problem(Position(display_path(path)), "(top level)", "a catalog must be a mapping with id, title, source and standards")]
    try:
        catalog = Catalog.model_validate(document.data)
    except ValidationError as error:
        return None, list(translate_errors(error, document.source, Catalog))
    problems = []
    seen: set[str] = set()
    for s_index, standard in enumerate(catalog.standards):
        for c_index, criterion in enumerate(standard.criteria):
            if criterion.id in seen:
                where = document.source.position(("standards", s_index, "criteria", c_index, "id"))
                problems.append(Problem(where, f"standards[{s_index}].criteria[{c_index}].id", f"duplicate criterion id {criterion.id!r}"))
            seen.add(criterion.id)
    problems.extend(catalog_path_problems(catalog, document.source))
    return (None if problems else catalog), problems


def load_catalogs(extra: list[Path] = ()) -> tuple[list[Catalog], list[Problem]]:
    """The packaged catalogs, then the programme's own; a catalog id used twice is an error."""
    catalogs: list[Catalog] = []
    problems: list[Problem] = []
    for path in sorted(PACKAGED_CATALOGS.glob("*.yaml")) + list(extra):
        catalog, found = load_catalog(path)
        problems.extend(found)
        if catalog is None:
            continue
        if any(existing.id == catalog.id for existing in catalogs):
            problems.append(Problem(Position(display_path(path), 1, 1), "id", f"catalog id {catalog.id!r} is already used by another catalog"))
            continue
        catalogs.append(catalog)
    return catalogs, problems
