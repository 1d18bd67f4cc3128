"""Read YAML while remembering where every value came from.

PyYAML's ``safe_load`` forgets positions and silently keeps the last of two duplicate keys. Here the
parser's events are built into plain Python values by hand, so that every value's file, line and
column can be known, duplicate keys are errors, and hostile input (binary, non-UTF-8, oversized,
alias bombs, deep nesting) is refused with a clear message instead of a traceback.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import ScalarNode

from generator.problems import (
    FieldPath,
    Position,
    Problem,
    display_path,
    format_field_path,
)

# Events are dispatched on ``event.__class__ is X`` (faster than isinstance on every event of a
# large file), which mypy cannot narrow; PyYAML's C and Python parsers also give different Mark
# types. So events are typed loosely here.
YamlEvent = Any

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ALIAS_EXPANSIONS = 100_000  # values reached again through *aliases; a billion-laughs bomb needs millions
MAX_UNBUILT_DEPTH = 1_000  # nesting in values not built (duplicates, keys); deeper than any built value can be
MERGE_TAG = "tag:yaml.org,2002:merge"
STR_TAG = "tag:yaml.org,2002:str"
# libyaml parses several times faster; the pure-Python parser is the fallback.
ParsingLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# What YAML 1.1 turns unquoted words into, explained for people who meant text.
IMPLICIT_TYPE_NAMES = {
    "tag:yaml.org,2002:bool": "true/false",
    "tag:yaml.org,2002:int": "a whole number",
    "tag:yaml.org,2002:float": "a decimal number",
    "tag:yaml.org,2002:timestamp": "a date",
    "tag:yaml.org,2002:null": "empty (null)",
}


@dataclass
class _Positions:
    """Where each value (by field path) and each mapping key of one file starts, plus the raw text of
    scalars that YAML turned into something other than text."""

    values: dict[FieldPath, Position] = field(default_factory=dict)
    keys: dict[FieldPath, Position] = field(default_factory=dict)
    implicit_scalars: dict[FieldPath, tuple[str, str]] = field(default_factory=dict)


class SourceMap:
    """Where values came from, by field path: one file's, or (see ``add_area``) a folder's merged files'.

    Recording a position for every value costs more than reading the data, and positions are wanted
    only when a problem is reported, so a file's positions are recorded the first time one is asked
    for, by reading its text again.
    """

    def __init__(self, file: str | None = None, text: _YamlText | None = None):
        self._file = file
        self._text = text
        self._areas: dict[str, SourceMap] = {}

    def add_area(self, area: str, document: SourceMap) -> None:
        """Take a top-level area's positions from the map of the file that defines it."""
        self._areas[area] = document

    def position(self, path: FieldPath, *, key: bool = False) -> Position:
        """The best known position for a path: the key or value itself, else its nearest parent."""
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            positions = self._positions_of(prefix)
            if positions is None:
                continue
            table = positions.keys if key else positions.values
            if prefix in table:
                return table[prefix]
            if prefix in positions.values:
                return positions.values[prefix]
        file = self._file or next((area._file for area in self._areas.values()), None)
        return Position(file or "<unknown>")

    def implicit_hint(self, path: FieldPath) -> str | None:
        """Explain a value YAML read as a non-text type, e.g. ``no`` read as false."""
        positions = self._positions_of(path)
        if positions is None or path not in positions.implicit_scalars:
            return None
        tag, raw = positions.implicit_scalars[path]
        return f'YAML read the unquoted {raw!r} as {IMPLICIT_TYPE_NAMES[tag]}; write "{raw}" in quotes'

    def _positions_of(self, prefix: FieldPath) -> _Positions | None:
        """The recorded positions of the file that ``prefix`` lies in, if known."""
        if prefix and prefix[0] in self._areas:
            return self._areas[prefix[0]]._positions_of(prefix)
        return self._text.positions if self._text is not None else None


