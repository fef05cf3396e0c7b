"""A questionnaire, score or quick test and its result, said apart, as one finding.

Doctors name a form or test in one sentence and read its result in a later one: "Da har vi
PHQ-9-skjemaet du fylte ut ... Det blir fjorten poeng." → "PHQ-9 14 poeng"; "Jeg tar en strep
A-test." — "Sånn ... Den er positiv." → "Strep A positiv". The result is folded into the
score or test named last before it, in the same doctor turn or the doctor's turn before.

Nothing is invented: the number is the one said (the last one, when the doctor corrects
himself), it must fit the form's range, and a result of the wrong kind (a number for a test
read as positive or negative, or the other way round) folds into nothing.

The scores are the ``[[score]]`` entries of ``data/phrasebook.toml``, the tests read as
positive or negative its ``[[qualitative]]`` entries.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from scribe.domain import Speaker
from scribe.draft.corrections import take_back_text
from scribe.draft.phrasebook import alternation, phrasebook
from scribe.text.numbers import NUMBER_WORD, word_to_int
from scribe.text.sentences import Sentence

_W = r"[\wæøåÆØÅ]"
_NUM = rf"(?<!{_W})(?:\d{{1,3}}|{NUMBER_WORD})(?!{_W}|[,.]\d)"
_SINGLE = {"en", "ett", "ei", "én"}  # an article far more often than a score of one
# what may stand after a result number: the end of the clause, never a unit of time or dose
_END = r"(?=\s*(?:$|[.!,;…]|\.\.\.|og\b|nå\b|i dag\b|totalt\b|til sammen\b|det\b))"
_SUBJECT = (r"(?:den|det|du|scoren|skåren|summen|resultatet|totalen|totalskåren|poengsummen|"
            r"svaret|testen|prøven|hun|han)")
_VERB = r"(?:er|ble|blir|var|har|fikk|får|ga|gir|viser|landet på|ender på|havner på)"
_POINTS = re.compile(rf"(?P<n>{_NUM})\s+(?:poeng|p)\b", re.IGNORECASE)
_OUT_OF = re.compile(rf"(?P<n>{_NUM})\s+av\s+(?P<of>{_NUM})(?!\s*{_W})", re.IGNORECASE)
_SAID = re.compile(rf"\b{_SUBJECT}\s+(?:\w+\s+)?{_VERB}\s+(?:på\s+)?(?P<n>{_NUM}){_END}",
                   re.IGNORECASE)
# right after the name: "CAT-score 18", "IPSS er nitten", "MMSE: 26 av 30"
_NEXT = re.compile(rf"^[\s:,-]*(?:(?:er|ble|blir|var|på|viser|ga|gir|lik|totalt)\s+){{0,2}}"
                   rf"(?P<n>{_NUM}){_END}", re.IGNORECASE)
_QUAL = re.compile(rf"\b{_SUBJECT}\s+(?:\w+\s+)?(?:er|ble|var|viser|viste)\s+(?:\w+\s+)?"
                   r"(?P<res>negativ|positiv)(?!\w)", re.IGNORECASE)
# naming a form or test only to say it is done: narration once its result is folded in
_NARRATION = re.compile(r"^(?!.*\d)(?=.*\b(?:fyll\w*|skjema\w*|tar\s+(?:en|et)|ta\s+(?:en|et)|"
                        r"gjøre\s+(?:en|et)|gjør\s+(?:en|et))\b)", re.IGNORECASE)
# any other value named clears what waits for a result ("PHQ-9 ... CRP-en er 12")
_OTHER = re.compile(r"\b(?:crp\w*|hb|hemoglobin\w*|hba1c|blodtrykk\w*|puls\w*|metning\w*|"
                    r"temperatur\w*|tempen|ekg\w*|blodsukker\w*|urin\w*|\w+prøve\w*)\b",
                    re.IGNORECASE)


@dataclass(frozen=True)
class _Named:
    abbr: str
    pattern: re.Pattern[str]
    most: int = 0  # 0: read as positive or negative, not as a number
    unit: str = ""


@dataclass(frozen=True)
class Fold:
    """A result folded into the score or test named before it."""

    sentence_id: str  # the sentence that says the result
    written: str  # as the note writes it ("PHQ-9 14 poeng", "Strep A positiv")
    evidence: tuple[str, ...]  # the segment naming it, then the one with the result
    rest: str  # what the result sentence says besides the result ("" when nothing)
    narration: str = ""  # the sentence naming it, when it only says the form or test is done


@lru_cache(maxsize=1)
def _names() -> tuple[_Named, ...]:
    raw = phrasebook().raw
    out = [_Named(str(s["abbr"]), re.compile(alternation(s["names"]), re.IGNORECASE),
                  int(s["most"]), str(s.get("unit", "")))
           for s in raw.get("score", [])]
    out += [_Named(str(q["abbr"]), re.compile(alternation(q["names"]), re.IGNORECASE))
            for q in raw.get("qualitative", [])]
    return tuple(out)


def _named(text: str) -> tuple[_Named, re.Match[str]] | None:
    """The score or test named last in ``text``."""
    hits = [(m.start(), n, m) for n in _names() for m in n.pattern.finditer(text)]
    if not hits:
        return None
    _, named, m = max(hits, key=lambda h: (h[0], h[2].end()))
    return named, m


def _number(word: str, most: int) -> int | None:
    if word.lower() in _SINGLE:
        return None
    n = word_to_int(word)
    return n if n is not None and 0 <= n <= most else None


def _result(named: _Named, text: str) -> tuple[str, tuple[int, int]] | None:
    """The result of ``named`` in ``text`` as written, and where it was said; the last one
    said stands."""
    if not named.most:
        found = list(_QUAL.finditer(text))
        if not found:
            return None
        m = found[-1]
        return f"{named.abbr} {m.group('res').lower()}", m.span()
    best: tuple[int, str, tuple[int, int]] | None = None
    for rx in (_POINTS, _OUT_OF, _SAID, _NEXT):
        for m in rx.finditer(text):
            n = _number(m.group("n"), named.most)
            of = _number(m.group("of"), 99) if "of" in m.groupdict() else None
            if n is None or ("of" in m.groupdict() and of != named.most):
                continue
            if best is None or m.start() >= best[0]:
                shown = f"{n}/{of}" if of else f"{n}"
                unit = f" {named.unit}" if named.unit and not of else ""
                best = (m.start(), f"{named.abbr} {shown}{unit}", m.span())
    return (best[1], best[2]) if best else None


def _rest(text: str, span: tuple[int, int]) -> str:
    lead = re.search(rf"(?:\b{_SUBJECT}\s+)?(?:\b{_VERB}\s+)?$", text[:span[0]], re.IGNORECASE)
    start = lead.start() if lead else span[0]
    rest = re.sub(r"\s+([,.])", r"\1", text[:start] + text[span[1]:]).strip(" ,.…")
    rest = re.sub(r"^(?:(?:sånn|takk|ja|ok|da|så|og|nei|vent|\.\.\.|…)\b[,.!\s]*)+", "", rest,
                  flags=re.IGNORECASE)
    words = [w for w in re.findall(r"[a-zæøå]{3,}", rest, re.IGNORECASE)
             if not re.fullmatch(rf"{_SUBJECT}|{_VERB}|poeng|totalt|sammen|talte|feil|jeg",
                                 w, re.IGNORECASE)]
    return rest if words else ""


def fold_scores(sentences: Sequence[Sentence]) -> dict[str, Fold]:
    """Sentence id → the fold of the result it says into the score or test named before it
    (in its own doctor turn or the doctor's turn before)."""
    out: dict[str, Fold] = {}
    waiting: tuple[_Named, str, str] | None = None  # named, no result yet; segment, sentence
    turns: list[str] = []  # the doctor's turns so far, in order
    for s in sentences:
        if s.speaker != Speaker.LEGE:
            continue
        if (not turns or turns[-1] != s.segment_id) and len(s.text.split()) > 3:
            turns.append(s.segment_id)  # a bare "Takk." while the form is filled in is none
            if waiting and waiting[1] not in turns[-2:]:
                waiting = None
        if s.is_question:
            continue
        text = take_back_text(s.text)
        named = _named(s.text)
        if named is not None:
            text = s.text[named[1].end():]
            found = _result(named[0], take_back_text(text))
            if found is None:
                unnamed = s.text[:named[1].start()] + s.text[named[1].end():]
                waiting = (named[0], s.segment_id, s.id if _NARRATION.search(unnamed) else "")
                continue
            waiting = None
            if named[0].most:  # a quick test read out with its name is a value already
                start = named[1].start()
                out[s.id] = Fold(s.id, found[0], (s.segment_id,),
                                 _rest(s.text[:start], (start, start)))
            continue
        if waiting is None or _OTHER.search(text):
            waiting = None
            continue
        found = _result(waiting[0], text)
        if found is not None:
            evidence = tuple(dict.fromkeys((waiting[1], s.segment_id)))
            out[s.id] = Fold(s.id, found[0], evidence, _rest(text, found[1]), waiting[2])
            waiting = None
    return out
