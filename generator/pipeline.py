"""The front of the pipeline in one call: load a data folder and its catalogs, validate, or raise.

Every command and the MkDocs plugin start here, so they all report the same problems the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.i18n import translation_files
from generator.leaflets.checks import leaflet_warnings, readability_warnings
from generator.loader import RawData, load_data_folder
from generator.model import Programme
from generator.problems import Problem, raise_if_errors
from generator.standards.catalog import Catalog
from generator.standards.loading import Standards, load_standards
from generator.text_links import text_link_problems
from generator.translations import translate
from generator.validate import validate
from generator.yaml_source import SourceMap


@dataclass(frozen=True)
class LoadedProgramme:
    """A valid programme with the catalogs it is assessed against and any warnings."""

    programme: Programme
    standards: Standards
    data_dir: Path
    warnings: list[Problem]
    source: SourceMap  # where each value came from, for warnings raised by later stages
    shown: Programme  # what pages show: the programme with one language's translation in place (else itself)

    @property
    def catalogs(self) -> list[Catalog]:
        return self.standards.catalogs


def extra_catalog_paths(raw: RawData) -> list[Path]:
    """The programme's own catalog files, named under ``extra_standards:`` relative to the data folder."""
    listed = raw.values.get("extra_standards")
    return [raw.data_dir / name for name in listed if isinstance(name, str)] if isinstance(listed, list) else []


def load_programme(data_dir: Path, language: str | None = None, *, data_language: str = "en") -> LoadedProgramme:
    """Load, check catalogs, validate, and check every translation file. Raises DataError listing
    every error (and warning) found. ``language``: the one whose translation pages show (a
    language with no translation file shows the data as written), and whose untranslated text
    is warned about; None warns about every translation file's. ``data_language``: the language the
    data itself is written in (the theme's), for its readability check."""
    raw = load_data_folder(data_dir)
    standards, problems = load_standards(extra_catalog_paths(raw))
    known = not problems  # with a broken catalog, "unknown criterion" errors would only mislead
    criterion_ids = [cid for catalog in standards.catalogs for cid in catalog.criterion_ids()] if known else None
    vocabularies = standards.vocabularies if known else None
    programme, found = validate(raw, criterion_ids, vocabularies)
    problems += found
    translations = {code: translate(raw.values, file) for code, file in translation_files(data_dir).items()} \
        if raw.complete else {}
    problems += [problem for code, translation in translations.items() for problem in translation.problems
                 if problem.severity == "error" or language in (None, code)]
    raise_if_errors(problems)
    assert programme is not None  # no errors means validation produced a programme
    shown: Programme | None = programme
    for code, translation in translations.items():
        if language in (None, code):
            translated, found = validate(RawData(data_dir, translation.values, raw.source), criterion_ids, vocabularies)
            problems += found
            raise_if_errors(problems)
            assert translated is not None
            problems += readability_warnings(translated, translation, code)
            shown = translated if code == language else shown
    assert shown is not None
    problems += text_link_problems(programme, raw)
    warnings = raise_if_errors(problems)
    warnings += leaflet_warnings(programme, raw.source, data_language)
    return LoadedProgramme(programme, standards, data_dir, warnings, raw.source, shown)