@dataclass
class YamlDocument:
    """One file's data, its source map, and the problems met while reading it."""

    data: Any
    source: SourceMap
    problems: list[Problem]


class _AliasBomb(Exception):
    pass


class _RecursiveAlias(Exception):
    """An alias inside its own anchored node: the value would nest without end."""


@dataclass(eq=False)
class _YamlText:
    """One file's YAML text, with the parser that read it."""

    file: str
    text: str
    loader_class: type

    def read(self, positions: _Positions | None = None) -> tuple[Any, list[Problem]]:
        """The document's value and problems, recording positions into ``positions`` when given.

        Raises the parser's and composer's errors (``yaml.YAMLError``), _AliasBomb, _RecursiveAlias and
        RecursionError (nesting too deep to build; the rest is not read, as libyaml takes time quadratic
        in the depth of nested brackets).
        """
        loader = self.loader_class(self.text)
        try:
            builder = _Builder(loader, self.file, positions)
            try:
                data = builder.build_document()
            except (_AliasBomb, _RecursiveAlias):
                builder.read_rest()  # a syntax error further on still comes first, as when composing before building
                raise
            builder.read_rest()
            return data, builder.problems
        finally:
            loader.dispose()

    @cached_property
    def positions(self) -> _Positions:
        """Every value's position, recorded by reading the text again the first time one is wanted."""
        positions = _Positions()
        self.read(positions)
        return positions


@dataclass(eq=False)
class _Anchor:
    """An &anchored node: its first event, and where its events lie on the builder's tape."""

    event: YamlEvent
    start: int
    end: int | None = None  # None while the node is still being read
    outer_depth: int = 0  # the tape's nesting depth around the node


