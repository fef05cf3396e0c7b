"""What the GP gets, in figures: length and spoken-language residue of a note (issue 14).

``note_stats`` measures the four free-text sections of a draft: how many words, what share of
the words spoken that is, how long against a reference note, and how many questions, personal
pronouns and fillers were left in. ``summarise_stats`` gives the medians and sums over cases.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from statistics import median

from scribe.domain import Draft

NOTE_SECTIONS = ("Anamnese", "Funn", "Vurdering", "Tiltak")
# jeg/du/vi … as a whole word; "min" right after a number is minutes, not a pronoun
_PRONOUN = re.compile(
    r"(?<![\wæøå])(?:jeg|du|vi|meg|deg|oss|din|ditt|dine|mitt|mine"
    r"|(?<!\d )(?<!\d)min)(?![\wæøå])", re.IGNORECASE)
# (and "mm" right after a number is millimetres, not a filler)
_FILLER = re.compile(
    r"(?<![\wæøå])(?:eh+|ehm+|e+hm|øh+|øhm+|hm+|(?<!\d )(?<!\d)mm+|mhm|altså|asså|liksom|ok|"
    r"okei|typ)(?![\wæøå])", re.IGNORECASE)
_QUESTION = re.compile(r"\?(?=\s|$)")
_WORD = re.compile(r"[\wæøåÆØÅ]+(?:[.,/:-][\wæøåÆØÅ]+)*")
COUNTS = ("note_words", "questions", "pronouns", "fillers")
MEDIANS = ("share_of_spoken", "ratio_to_reference")


def words(text: str) -> int:
    return len(_WORD.findall(text))


def note_text(draft: Draft) -> str:
    """The four free-text sections, one statement after the other."""
    return " ".join(st.text for sec in draft.sections if sec.name in NOTE_SECTIONS
                    for st in sec.statements)


def pronouns(text: str) -> int:
    return len(_PRONOUN.findall(text))


def fillers(text: str) -> int:
    return len(_FILLER.findall(text))


def questions(text: str) -> int:
    return len(_QUESTION.findall(text))


def note_stats(note: str, *, spoken: Iterable[str],
               reference: Mapping[str, str] | None = None) -> dict[str, float]:
    """Figures for one note (the text of its four sections) against what was said and, when
    there is one, a reference note."""
    n = words(note)
    out: dict[str, float] = {"note_words": float(n), "questions": float(questions(note)),
                             "pronouns": float(pronouns(note)), "fillers": float(fillers(note))}
    said = sum(words(t) for t in spoken)
    if said:
        out["share_of_spoken"] = round(n / said, 4)
    ref = sum(words(reference.get(k, "")) for k in NOTE_SECTIONS) if reference else 0
    if ref:
        out["ratio_to_reference"] = round(n / ref, 4)
    return out


def summarise_stats(per_case: Sequence[Mapping[str, float]]) -> dict[str, float]:
    """Sums of the counts, medians of the shares and ratios (cases without a figure skipped),
    and the median note length."""
    out: dict[str, float] = {}
    for key in COUNTS:
        out[key] = float(sum(c.get(key, 0.0) for c in per_case))
    if per_case:
        out["median_note_words"] = float(median(c.get("note_words", 0.0) for c in per_case))
    for key in MEDIANS:
        values = [c[key] for c in per_case if key in c]
        if values:
            out[key] = round(float(median(values)), 4)
    return out
