"""The JSON Schema of programme data, for editors that complete and check YAML as you type.

Every property carries its field's help from :mod:`generator.model`: the field's docstring as its
``description``, and the value on the docstring's ``Example:`` line as its ``examples``. The
docstrings are read from the model's source here, only when a schema is asked for, so that
importing the model (every ``handbook validate``) does not parse its source.

Fields that declare terms from the standards' vocabularies are marked ``x-vocabulary`` by the
model; here each gets the vocabulary's terms as its ``enum``, with the standard's wording as the
description an editor shows beside each term.
"""

from __future__ import annotations

import ast
import inspect
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from generator import model
from generator.model import Programme
from generator.standards.catalog import Vocabularies

DIALECT = "https://json-schema.org/draft/2020-12/schema"
EXAMPLE = "Example:"


@dataclass(frozen=True)
class FieldHelp:
    """What a field means, for the coordinator, and valid values for it (as YAML reads them)."""

    description: str
    examples: tuple[Any, ...]


def programme_schema(vocabularies: Vocabularies, *, for_one_file: bool = False) -> dict[str, Any]:
    """The model's JSON Schema with every field's help and every vocabulary field's terms.
    ``for_one_file``: the schema of one data file, which holds only some of the areas (no area is
    required)."""
    schema = Programme.model_json_schema()
    _describe_properties(schema, help_by_model())
    schema = _with_terms(schema, vocabularies)
    if for_one_file:
        schema.pop("required", None)
    return {"$schema": DIALECT, **schema}


def schema_text(vocabularies: Vocabularies, *, for_one_file: bool = False) -> str:
    """The schema as the JSON text written to a file or printed."""
    return json.dumps(programme_schema(vocabularies, for_one_file=for_one_file), indent=2) + "\n"


def help_by_model() -> dict[str, dict[str, FieldHelp]]:
    """Each model's fields' help, by model name and field name. A field a model inherits has the
    help written where it is defined: every area's ``visibility`` has ``Section``'s."""
    source = Path(inspect.getsourcefile(model) or model.__file__).read_text(encoding="utf-8")
    written = _attribute_docstrings(source)
    models = [value for value in vars(model).values()
              if isinstance(value, type) and issubclass(value, BaseModel) and value.__module__ == model.__name__]
    return {cls.__name__: {field: documented for field in cls.model_fields if (documented := _inherited(cls, field, written))}
            for cls in models}


def _inherited(cls: type, field: str, written: dict[tuple[str, str], FieldHelp]) -> FieldHelp | None:
    """The help of the nearest class in ``cls``'s hierarchy that documents ``field``."""
    return next((written[base.__name__, field] for base in cls.__mro__ if (base.__name__, field) in written), None)


def _attribute_docstrings(source: str) -> dict[tuple[str, str], FieldHelp]:
    """The help in each class's attribute docstrings (the string right after a field), by class and
    field name."""
    found = {}
    for node in ast.parse(source).body:
        if not isinstance(node, ast.ClassDef):
            continue
        for field, after in zip(node.body, node.body[1:], strict=False):
            if (isinstance(field, ast.AnnAssign) and isinstance(field.target, ast.Name) and isinstance(after, ast.Expr)
                    and isinstance(after.value, ast.Constant) and isinstance(after.value.value, str)):
                found[node.name, field.target.id] = _parse_docstring(after.value.value)
    return found


def _parse_docstring(docstring: str) -> FieldHelp:
    """A docstring's paragraphs, each on one line, and the value its last line ``Example: ...`` gives."""
    lines = inspect.cleandoc(docstring).splitlines()
    examples = (yaml.safe_load(lines.pop()[len(EXAMPLE):]),) if lines and lines[-1].startswith(EXAMPLE) else ()
    paragraphs = "\n".join(lines).strip().split("\n\n")
    return FieldHelp("\n\n".join(" ".join(paragraph.split()) for paragraph in paragraphs), examples)


def _describe_properties(schema: dict[str, Any], fields_help: dict[str, dict[str, FieldHelp]]) -> None:
    """Put each field's help on its property, beside a ``$ref`` or ``anyOf`` where the property has one."""
    for name, definition in [(Programme.__name__, schema), *schema.get("$defs", {}).items()]:
        for field, property_schema in definition.get("properties", {}).items():
            documented = fields_help.get(name, {}).get(field)
            if documented is not None:
                property_schema["description"] = documented.description
                property_schema["markdownDescription"] = documented.description  # editors render its `code`
                if documented.examples:
                    property_schema["examples"] = list(documented.examples)


def _with_terms(node: Any, vocabularies: Vocabularies) -> Any:
    if isinstance(node, list):
        return [_with_terms(item, vocabularies) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _with_terms(value, vocabularies) for key, value in node.items()}
    kind = node.pop("x-vocabulary", None)
    if kind is not None:
        terms = vocabularies.kinds.get(kind, {})
        node.pop("pattern", None)
        node["enum"] = list(terms)
        node["markdownEnumDescriptions"] = [term.label for term in terms.values()]
        node.setdefault("description", f"A term from the standards' {kind} vocabulary.")
    return node
