"""Evaluate a catalog's declarative rules against a programme, and check their paths against the model.

A rule looks at values found at a path into the programme data: dotted keys, ``[]`` for every item
of a list, ``[key=value]`` for the items whose key has that value (compared as text, ``true``/``false``
for booleans; a list-valued key matches when any of its items does). Lists met on the way are
flattened, so ``training.sessions[stage=initial].audience`` is every role of every initial session.

Each leaf check gives a :class:`Check`: whether it passed, a plain sentence saying why, the data
field it looks at and, when it failed, what to add.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel

from generator.model import Programme
from generator.problems import FieldPath, Problem, format_field_path
from generator.schema_errors import did_you_mean

if TYPE_CHECKING:
    from generator.standards.catalog import Catalog, Rule
    from generator.yaml_source import SourceMap

SEGMENT = re.compile(r"([a-z_]+)(?:\[(?:([a-z_]+)=([^\]]+))?\])?")


@dataclass(frozen=True)
class Check:
    """One leaf check: passed or not, why (a plain sentence), the field it looks at, what to add."""

    passed: bool
    reason: str
    field: str
    fix: str | None = None


@dataclass(frozen=True)
class RuleResult:
    """A whole rule's outcome: the leaf checks in order and, when it fails, what would fix it."""

    passed: bool
    checks: list[Check]
    fix: str | None = None

    @property
    def partly(self) -> bool:
        """The rule fails as a whole but some of its checks pass."""
        return not self.passed and any(check.passed for check in self.checks)


# --- paths -----------------------------------------------------------------------------------------


def parse_path(path: str) -> list[tuple[str, str | None, tuple[str, str] | None]]:
    """``"a.b[]"`` -> ``[("a", None, None), ("b", "[]", None)]``; a ``[k=v]`` filter comes third."""
    segments = []
    for part in path.split("."):
        match = SEGMENT.fullmatch(part)
        if match is None:
            raise ValueError(f"not a data path: {path!r}")
        name, key, value = match.groups()
        brackets = part[len(name):] or None
        segments.append((name, brackets, (key, value) if key else None))
    return segments


def resolve(programme: BaseModel, path: str) -> list[Any]:
    """Every value found at ``path``, lists flattened, missing (None) values left out."""
    found: list[Any] = [programme]
    for name, _, condition in parse_path(path):
        following: list[Any] = []
        for value in found:
            if isinstance(value, BaseModel):
                following += _flatten(getattr(value, name, None))
        found = following if condition is None else [item for item in following if _matches(item, *condition)]
    return found


def _flatten(value: Any) -> list[Any]:
    """The values a value holds: a list's items (nested lists flattened), or the value itself; None holds none."""
    if value is None:
        return []
    if not isinstance(value, list):
        return [value]
    flat: list[Any] = []
    for element in value:
        if element is None or isinstance(element, list):
            flat += _flatten(element)
        else:
            flat.append(element)
    return flat


def _matches(item: Any, key: str, expected: str) -> bool:
    return isinstance(item, BaseModel) and expected in map(as_text, _flatten(getattr(item, key, None)))


def as_text(value: Any) -> str:
    """A value as rules compare and show it: booleans as true/false, dates as 2026-01-31."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _texts(value: Any) -> Iterator[str]:
    """Every string inside a value, looking into models and lists."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _texts(getattr(value, name))
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def _non_empty(value: Any) -> bool:
    return value is not None and value != ""


# --- evaluation --------------------------------------------------------------------------------------


def evaluate(rule: Rule, programme: BaseModel, today: dt.date) -> RuleResult:
    """Evaluate a rule: ``all`` needs every part to pass, ``any`` at least one."""
    if rule.all is not None or rule.any is not None:
        parts = [evaluate(part, programme, today) for part in (rule.all if rule.all is not None else rule.any)]
        checks = [check for part in parts for check in part.checks]
        if rule.all is not None:
            passed = all(part.passed for part in parts)
            fix = "; ".join(part.fix for part in parts if not part.passed and part.fix)
        else:
            passed = any(part.passed for part in parts)
            fix = " or ".join(f"({part.fix})" if "; " in part.fix else part.fix for part in parts if part.fix)
        return RuleResult(passed, checks, None if passed else fix or None)
    check = _leaf(rule, programme, today)
    return RuleResult(check.passed, [check], check.fix)


