"""Translations of a programme's own text: one file per language, ``data/translations/<code>.yaml``.

A translation file gives text for the same areas, fields and ids as the data, and nothing else: no
structure is copied. Lists of things with ids are keyed by id; other lists give their items in
order::

    programme:
      name: Mentora Cymheiriaid Glan-yr-afon
    roles:
      mentee:
        title: Mentai
    mismatch_policy:
      warning_signs: [Rydych chi'n colli cyfarfodydd., ...]

Only free text (fields the data model types as text) can be translated: ids, dates, numbers,
links and declarations stay as the data has them. A field or id the data does not have is an error
naming the file and line; a text left untranslated is a warning (the data's own text is shown),
which ``--strict`` makes an error. The assessment always reads the data itself, never a translation.
"""

from __future__ import annotations

import copy
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.datapath import address_kind, is_prose, unwrap
from generator.model import Programme, TextOr
from generator.problems import FieldPath, Position, Problem
from generator.schema_errors import did_you_mean
from generator.yaml_source import SourceMap, read_yaml_file


@dataclass
class Translation:
    """A programme's data with one language's text in place, and what the translation file lacks or gets wrong."""

    values: dict[str, Any]  # the data's values, translated text in place of the original
    source: SourceMap  # where each translation is in the file
    problems: list[Problem] = field(default_factory=list)  # errors, and warnings for untranslated text
    translated: int = 0  # texts the file translates
    total: int = 0  # texts the data has
    written_at: dict[FieldPath, FieldPath] = field(default_factory=dict)  # a data path -> its path in the file

    def position(self, path: FieldPath, *, key: bool = False) -> Position:
        """Where the file translates a value of the data (by its path in the data), or the nearest
        part of the file that does: for warnings about translated text."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.written_at:
                return self.source.position(self.written_at[path[:end]], key=key)
        return self.source.position(())


def translate(values: dict[str, Any], file: Path) -> Translation:
    """Pure apart from reading ``file``: ``values`` (the data folder's merged values, as loaded)
    with the file's text in place. ``values`` is not changed."""
    document = read_yaml_file(file)
    walk = _Walk(document.source)
    result = Translation(copy.deepcopy(values), document.source, list(document.problems))
    if document.data is None and not document.problems:
        document.data = {}
    if isinstance(document.data, dict):
        walk.model(Programme, result.values, document.data, (), ())
    elif document.data is not None:
        walk.error((), "a translation file must be a mapping of areas, e.g. 'roles:' at the start of a line")
    result.problems += walk.problems
    result.translated, result.total = walk.translated, _texts_in(_Node.of_model(Programme), values)
    result.written_at = walk.written_at
    return result


# --- what the data model says each field holds -----------------------------------------------------


@dataclass(frozen=True)
class _Node:
    """What a field holds, as far as translation cares: text, a model, a list of either, or something
    that is not translated (an id, a number, a link, a date)."""

    kind: typing.Literal["text", "model", "list", "fixed"]
    model: type[BaseModel] | None = None
    item: _Node | None = None

    @staticmethod
    def of_model(model: type[BaseModel]) -> _Node:
        return _Node("model", model)


def _field_node(model: type[BaseModel], name: str) -> _Node | None:
    """What a model's field holds (None: the model has no such field)."""
    if name not in model.model_fields:
        return None
    inner, is_list, _ = unwrap(model.model_fields[name].annotation)
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        node = _Node("model", inner)
    else:
        node = _Node("text" if is_prose(model, name) and address_kind(model, name) is None else "fixed")
    return _Node("list", item=node) if is_list else node


def _texts_in(node: _Node, value: Any) -> int:
    """How many texts a value holds that a translation could give."""
    if node.kind == "text":
        return 1 if isinstance(value, str) and value.strip() else 0
    if node.kind == "list" and isinstance(value, list):
        assert node.item is not None
        return sum(_texts_in(node.item, item) for item in value)
    if node.kind == "model" and node.model is not None:
        if isinstance(value, str):
            return 1 if issubclass(node.model, TextOr) and value.strip() else 0
        if isinstance(value, dict):
            return sum(_texts_in(child, item) for name, item in value.items() if (child := _field_node(node.model, name)))
    return 0


# --- the walk --------------------------------------------------------------------------------------


class _Walk:
    """Lays a translation file over the data, field by field, collecting problems with the file's positions."""

    def __init__(self, source: SourceMap) -> None:
        self.source = source
        self.problems: list[Problem] = []
        self.translated = 0
        self.written_at: dict[FieldPath, FieldPath] = {}

    def error(self, where: FieldPath, message: str, fix: str | None = None, *, key: bool = False) -> None:
        self.problems.append(Problem(self.source.position(where, key=key), _label(where), message, fix=fix))

    def missing(self, where: FieldPath, count: int) -> None:
        if count:
            texts = f"{count} text" + ("" if count == 1 else "s")
            self.problems.append(Problem(self.source.position(where), _label(where),
                                         f"not translated ({texts}); the data's own text is shown", severity="warning"))

    def value(self, node: _Node, original: Any, given: Any, where: FieldPath, at: FieldPath) -> Any:
        """The original (at ``at`` in the data) with the given translation (at ``where`` in the file) laid over it."""
        self.written_at[at] = where
        if node.kind == "text" or (node.kind == "model" and isinstance(original, str)):
            if node.kind == "model" and isinstance(given, dict) and node.model is not None and issubclass(node.model, TextOr):
                given = given.get(node.model.main, given)  # written as the mapping's main text
            if not isinstance(given, str) or not given.strip():
                self.error(where, "give the translation as text", fix="write the text itself, as the data has it")
                return original
            self.translated += 1
            return given.strip()
        if node.kind == "model" and isinstance(original, dict):
            assert node.model is not None
            if isinstance(given, str) and issubclass(node.model, TextOr) and node.model.main in original:
                given = {node.model.main: given}  # the plain-text form, for the mapping's main text
            if not isinstance(given, dict):
                self.error(where, "give the translations of this part's fields as a mapping")
                return original
            self.model(node.model, original, given, where, at)
            return original
        if node.kind == "list" and isinstance(original, list):
            assert node.item is not None
            return self.list(node.item, original, given, where, at)
        self.error(where, "is not text to translate (an id, number, date, link or declaration stays as the data has it)",
                   fix="remove it from the translation file")
        return original

    def model(self, model: type[BaseModel], original: dict[str, Any], given: dict[str, Any], where: FieldPath,
              at: FieldPath) -> None:
        """Lay ``given`` over ``original`` (changed in place), one field at a time."""
        for name, translation in given.items():
            node = _field_node(model, str(name))
            here = (*where, name)
            if node is None:
                self.error(here, "unknown field", fix=did_you_mean(name, model.model_fields), key=True)
            elif name not in original:
                self.error(here, "the data has nothing here to translate", fix="remove it, or add the field to the data first",
                           key=True)
            else:
                original[name] = self.value(node, original[name], translation, here, (*at, name))
        for name, value in original.items():
            node = _field_node(model, name)
            if name not in given and node is not None:
                self.missing((*where, name), _texts_in(node, value))

    def list(self, item: _Node, original: list[Any], given: Any, where: FieldPath, at: FieldPath) -> list[Any]:
        keyed = item.kind == "model" and all(isinstance(entry, dict) and isinstance(entry.get("id"), str) for entry in original)
        if keyed and original:
            if not isinstance(given, dict):
                self.error(where, "give the translations by id, as a mapping", fix=f"e.g. {original[0]['id']}: followed by its fields")
                return original
            by_id = {entry["id"]: index for index, entry in enumerate(original)}
            for entry_id, translation in given.items():
                if entry_id not in by_id:
                    self.error((*where, entry_id), f"no item with id {entry_id!r} in the data",
                               fix=did_you_mean(entry_id, by_id) or f"ids here: {', '.join(by_id)}", key=True)
                    continue
                index = by_id[entry_id]
                original[index] = self.value(item, original[index], translation, (*where, entry_id), (*at, index))
            for entry_id, index in by_id.items():
                if entry_id not in given:
                    self.missing((*where, entry_id), _texts_in(item, original[index]))
            return original
        if not isinstance(given, list):
            self.error(where, "give the translations as a list, in the data's order")
            return original
        if len(given) != len(original):
            self.error(where, f"the data has {_items(len(original))} here; the translation has {_items(len(given))}",
                       fix="give one translation for each item, in the same order")
            return original
        return [self.value(item, entry, translation, (*where, index), (*at, index))
                for index, (entry, translation) in enumerate(zip(original, given, strict=True))]


def _label(path: FieldPath) -> str:
    """``("roles", "mentee", "title")`` -> ``roles.mentee.title``: the path as the translation file writes it."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


def _items(count: int) -> str:
    return f"{count} item" + ("" if count == 1 else "s")