class _Builder:
    """Builds Python values straight from a parser's events, as PyYAML's composer and constructor would.

    Composing the whole node tree first, as ``safe_load`` does, makes a few objects per value; for a
    large file the garbage collector's passes over them cost more than the parsing itself. Here only
    &anchored nodes are kept: their events go on a tape, replayed wherever an *alias names them.
    The composer's errors (undefined alias, duplicate anchor, a second document) are raised as it would.
    """

    def __init__(self, loader: Any, file: str, positions: _Positions | None):
        self.loader = loader
        self.constructor = yaml.SafeLoader("")
        self.implicit_starts = loader.yaml_implicit_resolvers  # first characters of values that may not be text
        self.all_implicit = None in self.implicit_starts  # a resolver for values starting with anything
        self.plain_tags: dict[str, str] = {}  # resolved tags of plain values: keys repeat, and resolving is slow
        self.file = file
        self.positions = positions
        self.problems: list[Problem] = []
        self.next_event: Callable[[], YamlEvent] = loader.get_event
        self.anchors: dict[str, _Anchor] = {}
        self.tape: list[YamlEvent] = []  # the events of anchored nodes
        self.tape_depth = 0
        self.open_anchors: list[_Anchor] = []  # anchored collections still being read, innermost last
        self.replaying = 0  # how many aliases deep the events being built are
        self.taped_built: set[YamlEvent] = set()  # taped node events built once: building again is an expansion
        self.scalar_nodes: dict[YamlEvent, ScalarNode] = {}  # one node per taped scalar: the constructor remembers nodes
        self.alias_expansions = 0
        self.root_event: YamlEvent = None

    def where(self, event: YamlEvent) -> Position:
        return Position(self.file, event.start_mark.line + 1, event.start_mark.column + 1)

    def problem(self, event: YamlEvent, path: FieldPath, message: str, fix: str | None = None) -> None:
        self.problems.append(Problem(self.where(event), format_field_path(path), message, fix=fix))

    def build_document(self) -> Any:
        """The stream's one document (None when there is none)."""
        self.next_event()  # STREAM-START
        if self.next_event().__class__ is StreamEndEvent:
            return None
        self.root_event = self.next_event()
        return self.build(self.root_event, ())

    def read_rest(self) -> None:
        """Read to the end of the stream, checking aliases, anchors and that no second document follows."""
        depth = 0
        while (event := self.next_event()) is not None and event.__class__ is not StreamEndEvent:
            where = event.start_mark
            if event.__class__ is DocumentStartEvent:
                raise ComposerError("expected a single document in the stream", self.root_event.start_mark,
                                    "but found another document", where)
            depth = self.read_unbuilt(event, depth)

    def skip(self, event: YamlEvent) -> None:
        """Read past a node that is not built (a duplicate key's value, a list as a key)."""
        depth = self.read_unbuilt(event, 0)
        while depth:
            depth = self.read_unbuilt(self.next_event(), depth)

    def read_unbuilt(self, event: YamlEvent, depth: int) -> int:
        """Check an alias or define an anchor in an event read but not built; returns the nesting depth after it."""
        kind = event.__class__
        if kind is AliasEvent:
            self.anchor_of(event)
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            return depth - 1
        elif kind is ScalarEvent or kind is MappingStartEvent or kind is SequenceStartEvent:
            if event.anchor is not None and not self.replaying:
                self.define_anchor(event)
            if kind is not ScalarEvent:
                if depth >= MAX_UNBUILT_DEPTH:  # libyaml takes time quadratic in the depth of brackets
                    raise RecursionError("nested deeper than any value can be built")
                return depth + 1
        return depth

    # --- anchors and aliases --------------------------------------------------------------------

    def define_anchor(self, event: YamlEvent) -> None:
        """Remember an anchored node, putting its events on the tape to replay them for each alias."""
        if event.anchor in self.anchors:
            raise ComposerError(f"found duplicate anchor {event.anchor!r}; first occurrence",
                                self.anchors[event.anchor].event.start_mark, "second occurrence", event.start_mark)
        if not self.open_anchors:  # else the event is on the tape already
            self.tape.append(event)
            self.tape_depth = 0 if event.__class__ is ScalarEvent else 1
        anchor = self.anchors[event.anchor] = _Anchor(event, len(self.tape) - 1, outer_depth=self.tape_depth - 1)
        if event.__class__ is ScalarEvent:
            anchor.end = len(self.tape)
        else:
            self.open_anchors.append(anchor)
            self.next_event = self.next_taped_event

    def next_taped_event(self) -> YamlEvent:
        """The parser's next event, put on the tape while an anchored collection is being read."""
        event = self.loader.get_event()
        self.tape.append(event)
        kind = event.__class__
        if kind is MappingStartEvent or kind is SequenceStartEvent:
            self.tape_depth += 1
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            self.tape_depth -= 1
            if self.tape_depth == self.open_anchors[-1].outer_depth:
                self.open_anchors.pop().end = len(self.tape)
                if not self.open_anchors:
                    self.next_event = self.loader.get_event
        return event

    def anchor_of(self, alias: YamlEvent) -> _Anchor:
        if alias.anchor not in self.anchors:
            raise ComposerError(None, None, f"found undefined alias {alias.anchor!r}", alias.start_mark)
        return self.anchors[alias.anchor]

    def origin(self, event: YamlEvent) -> YamlEvent:
        """A node's first event, the anchored node's for an alias (its position is the one reported)."""
        return self.anchor_of(event).event if event.__class__ is AliasEvent else event

    def build_alias(self, alias: YamlEvent, path: FieldPath) -> Any:
        """Build the anchored node again here, from its taped events."""
        anchor = self.anchor_of(alias)
        if anchor.end is None:
            raise _RecursiveAlias
        outer_events = self.next_event
        self.next_event = iter(self.tape[anchor.start + 1:anchor.end]).__next__
        self.replaying += 1
        try:
            return self.build(anchor.event, path)
        finally:
            self.next_event = outer_events
            self.replaying -= 1

    def track_taped(self, event: YamlEvent) -> None:
        """For a node that is (or is inside) an anchored node: define its anchor, and count the node when
        an alias builds it again (an alias bomb builds millions)."""
        if event.anchor is not None and not self.replaying:
            self.define_anchor(event)
        if event in self.taped_built:
            self.alias_expansions += 1
            if self.alias_expansions > MAX_ALIAS_EXPANSIONS:
                raise _AliasBomb
        else:
            self.taped_built.add(event)

    # --- values ---------------------------------------------------------------------------------

    def build(self, event: YamlEvent, path: FieldPath) -> Any:
        """The value of the node that starts with ``event``."""
        kind = event.__class__
        if kind is AliasEvent:
            return self.build_alias(event, path)
        if event.anchor is not None or self.replaying or self.open_anchors:
            self.track_taped(event)
        if self.positions is not None:
            self.positions.values.setdefault(path, self.where(event))
        if kind is ScalarEvent:
            tag = self.tag(event)
            return event.value if tag == STR_TAG else self.build_scalar(event, tag, path)
        if kind is MappingStartEvent:
            return self.build_mapping(path)
        return self.build_sequence(path)

    def tag(self, event: YamlEvent) -> str:
        """The scalar's tag, resolved as the composer does; values no implicit type starts with are text."""
        if event.tag is not None and event.tag != "!":
            return event.tag
        if event.implicit[0] and (self.all_implicit or event.value[:1] in self.implicit_starts):
            tag = self.plain_tags.get(event.value)
            if tag is None:
                tag = self.plain_tags[event.value] = self.loader.resolve(ScalarNode, event.value, event.implicit)
            return tag
        return STR_TAG

    def construct(self, event: YamlEvent, tag: str, *, deep: bool = False) -> Any:
        """PyYAML's value for a non-text scalar. An aliased scalar is one node, as in a composed document."""
        node = self.scalar_nodes.get(event) or ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        if event in self.taped_built:
            self.scalar_nodes[event] = node
        return self.constructor.construct_object(node, deep=deep)

    def build_scalar(self, event: YamlEvent, tag: str, path: FieldPath) -> Any:
        """A scalar YAML does not read as text: a number, date, true/false or null."""
        try:
            value = self.construct(event, tag, deep=True)
        except yaml.constructor.ConstructorError as error:
            self.problem(event, path, f"cannot read value {event.value!r}: {error.problem}")
            return None
        except ValueError as error:  # e.g. 2027-02-30 looks like a date but is not one
            self.problem(event, path, f"{event.value!r} is not {IMPLICIT_TYPE_NAMES.get(tag, 'a valid value')}: {error}",
                         fix=f'write "{event.value}" in quotes if you meant text')
            return None
        if tag in IMPLICIT_TYPE_NAMES and not event.style and event.value and self.positions is not None:
            self.positions.implicit_scalars[path] = (tag, event.value)  # plain style: None or "" (libyaml)
        if isinstance(value, dt.datetime):
            value = value.date() if value.time() == dt.time() else value
        return value

    def build_sequence(self, path: FieldPath) -> list[Any]:
        result: list[Any] = []
        while (event := self.next_event()).__class__ is not SequenceEndEvent:
            result.append(self.build(event, path + (len(result),)))
        return result

    def build_mapping(self, path: FieldPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, YamlEvent] = {}
        while (key_event := self.next_event()).__class__ is not MappingEndEvent:
            if key_event.__class__ is ScalarEvent:
                key = key_event
                if key.anchor is not None and not self.replaying:
                    self.define_anchor(key)
            else:  # a list or mapping as a key, or an alias
                key = self.origin(key_event)
                self.skip(key_event)
            tag: str = self.tag(key) if key.__class__ is ScalarEvent else key.tag or ""
            if tag == MERGE_TAG:
                self.merge_into(result, path)
                continue
            if key.__class__ is not ScalarEvent or (tag != STR_TAG and not self.is_text_key(key, tag)):
                raw = key.value if key.__class__ is ScalarEvent else "(a list or mapping)"
                self.problem(key, path, f"key {raw!r} must be text", fix="put the key in quotes")
                self.skip(self.next_event())
                continue
            key_path = path + (key.value,)
            if key.value in first_seen:
                earlier = self.where(first_seen[key.value])
                self.problem(
                    key, key_path,
                    f"duplicate key (first defined at line {earlier.line}); YAML would silently keep only the last",
                    fix="remove or rename one of them",
                )
                self.skip(self.next_event())
                continue
            first_seen[key.value] = key
            if self.positions is not None:
                self.positions.keys[key_path] = self.where(key)
            result[key.value] = self.build(self.next_event(), key_path)
        return result

    def is_text_key(self, key: YamlEvent, tag: str) -> bool:
        """Whether a key YAML reads as something other than plain text still constructs to text
        (``3``, ``no`` and ``2027-02-30`` do not)."""
        try:
            return isinstance(self.construct(key, tag), str)
        except (yaml.constructor.ConstructorError, ValueError):
            return False

    def merge_into(self, result: dict[str, Any], path: FieldPath) -> None:
        """Apply a ``<<`` merge key: the merged keys fill in, without replacing, the keys set before it."""
        event = self.next_event()
        origin = self.origin(event)
        merged = self.build(event, path)
        for part in merged if isinstance(merged, list) else [merged]:
            if isinstance(part, dict):
                for key, value in part.items():
                    result.setdefault(key, value)
            else:
                self.problem(origin, path, "'<<' must merge a mapping (an &anchor of key: value pairs)")



