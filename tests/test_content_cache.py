"""The content cache: reused when nothing changed, rebuilt when any input (data, evidence, template) changes."""

from __future__ import annotations

from pathlib import Path

from sitetools import copy_example_project

from generator.content_cache import cached, fingerprint


def test_fingerprint_follows_every_input(tmp_path: Path) -> None:
    project = copy_example_project(tmp_path / "project")
    data, templates = project / "data", project / "templates"
    first = fingerprint([data, templates], "public", "2026-11-23")
    assert fingerprint([data, templates], "public", "2026-11-23") == first
    assert fingerprint([data, templates], "assessor", "2026-11-23") != first
    assert fingerprint([data, templates], "public", "2026-11-24") != first

    evidence = next((data / "evidence").iterdir())
    evidence.write_text(evidence.read_text(encoding="utf-8") + "\nA late correction.\n", encoding="utf-8")
    after_evidence = fingerprint([data, templates], "public", "2026-11-23")
    assert after_evidence != first

    (templates / "pages").mkdir()
    (templates / "pages" / "welcome.md.j2").write_text("# Hello\n", encoding="utf-8")
    assert fingerprint([data, templates], "public", "2026-11-23") != after_evidence


def test_cached_content_is_made_once_per_key(tmp_path: Path) -> None:
    calls: list[str] = []

    def make(value: str):
        def maker() -> dict[str, str]:
            calls.append(value)
            return {"made": value}
        return maker

    assert cached(tmp_path, "key-one", make("one")) == {"made": "one"}
    assert cached(tmp_path, "key-one", make("again")) == {"made": "one"}
    assert cached(tmp_path, "key-two", make("two")) == {"made": "two"}
    assert calls == ["one", "two"]


def test_a_broken_cache_entry_is_remade(tmp_path: Path) -> None:
    (tmp_path / "content-key.pickle").write_bytes(b"not a pickle")
    assert cached(tmp_path, "key", lambda: "fresh") == "fresh"
    assert cached(tmp_path, "key", lambda: "never used") == "fresh"
