"""The bad-input corpus: broken programmes made from the minimal fixture, one problem each.

Each file in ``tests/bad_programmes/`` describes one broken programme as edits to a copy of
``tests/fixtures/minimal`` and the exact one-line error it must produce::

    problem: why this input is broken
    edits:
      - file: policies.yaml          # a file of the programme (created when missing)
        find: "response_days: 5"     # replace text (the first occurrence; must be present) ...
        replace: "response_days: soon"
      - file: extra.yaml
        content: "..."               # ... or write the whole file (text)
      - file: blob.yaml
        base64: "..."                # ... or write bytes
      - file: huge.yaml
        repeat: {text: "# padding\n", megabytes: 50}   # ... or generate a large file
      - file: evidence/link.md
        symlink: /etc/hostname       # ... or make a symbolic link
      - file: evidence.yaml
        delete: true                 # ... or remove a file
    expect: "data/policies.yaml:31:18: mismatch_policy.response_days: must be a whole number (got 'soon')"
"""

from __future__ import annotations

import base64
import shutil
from pathlib import Path
from typing import Any

import yaml

TESTS = Path(__file__).parent
MINIMAL = TESTS / "fixtures" / "minimal"
CORPUS = TESTS / "bad_programmes"


def corpus_cases() -> list[Path]:
    return sorted(CORPUS.glob("*.yaml"))


def read_case(case: Path) -> dict[str, Any]:
    return yaml.safe_load(case.read_text(encoding="utf-8"))


def make_programme(target: Path, edits: list[dict[str, Any]] = ()) -> Path:
    """Copy the minimal programme to ``target`` and apply the edits; returns ``target``."""
    shutil.copytree(MINIMAL, target)
    for edit in edits:
        path = target / edit["file"]
        path.parent.mkdir(parents=True, exist_ok=True)
        if "find" in edit:
            text = path.read_text(encoding="utf-8")
            assert edit["find"] in text, f"{edit['find']!r} not in {edit['file']}"
            path.write_text(text.replace(edit["find"], edit["replace"], 1), encoding="utf-8")
        elif "content" in edit:
            path.write_text(edit["content"], encoding="utf-8")
        elif "base64" in edit:
            path.write_bytes(base64.b64decode(edit["base64"]))
        elif "repeat" in edit:
            chunk = edit["repeat"]["text"].encode()
            size = edit["repeat"]["megabytes"] * 1024 * 1024
            path.write_bytes(chunk * (size // len(chunk) + 1))
        elif "symlink" in edit:
            path.symlink_to(edit["symlink"])
        elif edit.get("delete"):
            path.unlink()
        else:
            raise ValueError(f"unknown edit {edit}")
    return target