def _line_of_offset(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    column = offset - (before.rfind(b"\n") + 1) + 1
    return line, column


def _enclosing_field(text: str, line: int) -> str:
    """Guess the field a syntax error sits in from indentation, since the parser cannot say."""
    lines = text.splitlines()[: max(line, 1)]
    keys: list[str] = []
    indent_limit = None
    for raw_line in reversed(lines):
        stripped = raw_line.lstrip(" -")
        if not stripped or stripped.startswith("#") or ":" not in stripped:
            continue
        indent = len(raw_line) - len(stripped)
        if indent_limit is None or indent < indent_limit:
            key = stripped.split(":", 1)[0].strip().strip("'\"")
            if key and " " not in key:
                keys.append(key)
            indent_limit = indent
            if indent == 0:
                break
    return ".".join(reversed(keys)) or "(syntax)"


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, file: str) -> YamlDocument:
    """A parser error as one problem, at the most useful place, with the field it sits in, and said
    the way a coordinator would understand it."""
    # An unclosed quote or bracket is found far from where it opened; the opening is more useful.
    unclosed = any(word in str(error.context) for word in ("flow", "quoted"))
    mark = (error.context_mark if unclosed else None) or error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    lines = text.splitlines() or [""]
    message, fix = _in_plain_words(error, lines, line, column)
    return _failed_document(file, message, line, column, _enclosing_field(text, line), fix)


