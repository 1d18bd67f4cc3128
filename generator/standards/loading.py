"""The standards a programme is assessed against: the packaged catalogs and vocabularies, then the
programme's own, each catalog's rules checked against the data model and the vocabularies."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.problems import Position, Problem, display_path
from generator.standards.catalog import (
    PACKAGED_CATALOGS,
    Catalog,
    Vocabularies,
    load_catalog,
    load_vocabularies,
    merge_vocabularies,
)
from generator.standards.rules import catalog_rule_problems
from generator.yaml_source import SourceMap


@dataclass(frozen=True)
class Standards:
    """The catalogs a programme is assessed against, with the vocabularies its data declares against."""

    catalogs: list[Catalog]
    vocabularies: Vocabularies


def load_standards(extra: Sequence[Path] = ()) -> tuple[Standards, list[Problem]]:
    """The packaged vocabularies and catalogs, then the programme's own; rules checked against both.

    A catalog id used twice is an error; so is a rule path the data model does not have, or a
    vocabulary term no vocabulary defines.
    """
    packaged, problems = load_vocabularies()
    catalogs: list[Catalog] = []
    sources: list[tuple[Catalog, SourceMap]] = []
    for path in sorted(PACKAGED_CATALOGS.glob("*.yaml")) + list(extra):
        catalog, source, found = load_catalog(path)
        problems.extend(found)
        if catalog is None:
            continue
        if any(existing.id == catalog.id for existing in catalogs):
            problems.append(Problem(Position(display_path(path), 1, 1), "id", f"catalog id {catalog.id!r} is already used by another catalog"))
            continue
        catalogs.append(catalog)
        sources.append((catalog, source))
    vocabularies = merge_vocabularies([packaged] + [catalog.vocabularies for catalog in catalogs])
    for catalog, source in sources:
        problems.extend(catalog_rule_problems(catalog, source, vocabularies))
    return Standards(catalogs, vocabularies), problems
