"""Evaluate a catalog's declarative rules against a programme, and check the rules against the model.

Paths are the data-path language of :mod:`generator.datapath`. Each leaf check gives a
:class:`Check`: met, partly met or not met; a plain sentence saying why, with the threshold where
the standard implies one and the standard's own words for vocabulary terms (never a word stem);
the data field it looks at; and, when it falls short, what to add. Reasons and fixes are
:class:`~generator.i18n.Message` objects, put into the site's language when a page shows them; the
paths, ids, numbers, dates and the standards' own words in them are values, never translated.

What gives credit is structured: declared vocabulary terms, parties, counts, numbers against
thresholds, and text only where the criterion asks for a statement, and only when it is content
(a placeholder such as "Not yet written" counts as missing). Visibility is a condition, never
credit, and nothing has a default that could count.
"""

from __future__ import annotations

import datetime as dt
import functools
import typing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import annotated_types
from pydantic import BaseModel

from generator.datapath import (
    area_of,
    as_text,
    field_names,
    field_type,
    parse,
    resolve,
    unwrap,
    vocabulary_kind,
)
from generator.i18n import Message, message, plural_message
from generator.model import Programme, Section, TrainingSession
from generator.problems import FieldPath, Problem, format_field_path
from generator.schema_errors import did_you_mean
from generator.substance import _quoted, is_content, placeholder

if TYPE_CHECKING:
    from generator.standards.catalog import (
        Catalog,
        Covers,
        Number,
        Rule,
        TrainingTime,
        Vocabularies,
    )
    from generator.yaml_source import SourceMap

MET, PARTLY, NOT_MET = 2, 1, 0
COMBINATIONS = ("all", "any", "partial", "condition")  # the rule kinds that hold other rules


@dataclass(frozen=True)
class Check:
    """One leaf check: how far it is met, why (a plain sentence), the field it looks at, what to add.

    ``credits`` is False for a condition (the area is published), which can hold a status down but
    never gives credit; ``veto`` marks a number that empties the practice: the rule is not met.
    ``reason`` and ``fix`` are Messages (English as strings).
    """

    level: int
    reason: str
    field: str
    fix: str | None = None
    credits: bool = True
    veto: bool = False


@dataclass(frozen=True)
class RuleResult:
    """A whole rule's outcome: its level, the leaf checks in order and, when short of met, what would fix it."""

    level: int
    checks: list[Check]
    fix: str | None = None
    vetoed: bool = False
    credits: bool = True


@dataclass(frozen=True)
class Context:
    """What rules are evaluated with: the programme, today's date and the vocabularies' wording."""

    programme: Programme
    today: dt.date
    vocabularies: Vocabularies


def joined(items: Iterable[Any], separator: str = "; ") -> Any:
    """Items in one line, ``a; b; c``, each Message among them still translated where it is shown
    (one item is itself; none is "").

    The separator is one every language writes alike, so the line is no msgid of the catalogs:
    its layout (``%(item0)s; %(item1)s``) is left as it is and only the items are put into words.
    """
    items = list(items)
    if len(items) < 2:
        return items[0] if items else ""
    return Message(separator.join(f"%(item{number})s" for number in range(len(items))),
                   {f"item{number}": item for number, item in enumerate(items)})


def either(items: Iterable[Any]) -> Any:
    """``a or b or c``: alternatives (Messages or data), each still translated where it is shown."""
    items = list(items)
    found = items[0] if items else ""
    for item in items[1:]:
        found = message("%(alternatives)s or %(alternative)s", alternatives=found, alternative=item)
    return found


def level_of(levels: list[int]) -> int:
    """Met when every level is, not met when none gives anything, partly met between."""
    if all(level == MET for level in levels):
        return MET
    return NOT_MET if all(level == NOT_MET for level in levels) else PARTLY


# --- evaluation --------------------------------------------------------------------------------------


