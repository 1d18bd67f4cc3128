"""The data-path language that rules, leaflets and plans use to point into programme data.

A path is dotted field names; ``[]`` after a list means every item, ``[key=value]`` (or
``[key=value,other=value]``) the items whose fields have those values, compared as text (``true``
and ``false`` for booleans; a list-valued field matches when any of its items does), and ``[key]``
the items whose field says something (``sessions[outcomes]``: sessions with outcomes). A field that
names roles compares by the standard parties each role plays, so ``sessions[audience=mentor]``
finds the sessions for any role that plays mentor, and ``roles[id=coordinator]`` a programme lead
who plays coordinator. Lists met on the way are flattened: ``training.sessions[stage=initial].audience``
is every role of every initial session.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from generator.model import Address, Programme, Reference, Vocabulary
from generator.problems import FieldPath
from generator.substance import is_content

FILTER = r"[a-z_]+(?:=[^\],=]+)?"
SEGMENT = re.compile(rf"(?P<name>[a-z_]+)(?P<brackets>\[(?P<filters>{FILTER}(?:,{FILTER})*)?\])?")
PATTERN = rf"^{SEGMENT.pattern}(\.{SEGMENT.pattern})*$".replace("(?P<name>", "(?:").replace("(?P<brackets>", "(?:").replace("(?P<filters>", "(?:")


@dataclass(frozen=True)
class Segment:
    """One step of a path: a field name, whether it is followed by brackets, and their filters
    (key and value; a value of None asks only that the field says something)."""

    name: str
    brackets: str | None
    filters: tuple[tuple[str, str | None], ...]


@functools.lru_cache(maxsize=1024)
def parse(path: str) -> tuple[Segment, ...]:
    """``"a.b[k=v]"`` -> ``(Segment("a", None, ()), Segment("b", "[k=v]", (("k", "v"),)))``."""
    segments = []
    for part in path.split("."):
        match = SEGMENT.fullmatch(part)
        if match is None:
            raise ValueError(f"not a data path: {path!r}")
        filters = tuple((key, value or None) for key, _, value in
                        (pair.partition("=") for pair in (match["filters"] or "").split(",") if pair))
        segments.append(Segment(match["name"], match["brackets"], filters))
    return tuple(segments)


def as_text(value: Any) -> str:
    """A value as paths compare it and reasons show it: booleans as true/false, dates as 2026-01-31."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def flatten(value: Any) -> list[Any]:
    """The values a value holds: a list's items (nested lists flattened), or the value itself; None holds none."""
    if value is None:
        return []
    if not isinstance(value, list):
        return [value]
    flat: list[Any] = []
    for element in value:
        if element is None or isinstance(element, list):
            flat += flatten(element)
        else:
            flat.append(element)
    return flat


def resolve(programme: Programme, path: str) -> list[Any]:
    """Every value found at ``path``, lists flattened, missing (None) values left out."""
    found: list[Any] = [programme]
    for segment in parse(path):
        following: list[Any] = []
        for value in found:
            if isinstance(value, BaseModel):
                following += flatten(getattr(value, segment.name, None))
        found = [item for item in following if matches(programme, item, segment.filters)] if segment.filters else following
    return found


def matches(programme: Programme, item: Any, filters: tuple[tuple[str, str | None], ...]) -> bool:
    """Whether an item has every filter's value in the field it names (roles by the parties they play)."""
    if not isinstance(item, BaseModel):
        return False
    for key, expected in filters:
        values = flatten(getattr(item, key, None))
        if expected is None:
            if not is_content(values):
                return False
            continue
        if reference_kind(type(item), key) is not None:
            values = [party for value in values for party in programme.parties_of(str(value))]
        if expected not in map(as_text, values):
            return False
    return True


@dataclass(frozen=True)
class Found:
    """The first value along a path (None when absent) and where it is in the data, or the nearest parent."""

    value: Any
    path: FieldPath


def lookup(programme: Programme, path: str) -> Found:
    """Follow a path to one value, taking the first item a filter matches: ``roles[id=mentee].benefits``."""
    value: Any = programme
    at: FieldPath = ()
    for segment in parse(path):
        value = getattr(value, segment.name, None)
        at += (segment.name,)
        if value is None:
            return Found(None, at)
        if segment.filters:
            index = next((i for i, item in enumerate(value) if matches(programme, item, segment.filters)), None)
            if index is None:
                return Found(None, at)
            value, at = value[index], at + (index,)
    return Found(value, at)


def area_of(path: str) -> str:
    """The top-level data area a path starts in: ``training`` for ``training.sessions[]``."""
    return parse(path)[0].name


def without_filters(path: str) -> str:
    """``training.sessions[stage=initial].covers`` -> ``training.sessions.covers``."""
    return ".".join(segment.name for segment in parse(path))


# --- paths against the model -----------------------------------------------------------------------


