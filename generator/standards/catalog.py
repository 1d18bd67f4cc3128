"""Standards catalogs and vocabularies: their schema, and reading one file of each (see
:mod:`generator.standards.loading` for all of them together, rules checked).

A catalog is data: standards, their criteria in the standard's own wording (in the catalog's
``language``, English unless it says otherwise, which pages mark so that a screen reader reads it in
that language whatever language the site is in), and for each criterion a
small declarative rule over the programme data (see :mod:`generator.standards.rules`). The
vocabularies (``vocabularies.yaml``) are the terms the standards use, which programme data declares
against; a programme's own catalog may add terms. A programme adds its own standard by listing a
catalog file under ``extra_standards:`` in its data; no code changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    Field,
    RootModel,
    StrictBool,
    StrictStr,
    ValidationError,
    model_validator,
)

from generator.datapath import PATTERN
from generator.model import Id, Model, Text
from generator.problems import Position, Problem, display_path
from generator.schema_errors import translate_errors
from generator.yaml_source import SourceMap, read_yaml_file

PACKAGED_CATALOGS = Path(__file__).parent / "catalogs"
PACKAGED_VOCABULARIES = Path(__file__).parent / "vocabularies.yaml"

DataPath = Annotated[StrictStr, Field(pattern=PATTERN)]
CatalogId = Annotated[StrictStr, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
CriterionId = Annotated[StrictStr, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9.-]*$")]
Area = Annotated[StrictStr, Field(pattern=r"^[a-z_]+$")]
# A BCP 47 language tag, as HTML's lang attribute takes it: "en", "cy", "pt-BR".
LanguageTag = Annotated[StrictStr, Field(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")]


# --- vocabularies ----------------------------------------------------------------------------------


class Term(Model):
    """One term of a vocabulary: its id, the standard's wording, and the criteria that use it."""

    id: Id
    label: Text
    from_: list[Text] = Field(default=[], alias="from")


class VocabularyTerms(Model):
    """The terms of one vocabulary, and the data field that declares them."""

    field: Text | None = None
    terms: list[Term] = Field(min_length=1)


class VocabularyFile(RootModel[dict[Id, VocabularyTerms]]):
    """``vocabularies.yaml``: vocabulary name -> its terms."""


@dataclass(frozen=True)
class Vocabularies:
    """Every vocabulary's terms by id (packaged first, then a programme's own additions)."""

    kinds: dict[str, dict[str, Term]]

    def ids(self, kind: str) -> list[str]:
        return list(self.kinds.get(kind, {}))

    def label(self, kind: str, term: str) -> str:
        """The standard's wording for a term, or the id itself if the vocabulary lacks it."""
        found = self.kinds.get(kind, {}).get(term)
        return found.label if found else term


# --- rules -----------------------------------------------------------------------------------------


class Covers(Model):
    """The ids found at ``path`` include every one of ``values`` (vocabulary terms) or ``parties``.

    Role ids count by the parties they play; a party the programme says it does not have is not
    asked for. Some but not all found: partly met.
    """

    path: DataPath
    values: list[Id] = []
    parties: list[Id] = []

    @model_validator(mode="after")
    def _one_list(self) -> Covers:
        if bool(self.values) == bool(self.parties):
            raise ValueError("covers needs either values (vocabulary terms) or parties, not both or neither")
        return self


class AtLeast(Model):
    """At least ``count`` items with content are found at ``path``; fewer (but some): partly met,
    unless ``fewer_is_partly`` is false (where only the count shows the practice: "other sources")."""

    path: DataPath
    count: Annotated[int, Field(ge=1)]
    fewer_is_partly: StrictBool = True


class Equals(Model):
    """Every value found at ``path`` equals ``value`` (and there is one)."""

    path: DataPath
    value: StrictBool | StrictStr | int


class Number(Model):
    """The numbers at ``path`` (each, or their ``sum``) meet a threshold the standard's words imply.

    ``why`` names the word ("timely", "regularly"); falling short is partly met. Past
    ``meaningless_above`` the number empties the practice (a 365-day "response time"): not met,
    whatever else the rule finds. A number at the largest value its field takes is read as a
    placeholder and never meets a threshold.
    """

    path: DataPath
    at_least: Annotated[float, Field(gt=0)] | None = None
    at_most: Annotated[float, Field(ge=0)] | None = None
    sum: StrictBool = False
    unit: Text
    why: Text
    meaningless_above: Annotated[float, Field(gt=0)] | None = None

    @model_validator(mode="after")
    def _one_bound(self) -> Number:
        if (self.at_least is None) == (self.at_most is None):
            raise ValueError("number needs either at_least or at_most")
        return self