def evaluate(rule: Rule, context: Context) -> RuleResult:
    """Evaluate a rule (see :class:`generator.standards.catalog.Rule` for how parts combine)."""
    if rule.all is not None or rule.any is not None:
        parts = [evaluate(part, context) for part in (rule.all if rule.all is not None else rule.any or [])]
        checks = [check for part in parts for check in part.checks]
        short = [part for part in parts if part.level < MET and part.fix]
        if rule.all is not None:
            vetoed = any(part.vetoed for part in parts)
            crediting = [part.level for part in parts if part.credits]
            if vetoed or all(level == NOT_MET for level in crediting):
                level = NOT_MET
            else:
                level = MET if all(part.level == MET for part in parts) else PARTLY
            fix = joined(part.fix for part in short if part.fix)
        else:
            vetoed = all(part.vetoed for part in parts)
            level = max(part.level for part in parts)
            fix = either(Message("(%(fixes)s)", {"fixes": part.fix}) if "; " in (part.fix or "") else part.fix or ""
                         for part in short)  # brackets round a list, a layout like joined()'s
            if level == MET:  # the alternative that met it is the reason; the others were not needed
                checks = next(part.checks for part in parts if part.level == MET)
        return RuleResult(level, checks, fix or None if level < MET else None, vetoed, any(part.credits for part in parts))
    if rule.partial is not None:
        inner = evaluate(rule.partial, context)
        return RuleResult(min(inner.level, PARTLY), inner.checks, inner.fix, inner.vetoed, inner.credits)
    if rule.condition is not None:
        inner = evaluate(rule.condition, context)
        return RuleResult(inner.level, inner.checks, inner.fix, inner.vetoed, credits=False)
    check = _leaf(rule, context)
    return RuleResult(check.level, [check], check.fix if check.level < MET else None, check.veto, check.credits)


def _leaf(rule: Rule, context: Context) -> Check:
    programme = context.programme
    if rule.present is not None:
        return _present(rule.present, resolve(programme, rule.present))
    if rule.at_least is not None:
        return _at_least(rule.at_least.path, rule.at_least.count, resolve(programme, rule.at_least.path),
                         rule.at_least.fewer_is_partly)
    if rule.covers is not None:
        return _covers(rule.covers, context)
    if rule.equals is not None:
        path, expected = rule.equals.path, rule.equals.value
        values = resolve(programme, path)
        wrong = [value for value in values if not _equal(value, expected)]
        if values and not wrong:
            return Check(MET, message("%(path)s is %(value)s", path=path, value=as_text(expected)), path)
        if wrong:
            return Check(NOT_MET, message("%(path)s is %(values)s, not %(expected)s", path=path,
                                          values=", ".join(as_text(value) for value in wrong), expected=as_text(expected)),
                         path, message("change %(path)s", path=path))
        return Check(NOT_MET, message("%(path)s is not stated", path=path), path,
                     message("set %(path)s to %(value)s", path=path, value=as_text(expected)))
    if rule.number is not None:
        return _number(rule.number, programme)
    if rule.training_time is not None:
        return _training_time(rule.training_time, context)
    if rule.published is not None:
        return _published(rule.published, programme)
    assert rule.not_overdue is not None
    return _not_overdue(rule.not_overdue, programme, context.today)


def _present(path: str, values: list[Any]) -> Check:
    limit = upper_bound(path)
    numbers_at_limit = [value for value in values if _is_number(value) and limit is not None and value >= limit]
    if any(is_content(value) for value in values if value not in numbers_at_limit):
        return Check(MET, message("%(path)s is given", path=path), path)
    stand_ins = [value for value in values if isinstance(value, str) and placeholder(value) is not None]
    if stand_ins:  # placeholder() says why in the same words: reads as a placeholder (“…”)
        return Check(NOT_MET, message("%(path)s reads as a placeholder (“%(text)s”), which counts as missing",
                                      path=path, text=_quoted(stand_ins[0])), path, message("write %(path)s", path=path))
    if numbers_at_limit:
        return Check(NOT_MET, message("%(path)s is %(number)s, the largest value it takes, read as a placeholder",
                                      path=path, number=_g(numbers_at_limit[0])),
                     path, message("give the real number in %(path)s", path=path))
    return Check(NOT_MET, message("%(path)s is missing", path=path), path, message("add %(path)s", path=path))


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _at_least(path: str, count: int, values: list[Any], fewer_is_partly: bool = True) -> Check:
    number = sum(1 for value in values if is_content(value))
    left_out = len(values) - number
    said = {"path": path, "needed": count}
    if number >= count:
        return Check(MET, plural_message(
            "%(path)s has %(count)s item (%(left_out)s more read as placeholders) (at least %(needed)s needed)",
            "%(path)s has %(count)s items (%(left_out)s more read as placeholders) (at least %(needed)s needed)",
            number, left_out=left_out, **said) if left_out else plural_message(
            "%(path)s has %(count)s item (at least %(needed)s needed)",
            "%(path)s has %(count)s items (at least %(needed)s needed)", number, **said), path)
    reason = plural_message(
        "%(path)s has %(count)s item (%(left_out)s more read as placeholders); at least %(needed)s needed",
        "%(path)s has %(count)s items (%(left_out)s more read as placeholders); at least %(needed)s needed",
        number, left_out=left_out, **said) if left_out else plural_message(
        "%(path)s has %(count)s item; at least %(needed)s needed",
        "%(path)s has %(count)s items; at least %(needed)s needed", number, **said)
    fix = message("add an item to %(path)s", path=path) if count == 1 else plural_message(
        "list at least %(count)s item in %(path)s", "list at least %(count)s items in %(path)s", count, path=path)
    return Check(PARTLY if number and fewer_is_partly else NOT_MET, reason, path, fix)


