"""The documents a visit can end in, as plain values: a :class:`Document` of one
:class:`DocumentKind`, made of named :class:`Field` s whose statements carry evidence
(segment ids) and verification flags exactly as the note's statements do.

A field the conversation did not cover has no statements: it is shown empty for the doctor to
fill, never filled by guessing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from enum import StrEnum

from scribe.domain import Flag, Statement

EXTRACTED = "uttrekk"  # author of a drafted document (the note's word for it)


class DocumentKind(StrEnum):
    HENVISNING = "henvisning"
    SYKMELDING = "sykmelding"
    PASIENT = "pasient"


TITLES: dict[DocumentKind, str] = {
    DocumentKind.HENVISNING: "Henvisning",
    DocumentKind.SYKMELDING: "Sykmelding, medisinsk del",
    DocumentKind.PASIENT: "Oppsummering til pasienten",
}


def parse_kind(text: str) -> DocumentKind:
    try:
        return DocumentKind(text.strip().lower())
    except ValueError:
        from scribe.errors import ScribeError

        raise ScribeError(f"Ukjent dokumenttype «{text}».",
                          "Bruk henvisning, sykmelding eller pasient.") from None


@dataclass(frozen=True)
class Field:
    """One part of a document: ``key`` for code and templates, ``label`` for people."""

    key: str
    label: str
    statements: tuple[Statement, ...] = ()

    @property
    def empty(self) -> bool:
        return not any(st.text.strip() for st in self.statements)

    @property
    def text(self) -> str:
        return " ".join(st.text.strip() for st in self.statements if st.text.strip())

    @property
    def evidence(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e for st in self.statements for e in st.evidence))


@dataclass(frozen=True)
class Document:
    kind: DocumentKind
    fields: tuple[Field, ...]
    template: str  # the template's name: dokument_<template>.j2
    author: str = EXTRACTED  # "uttrekk", or the user name of the doctor who edited it

    @property
    def title(self) -> str:
        return TITLES[self.kind]

    def field(self, key: str) -> Field | None:
        return next((f for f in self.fields if f.key == key), None)

    def text_of(self, key: str) -> str:
        found = self.field(key)
        return found.text if found is not None else ""

    def empty_fields(self) -> tuple[str, ...]:
        """Keys of the fields the conversation did not cover (for the doctor to fill)."""
        return tuple(f.key for f in self.fields if f.empty)

    def statements(self) -> tuple[Statement, ...]:
        return tuple(st for f in self.fields for st in f.statements)

    def unacknowledged_flags(self) -> int:
        return sum(1 for st in self.statements() for f in st.flags if not f.acknowledged)

    def with_flags_acknowledged(self) -> Document:
        return replace(self, fields=tuple(
            replace(f, statements=tuple(
                replace(st, flags=tuple(replace(fl, acknowledged=True) for fl in st.flags))
                for st in f.statements)) for f in self.fields))

    def with_field_text(self, key: str, text: str, *, author: str) -> Document:
        """The doctor's text for field ``key``. A sentence left as it was keeps its evidence
        and flags; a new or changed one is the doctor's own (no evidence, no flags)."""
        old = {st.text.strip(): st for f in self.fields if f.key == key for st in f.statements}
        parts = [p for p in _sentences(text) if p]
        statements = tuple(old.get(p, Statement(p)) for p in parts)
        if self.field(key) is None:
            raise KeyError(key)
        return replace(self, author=author, fields=tuple(
            replace(f, statements=statements) if f.key == key else f for f in self.fields))


def _sentences(text: str) -> list[str]:
    from scribe.text.sentences import split_text

    return [p.strip() for line in text.splitlines() for p in split_text(line)]


def document_to_json(document: Document) -> str:
    return json.dumps({
        "kind": document.kind.value, "template": document.template, "author": document.author,
        "fields": [{"key": f.key, "label": f.label, "statements": [
            {"text": st.text, "evidence": list(st.evidence),
             "flags": [[fl.kind, fl.detail, fl.acknowledged] for fl in st.flags]}
            for st in f.statements]} for f in document.fields]}, ensure_ascii=False)


def document_from_json(text: str) -> Document:
    data = json.loads(text)
    return Document(
        kind=DocumentKind(data["kind"]), template=str(data["template"]),
        author=str(data["author"]),
        fields=tuple(Field(f["key"], f["label"], tuple(
            Statement(st["text"], tuple(st["evidence"]), tuple(Flag(*fl) for fl in st["flags"]))
            for st in f["statements"])) for f in data["fields"]))


def document_as_dict(document: Document) -> dict[str, object]:
    """The JSON-ready form ``scribe documents --json`` prints (with the empty fields named)."""
    data = json.loads(document_to_json(document))
    data["title"] = document.title
    data["empty_fields"] = list(document.empty_fields())
    return dict(data)
