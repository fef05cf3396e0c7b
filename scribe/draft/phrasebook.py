"""The phrasebook: the word lists the rewriting rules read, from ``data/phrasebook.toml``.

Loaded once. Every list is lowercase and matched as whole words; :func:`alternation` turns a
list into a regular expression that tries the longest phrase first, and a "*" in a phrase
stands for a person (jeg, du, han, hun, pas.).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from scribe.errors import ReferenceDataError

PERSON = r"(?:jeg|du|han|hun|hen|pas\.|vi|man|pasienten)"
_W = r"[\wæøåÆØÅ]"


@dataclass(frozen=True)
class Topic:
    """A yes/no question topic GPs write in a set form (smoking, allergy …)."""

    name: str
    cues: tuple[str, ...]
    yes: str
    no: str
    former: str = ""
    exclude: tuple[str, ...] = ()
    no_against: str = ""
    yes_bare: str = ""
    former_cues: tuple[str, ...] = ()
    never: str = ""  # a no said "aldri": never, which the note tells from having stopped
    # the cues name one matter however many ways the question puts it ("tanker om at livet
    # ikke er verdt å leve, eller om å ta livet ditt" asks one thing, not a list)
    whole: bool = False


@dataclass(frozen=True)
class OpenKind:
    """An open question whose answer the note writes after a label ("Varighet {}")."""

    cues: tuple[str, ...]
    label: str
    none: str = ""


@dataclass(frozen=True)
class ValueName:
    """A measured value: its spoken names and how the note writes it (BT, T, SpO2 …)."""

    names: tuple[str, ...]
    abbr: str
    kind: str = ""
    unit: str = ""


@dataclass(frozen=True)
class Phrasebook:
    raw: Mapping[str, Any]
    topics: tuple[Topic, ...]
    open_kinds: tuple[OpenKind, ...]
    values: tuple[ValueName, ...]

    def words(self, section: str, key: str) -> tuple[str, ...]:
        """A list from ``[section] key = [...]`` ("fillers", "anywhere")."""
        node: Any = self.raw
        for part in section.split("."):
            node = node[part]
        return tuple(str(w) for w in node[key])

    def table(self, section: str) -> dict[str, str]:
        """A ``[section]`` of ``"spoken" = "written"`` pairs (string values only)."""
        node: Any = self.raw
        for part in section.split("."):
            node = node[part]
        return {str(k): str(v) for k, v in node.items() if isinstance(v, str)}


def alternation(phrases: Iterable[str]) -> str:
    """A regex group matching any of ``phrases`` as whole words, longest first.

    Spaces in a phrase match any run of spaces (and an optional comma before them); "*"
    matches a person.
    """
    parts = []
    for p in sorted(set(phrases), key=len, reverse=True):
        words = [PERSON if w == "*" else re.escape(w) for w in p.split()]
        parts.append(r",?\s+".join(words))
    return rf"(?<!{_W})(?:{'|'.join(parts)})(?!{_W})"


def compile_words(phrases: Iterable[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    return re.compile(alternation(phrases), flags)


def lookup(table: Mapping[str, str], found: str) -> str | None:
    """The value of the ``table`` key that ``found`` is (keys may hold "*" for a person)."""
    said = re.sub(r",?\s+", " ", found.strip().lower())
    for key, value in table.items():
        if re.fullmatch(alternation([key.lower()]), said, re.IGNORECASE):
            return value
    return None


@lru_cache(maxsize=1)
def phrasebook() -> Phrasebook:
    """The packaged phrasebook, parsed once."""
    try:
        text = resources.files("scribe.draft").joinpath("data/phrasebook.toml").read_text(
            encoding="utf-8")
        raw = tomllib.loads(text)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ReferenceDataError(f"Ordlisten for journalspråk (phrasebook.toml) kan ikke "
                                 f"leses: {exc}", "Installer Scribe på nytt.") from None
    return Phrasebook(
        raw=raw,
        topics=tuple(_topic(t) for t in raw.get("topic", [])),
        open_kinds=tuple(OpenKind(tuple(o["cues"]), o["label"], o.get("none", ""))
                         for o in raw.get("open", [])),
        values=tuple(ValueName(tuple(v["names"]), v["abbr"], v.get("kind", ""),
                               v.get("unit", "")) for v in raw.get("value", [])),
    )


def _topic(t: Mapping[str, Any]) -> Topic:
    return Topic(name=t["name"], cues=tuple(t["cues"]), yes=t["yes"], no=t["no"],
                 former=t.get("former", ""), exclude=tuple(t.get("exclude", ())),
                 no_against=t.get("no_against", ""), yes_bare=t.get("yes_bare", ""),
                 former_cues=tuple(t.get("former_cues", ())), whole=bool(t.get("whole")),
                 never=t.get("never", ""))
