"""A validator for the JSON-schema subset we use, and a GBNF grammar built from it.

llama.cpp's own schema → grammar conversion let raw newlines into strings and leaves output
cut off by ``max_tokens`` unterminated, and a server may ignore a schema altogether. So the
grammar is built here (string characters and lengths bounded, arrays bounded) and every
answer is validated here, whatever the backend did.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

Schema = Mapping[str, Any]
MAX_TEXT = 300


# --- validation ----------------------------------------------------------------------------
def parse_answer(text: str, schema: Schema) -> tuple[Any, list[str]]:
    """The decoded answer and the list of problems (empty when it fits the schema)."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, [f"ikke gyldig JSON ({exc.msg}, tegn {exc.pos})"]
    return value, validate(value, schema)


def validate(value: Any, schema: Schema, path: str = "$") -> list[str]:
    if "enum" in schema:
        return [] if value in schema["enum"] else [f"{path}: ikke en av de tillatte verdiene"]
    kind = schema.get("type")
    checker = _CHECKERS.get(str(kind))
    if checker is None:
        return []
    return checker(value, schema, path)


def _object(value: Any, schema: Schema, path: str) -> list[str]:
    if not isinstance(value, dict):
        return [f"{path}: skal være et objekt"]
    props: Mapping[str, Any] = schema.get("properties", {})
    problems = [f"{path}.{k}: mangler" for k in schema.get("required", []) if k not in value]
    if schema.get("additionalProperties") is False:
        problems += [f"{path}.{k}: ukjent felt" for k in value if k not in props]
    for key, sub in props.items():
        if key in value:
            problems += validate(value[key], sub, f"{path}.{key}")
    return problems


def _array(value: Any, schema: Schema, path: str) -> list[str]:
    if not isinstance(value, list):
        return [f"{path}: skal være en liste"]
    problems = []
    if len(value) < schema.get("minItems", 0):
        problems.append(f"{path}: for få elementer ({len(value)})")
    if len(value) > schema.get("maxItems", 1 << 30):
        problems.append(f"{path}: for mange elementer ({len(value)})")
    for i, item in enumerate(value):
        problems += validate(item, schema.get("items", {}), f"{path}[{i}]")
    return problems


def _string(value: Any, schema: Schema, path: str) -> list[str]:
    if not isinstance(value, str):
        return [f"{path}: skal være tekst"]
    if not schema.get("minLength", 0) <= len(value) <= schema.get("maxLength", 1 << 30):
        return [f"{path}: feil lengde ({len(value)})"]
    if any(ord(c) < 32 for c in value):
        return [f"{path}: kontrolltegn i teksten"]
    return []


def _integer(value: Any, schema: Schema, path: str) -> list[str]:
    ok = isinstance(value, int) and not isinstance(value, bool)
    return [] if ok else [f"{path}: skal være et heltall"]


_CHECKERS = {"object": _object, "array": _array, "string": _string, "integer": _integer}


# --- grammar -------------------------------------------------------------------------------
class _Gbnf:
    def __init__(self) -> None:
        self.rules: dict[str, str] = {}

    def add(self, base: str, body: str) -> str:
        for name, existing in self.rules.items():
            if existing == body:
                return name
        name = f"{base}{len(self.rules)}"
        self.rules[name] = body
        return name


def _lit(text: str) -> str:
    return json.dumps(json.dumps(text, ensure_ascii=False), ensure_ascii=False)


def _rule(schema: Schema, g: _Gbnf) -> str:
    if "enum" in schema:
        return g.add("enum", " | ".join(_lit(v) for v in schema["enum"]))
    kind = schema.get("type")
    if kind == "object":
        props: Mapping[str, Any] = schema.get("properties", {})
        parts = [f'{_lit(k)[:-1]}:"' + f" ws {_rule(sub, g)}" for k, sub in props.items()]
        return g.add("obj", '"{" ws ' + ' ws "," ws '.join(parts) + ' ws "}"')
    if kind == "array":
        return g.add("arr", _array_body(schema, g))
    if kind == "string":
        low, high = schema.get("minLength", 0), schema.get("maxLength", MAX_TEXT)
        return g.add("str", f'"\\"" char{{{low},{high}}} "\\""')
    if kind == "integer":
        return g.add("int", '"-"? [0-9]{1,6}')
    return g.add("any", '"null"')


def _array_body(schema: Schema, g: _Gbnf) -> str:
    item = _rule(schema.get("items", {}), g)
    low, high = schema.get("minItems", 0), schema.get("maxItems", 20)
    if high == 0:
        return '"[" ws "]"'
    first = f"{item}" + f' (ws "," ws {item})' + f"{{{max(low - 1, 0)},{high - 1}}}"
    return f'"[" ws {first} ws "]"' if low > 0 else f'"[" ws ({first})? ws "]"'


def schema_to_gbnf(schema: Schema) -> str:
    """A GBNF grammar for the schema subset above: compact JSON, bounded strings and arrays."""
    g = _Gbnf()
    top = _rule(schema, g)
    lines = [f"root ::= {top}"]
    lines += [f"{name} ::= {body}" for name, body in g.rules.items()]
    lines.append('char ::= [^"\\\\\\x00-\\x1F\\x7F]')
    lines.append('ws ::= " "?')
    return "\n".join(lines) + "\n"