def _in_plain_words(error: yaml.MarkedYAMLError, lines: list[str], line: int, column: int) -> tuple[str, str | None]:
    """What the coordinator did, for the parser errors people make; the parser's words otherwise."""
    context, problem = str(error.context or ""), str(error.problem or "")
    here = lines[min(line, len(lines)) - 1]
    if "\t" in problem or "\t" in here:
        return "a tab is used to indent; YAML indentation must use spaces", "replace tabs with spaces"
    if "flow sequence" in context or "flow mapping" in context:
        opened, closing = ("[", "]") if "sequence" in context else ("{", "}")
        return (f"the {'list' if opened == '[' else 'mapping'} opened with '{opened}' here is never closed with '{closing}'",
                f"add '{closing}' where it ends, or write one '- item' per line instead")
    if "quoted scalar" in context:
        return "the quotation mark here is never closed", "add the closing quotation mark at the end of the text"
    if "mapping values are not allowed" in problem:
        key_colon = here.find(": ") + 1
        if column > key_colon > 0:
            return ("this text holds ': ', which YAML reads as the start of another key",
                    f"put the text in quotes: {here[:key_colon].strip()} \"{here[key_colon:].strip()}\"")
        return _indentation_problem(lines, line)
    if "expected <block end>" in problem or "could not find expected ':'" in problem:
        return _indentation_problem(lines, line)
    return f"YAML syntax error: {' '.join(filter(None, [context, problem])) or 'invalid YAML'}", None