def _covers(covers: Covers, context: Context) -> Check:
    programme, path = context.programme, covers.path
    found = resolve(programme, path)
    if covers.parties:
        kind = "parties"
        present = {party for value in found for party in programme.parties_of(as_text(value))}
        wanted = [party for party in covers.parties if programme.absent(party) is None]
        excused = [party for party in covers.parties if party not in wanted]
    else:
        kind = vocabulary_kind_of(path) or ""
        present = {as_text(value) for value in found}
        wanted, excused = list(covers.values), []

    def label(term: str) -> str:
        return context.vocabularies.label(kind, term)

    notes = note_of(excused, programme, label)
    not_asked = joined(notes)  # each excused party, after the reason: "; Line managers not asked for (…)"
    if not wanted:  # every party asked for is one the programme says it does not have: nothing to credit
        reason = message("%(path)s: nothing is asked; %(not_asked)s", path=path, not_asked=not_asked) if notes \
            else message("%(path)s: nothing is asked", path=path)
        return Check(MET, reason, path, credits=False)
    missing = [term for term in wanted if term not in present]
    covered = [term for term in wanted if term in present]
    has = "; ".join(label(term) for term in covered)  # the standard's own words, a list
    lacks = "; ".join(label(term) for term in missing)
    if not missing:
        reason = message("%(path)s has all of: %(terms)s; %(not_asked)s", path=path, terms=has, not_asked=not_asked) \
            if notes else message("%(path)s has all of: %(terms)s", path=path, terms=has)
        return Check(MET, reason, path)
    said = {"path": path, "found": len(covered), "wanted": len(wanted), "terms": has, "missing": lacks}
    if covered and notes:
        reason = message("%(path)s has %(found)s of %(wanted)s: %(terms)s; missing: %(missing)s; %(not_asked)s",
                         not_asked=not_asked, **said)
    elif covered:
        reason = message("%(path)s has %(found)s of %(wanted)s: %(terms)s; missing: %(missing)s", **said)
    elif notes:
        reason = message("%(path)s has none of: %(missing)s; %(not_asked)s", path=path, missing=lacks, not_asked=not_asked)
    else:
        reason = message("%(path)s has none of: %(missing)s", path=path, missing=lacks)
    fix = message("cover %(parties)s in %(path)s (roles that play them count)", parties=", ".join(missing), path=path) \
        if kind == "parties" else message("add %(terms)s to %(path)s", terms=", ".join(missing), path=path)
    return Check(PARTLY if covered else NOT_MET, reason, path, fix)


def choices_of(path: str) -> list[str] | None:
    """The fixed choices of the field at a path, when it is one (a milestone's ``kind``), else None."""
    owner, last = _owner_and_field(path)
    if owner is None:
        return None
    inner, _, _ = unwrap(owner.model_fields[last].annotation)
    return [str(choice) for choice in typing.get_args(inner)] if typing.get_origin(inner) is Literal else None


def note_of(excused: list[str], programme: Programme, label: Any) -> list[Message]:
    """``Line managers not asked for (Students have no line managers)``, for each excused party."""
    return [message("%(party)s not asked for (%(reason)s)", party=label(party), reason=absence.reason) for party in excused
            if (absence := programme.absent(party)) is not None]


def vocabulary_kind_of(path: str) -> str | None:
    """The vocabulary the values at a path come from (a declared field, or a shorthand's main field)."""
    owner, last = _owner_and_field(path)
    if owner is None:
        return None
    kind = vocabulary_kind(owner, last)
    if kind is None:
        inner, _, _ = unwrap(owner.model_fields[last].annotation)
        main = getattr(inner, "main", None)
        if main and _is_model(inner):
            kind = vocabulary_kind(inner, main)
    return kind


