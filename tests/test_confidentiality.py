"""Canaries planted in internal and confidential material never reach a build that may not show them.

Every file of the built site is searched: pages, search index, sitemap, copied evidence,
assessment exports, and the text of the leaflet PDFs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from pdfcheck import pdf_text
from sitetools import TODAY, copy_example_project

from generator.cli import main

INTERNAL = ("CANARY-INTERNAL-EVIDENCE-TITLE", "CANARY-INTERNAL-EVIDENCE-FILE", "CANARY-INTERNAL-BUDGET",
            "CANARY-INTERNAL-SECTION", "CANARY-INTERNAL-CONTACT")
CONFIDENTIAL_CONTENT = ("CANARY-CONFIDENTIAL-DESCRIPTION", "CANARY-CONFIDENTIAL-FILE")
CONFIDENTIAL_METADATA = "CANARY-CONFIDENTIAL-TITLE"


def edit_yaml(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def plant_canaries(project: Path) -> None:
    data = project / "data"

    def evidence(content: dict) -> None:
        internal = next(item for item in content["evidence"] if item["visibility"] == "internal" and item["kind"] == "file")
        internal["title"] += " CANARY-INTERNAL-EVIDENCE-TITLE"
        with open(data / internal["path"], "a", encoding="utf-8") as file:
            file.write("\nCANARY-INTERNAL-EVIDENCE-FILE\n")
        confidential = next(item for item in content["evidence"] if item["visibility"] == "confidential" and item["kind"] == "file")
        confidential["title"] += " CANARY-CONFIDENTIAL-TITLE"
        confidential["description"] = "CANARY-CONFIDENTIAL-DESCRIPTION"
        with open(data / confidential["path"], "a", encoding="utf-8") as file:
            file.write("\nCANARY-CONFIDENTIAL-FILE\n")

    def governance(content: dict) -> None:
        content["governance"]["budget"]["covers"].append("CANARY-INTERNAL-BUDGET")
        assert content["governance"]["budget"]["visibility"] == "internal"

    def monitoring(content: dict) -> None:
        content["monitoring"]["visibility"] = "internal"
        content["monitoring"]["feedback_access"] += " CANARY-INTERNAL-SECTION"

    def support(content: dict) -> None:
        contact = dict(content["support"]["contacts"][0])
        contact.update(id="private-line", name="CANARY-INTERNAL-CONTACT", visibility="internal")
        content["support"]["contacts"].append(contact)

    edit_yaml(data / "evidence.yaml", evidence)
    edit_yaml(data / "governance.yaml", governance)
    edit_yaml(data / "monitoring.yaml", monitoring)
    edit_yaml(data / "support.yaml", support)


def site_text(site: Path) -> dict[str, str]:
    """Every file of a built site as text (PDFs by their extracted text)."""
    texts = {}
    for path in site.rglob("*"):
        if path.is_file():
            if path.suffix == ".pdf":
                texts[str(path)] = pdf_text(path)
            else:
                texts[str(path)] = path.read_bytes().decode("utf-8", errors="replace")
    return texts


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_example_project(tmp_path_factory.mktemp("canaries") / "project")
    plant_canaries(project)
    assert CliRunner().invoke(main, ["validate", "--data", str(project / "data")]).exit_code == 0
    return project


def build(project: Path, audience: str) -> dict[str, str]:
    site = project / f"site-{audience}"
    result = CliRunner().invoke(main, ["build", "--config", str(project / "mkdocs.yml"), "--site-dir", str(site),
                                       "--audience", audience, "--today", TODAY])
    assert result.exit_code == 0, result.output
    return site_text(site)


def leaks(texts: dict[str, str], canaries: tuple[str, ...]) -> list[str]:
    return [f"{canary} in {path}" for path, text in texts.items() for canary in canaries if canary in text]


def test_public_build_contains_nothing_internal_or_confidential(project: Path) -> None:
    texts = build(project, "public")
    assert len(texts) > 30 and any(path.endswith(".pdf") for path in texts)
    assert leaks(texts, INTERNAL + CONFIDENTIAL_CONTENT + (CONFIDENTIAL_METADATA,)) == []


def test_assessor_build_shows_internal_but_only_metadata_of_confidential(project: Path) -> None:
    texts = build(project, "assessor")
    assert leaks(texts, CONFIDENTIAL_CONTENT) == []
    found = "\n".join(texts.values())
    for canary in INTERNAL + (CONFIDENTIAL_METADATA,):
        assert canary in found, f"{canary} should appear in the assessor edition"


WELSH = ("CANARY-CY-INTERNAL-TITLE", "CANARY-CY-CONFIDENTIAL-TITLE", "CANARY-CY-CONFIDENTIAL-DESCRIPTION",
         "CANARY-CY-INTERNAL-SECTION", "CANARY-CY-INTERNAL-CONTACT")


def test_every_language_of_a_public_build_contains_nothing_internal_or_confidential(tmp_path: Path) -> None:
    """The canaries, and their Welsh translations, stay out of both languages' sites."""
    project = copy_example_project(tmp_path / "project")
    plant_canaries(project)
    evidence = yaml.safe_load((project / "data" / "evidence.yaml").read_text(encoding="utf-8"))["evidence"]
    internal = next(item for item in evidence if "CANARY-INTERNAL-EVIDENCE-TITLE" in item["title"])
    confidential = next(item for item in evidence if "CANARY-CONFIDENTIAL-TITLE" in item["title"])
    translation = {
        "programme": {"name": "Mentora Harbourside"},
        "evidence": {internal["id"]: {"title": "CANARY-CY-INTERNAL-TITLE"},
                     confidential["id"]: {"title": "CANARY-CY-CONFIDENTIAL-TITLE", "description": "CANARY-CY-CONFIDENTIAL-DESCRIPTION"}},
        "monitoring": {"feedback_access": "CANARY-CY-INTERNAL-SECTION"},
        "support": {"contacts": {"private-line": {"name": "CANARY-CY-INTERNAL-CONTACT"}}},
    }
    (project / "data" / "translations").mkdir()
    (project / "data" / "translations" / "cy.yaml").write_text(yaml.safe_dump(translation, allow_unicode=True), encoding="utf-8")
    texts = build(project, "public")
    assert any("/cy/" in path and path.endswith(".pdf") for path in texts) and any("/en/" in path for path in texts)
    assert leaks(texts, INTERNAL + CONFIDENTIAL_CONTENT + (CONFIDENTIAL_METADATA,) + WELSH) == []
    assessor = "\n".join(build(project, "assessor").values())
    assert "CANARY-CY-INTERNAL-TITLE" in assessor and "CANARY-CY-CONFIDENTIAL-DESCRIPTION" not in assessor