def _indentation_problem(lines: list[str], line: int) -> tuple[str, str]:
    """A line indented differently from its neighbours, so YAML reads it as part of another value."""
    here = lines[min(line, len(lines)) - 1]
    above = next((text for text in reversed(lines[: line - 1]) if text.strip() and not text.lstrip().startswith("#")), "")
    indent, above_indent = len(here) - len(here.lstrip()), len(above) - len(above.lstrip())
    return (f"this line is indented {_spaces(indent)} and the line above {_spaces(above_indent)}, so YAML cannot tell what it belongs to",
            "indent it like the other keys at its level (with spaces)")


def _spaces(count: int) -> str:
    return f"{count} space{'s' if count != 1 else ''}"


def _too_large(size: int) -> tuple[str, str]:
    message = f"file is {size / 1024 / 1024:.1f} MB; the limit is {MAX_FILE_BYTES // 1024 // 1024} MB"
    return message, "split it into smaller files or move large content into evidence files"


def _failed_document(file: str, message: str, line: int = 1, column: int = 1,
                     field_name: str = "(file)", fix: str | None = None) -> YamlDocument:
    problem = Problem(Position(file, line, column), field_name, message, fix=fix)
    return YamlDocument(None, SourceMap(file), [problem])


def _read(text: str, file: str) -> YamlDocument:
    """Read with libyaml, or with the pure-Python parser when libyaml fails: it words its errors better
    (it names an undefined alias, for one)."""
    source = _YamlText(file, text, ParsingLoader)
    try:
        data, problems = source.read()
    except yaml.MarkedYAMLError:
        source = _YamlText(file, text, yaml.SafeLoader)
        try:
            data, problems = source.read()
        except yaml.MarkedYAMLError as error:
            return _syntax_problem(error, text, file)
    except yaml.YAMLError as error:
        return _failed_document(file, f"YAML error: {error}")
    return YamlDocument(data, SourceMap(file, source), problems)


def read_yaml_text(raw: bytes, file: str) -> YamlDocument:
    """Parse bytes as one YAML document; never raises for bad input, returns problems instead."""
    if len(raw) > MAX_FILE_BYTES:
        message, fix = _too_large(len(raw))
        return _failed_document(file, message, fix=fix)
    if b"\x00" in raw:
        line, column = _line_of_offset(raw, raw.index(b"\x00"))
        return _failed_document(file, "file is binary (contains a NUL byte), not YAML text", line, column)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = _line_of_offset(raw, error.start)
        return _failed_document(file, f"file is not UTF-8 text (byte 0x{raw[error.start]:02x})", line, column,
                                fix="save the file as UTF-8")
    if all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        return YamlDocument({}, SourceMap(file), [])  # an area not written yet (a commented skeleton): a gap, not an error
    try:
        return _read(text, file)
    except _AliasBomb:
        return _failed_document(file, f"aliases expand to more than {MAX_ALIAS_EXPANSIONS:,} values (an alias bomb?)",
                                fix="use fewer &anchor/*alias references")
    except (RecursionError, _RecursiveAlias):
        return _failed_document(file, "document is nested too deeply (recursive alias?)")


def read_yaml_file(path: Path) -> YamlDocument:
    """Read one YAML file from disk (size-checked before reading) into a YamlDocument."""
    file = display_path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            message, fix = _too_large(size)
            return _failed_document(file, message, fix=fix)
        raw = path.read_bytes()
    except OSError as error:
        return _failed_document(file, f"cannot read file: {error.strerror}")
    return read_yaml_text(raw, file)