def _number(number: Number, programme: Programme) -> Check:
    path = number.path
    values = [value for value in resolve(programme, path) if _is_number(value)]
    if not values:  # ``why`` and ``unit`` are the catalog's words: values
        return Check(NOT_MET, message("%(path)s is not given (%(why)s needs %(bound)s)", path=path, why=number.why,
                                      bound=_bound(number)), path, message("add %(path)s", path=path))
    limit = upper_bound(path)
    stand_ins = [value for value in values if limit is not None and value >= limit]
    counted = [value for value in values if value not in stand_ins]
    if not counted:
        return Check(NOT_MET, message("%(path)s is %(number)s; %(number)s is the largest value %(path)s takes, read as a placeholder",
                                      path=path, number=_g(stand_ins[0])), path, message("give the real number in %(path)s", path=path))
    shown = [sum(counted)] if number.sum else counted
    adds_up = number.sum and len(counted) > 1  # "add up to", else "is"
    said = {"path": path, "numbers": ", ".join(_g(v) for v in shown), "unit": number.unit}
    if number.meaningless_above is not None and any(value > number.meaningless_above for value in shown):
        most = _g(number.meaningless_above)
        reason = message("%(path)s add up to %(numbers)s %(unit)s, which makes it meaningless (more than %(most)s)",
                         most=most, **said) if adds_up else \
            message("%(path)s is %(numbers)s %(unit)s, which makes it meaningless (more than %(most)s)", most=most, **said)
        return Check(NOT_MET, reason, path, message("give a real %(why)s limit in %(path)s", why=number.why, path=path),
                     veto=True)
    within = all(value >= number.at_least if number.at_least is not None else value <= (number.at_most or 0)
                 for value in shown)
    said |= {"why": number.why, "bound": _bound(number)}
    if stand_ins:  # also a placeholder beside the numbers counted
        said["placeholder"] = _g(stand_ins[0])
        if within:
            reason = message("%(path)s add up to %(numbers)s %(unit)s (%(why)s: %(bound)s); %(placeholder)s is the largest "
                             "value %(path)s takes, read as a placeholder", **said) if adds_up else \
                message("%(path)s is %(numbers)s %(unit)s (%(why)s: %(bound)s); %(placeholder)s is the largest "
                        "value %(path)s takes, read as a placeholder", **said)
        else:
            reason = message("%(path)s add up to %(numbers)s %(unit)s, short of %(why)s (%(bound)s); %(placeholder)s is the "
                             "largest value %(path)s takes, read as a placeholder", **said) if adds_up else \
                message("%(path)s is %(numbers)s %(unit)s, short of %(why)s (%(bound)s); %(placeholder)s is the "
                        "largest value %(path)s takes, read as a placeholder", **said)
    elif within:
        reason = message("%(path)s add up to %(numbers)s %(unit)s (%(why)s: %(bound)s)", **said) if adds_up else \
            message("%(path)s is %(numbers)s %(unit)s (%(why)s: %(bound)s)", **said)
    else:
        reason = message("%(path)s add up to %(numbers)s %(unit)s, short of %(why)s (%(bound)s)", **said) if adds_up else \
            message("%(path)s is %(numbers)s %(unit)s, short of %(why)s (%(bound)s)", **said)
    if within:
        return Check(MET, reason, path)
    return Check(PARTLY, reason, path, message("make %(path)s %(bound)s", path=path, bound=_bound(number)))


def _bound(number: Number) -> Message:
    """``at least 2 times a year``: a threshold with the catalog's unit (a value of the sentences it is in)."""
    if number.at_least is not None:
        return message("at least %(number)s %(unit)s", number=_g(number.at_least), unit=number.unit)
    return message("at most %(number)s %(unit)s", number=_g(number.at_most or 0), unit=number.unit)


def _g(value: float) -> str:
    return f"{value:g}"


@functools.cache
def upper_bound(path: str) -> float | None:
    """The largest value the field at ``path`` takes (its ``le`` limit), if it has one."""
    owner, last = _owner_and_field(path)
    if owner is None:
        return None
    field = owner.model_fields[last]
    _, _, markers = unwrap(field.annotation)
    constraints = list(field.metadata) + [item for marker in markers for item in getattr(marker, "metadata", [marker])]
    return next((float(item.le) for item in constraints if isinstance(item, annotated_types.Le)), None)  # type: ignore[arg-type]


