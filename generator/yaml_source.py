"""Read YAML while remembering where every value came from.

PyYAML's ``safe_load`` forgets positions and silently keeps the last of two duplicate keys. Here the
document is composed into nodes (which carry marks) and built into plain Python values by hand, so
that every value's file, line and column is known, duplicate keys are errors, and hostile input
(binary, non-UTF-8, oversized, alias bombs) is refused with a clear message instead of a traceback.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.problems import FieldPath, Position, Problem, display_path, format_field_path

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ALIAS_EXPANSIONS = 100_000  # values reached again through *aliases; a billion-laughs bomb needs millions
MERGE_TAG = "tag:yaml.org,2002:merge"
STR_TAG = "tag:yaml.org,2002:str"
# libyaml composes several times faster and keeps marks; the pure-Python parser is the fallback.
ComposingLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# What YAML 1.1 turns unquoted words into, explained for people who meant text.
IMPLICIT_TYPE_NAMES = {
    "tag:yaml.org,2002:bool": "true/false",
    "tag:yaml.org,2002:int": "a whole number",
    "tag:yaml.org,2002:float": "a decimal number",
    "tag:yaml.org,2002:timestamp": "a date",
    "tag:yaml.org,2002:null": "empty (null)",
}


@dataclass
class SourceMap:
    """Where each value (by field path) and each mapping key came from, plus the raw text of
    scalars that YAML turned into something other than text."""

    values: dict[FieldPath, Position] = field(default_factory=dict)
    keys: dict[FieldPath, Position] = field(default_factory=dict)
    implicit_scalars: dict[FieldPath, tuple[str, str]] = field(default_factory=dict)
    files: dict[str, Position] = field(default_factory=dict)

    def position(self, path: FieldPath, *, key: bool = False) -> Position:
        """The best known position for a path: the key or value itself, else its nearest parent."""
        table = self.keys if key else self.values
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            if prefix in table:
                return table[prefix]
            if prefix in self.values:
                return self.values[prefix]
        return next(iter(self.files.values()), Position("<unknown>"))

    def implicit_hint(self, path: FieldPath) -> str | None:
        """Explain a value YAML read as a non-text type, e.g. ``no`` read as false."""
        if path not in self.implicit_scalars:
            return None
        tag, raw = self.implicit_scalars[path]
        return f'YAML read the unquoted {raw!r} as {IMPLICIT_TYPE_NAMES[tag]}; write "{raw}" in quotes'

    def update(self, other: SourceMap) -> None:
        self.values.update(other.values)
        self.keys.update(other.keys)
        self.implicit_scalars.update(other.implicit_scalars)
        self.files.update(other.files)


@dataclass
class YamlDocument:
    """One file's data, its source map, and the problems met while reading it."""

    data: Any
    source: SourceMap
    problems: list[Problem]


class _AliasBomb(Exception):
    pass


