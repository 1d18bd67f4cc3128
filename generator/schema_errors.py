"""Pydantic's validation errors translated into one-line problems at recorded source positions.

Shared by programme data and standards catalogs, so both read the same way::

    data/roles.yaml:14:7: roles[2].hours_per_month: must be a number (got 'a few')
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.model import TextOr
from generator.problems import FieldPath, Problem, as_written, format_field_path
from generator.yaml_source import SourceMap

MESSAGES = {
    "missing": "required field is missing",
    "string_type": "must be text",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_type": "must be a number",
    "float_parsing": "must be a number",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "date_type": "must be a date like 2026-01-31",
    "date_parsing": "must be a date like 2026-01-31",
    "date_from_datetime_parsing": "must be a date like 2026-01-31",
    "date_from_datetime_inexact": "must be a date without a time",
    "list_type": "must be a list (lines starting with '- ')",
    "model_type": "must be a mapping of 'key: value' lines",
    "model_attributes_type": "must be a mapping of 'key: value' lines",
    "dict_type": "must be a mapping of 'key: value' lines",
}


# --- pydantic errors -> problems -----------------------------------------------------------------


BOUNDS = {
    "less_than_equal": "must be at most",
    "less_than": "must be less than",
    "greater_than_equal": "must be at least",
    "greater_than": "must be more than",
}


def translate_errors(error: ValidationError, source: SourceMap, root: type[BaseModel],
                     values: Any = None) -> Iterator[Problem]:
    """Pydantic's errors as one-line problems at the positions the loader recorded.

    ``values`` are the data that were validated: with them, a problem inside a plain text that
    stands for a mapping is placed at the text, as the coordinator wrote it.
    """
    details = error.errors(include_url=False)
    # A misspelt key that is close to a missing field is one problem, not two.
    suggested: set[tuple[int | str, ...]] = set()
    for detail in details:
        if detail["type"] == "extra_forbidden":
            close = difflib.get_close_matches(str(detail["loc"][-1]), _field_names_at(root, tuple(detail["loc"])[:-1]), n=1, cutoff=0.6)
            suggested.update(tuple(detail["loc"])[:-1] + (name,) for name in close)
    for detail in details:
        if detail["type"] == "missing" and tuple(detail["loc"]) in suggested:
            continue
        path = as_written(values, tuple(detail["loc"]))
        kind = detail["type"]
        given = detail.get("input")
        fix = None
        if kind == "extra_forbidden":
            message = "unknown key"
            fix = did_you_mean(path[-1], _field_names_at(root, tuple(detail["loc"])[:-1]))
            position = source.position(path, key=True)
        else:
            position = source.position(path)
            message = _message(kind, detail, given)
            if kind == "missing" and _written_empty(values, path):
                message, fix = "is written with nothing after it, but it is required", EMPTY_REQUIRED.get(
                    format_field_path(path), "write its value after the colon")
                yield Problem(position, format_field_path(path), message, fix=fix)
                continue
            fix = source.implicit_hint(path) if kind.endswith(("_type", "_parsing")) else None
            if kind == "literal_error":
                fix = did_you_mean(str(given), _literal_choices(detail))
        yield Problem(position, format_field_path(path), message, fix=fix)


# What to write under a required field left empty, where a coordinator would need the example.
EMPTY_REQUIRED = {
    "programme": "write the programme's name: and organisation: under it, indented by two spaces",
    "roles": "add at least one role under it: '  - id: mentor' then '    title: Mentor'",
}


def _written_empty(values: Any, path: tuple[Any, ...]) -> bool:
    """Whether the data has the key at ``path``, with nothing (null) after it."""
    parent = values
    for step in path[:-1]:
        try:
            parent = parent[step]
        except (KeyError, IndexError, TypeError):
            return False
    return isinstance(parent, dict) and path[-1] in parent and parent[path[-1]] is None


def _message(kind: str, detail: Mapping[str, Any], given: Any) -> str:
    ctx = detail.get("ctx") or {}
    if kind == "missing":
        return MESSAGES[kind]
    if kind == "model_type" and ctx.get("class_name") in _text_or_classes():
        return f"must be text, or a mapping of 'key: value' lines (got {_shown(given)})"
    if kind in MESSAGES:
        return f"{MESSAGES[kind]} (got {_shown(given)})"
    if kind == "literal_error":
        return f"must be one of {ctx.get('expected')} (got {_shown(given)})"
    if kind in BOUNDS:
        return f"{BOUNDS[kind]} {next(iter(ctx.values()))} (got {_shown(given)})"
    if kind == "value_error":
        return str(ctx.get("error", detail["msg"]))
    if kind == "string_pattern_mismatch":
        if "@" in ctx.get("pattern", ""):
            return f"must be an email address like name@example.org (got {_shown(given)})"
        if "A-Z]{3}" in ctx.get("pattern", ""):
            return f"must be a three-letter currency code like GBP (got {_shown(given)})"
        if "ev-" in ctx.get("pattern", ""):
            return f"must be an evidence id like ev-purpose-statement (got {_shown(given)})"
        if ":" in ctx.get("pattern", ""):
            return f"must name a criterion as catalog:id, like ismpe:1.1 (got {_shown(given)})"
        return f"must use lower-case letters, digits and hyphens (got {_shown(given)})"
    if kind in ("too_short", "string_too_short"):
        return "must not be empty" if kind == "string_too_short" or ctx.get("min_length") == 1 else \
            f"needs at least {ctx.get('min_length')} items"
    return f"{detail['msg'][0].lower()}{detail['msg'][1:]} (got {_shown(given)})"


def _text_or_classes() -> set[str]:
    """The names of the mappings a plain text may stand for (see :class:`generator.model.TextOr`)."""
    found, waiting = set(), list(TextOr.__subclasses__())
    while waiting:
        cls = waiting.pop()
        found.add(cls.__name__)
        waiting += cls.__subclasses__()
    return found


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value) if isinstance(value, str) else str(value).lower() if isinstance(value, bool) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _literal_choices(detail: Mapping[str, Any]) -> list[str]:
    expected = str((detail.get("ctx") or {}).get("expected", ""))
    return [part.strip(" '") for part in expected.replace(" or ", ",").split(",") if part.strip(" '")]


def did_you_mean(word: Any, choices: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f'did you mean "{close[0]}"?' if close else None


def _field_names_at(root: type[BaseModel], path: FieldPath) -> list[str]:
    """The keys the model accepts at a path, for "did you mean" suggestions."""
    model: Any = root
    for part in path:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part) if _is_model(model) else None
        if field is None:
            return []
        model = _model_in(field.annotation)
    return list(model.model_fields) if _is_model(model) else []


def _is_model(candidate: Any) -> bool:
    return isinstance(candidate, type) and issubclass(candidate, BaseModel)


def _model_in(annotation: Any) -> Any:
    """The model class inside ``X``, ``list[X]`` or ``X | None``, if any."""
    if _is_model(annotation):
        return annotation
    if typing.get_origin(annotation) in (list, typing.Union, types.UnionType):
        for argument in typing.get_args(annotation):
            found = _model_in(argument)
            if found is not None:
                return found
    return None


