"""Oppsummering til pasienten: what was found, what was agreed, how to take new medicines,
when to seek help and the follow-up, in the doctor's own words to the patient ("du"), made
plain: fillers out, abbreviations and Latin written out, no sentence over 20 words.

Only the doctor's statements of findings, assessment and plan are used, never small talk, a
question, the narration of an examination, or a sentence about a drug that was only discussed
or waits on a result.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from scribe.documents.decisions import names_drug_of, new_prescriptions, only_discussed
from scribe.documents.model import Field
from scribe.documents.plain import (
    MAX_WORDS,
    from_speech,
    lexicon,
    plain_words,
    short_sentences,
)
from scribe.documents.readability import words
from scribe.documents.written import for_patient
from scribe.domain import Fact, Speaker, Statement
from scribe.draft.conversation import small_talk_turns
from scribe.draft.lexicon import DrugLexicon
from scribe.draft.verify import hard_flags, verify_statement
from scribe.text.numbers import spoken_to_digits
from scribe.text.sentences import Sentence

if TYPE_CHECKING:
    from scribe.documents.drafting import Visit

FIELDS = (("funnet", "Dette fant vi"), ("avtalt", "Dette avtalte vi"),
          ("medisiner", "Nye medisiner"), ("kontakt", "Når du bør ta kontakt"),
          ("oppfolging", "Videre oppfølging"))
_USED_LABELS = frozenset({"Funn", "Vurdering", "Tiltak"})
# A doctor's sentence the note's labels left out is still the patient's when it explains or
# advises ("passer med", "det må vurderes", "du bør").
_EXPLAINS = re.compile(r"\b(?:passer med|tyder på|betyr|vurdering\w*|mener|diagnose\w*|"
                       r"må|bør|anbefal\w*|høyt|lavt|normal\w*|fin|fint|bra)\b", re.IGNORECASE)
_PLAN = re.compile(r"\b(?:må|skal|bør|anbefal\w*)\b", re.IGNORECASE)
_POLITE = re.compile(r"^(?:takk|tusen takk|hei|ha det|lykke til|bra|fint|flott|supert|ok|"
                     r"velkommen|kom inn)\b", re.IGNORECASE)
_NARRATION = re.compile(
    r"^(?:(?:da|nå|så|og)\s+)?(?:skal jeg|jeg skal|jeg kjenner|jeg lytter|jeg måler|"
    r"jeg ser (?:på|i|inn)|jeg tar|jeg trykker|la meg|kan du|pust|hold|legg deg|sett deg|"
    r"si fra|gap|se hit|følg)\b", re.IGNORECASE)
_SAFETY = re.compile(
    r"\b(?:hvis|dersom|om|ved)\b.*\b(?:ring\w*|kontakt\w*|legevakt\w*|113|kom(?:me)? tilbake|"
    r"oppsøk\w*|sykehus\w*)\b|\b(?:ring|kontakt)\w* (?:legevakt\w*|oss|meg|113)\b",
    re.IGNORECASE)
_FOLLOW = re.compile(
    r"\b(?:kontroll\w*|ny time|ses (?:igjen|om|på)|vi ses|om \d+ (?:uker?|dager|måneder|mnd)|"
    r"time (?:hos|om)|på nytt|henvis\w*|prøvesvar\w*|ringer deg|innkall\w*|neste gang)\b",
    re.IGNORECASE)
_NOT_DECIDED = frozenset({"discussed", "conditional"})
# Findings a patient reads about: measurements and tests, not the narration of an examination.
_PATIENT_FINDING = re.compile(
    r"\b(?:blodtrykk\w*|blodsukker\w*|langtidsblodsukker\w*|temperatur\w*|feber\w*|vekt\w*|"
    r"puls\w*|prøve\w*|test\w*|urin\w*|kolesterol\w*|oksygen\w*|metning\w*|\d+)",
    re.IGNORECASE)
# Said to someone else (a phone call about the patient) or only pointing at what is said
# elsewhere ("Jeg skriver resept på det": the medicine line says it).
_ELSEWHERE = re.compile(r"\bdet er (?:doktor|lege|legen)\b|^(?:han|hun)\s|\bpasienten\b",
                        re.IGNORECASE)
_POINTER = re.compile(r"^(?:jeg\s+)?skriver\s+(?:ut\s+)?(?:en\s+)?resept\s+på\s+(?:det|den|dem)"
                      r"\W*$", re.IGNORECASE)
_BACK_REFERENCE = re.compile(r"^(?:det|den|dette|de|dem|sånn)\b", re.IGNORECASE)


def build(visit: Visit, lexicon_: DrugLexicon) -> list[Field]:
    ex = visit.extraction
    facts = ex.facts.facts
    quiet = small_talk_turns(ex.sentences)
    undecided = {f.attr("sentence") for f in facts
                 if f.kind == "drug" and f.attr("status") in _NOT_DECIDED}
    discussed = only_discussed(facts, ex.sentences)
    new = new_prescriptions(facts)
    prescribing = {f.attr("sentence") for f in new}
    buckets: dict[str, list[Statement]] = {key: [] for key, _ in FIELDS}
    buckets["medisiner"] = medicine_lines(new, ex.sentences)
    elsewhere = {s.segment_id for s in ex.sentences if _ELSEWHERE.search(s.text)
                 and s.speaker == Speaker.LEGE and not _ELSEWHERE.match(s.text)}
    for i, s in enumerate(ex.sentences):
        label = ex.label(s.id)
        if s.segment_id in elsewhere:
            continue
        if not _usable(s, label, quiet, undecided | prescribing) \
                or names_drug_of(s.text, discussed, lexicon_) \
                or (label == "Funn" and not _PATIENT_FINDING.search(s.text)) \
                or _answers_unseen_question(ex.sentences, i):
            continue
        text = for_patient(from_speech(s.text))
        if not text or _latin(text):
            continue
        key = _bucket(s, text, ex.label(s.id), lexicon_, {f.name for f in new})
        for part in short_sentences(text):
            # a part cut from a longer sentence may open as speech again ("…, så vi
            # anbefaler"); "Da …" after "Det kan skje at …" points back to it and stays
            part = part if part.startswith("Da ") else for_patient(part)
            if part and len(words(part)) <= MAX_WORDS and not _seen(part, buckets) \
                    and (key in _KEEP_FLAGGED or supported(part, s, visit, lexicon_)):
                buckets[key].append(Statement(part, (s.segment_id,)))
    return [Field(key, label, tuple(buckets[key])) for key, label in FIELDS]


# What to do and when to come back is kept even when the verifier flags its wording: the
# doctor sees the flag; everywhere else a rewrite the source no longer supports is left out
# (the note keeps what was said).
_KEEP_FLAGGED = frozenset({"medisiner", "kontakt", "oppfolging"})


def supported(text: str, s: Sentence, visit: Visit, drugs: DrugLexicon) -> bool:
    """``text`` (rewritten from ``s``) is no less supported by ``s`` than ``s`` itself."""
    segments = visit.transcript.by_id()
    if s.segment_id not in segments:
        return True
    new = {f.kind for f in hard_flags(verify_statement(Statement(text, (s.segment_id,)),
                                                       segments, lexicon=drugs))}
    old = {f.kind for f in hard_flags(verify_statement(Statement(s.text, (s.segment_id,)),
                                                       segments, lexicon=drugs))}
    return new <= old


def _usable(s: Sentence, label: str, quiet: set[str], skip: set[str]) -> bool:
    relevant = label in _USED_LABELS or bool(_EXPLAINS.search(s.text))
    return (s.speaker == Speaker.LEGE and not s.is_question and relevant
            and not _POLITE.search(s.text) and s.segment_id not in quiet and s.id not in skip
            and not _NARRATION.search(s.text) and not _ELSEWHERE.search(s.text)
            and not _POINTER.search(s.text) and len(words(s.text)) >= 3)


def _answers_unseen_question(sentences: Sequence[Sentence], i: int) -> bool:
    """The doctor's first words after a patient's question, pointing back at it ("Det kan
    bli aktuelt senere"): without the question the patient would not know what "det" is."""
    s = sentences[i]
    prev = sentences[i - 1] if i > 0 else None
    return (prev is not None and prev.speaker != Speaker.LEGE and prev.is_question
            and s.segment_id != prev.segment_id and bool(_BACK_REFERENCE.search(s.text)))


def _latin(text: str) -> bool:
    latin = lexicon().latin_words
    return any(w.lower() in latin for w in re.findall(r"[\wæøåÆØÅ-]+", text))


def _bucket(s: Sentence, text: str, label: str, drugs: DrugLexicon, new: set[str]) -> str:
    if _SAFETY.search(text):
        return "kontakt"
    if _FOLLOW.search(text):
        return "oppfolging"
    if any((m.entry.substance or m.entry.name) in new for m in drugs.find(s.text)):
        return "medisiner"
    if label in ("Funn", "Vurdering"):
        return "funnet"
    return "avtalt" if label == "Tiltak" or _PLAN.search(text) else "funnet"


def _seen(text: str, buckets: dict[str, list[Statement]]) -> bool:
    return any(st.text == text for sts in buckets.values() for st in sts)


# How to take a medicine and for how long, as said in the sentence that prescribes it.
_HOW = re.compile(
    r"\b(?:\d+|én|en|ett|to|tre|fire)\s+(?:ganger?|gang)\s+(?:daglig|om dagen|i døgnet|per døgn)|"
    r"\bmorgen og kveld\b|\bom (?:morgenen|kvelden)\b|\bhver dag\b|\bdaglig\b|\bved behov\b|"
    r"\b(?:sammen med|til) mat(?:en)?\b|\bpå tom mage\b|"
    r"\bi (?:inntil )?(?:\d+|én|en|ett|to|tre|fire|fem|sju|ti)\s+(?:dager|døgn|uker?|måneder?)\b",
    re.IGNORECASE)


_OFTEN = re.compile(r"ganger?|gang|morgen og kveld|om morgenen|om kvelden|hver dag|daglig|"
                    r"ved behov", re.IGNORECASE)


def _how(sentence: str, name: str) -> list[str]:
    """How to take the drug ``name`` and for how long, said after its name: one frequency
    (the first; a later one belongs to another drug), what to take it with, the length."""
    at = sentence.lower().find(name.lower())
    found = [m.group(0) for m in _HOW.finditer(sentence[max(at, 0):])]
    often = [h for h in found if _OFTEN.search(h) and not h.lower().startswith("i ")]
    return [h for h in found if h not in often[1:]]


def medicine_lines(prescribed: list[Fact], sentences: Sequence[Sentence] = ()
                   ) -> list[Statement]:
    """One plain line per medicine prescribed today: name, strength, how to take it and for
    how long, as said in the sentence that prescribes it."""
    said = {s.id: spoken_to_digits(s.text) for s in sentences}
    lines = []
    for f in prescribed:
        name = f.value[:1].upper() + f.value[1:]
        how = _how(said.get(f.attr("sentence"), ""), f.value)
        dosing = f.attr("dosing")  # gathered from the whole prescribing turn, conditions too
        if dosing:
            how = [dosing] + [h for h in how if h.lower() not in dosing.lower()]
        parts = [p for p in (f.attr("strength"), *dict.fromkeys(h.lower() for h in how)) if p]
        text = plain_words(f"Ny medisin: {name}" + (f", {', '.join(parts)}" if parts else ""))
        # a ventresept's condition is a sentence of its own ("Ventresept: hentes hvis …")
        head, waits, wait = text.rstrip(".").partition(", ventresept")
        said_as = [head + "."] + ([f"Ventresept{wait}.".replace("Ventresept, ", "Ventresept: ")]
                                  if waits else [])
        lines.append(Statement(" ".join(p for s in said_as for p in short_sentences(s)),
                               f.evidence))
    return lines