def unwrap(annotation: Any) -> tuple[Any, bool, list[Any]]:
    """The type inside ``Annotated``, ``X | None`` and ``list[X]``; whether a list was met; the markers seen."""
    is_list = False
    markers: list[Any] = []
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation, *extra = typing.get_args(annotation)
            markers += extra
        elif origin in (typing.Union, types.UnionType):
            annotation = next(arg for arg in typing.get_args(annotation) if arg is not type(None))
        elif origin is list:
            annotation, is_list = typing.get_args(annotation)[0], True
        else:
            return annotation, is_list, markers


@functools.cache
def field_markers(model: type[BaseModel], name: str) -> tuple[Any, ...]:
    """The markers (:class:`Reference`, :class:`Vocabulary`, :class:`Address`) on a model's field, however it is wrapped."""
    field = model.model_fields[name]
    _, _, markers = unwrap(field.annotation)
    return tuple(markers) + tuple(field.metadata)


def reference_kind(model: type[BaseModel], name: str) -> Literal["role", "party"] | None:
    """Whether a field names roles (``role``), roles or parties (``party``), or neither (None).

    A role's own ``id`` counts as naming a role, so that ``roles[id=coordinator]`` finds whoever
    plays coordinator.
    """
    if name not in model.model_fields:
        return None
    if name == "id" and model.__name__ == "Role":
        return "role"
    return next((marker.kind for marker in field_markers(model, name) if isinstance(marker, Reference)), None)


def vocabulary_kind(model: type[BaseModel], name: str) -> str | None:
    """The vocabulary a field's ids come from, or None."""
    return next((marker.kind for marker in field_markers(model, name) if isinstance(marker, Vocabulary)), None)


def address_kind(model: type[BaseModel], name: str) -> Address | None:
    """The :class:`Address` marker of a field that holds a link target, or None for any other field."""
    if name not in model.model_fields:
        return None
    return next((marker for marker in field_markers(model, name) if isinstance(marker, Address)), None)


def _is_model(candidate: Any) -> bool:
    return isinstance(candidate, type) and issubclass(candidate, BaseModel)


def field_type(path: str, root: type[BaseModel] = Programme) -> tuple[Any, str | None]:
    """The type a path ends at (a model class, or the scalar type) and why it does not fit the model."""
    model: type[BaseModel] | None = root
    inner: Any = root
    walked = ""
    for segment in parse(path):
        if model is None:
            return None, f"{walked} is a single value; it has no field {segment.name!r}"
        field = model.model_fields.get(segment.name)
        if field is None:
            where = f"in {walked}" if walked else "at the top of the programme data"
            return None, f"no field {segment.name!r} {where}"
        inner, is_list, _ = unwrap(field.annotation)
        walked = f"{walked}.{segment.name}" if walked else segment.name
        if segment.brackets and not is_list:
            return None, f"{walked} is not a list, so it takes no {segment.brackets}"
        model = inner if _is_model(inner) else None
        for key, value in segment.filters:
            problem = _filter_problem(model, walked, key, value)
            if problem:
                return None, problem
        walked += segment.brackets or ""
    return inner, None


def field_names(root: type[BaseModel], path: str) -> list[str]:
    """The fields of the model a path (without its last step) leads to: for "did you mean"."""
    parent = path.rpartition(".")[0]
    model, _ = field_type(parent, root) if parent else (root, None)
    return list(model.model_fields) if _is_model(model) else []


def _filter_problem(model: type[BaseModel] | None, walked: str, key: str, value: str | None) -> str | None:
    if model is None:
        return f"the items of {walked} are single values; [{key}=...] needs items with fields"
    field = model.model_fields.get(key)
    if field is None:
        return f"the items of {walked} have no field {key!r}"
    inner, _, _ = unwrap(field.annotation)
    choices = ["true", "false"] if inner is bool else list(typing.get_args(inner)) if typing.get_origin(inner) is Literal else None
    if choices is not None and value is not None and value not in choices:
        return f"{walked}[].{key} is never {value!r} (it is one of {', '.join(choices)})"
    return None


@functools.cache
def is_prose(model: type[BaseModel], name: str) -> bool:
    """Whether a field holds free text (Markdown a person wrote), not an id, address, choice or number."""
    inner, _, markers = unwrap(model.model_fields[name].annotation)
    if inner is not str:
        return False
    constraints = list(model.model_fields[name].metadata) + [
        item for marker in markers for item in getattr(marker, "metadata", [marker])]
    return not any(getattr(constraint, "pattern", None) for constraint in constraints)


def walk(model: BaseModel, at: FieldPath = ()) -> Iterator[tuple[FieldPath, type[BaseModel], str, Any]]:
    """Every value the data holds, depth first, as (its path, the model that holds it, its field, the value).

    A list's items come one by one, at their index; a list itself is not yielded.
    """
    for name in type(model).model_fields:
        value = getattr(model, name)
        if value is None:
            continue
        here = at + (name,)
        for path, item in (((here + (index,), item) for index, item in enumerate(value)) if isinstance(value, list)
                           else [(here, value)]):
            yield path, type(model), name, item
            if isinstance(item, BaseModel):
                yield from walk(item, path)