def _training_time(rule: TrainingTime, context: Context) -> Check:
    programme = context.programme
    sessions = [session for session in (programme.training.sessions if programme.training else [])
                if rule.stage is None or session.stage == rule.stage]
    limit = upper_bound("training.sessions.duration_hours")
    parties = [party for party in rule.parties if programme.absent(party) is None]
    levels: list[int] = []
    notes: list[Message] = []
    short: list[str] = []
    for party in parties:
        theirs = [s for s in sessions if any(party in programme.parties_of(role) for role in s.audience)]
        who = context.vocabularies.label("parties", party)
        topics: list[str | None] = [*rule.topics] or [None]
        for topic in topics:
            minutes, untimed = _minutes(theirs, topic, limit)
            if minutes and untimed:
                timed = plural_message("%(count)s minute and more not timed", "%(count)s minutes and more not timed", minutes)
            elif minutes:
                timed = plural_message("%(count)s minute", "%(count)s minutes", minutes)
            else:
                timed = message("covered, time not given") if untimed else message("none")
            if minutes >= rule.minutes:
                levels.append(MET)
            else:
                levels.append(PARTLY if minutes or untimed else NOT_MET)
                short.append(message("%(party)s on %(topic)s", party=party, topic=topic) if topic else party)
            notes.append(message("%(party)s, %(topic)s: %(time)s", party=who, time=timed,
                                 topic=context.vocabularies.label("training-topics", topic))
                         if topic else message("%(party)s: %(time)s", party=who, time=timed))
    level = level_of(levels) if levels else MET
    said = {"stage": rule.stage, "why": rule.why, "notes": joined(notes)}  # the stage is an id: initial, ongoing
    if rule.stage and len(rule.topics) > 1:
        reason = plural_message("%(stage)s training (%(why)s needs at least %(count)s minute on each topic): %(notes)s",
                                "%(stage)s training (%(why)s needs at least %(count)s minutes on each topic): %(notes)s",
                                rule.minutes, **said)
    elif rule.stage:
        reason = plural_message("%(stage)s training (%(why)s needs at least %(count)s minute): %(notes)s",
                                "%(stage)s training (%(why)s needs at least %(count)s minutes): %(notes)s", rule.minutes, **said)
    elif len(rule.topics) > 1:
        reason = plural_message("training (%(why)s needs at least %(count)s minute on each topic): %(notes)s",
                                "training (%(why)s needs at least %(count)s minutes on each topic): %(notes)s",
                                rule.minutes, why=rule.why, notes=said["notes"])
    else:
        reason = plural_message("training (%(why)s needs at least %(count)s minute): %(notes)s",
                                "training (%(why)s needs at least %(count)s minutes): %(notes)s",
                                rule.minutes, why=rule.why, notes=said["notes"])
    fix = None
    if level != MET:
        how = {"covers": "training.sessions[].covers", "minutes": "minutes", "hours": "duration_hours",
               "parties": joined(short, ", ")}
        fix = plural_message("give at least %(count)s minute of %(stage)s training to %(parties)s "
                             "(%(covers)s with %(minutes)s, or %(hours)s)",
                             "give at least %(count)s minutes of %(stage)s training to %(parties)s "
                             "(%(covers)s with %(minutes)s, or %(hours)s)", rule.minutes, stage=rule.stage, **how) \
            if rule.stage else plural_message("give at least %(count)s minute of training to %(parties)s "
                                              "(%(covers)s with %(minutes)s, or %(hours)s)",
                                              "give at least %(count)s minutes of training to %(parties)s "
                                              "(%(covers)s with %(minutes)s, or %(hours)s)", rule.minutes, **how)
    return Check(level, reason, "training.sessions", fix)