def _leaf(rule: Rule, programme: BaseModel, today: dt.date) -> Check:
    if rule.present is not None:
        path = rule.present
        if any(_non_empty(value) for value in resolve(programme, path)):
            return Check(True, f"{path} is filled in", path)
        return Check(False, f"{path} is empty or missing", path, f"fill in {path}")
    if rule.covers is not None:
        path, wanted = rule.covers.path, rule.covers.values
        found = {as_text(value).casefold() for value in resolve(programme, path)}
        missing = [value for value in wanted if value.casefold() not in found]
        if not missing:
            return Check(True, f"{path} covers {', '.join(wanted)}", path)
        return Check(False, f"{path} does not cover {', '.join(missing)}", path, f"add {', '.join(missing)} to {path}")
    if rule.mentions is not None:
        path, words = rule.mentions.path, rule.mentions.words
        texts = [text for value in resolve(programme, path) for text in _texts(value)]
        for word in words:
            mention = re.compile(rf"\b{re.escape(word)}", re.IGNORECASE)
            if any(mention.search(text) for text in texts):
                return Check(True, f"{path} mentions “{word}”", path)
        listed = ", ".join(f"“{word}”" for word in words)
        reason = f"{path} does not mention {listed if len(words) == 1 else 'any of ' + listed}" if texts \
            else f"{path} is empty or missing"
        return Check(False, reason, path, f"mention “{words[0]}” in {path}")
    if rule.at_least is not None:
        path, count = rule.at_least.path, rule.at_least.count
        number = len(resolve(programme, path))
        reason = f"{path} has {number} item{'s' if number != 1 else ''}"
        if number >= count:
            return Check(True, f"{reason} (at least {count} needed)", path)
        fix = f"add an item to {path}" if count == 1 else f"list at least {count} items in {path}"
        return Check(False, f"{reason}; at least {count} needed", path, fix)
    if rule.equals is not None:
        path, expected = rule.equals.path, rule.equals.value
        values = resolve(programme, path)
        wrong = [value for value in values if not _equal(value, expected)]
        if values and not wrong:
            return Check(True, f"{path} is {as_text(expected)}", path)
        reason = f"{path} is {', '.join(as_text(value) for value in wrong)}, not {as_text(expected)}" if wrong \
            else f"{path} is empty or missing"
        return Check(False, reason, path, f"set {path} to {as_text(expected)}")
    assert rule.not_overdue is not None
    path = rule.not_overdue
    dates = sorted(value for value in resolve(programme, path) if isinstance(value, dt.date))
    overdue = [date for date in dates if date < today]
    if dates and not overdue:
        return Check(True, f"{path} is not overdue (next {dates[0].isoformat()})", path)
    if not dates:
        return Check(False, f"{path} has no date", path, f"fill in {path}")
    shown = ", ".join(date.isoformat() for date in overdue)
    return Check(False, f"{path} is overdue ({shown}; today is {today.isoformat()})", path, f"update {path}")


def _equal(value: Any, expected: bool | str | int) -> bool:
    if isinstance(expected, bool) or isinstance(value, bool):
        return value is expected
    return as_text(value) == as_text(expected)


def leaves(rule: Rule, at: FieldPath = ()) -> Iterator[tuple[FieldPath, str, str]]:
    """Every leaf of a rule as (its place inside the rule, its kind, its data path)."""
    for kind in ("all", "any"):
        parts = getattr(rule, kind)
        if parts is not None:
            for index, part in enumerate(parts):
                yield from leaves(part, at + (kind, index))
            return
    for kind in ("present", "not_overdue"):
        if getattr(rule, kind) is not None:
            yield at + (kind,), kind, getattr(rule, kind)
            return
    for kind in ("covers", "mentions", "at_least", "equals"):
        if getattr(rule, kind) is not None:
            yield at + (kind, "path"), kind, getattr(rule, kind).path
            return