class _Builder:
    """Turns a composed node tree into Python values, recording positions and problems."""

    def __init__(self, loader: yaml.SafeLoader, file: str, root: FieldPath):
        self.loader = loader
        self.file = file
        self.root = root
        self.source = SourceMap(files={file: Position(file)})
        self.problems: list[Problem] = []
        self.built_nodes: set[int] = set()
        self.alias_expansions = 0

    def where(self, node: Node) -> Position:
        return Position(self.file, node.start_mark.line + 1, node.start_mark.column + 1)

    def problem(self, node: Node, path: FieldPath, message: str, fix: str | None = None) -> None:
        self.problems.append(Problem(self.where(node), format_field_path(path), message, fix=fix))

    def build(self, node: Node, path: FieldPath) -> Any:
        if id(node) in self.built_nodes:
            self.alias_expansions += 1
            if self.alias_expansions > MAX_ALIAS_EXPANSIONS:
                raise _AliasBomb
        else:
            self.built_nodes.add(id(node))
        self.source.values.setdefault(path, self.where(node))
        if isinstance(node, MappingNode):
            return self.build_mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.build(item, path + (index,)) for index, item in enumerate(node.value)]
        return self.build_scalar(node, path)

    def build_scalar(self, node: ScalarNode, path: FieldPath) -> Any:
        if node.tag == STR_TAG:
            return node.value
        try:
            value = self.loader.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as error:
            self.problem(node, path, f"cannot read value {node.value!r}: {error.problem}")
            return None
        except ValueError as error:  # e.g. 2027-02-30 looks like a date but is not one
            self.problem(node, path, f"{node.value!r} is not {IMPLICIT_TYPE_NAMES.get(node.tag, 'a valid value')}: {error}",
                         fix=f'write "{node.value}" in quotes if you meant text')
            return None
        if node.tag in IMPLICIT_TYPE_NAMES and not node.style and node.value:  # plain: None or "" (libyaml)
            self.source.implicit_scalars[path] = (node.tag, node.value)
        if isinstance(value, dt.datetime):
            value = value.date() if value.time() == dt.time() else value
        return value

    def build_mapping(self, node: MappingNode, path: FieldPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == MERGE_TAG:
                merged = self.build(value_node, path)
                for part in merged if isinstance(merged, list) else [merged]:
                    if isinstance(part, dict):
                        for key, value in part.items():
                            result.setdefault(key, value)
                    else:
                        self.problem(value_node, path, "'<<' must merge a mapping (an &anchor of key: value pairs)")
                continue
            if not isinstance(key_node, ScalarNode) or not isinstance(self.loader.construct_object(key_node), str):
                raw = key_node.value if isinstance(key_node, ScalarNode) else "(a list or mapping)"
                self.problem(key_node, path, f"key {raw!r} must be text", fix="put the key in quotes")
                continue
            key = key_node.value
            key_path = path + (key,)
            if key in first_seen:
                earlier = self.where(first_seen[key])
                self.problem(
                    key_node, key_path,
                    f"duplicate key (first defined at line {earlier.line}); YAML would silently keep only the last",
                    fix="remove or rename one of them",
                )
                continue
            first_seen[key] = key_node
            self.source.keys[key_path] = self.where(key_node)
            result[key] = self.build(value_node, key_path)
        return result


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


def _compose(text: str, loader_class: type) -> Node | None:
    loader = loader_class(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, file: str) -> YamlDocument:
    """A parser error as one problem, at the most useful place and with the field it sits in."""
    # An unclosed quote or bracket is found far from where it opened; the opening is more useful.
    unclosed = any(word in str(error.context) for word in ("flow", "quoted"))
    mark = (error.context_mark if unclosed else None) or error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = " ".join(filter(None, [error.context, error.problem])) or "invalid YAML"
    lines = text.splitlines() or [""]
    fix = None
    if "\t" in str(error.problem) or "\t" in lines[min(line, len(lines)) - 1]:
        message, fix = "tab character: YAML indentation must use spaces", "replace tabs with spaces"
    return _failed_document(file, f"YAML syntax error: {message}", line, column, _enclosing_field(text, line), fix)


def _too_large(size: int) -> tuple[str, str]:
    message = f"file is {size / 1024 / 1024:.1f} MB; the limit is {MAX_FILE_BYTES // 1024 // 1024} MB"
    return message, "split it into smaller files or move large content into evidence files"


def _failed_document(file: str, message: str, line: int = 1, column: int = 1,
                     field_name: str = "(file)", fix: str | None = None) -> YamlDocument:
    problem = Problem(Position(file, line, column), field_name, message, fix=fix)
    return YamlDocument(None, SourceMap(files={file: Position(file)}), [problem])


def read_yaml_text(raw: bytes, file: str, root: FieldPath = ()) -> YamlDocument:
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
        return _failed_document(file, "file is empty", fix="add the section's data or delete the file")

    try:
        node = _compose(text, ComposingLoader)
    except yaml.MarkedYAMLError:
        try:  # the pure-Python parser words its errors better (it names an undefined alias, for one)
            node = _compose(text, yaml.SafeLoader)
        except yaml.MarkedYAMLError as error:
            return _syntax_problem(error, text, file)
    except yaml.YAMLError as error:
        return _failed_document(file, f"YAML error: {error}")

    builder = _Builder(yaml.SafeLoader(""), file, root)
    try:
        data = builder.build(node, root) if node is not None else None
    except _AliasBomb:
        return _failed_document(file, f"aliases expand to more than {MAX_ALIAS_EXPANSIONS:,} values (an alias bomb?)",
                                fix="use fewer &anchor/*alias references")
    except RecursionError:
        return _failed_document(file, "document is nested too deeply (recursive alias?)")
    return YamlDocument(data, builder.source, builder.problems)


def read_yaml_file(path: Path, root: FieldPath = ()) -> YamlDocument:
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
    return read_yaml_text(raw, file, root)
