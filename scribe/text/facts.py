"""Deterministic Norwegian detectors: procedures, samples, forms, sick notes, guidance.

Driven by ``data/takstregler.toml`` (trigger words and cue words, reviewable by a GP; the
takst engine reads which takster each item gives from the same file). Only the doctor's
sentences count: what the doctor says is done is what is billed. Each fact carries the
segment ids that say it, and for procedures whether it was done here, sent or only ordered.
Extraction runs them once per consultation and hands the facts to coding.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from scribe.domain import Fact, Speaker, Transcript
from scribe.errors import ReferenceDataError
from scribe.text.numbers import word_to_int
from scribe.text.sentences import Sentence, split_segments


def load_rules(path: Path | None = None) -> dict[str, Any]:
    """The trigger/mapping data; the packaged file unless ``path`` names another."""
    return dict(_load_rules(str(path) if path else ""))


@lru_cache(maxsize=4)
def _load_rules(path: str) -> dict[str, Any]:
    try:
        if path:
            return tomllib.loads(Path(path).read_text(encoding="utf-8"))
        text = resources.files("scribe.text").joinpath("data/takstregler.toml").read_text(
            encoding="utf-8")
        return tomllib.loads(text)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ReferenceDataError(f"Takstreglene (takstregler.toml) kan ikke leses: {exc}",
                                 "Rett filen, eller bruk den som følger med Scribe.") from None


def lowered(sentences: Iterable[Sentence],
            speakers: Iterable[str] = (Speaker.LEGE,)) -> list[Sentence]:
    """The sentences said by ``speakers``, lowercased (as triggers and cues are written)."""
    allowed = {str(s) for s in speakers}
    return [replace(s, text=s.text.lower()) for s in sentences if str(s.speaker) in allowed]


def _find(text: str, trigger: str) -> int:
    """Where ``trigger`` starts a word in ``text`` (-1 if not); a trailing space: whole word."""
    end = r"(?![a-zæøå0-9])" if trigger.endswith(" ") else ""
    m = re.search(r"(?<![a-zæøå0-9])" + re.escape(trigger.strip().lower()) + end, text)
    return m.start() if m else -1


def has_any(text: str, cues: Sequence[str]) -> bool:
    return any(_find(text, c) >= 0 for c in cues)


def _negated(text: str, pos: int, cues: dict[str, Any], after: int = 0) -> bool:
    """Negated in the five words before (or ``after`` words after), or said conditionally."""
    window = " ".join(text[:pos].split()[-5:] + text[pos:].split()[1:1 + after])
    return has_any(window, cues["negation"]) or has_any(text[:pos], cues["conditional"]) or (
        text.startswith(("hvis", "dersom")))


def _status(text: str, cues: dict[str, Any], always_sent: bool) -> str:
    if has_any(text, cues["earlier"]):
        return "earlier"
    if has_any(text, cues["ordered"]) and not has_any(text, ("i dag", "nå")):
        return "ordered"
    if always_sent or has_any(text, cues["sent"]):
        return "sent"
    return "done_here"


def _hits(sents: Sequence[Sentence], item: dict[str, Any], cues: dict[str, Any],
          after: int = 0) -> Iterator[tuple[Sentence, str]]:
    """Sentences where a trigger of ``item`` occurs, affirmed; with the trigger found."""
    for s in sents:
        if has_any(s.text, item.get("exclude", ())):
            continue
        for trig in item["triggers"]:
            pos = _find(s.text, trig)
            if pos >= 0 and not _negated(s.text, pos, cues, after):
                yield s, trig
                break


_RANK = {"done_here": 3, "sent": 3, "ordered": 1, "earlier": 0}


def detect_procedures(sentences: Sequence[Sentence], *,
                      rules: dict[str, Any] | None = None) -> list[Fact]:
    """Procedures and samples the doctor names, with done_here / sent / ordered."""
    rules = rules or load_rules()
    cues, sents = rules["cues"], lowered(sentences)
    facts: list[Fact] = []
    for item in rules.get("procedure", ()):
        found = [(s, _status(s.text, cues, bool(item.get("always_sent")))) for s, _ in
                 _hits(sents, item, cues)]
        if not found:
            continue
        status = max((st for _, st in found), key=lambda st: _RANK[st])
        evidence = tuple(dict.fromkeys(s.segment_id for s, st in found if st == status))
        facts.append(Fact(kind="procedure", name=item["id"], value=item["name"],
                          evidence=evidence, attrs=_attrs(status, item)))
    return facts


def _attrs(status: str, item: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    here = status in ("done_here", "sent")
    return (("status", status), ("done_here", str(here).lower()),
            ("ordered", str(status == "ordered").lower()),
            ("sent", str(status == "sent" and bool(item.get("sample"))).lower()),
            ("material", str(item.get("sample", "")) if here else ""))


def detect_questionnaires(sentences: Sequence[Sentence], *,
                          rules: dict[str, Any] | None = None) -> list[Fact]:
    """Forms and scores used in the consultation (PHQ-9, GAD-7, AUDIT …)."""
    rules = rules or load_rules()
    cues, sents = rules["cues"], lowered(sentences)
    facts: list[Fact] = []
    for item in rules.get("questionnaire", ()):
        found = [s for s, _ in _hits(sents, item, cues)
                 if _status(s.text, cues, False) in ("done_here", "sent")]
        if found:
            facts.append(Fact(kind="questionnaire", name=item["id"], value=item["name"],
                              evidence=tuple(dict.fromkeys(s.segment_id for s in found)),
                              attrs=(("billable", str(bool(item.get("billable"))).lower()),)))
    return facts


def detect_sick_leave(sentences: Sequence[Sentence], *,
                      rules: dict[str, Any] | None = None) -> list[Fact]:
    """A sick note issued (not one refused or only discussed), with days and grade if said."""
    rules = rules or load_rules()
    cues, conf = rules["cues"], rules["sick_leave"]
    # "Jeg sykmelder deg ikke": a verb's negation follows it.
    found = list(_hits(lowered(sentences), {"triggers": conf["issue"]}, cues, after=2))
    if not found:
        return []
    text = " ".join(s.text for s, _ in found)
    attrs = [("extended", str(has_any(text, conf["extended"])).lower())]
    days, grade = _days(text), _grade(text)
    if days:
        attrs.append(("days", str(days)))
    if grade:
        attrs.append(("grade_percent", str(grade)))
    return [Fact(kind="sick_leave", name="sykmelding", value=f"{days or ''}",
                 unit="dager" if days else "",
                 evidence=tuple(dict.fromkeys(s.segment_id for s, _ in found)), attrs=tuple(attrs))]


def _days(text: str) -> int | None:
    for m in re.finditer(r"(\w+) (dager|dag|døgn|uker|uke)\b", text):
        n = word_to_int(m.group(1))
        if n is not None:
            return n * 7 if m.group(2).startswith("uke") else n
    return None


def _grade(text: str) -> int | None:
    m = re.search(r"(\w+) ?(?:prosent|%)", text)
    if not m:
        return None
    return word_to_int(m.group(1))


def detect_guidance(sentences: Sequence[Sentence], *,
                    rules: dict[str, Any] | None = None) -> list[Fact]:
    """Structured guidance the table pays for (prevensjonsveiledning, første svangerskap …)."""
    rules = rules or load_rules()
    cues, sents = rules["cues"], lowered(sentences)
    facts: list[Fact] = []
    for item in rules.get("guidance", ()):
        hits: dict[str, str] = {}
        for s in sents:
            for trig in item["triggers"]:
                pos = _find(s.text, trig)
                if pos >= 0 and not _negated(s.text, pos, cues):
                    hits.setdefault(trig, s.segment_id)
        if len(hits) >= int(item.get("min_distinct", 1)):
            facts.append(Fact(kind="guidance", name=item["id"], value=item["name"],
                              evidence=tuple(dict.fromkeys(hits.values()))))
    return facts


def detect_all(sentences: Sequence[Sentence], *,
               rules: dict[str, Any] | None = None) -> list[Fact]:
    """Every fact the takst rules need, from the transcript's sentences (all speakers)."""
    rules = rules or load_rules()
    return [*detect_procedures(sentences, rules=rules),
            *detect_questionnaires(sentences, rules=rules),
            *detect_sick_leave(sentences, rules=rules), *detect_guidance(sentences, rules=rules)]


def detect_in(transcript: Transcript, *, rules: dict[str, Any] | None = None) -> list[Fact]:
    """:func:`detect_all` over a whole transcript, where there is no extraction to share."""
    return detect_all(split_segments(transcript.segments), rules=rules)