def _minutes(sessions: list[TrainingSession], topic: str | None, limit: float | None) -> tuple[int, bool]:
    """Minutes of these sessions (on a topic, if given), and whether some time is of unknown length.

    A session's time on a topic is the minutes it declares, or all of it when the topic is the
    only one it covers. A duration at the field's largest value is a placeholder: unknown.
    """
    total, unknown = 0, False
    for session in sessions:
        duration = session.duration_hours if session.duration_hours and (limit is None or session.duration_hours < limit) else None
        if topic is None:
            if duration is None:
                unknown = True
            else:
                total += round(duration * 60)
            continue
        entries = [entry for entry in session.covers if entry.topic == topic]
        if not entries:
            continue
        bound = upper_bound("training.sessions.covers.minutes") or float("inf")
        declared = [entry.minutes for entry in entries if entry.minutes and entry.minutes < bound]
        if declared:
            total += sum(declared)
        elif len({entry.topic for entry in session.covers}) == 1 and duration is not None:
            total += round(duration * 60)
        else:
            unknown = True
    return total, unknown


def _published(area: str, programme: Programme) -> Check:
    section = getattr(programme, area, None)
    if section is None:
        return Check(NOT_MET, message("%(area)s is not written yet, so nothing of it is published", area=area), area,
                     credits=False)
    if section.visibility == "public":
        return Check(MET, message("%(area)s is public, so participants can read it", area=area), area, credits=False)
    return Check(NOT_MET, message("%(area)s is %(visibility)s, so the handbook does not publish it to participants",
                                 area=area, visibility=section.visibility),
                 f"{area}.visibility", message("make %(area)s public", area=area), credits=False)


def _not_overdue(path: str, programme: Programme, today: dt.date) -> Check:
    dates = sorted(value for value in resolve(programme, path) if isinstance(value, dt.date))
    overdue = [date for date in dates if date < today]
    if dates and not overdue:  # dates as the data writes them (2027-03-01): values
        return Check(MET, message("%(path)s is not overdue (next %(date)s)", path=path, date=dates[0].isoformat()), path)
    if not dates:
        return Check(NOT_MET, message("%(path)s has no date", path=path), path, message("add %(path)s", path=path))
    shown = ", ".join(date.isoformat() for date in overdue)
    return Check(PARTLY, message("%(path)s is overdue (%(dates)s; today is %(today)s)", path=path, dates=shown,
                                 today=today.isoformat()), path, message("update %(path)s", path=path))


def _equal(value: Any, expected: bool | str | int) -> bool:
    if isinstance(expected, bool) or isinstance(value, bool):
        return value is expected
    return as_text(value) == as_text(expected)


# --- what a rule looks at ------------------------------------------------------------------------------


def leaves(rule: Rule, at: FieldPath = ()) -> Iterator[tuple[FieldPath, str, str]]:
    """Every leaf of a rule as (its place inside the rule, its kind, the data path it looks at)."""
    for place, leaf in leaf_rules(rule, at):
        kind = next(name for name in type(leaf).model_fields if name not in COMBINATIONS and getattr(leaf, name) is not None)
        value = getattr(leaf, kind)
        if kind == "training_time":
            yield place + (kind,), kind, "training.sessions"
        elif isinstance(value, str):
            yield place + (kind,), kind, value
        else:
            yield place + (kind, "path"), kind, value.path


def leaf_rules(rule: Rule, at: FieldPath = ()) -> Iterator[tuple[FieldPath, Rule]]:
    """Every leaf rule (a single check) with its place inside the rule."""
    for kind in ("all", "any"):
        parts = getattr(rule, kind)
        if parts is not None:
            for index, part in enumerate(parts):
                yield from leaf_rules(part, at + (kind, index))
            return
    for wrapper in ("partial", "condition"):
        if getattr(rule, wrapper) is not None:
            yield from leaf_rules(getattr(rule, wrapper), at + (wrapper,))
            return
    yield at, rule


def areas(rule: Rule) -> list[str]:
    """The top-level data areas a rule looks at, in order of first use."""
    return list(dict.fromkeys(area_of(path) for _, _, path in leaves(rule)))


# --- checking rules against the model and the vocabularies ---------------------------------------------


def _owner_and_field(path: str) -> tuple[type[BaseModel] | None, str]:
    """The model class that holds a path's last field, and that field's name."""
    segments = parse(path)
    parent = ".".join(segment.name for segment in segments[:-1])
    owner, _ = field_type(parent) if parent else (Programme, None)
    last = segments[-1].name
    if not _is_model(owner) or last not in owner.model_fields:
        return None, last
    return owner, last


def _is_model(candidate: Any) -> bool:
    return isinstance(candidate, type) and issubclass(candidate, BaseModel)


