"""Warnings about the leaflets, given by ``handbook validate``: missing items and hard-to-read text.

Three kinds, each at the place in the YAML to change:

- an item whose core data is missing (the item is then left out, or printed without its main content);
- an item public leaflets leave out because its area is internal or confidential;
- a mentee-facing text whose reading ease is below the threshold (see :mod:`.readability`): the
  paragraphs and lists the mentee leaflet prints, not the short entries (names, times, addresses).
  The data is read in its own language (the theme's; Flesch for English), a translation in its
  language, each where a formula exists.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from generator.audience import edition_for
from generator.datapath import area_of, lookup, parse
from generator.leaflets.items import leaflets_for
from generator.leaflets.parts import Context, Item, Leaflet, show_item, show_part, shown_parts
from generator.leaflets.readability import FORMULAS, reading_ease
from generator.model import Programme, TextOr
from generator.problems import FieldPath, Position, Problem, format_field_path
from generator.yaml_source import SourceMap

PROSE = ("text", "list", "steps")  # blocks of the data's own sentences, which the plain-English check reads


class Positions(Protocol):
    def position(self, path: FieldPath, *, key: bool = False) -> Position: ...


def leaflet_warnings(programme: Programme, source: SourceMap, language: str = "en") -> list[Problem]:
    """Every leaflet item without data, left out of public leaflets, or (mentee-facing) hard to read
    (by the formula of ``language``, the one the data is written in, where it has one)."""
    problems: list[Problem] = []
    public_edition = edition_for(programme, None, "public")
    for leaflet in leaflets_for(programme):
        everything = Context(programme, leaflet.reader)
        public = Context(public_edition.programme, leaflet.reader, public_edition.withheld_contacts)
        for item in leaflet.items:
            if getattr(programme, area_of(item.core.field)) is None:
                continue  # a whole area not written yet is one gap, reported by the assessment, not per item
            if all(show_part(part, everything) is None for part in item.core_parts):
                if isinstance(lookup(programme, item.core.field).value, str):
                    continue  # the text is a placeholder, already warned about by validation
                problems.append(_missing(leaflet, item, show_item(item, everything) is not None, programme, source))
            elif all(show_part(part, public) is None for part in item.core_parts):
                problems.append(_not_public(leaflet, item, show_item(item, public) is not None, programme, source))
    return problems + readability_warnings(programme, source, language)


def readability_warnings(programme: Programme, source: Positions, language: str) -> list[Problem]:
    """The mentee-facing texts that read too hard by the language's formula (see :mod:`.readability`),
    each at its place in ``source``; none for a language with no formula."""
    if language not in FORMULAS:
        return []
    problems: list[Problem] = []
    read: set[FieldPath] = set()
    for leaflet in leaflets_for(programme):
        if not leaflet.mentee_facing:
            continue
        everything = Context(programme, leaflet.reader)
        for item in leaflet.items:
            for part, block in shown_parts(item, everything):
                found = lookup(programme, part.field)
                prose = _prose(found.value)
                if block.kind in PROSE and prose is not None and found.path not in read:
                    read.add(found.path)
                    problems.extend(_hard_to_read(found.path, prose, source, language))
    return problems


def _missing(leaflet: Leaflet, item: Item, shown: bool, programme: Programme, source: SourceMap) -> Problem:
    """An item whose core data is missing: which field to fill, at the nearest place in the YAML."""
    found = lookup(programme, item.core.field)
    outcome = "prints it without its main content" if shown else "leaves it out"
    return Problem(source.position(found.path), item.core.field,
                   f'the {_name(leaflet)} leaflet item "{item.title}" has no data, so the leaflet {outcome}', "warning",
                   fix=f"add {item.core.need or describe(item.core.field, found.path)}")


def _not_public(leaflet: Leaflet, item: Item, shown: bool, programme: Programme, source: SourceMap) -> Problem:
    area = area_of(item.core.field)
    visibility = getattr(getattr(programme, area), "visibility", "public")
    outcome = "print it without its main content" if shown else "leave it out"
    return Problem(source.position((area, "visibility")), item.core.field,
                   f'{area} has visibility: {visibility}, so public {_name(leaflet)} leaflets {outcome} ("{item.title}")',
                   "warning", fix="make the area public, or move what participants need into a public area")


def _name(leaflet: Leaflet) -> str:
    return leaflet.key.replace("-", " ")


def _hard_to_read(path: FieldPath, text: str | list[str], source: Positions, language: str) -> Iterator[Problem]:
    result = reading_ease(text, language)
    if not result.plain:
        yield Problem(source.position(path), format_field_path(path),
                      f"mentee leaflet text reads too hard: {FORMULAS[language].name} {result.score:.0f} "
                      f"(aim for {result.threshold:.0f} or more)", "warning",
                      fix=f"use shorter sentences and everyday words ({result.words} words in {result.sentences} "
                          f"sentences, {result.syllables / result.words:.2f} syllables a word)")


def _prose(value: object) -> str | list[str] | None:
    """The text a value holds for the reading-ease check: a text, or a list of texts (items that
    are mappings with a main text, such as selection criteria, count by that text); else None."""
    if isinstance(value, (str, TextOr)):
        return str(value)
    if isinstance(value, list) and all(isinstance(item, (str, TextOr)) for item in value):
        return [str(item) for item in value]
    return None


def describe(field: str, found: FieldPath) -> str:
    """What to add, in the YAML's terms: ``benefits to the roles entry with id: mentee``, or
    ``a roles entry with id: line-manager, with benefits`` when there is no such entry yet."""
    segments = parse(field)
    *parents, last = [segment.name + (segment.brackets or "") for segment in segments]
    selected = next((i for i, segment in enumerate(segments[:-1]) if segment.brackets), None)
    if selected is None:
        return f"{last} to {'.'.join(parents)}" if parents else last
    name = segments[selected].name
    key, value = segments[selected].filters[-1] if segments[selected].filters else ("", "")
    if value is None:  # [mentee]: an entry named by its id
        key, value = "", key
    entry = f"role that plays {value}" if (name, key) == ("roles", "id") else \
        f"{'.'.join(parents[:selected] + [name])} entry with {key or 'id'}: {value}"
    inside = ".".join(parents[selected + 1:] + [last])
    if not any(isinstance(step, int) for step in found):  # the lookup stopped at the list: no such entry
        return f"a {entry}, with {inside}"
    return f"{inside} to the {entry}"
