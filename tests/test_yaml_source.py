"""Reading YAML: the positions problems are reported at, and hostile input refused with a message."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generator.loader import load_data_folder
from generator.starter import EXAMPLE
from generator.yaml_source import read_yaml_text

ROOT = Path(__file__).resolve().parents[1]
BOMB = "".join(f"{name}: &{name} [{', '.join([f'*{previous}'] * 10 if previous else ['x'] * 10)}]\n"
               for previous, name in zip(["", "a", "b", "c"], "abcd")) + "e: [" + ", ".join(["*d"] * 10) + "]\n"


def key_paths(value: Any, prefix: tuple = ()) -> Iterator[tuple]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield prefix + (key,)
            yield from key_paths(item, prefix + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from key_paths(item, prefix + (index,))


def test_every_key_of_the_example_is_found_where_its_position_says(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLE / "data", tmp_path / "data")
    raw = load_data_folder(tmp_path / "data")
    shutil.rmtree(tmp_path / "data")  # positions come from the text already read, not from the files again

    lines = {file: (EXAMPLE / "data" / Path(file).name).read_text(encoding="utf-8").splitlines()
             for file in {raw.source.position((area,)).file for area in raw.values}}
    for path in key_paths(raw.values):
        where = raw.source.position(path, key=True)
        assert lines[where.file][where.line - 1][where.column - 1:].startswith(str(path[-1])), (path, where)


def test_values_reached_through_an_alias_are_reported_at_the_anchor() -> None:
    document = read_yaml_text(b"base: &base\n  paid: no\nuse: *base\n", "roles.yaml")
    assert document.data == {"base": {"paid": False}, "use": {"paid": False}}
    assert tuple(document.source.position(("use", "paid"))) == ("roles.yaml", 2, 9)
    assert document.source.implicit_hint(("use", "paid")) == (
        "YAML read the unquoted 'no' as true/false; write \"no\" in quotes")


def test_dates_and_numbers_are_read_as_yaml_1_1_reads_them() -> None:
    document = read_yaml_text(b"a: 2026-01-31\nb: 0117\nc: 2026-01-31 10:30:00\nd: '2026-01-31'\n", "x.yaml")
    assert document.data == {"a": dt.date(2026, 1, 31), "b": 79, "c": dt.datetime(2026, 1, 31, 10, 30), "d": "2026-01-31"}
    assert document.problems == []


def test_a_key_yaml_reads_as_a_date_or_an_unknown_tag_is_a_problem_not_a_crash() -> None:
    document = read_yaml_text(b"2027-02-30: x\n!custom name: y\nok: z\n", "x.yaml")
    assert document.data == {"ok": "z"}
    assert [str(problem) for problem in document.problems] == [
        "x.yaml:1:1: (top level): key '2027-02-30' must be text; put the key in quotes",
        "x.yaml:2:1: (top level): key 'name' must be text; put the key in quotes",
    ]


def test_very_deep_nesting_is_refused_not_a_crash() -> None:
    text = "a: " + "[" * 100_000 + "]" * 100_000 + "\n"  # libyaml's composer overflowed the C stack on this
    document = read_yaml_text(text.encode(), "deep.yaml")
    assert [str(problem) for problem in document.problems] == [
        "deep.yaml:1:1: (file): document is nested too deeply (recursive alias?)"]


def test_an_alias_bomb_is_refused() -> None:
    document = read_yaml_text(BOMB.encode(), "bomb.yaml")
    assert document.data is None
    assert "aliases expand to more than 100,000 values" in str(document.problems[0])


def test_a_syntax_error_after_an_alias_bomb_is_the_problem_reported() -> None:
    document = read_yaml_text((BOMB + "f: [1\n").encode(), "bomb.yaml")
    assert [str(problem) for problem in document.problems] == [
        "bomb.yaml:6:4: f: the list opened with '[' here is never closed with ']'; add ']' where it ends, or write one '- item' per line instead"]