def areas(rule: Rule) -> list[str]:
    """The top-level data areas a rule looks at, in order of first use."""
    return list(dict.fromkeys(path.split(".")[0].split("[")[0] for _, _, path in leaves(rule)))


# --- checking paths against the model ------------------------------------------------------------


def path_problem(path: str, kind: str, root: type[BaseModel] = Programme) -> tuple[str, str | None] | None:
    """Why a rule's path does not fit the data model (message, fix), or None when it does."""
    model: type[BaseModel] | None = root
    inner: Any = root
    walked = ""
    for name, brackets, condition in parse_path(path):
        if model is None:
            return f"{walked} is a single value; it has no field {name!r}", None
        field = model.model_fields.get(name)
        if field is None:
            where = f"in {walked}" if walked else "at the top of the programme data"
            return f"no field {name!r} {where}", did_you_mean(name, model.model_fields)
        inner, is_list = _unwrap(field.annotation)
        walked = f"{walked}.{name}" if walked else name
        if brackets and not is_list:
            return f"{walked} is not a list, so it takes no {brackets}", f"write {walked} without {brackets}"
        model = inner if _is_model(inner) else None
        if condition:
            problem = _condition_problem(model, walked, *condition)
            if problem:
                return problem
        walked += brackets or ""
    if kind == "not_overdue" and inner is not dt.date:
        return f"{walked} is not a date; not_overdue needs a date field", None
    if kind in ("covers", "equals") and model is not None:
        return f"{walked} is a group of fields; {kind} needs a field holding values", None
    return None


def _condition_problem(model: type[BaseModel] | None, walked: str, key: str, value: str) -> tuple[str, str | None] | None:
    if model is None:
        return f"the items of {walked} are single values; [{key}=...] needs items with fields", None
    field = model.model_fields.get(key)
    if field is None:
        return f"the items of {walked} have no field {key!r}", did_you_mean(key, model.model_fields)
    inner, _ = _unwrap(field.annotation)
    choices = ["true", "false"] if inner is bool else list(typing.get_args(inner)) if typing.get_origin(inner) is Literal else None
    if choices is not None and value not in choices:
        return f"{walked}[].{key} is never {value!r} (it is one of {', '.join(choices)})", did_you_mean(value, choices)
    return None


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """The type inside ``Annotated``, ``X | None`` and ``list[X]``, and whether a list was met."""
    is_list = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            annotation = next(arg for arg in typing.get_args(annotation) if arg is not type(None))
        elif origin is list:
            annotation, is_list = typing.get_args(annotation)[0], True
        else:
            return annotation, is_list


def _is_model(candidate: Any) -> bool:
    return isinstance(candidate, type) and issubclass(candidate, BaseModel)


def catalog_path_problems(catalog: Catalog, source: SourceMap) -> list[Problem]:
    """A problem, at the rule's file and line, for every rule path that does not fit the data model."""
    problems = []
    for s_index, standard in enumerate(catalog.standards):
        for c_index, criterion in enumerate(standard.criteria):
            if criterion.rule is None:
                continue
            rule_at: FieldPath = ("standards", s_index, "criteria", c_index, "rule")
            found = [(at, path_problem(path, kind)) for at, kind, path in leaves(criterion.rule)]
            found += [(at, (f"{kind} needs at least one rule", None)) for at, kind in _empty_combinations(criterion.rule)]
            for at, problem in found:
                if problem:
                    where = rule_at + at
                    problems.append(Problem(source.position(where), format_field_path(where), problem[0], fix=problem[1]))
    return problems


def _empty_combinations(rule: Rule, at: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    """``all: []`` or ``any: []``, which would pass (or fail) without looking at any data."""
    for kind in ("all", "any"):
        parts = getattr(rule, kind)
        if parts == []:
            yield at + (kind,), kind
        for index, part in enumerate(parts or []):
            yield from _empty_combinations(part, at + (kind, index))
