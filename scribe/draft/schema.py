"""The JSON schemas of the drafting model's answers: sentence labels and statements.

Validation and the grammar that constrains generation are generic: :mod:`scribe.llm.schema`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from scribe.llm.schema import MAX_TEXT


def labels_schema(count: int, labels: Sequence[str]) -> dict[str, Any]:
    return {
        "type": "object", "required": ["labels"], "additionalProperties": False,
        "properties": {"labels": {"type": "array", "items": {"enum": list(labels)},
                                  "minItems": count, "maxItems": count}},
    }


def statements_schema(ids: Sequence[str], max_statements: int) -> dict[str, Any]:
    statement = {
        "type": "object", "required": ["text", "evidence"], "additionalProperties": False,
        "properties": {
            "text": {"type": "string", "minLength": 3, "maxLength": MAX_TEXT},
            "evidence": {"type": "array", "items": {"enum": list(ids)}, "minItems": 1,
                         "maxItems": 4},
        },
    }
    return {
        "type": "object", "required": ["statements"], "additionalProperties": False,
        "properties": {"statements": {"type": "array", "items": statement, "minItems": 1,
                                      "maxItems": max_statements}},
    }
