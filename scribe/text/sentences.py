"""Transcript segments split into sentences, each keeping the id of its segment.

The one splitter: the note is written from these sentences, and the fact detectors and ICPC-2
retrieval read them too (lowercased).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from scribe.domain import Segment, Speaker

# A sentence ends at . ! ? or a pause ("...") followed by a capital letter or the end.
_BOUNDARY = re.compile(r"(?<=[.!?…])\s+(?=[A-ZÆØÅ0-9«\"(])|\s+(?:\.\.\.|…)\s+(?=[A-ZÆØÅ])")


@dataclass(frozen=True)
class Sentence:
    """One sentence of one segment. ``id`` is "<segment id>.<n>" and unique in a transcript."""

    id: str
    segment_id: str
    speaker: Speaker
    text: str
    index: int  # position in the whole transcript

    @property
    def is_question(self) -> bool:
        return self.text.rstrip().endswith("?")


# a condition said with the verb first, as Norwegian may instead of "hvis": "Får du
# brystsmerter under sex, ringer du 113", "Er den normal, fortsetter du som før" (a statement,
# not a question: the clause after the comma has its verb first too)
# (what follows the condition: the decision, its verb first, "…, fortsetter du som før")
THEN_CLAUSE = r",\s*(?:så\s+)?[a-zæøå]+\s+(?:du|han|hun|dere|vi|jeg|det|pas\.)\b"
_THEN_VERB_FIRST = THEN_CLAUSE + r"[^?]*$"
CONDITION_FIRST = re.compile(
    r"^(?:og\s+|så\s+)?(?:får|blir|kommer|er|har|kjenner|merker|skulle|virker|varer|går|ser|"
    r"hører|øker|begynner)\s+[\wæøå.-]+\b[^?,]*" + _THEN_VERB_FIRST, re.IGNORECASE)
# The doctor's question that opens the matter of the visit ("Hva kan jeg hjelpe deg med?",
# "Hvordan går det med deg?", "Hva bringer deg hit?"): what comes before it without a clinical
# word is greeting and chat, and the answer to it is the reason for the visit
OPENING_QUESTION = re.compile(
    r"\b(?:hva kan (?:jeg|vi) (?:hjelpe|gjøre for) (?:deg|dere)|hvordan går det(?: med deg| med "
    r"dere)?|hvordan har du det|hva bringer deg|hva gjelder det|hva kommer du for|hva er det "
    r"du kommer for)\b", re.IGNORECASE)
# the opening questions that are also how Norwegians greet ("Hvordan går det?" answered "Jo,
# bra, …"): asked again in the doctor's next turn, the first was the greeting
GREETING_QUESTION = re.compile(r"\bhvordan (?:går det|har du det)\b(?![^?]*\b(?:med|i)\s)",
                               re.IGNORECASE)
# the same with "hvis": "Hvis prøven er positiv, henviser jeg til barnelege"
IF_FIRST = re.compile(r"^(?:og\s+|så\s+)?(?:hvis|dersom)\s+[^?,]*" + _THEN_VERB_FIRST,
                      re.IGNORECASE)


# the nynorsk forms of the words the plan's rules read ("Då sjukmelder eg deg", "sjukehuset")
# in their bokmål form, as the note writes them
_NYNORSK = ((re.compile(r"\b([Ss])juke?meld"), r"\1ykmeld"),
            (re.compile(r"\b([Ss])jukehus"), r"\1ykehus"))


def bokmal_forms(text: str) -> str:
    """``text`` with the nynorsk words for sick leave and hospital in their bokmål form."""
    for pattern, repl in _NYNORSK:
        text = pattern.sub(repl, text)
    return text


def split_text(text: str) -> list[str]:
    parts = [p.strip(" .…") if p.strip() in {"...", "…"} else p.strip()
             for p in _BOUNDARY.split(bokmal_forms(text).strip())]
    return [p for p in parts if p and re.search(r"\w", p)]


def split_segments(segments: Iterable[Segment], start: int = 0) -> list[Sentence]:
    """Sentences of ``segments`` in order; ``start`` is the index of the first one."""
    out: list[Sentence] = []
    for seg in segments:
        for n, part in enumerate(split_text(seg.text), start=1):
            out.append(Sentence(f"{seg.id}.{n}", seg.id, seg.speaker, part, start + len(out)))
    return out


def segment_of(sentence_id: str) -> str:
    """The segment id a sentence id belongs to ("s0003.2" → "s0003")."""
    return sentence_id.rsplit(".", 1)[0] if "." in sentence_id else sentence_id
