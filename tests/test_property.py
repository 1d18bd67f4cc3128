"""Property-based: random YAML and random mutations of the example never produce a traceback."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.loader import load_data_folder
from generator.problems import DataError
from generator.standards.loading import load_standards
from generator.starter import EXAMPLE
from generator.validate import validate
from generator.yaml_source import read_yaml_text

EXAMPLE_DATA = load_data_folder(EXAMPLE / "data").values
STANDARDS = load_standards()[0]
CRITERIA = [cid for catalog in STANDARDS.catalogs for cid in catalog.criterion_ids()]

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False),
                    st.text(max_size=30), st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
                      max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
def test_random_bytes_never_raise(raw: bytes) -> None:
    document = read_yaml_text(raw, "random.yaml")
    assert all(problem.position.file == "random.yaml" for problem in document.problems)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(":-[]{}&*!|>'\"#%@`,? \n\tab01")), max_size=200))
def test_yaml_punctuation_soup_never_raises(text: str) -> None:
    read_yaml_text(text.encode(), "soup.yaml")


def paths_of(value: Any, prefix: tuple = ()) -> list[tuple]:
    """Every path into nested dicts and lists."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths_of(item, prefix + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += paths_of(item, prefix + (index,))
    return found


EXAMPLE_PATHS = paths_of(EXAMPLE_DATA)[1:]


def mutated(data: Any, path: tuple, replacement: Any, delete: bool) -> Any:
    copy = yaml.safe_load(yaml.safe_dump(data))
    parent = copy
    for part in path[:-1]:
        parent = parent[part]
    if delete:
        del parent[path[-1]]
    else:
        parent[path[-1]] = replacement
    return copy


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(EXAMPLE_PATHS), values, st.booleans())
def test_mutations_of_the_example_never_raise(path: tuple, replacement: Any, delete: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        shutil.copytree(EXAMPLE / "data" / "evidence", data_dir / "evidence")
        (data_dir / "programme.yaml").write_text(yaml.safe_dump(mutated(EXAMPLE_DATA, path, replacement, delete), allow_unicode=True))
        try:
            validate(load_data_folder(data_dir), CRITERIA, STANDARDS.vocabularies)
        except DataError:
            pass