class TrainingTime(Model):
    """Each party gets at least ``minutes`` of training (on each of ``topics``, if given): "in depth"."""

    parties: list[Id] = Field(min_length=1)
    topics: list[Id] = []
    stage: Literal["initial", "ongoing"] | None = None
    minutes: Annotated[int, Field(ge=1)]
    why: Text


class Rule(Model):
    """One check, or a combination of checks; exactly one key is given.

    ``all`` is met when every part is, not met when no part gives any credit, partly met between;
    ``any`` is as good as its best part; ``partial`` is at most partly met, for what shows some of a
    practice but not its substance. ``condition`` and ``published`` (the area is public) can hold a
    status down to partly met, never give credit on their own.
    """

    all: list[Rule] | None = None
    any: list[Rule] | None = None
    partial: Rule | None = None
    condition: Rule | None = None
    present: DataPath | None = None
    at_least: AtLeast | None = None
    covers: Covers | None = None
    equals: Equals | None = None
    number: Number | None = None
    training_time: TrainingTime | None = None
    published: Area | None = None
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
    applies_to: list[Id] = []  # parties: not applicable when the programme says it has none of them
    may_not_apply: Text | None = None  # when a not-applicable claim can be accepted, in the standard's terms
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
    language: LanguageTag = "en"  # the language of the standard's own wording (criterion text stays in it)
    bands: list[Band] = []
    validity_years: Annotated[int, Field(ge=1, le=20)] | None = None
    vocabularies: dict[Id, VocabularyTerms] = {}
    standards: list[Standard] = Field(min_length=1)

    def criterion_ids(self) -> list[str]:
        """Every criterion as ``catalog:criterion``, the form programme data refers to."""
        return [f"{self.id}:{criterion.id}" for standard in self.standards for criterion in standard.criteria]


# --- loading ---------------------------------------------------------------------------------------


def load_vocabularies(path: Path = PACKAGED_VOCABULARIES) -> tuple[dict[str, VocabularyTerms], list[Problem]]:
    """The packaged vocabularies file: vocabulary name -> its terms."""
    document = read_yaml_file(path)
    if document.problems:
        return {}, document.problems
    try:
        return VocabularyFile.model_validate(document.data).root, []
    except ValidationError as error:
        return {}, list(translate_errors(error, document.source, VocabularyFile))


def merge_vocabularies(sources: list[dict[str, VocabularyTerms]]) -> Vocabularies:
    """One set of vocabularies: terms by id, the first definition of an id winning."""
    kinds: dict[str, dict[str, Term]] = {}
    for source in sources:
        for kind, vocabulary in source.items():
            for term in vocabulary.terms:
                kinds.setdefault(kind, {}).setdefault(term.id, term)
    return Vocabularies(kinds)


def load_catalog(path: Path) -> tuple[Catalog | None, SourceMap, list[Problem]]:
    """Read and check one catalog file's shape; problems carry file, line and field like programme data."""
    document = read_yaml_file(path)
    if document.problems:
        return None, document.source, document.problems
    if not isinstance(document.data, dict):
        return None, document.source, [Problem(Position(display_path(path)), "(top level)",
                                               "a catalog must be a mapping with id, title, source and standards")]
    try:
        catalog = Catalog.model_validate(document.data)
    except ValidationError as error:
        return None, document.source, list(translate_errors(error, document.source, Catalog))
    problems = []
    seen: set[str] = set()
    for s_index, standard in enumerate(catalog.standards):
        for c_index, criterion in enumerate(standard.criteria):
            if criterion.id in seen:
                where = document.source.position(("standards", s_index, "criteria", c_index, "id"))
                problems.append(Problem(where, f"standards[{s_index}].criteria[{c_index}].id", f"duplicate criterion id {criterion.id!r}"))
            seen.add(criterion.id)
    return (None if problems else catalog), document.source, problems
