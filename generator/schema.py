"""The JSON Schema of programme data, for editors that complete and check YAML as you type.

Fields that declare terms from the standards' vocabularies are marked ``x-vocabulary`` by the
model; here each gets the vocabulary's terms as its ``enum``, with the standard's wording as the
description an editor shows beside each term.
"""

from __future__ import annotations

from typing import Any

from generator.model import Programme
from generator.standards.catalog import Vocabularies


def programme_schema(vocabularies: Vocabularies) -> dict[str, Any]:
    """The model's JSON Schema with every vocabulary field's terms listed."""
    return _with_terms(Programme.model_json_schema(), vocabularies)


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
        node["description"] = f"A term from the standards' {kind} vocabulary."
    return node