def path_problem(path: str, kind: str) -> tuple[str, str | None] | None:
    """Why a rule's path does not fit the data model (message, fix), or None when it does."""
    inner, problem = field_type(path)
    if problem:
        last = parse(path)[-1].name if not problem.startswith("the items") else ""
        return problem, did_you_mean(last, field_names(Programme, path)) if last else None
    if kind == "not_overdue" and inner is not dt.date:
        return f"{path} is not a date; not_overdue needs a date field", None
    if kind == "number" and inner not in (int, float):
        return f"{path} is not a number; number needs a numeric field", None
    if kind in ("covers", "equals") and _is_model(inner) and not getattr(inner, "main", None):
        return f"{path} is a group of fields; {kind} needs a field holding values", None
    return None


def catalog_rule_problems(catalog: Catalog, source: SourceMap, vocabularies: Vocabularies) -> list[Problem]:
    """A problem, at the rule's file and line, for every rule path the data model does not have and
    every party, topic or term no vocabulary defines."""
    problems = []
    parties = vocabularies.ids("parties")

    def unknown(where: FieldPath, terms: list[str], known: list[str], what: str) -> None:
        for number, term in enumerate(terms):
            if term not in known:
                at = where + (number,)
                problems.append(Problem(source.position(at), format_field_path(at), f"unknown {what} {term!r}",
                                        fix=did_you_mean(term, known) or f"known: {', '.join(known) or 'none'}"))

    for s_index, standard in enumerate(catalog.standards):
        for c_index, criterion in enumerate(standard.criteria):
            criterion_at: FieldPath = ("standards", s_index, "criteria", c_index)
            unknown(criterion_at + ("applies_to",), criterion.applies_to, parties, "party")
            if criterion.rule is None:
                continue
            for at, rule in leaf_rules(criterion.rule, criterion_at + ("rule",)):
                for leaf_at, kind, path in leaves(rule):
                    where = at + leaf_at
                    problem = _area_problem(path) if kind == "published" else path_problem(path, kind)
                    if problem:
                        problems.append(Problem(source.position(where), format_field_path(where), problem[0], fix=problem[1]))
                if rule.covers is not None:
                    if rule.covers.parties:
                        unknown(at + ("covers", "parties"), rule.covers.parties, parties, "party")
                    elif path_problem(rule.covers.path, "covers") is None:
                        kind_of = vocabulary_kind_of(rule.covers.path)
                        choices = choices_of(rule.covers.path)
                        if choices is not None:
                            unknown(at + ("covers", "values"), rule.covers.values, choices, "choice")
                        elif kind_of is None:
                            problems.append(Problem(source.position(at + ("covers", "path")), format_field_path(at + ("covers", "path")),
                                                    f"{rule.covers.path} declares no vocabulary terms; covers values needs a field that does"))
                        else:
                            unknown(at + ("covers", "values"), rule.covers.values, vocabularies.ids(kind_of), f"{kind_of} term")
                if rule.training_time is not None:
                    unknown(at + ("training_time", "parties"), rule.training_time.parties, parties, "party")
                    unknown(at + ("training_time", "topics"), rule.training_time.topics, vocabularies.ids("training-topics"),
                            "training-topics term")
            for at, kind in _empty_combinations(criterion.rule, criterion_at + ("rule",)):
                problems.append(Problem(source.position(at), format_field_path(at), f"{kind} needs at least one rule"))
    return problems


def _area_problem(area: str) -> tuple[str, str | None] | None:
    field = Programme.model_fields.get(area)
    inner = unwrap(field.annotation)[0] if field else None
    if not (inner is not None and _is_model(inner) and issubclass(inner, Section)):
        areas_with_visibility = [name for name, f in Programme.model_fields.items()
                                 if _is_model(unwrap(f.annotation)[0]) and issubclass(unwrap(f.annotation)[0], Section)]
        return f"{area!r} is not an area with a visibility", did_you_mean(area, areas_with_visibility)
    return None


def _empty_combinations(rule: Rule, at: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    """``all: []`` or ``any: []``, which would pass (or fail) without looking at any data."""
    for kind in ("all", "any"):
        parts = getattr(rule, kind)
        if parts == []:
            yield at + (kind,), kind
        for index, part in enumerate(parts or []):
            yield from _empty_combinations(part, at + (kind, index))
    for wrapper in ("partial", "condition"):
        if getattr(rule, wrapper) is not None:
            yield from _empty_combinations(getattr(rule, wrapper), at + (wrapper,))
