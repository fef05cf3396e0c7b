"""Drug mentions with strength, dosing and what was decided: prescribed, discussed, current.

The eval's must-not list targets exactly the difference between a drug that was prescribed
and one that was only discussed ("vi kan vurdere …", "du har brukt …"), so the status comes
from the words closest before the mention in the same sentence, then from the sentence and
the speaker.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from scribe.domain import Fact, Speaker
from scribe.draft.lexicon import DrugLexicon, DrugMention
from scribe.text.numbers import spoken_to_digits
from scribe.text.sentences import Sentence

STRENGTH = re.compile(r"(\d+(?:,\d+)?)\s*(mg|g|mikrogram|µg|ml|mg/ml|ie|%)(?![\w])",
                      re.IGNORECASE)
_DOSING = re.compile(
    r"(?:\d+|én|en|ett|to|tre|fire)\s+(?:ganger?|gang)\s+(?:daglig|om dagen|i døgnet|"
    r"per døgn|om morgenen|om kvelden)|ved behov|x\s*\d|hver dag|daglig|om morgenen|"
    r"om kvelden|i \d+ dager|i inntil \d+ (?:dager|uke|uker)|maks\w* [^.,]{1,30}",
    re.IGNORECASE)

# Ordered: the first cue class whose nearest occurrence is closest before the drug wins.
_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("discussed", re.compile(
        r"vurdere|kan bli aktuelt|ikke (?:starte|starter|begynne|nå)|starter vi ikke|"
        r"fraråd|ikke bruke|senere|neste gang|hvis ikke|i stedet for|alternativ|"
        r"spørre om|tenkte å|har noen|fikk\b|for eksempel|ikke aktuelt|naboen|venninne|"
        r"kjæresten|kan ikke jeg", re.I)),
    ("current", re.compile(
        r"fortsett\w*|uendret|som før|bruker|har brukt|har tatt|tar jeg|tatt|står på|"
        r"har hatt", re.I)),
    ("prescribed", re.compile(
        r"resept|ventresept|skriver ut|forskriv|starter (?:vi |du )?(?:med|opp)|"
        r"begynne med|begynner med|legger til|legge til|du får|skal få|får du|"
        r"går (?:du )?opp til|øker|trapper|bytter til", re.I)),
    ("advised", re.compile(r"kan ta|kan bruke|kan kjøpe|kombinere|anbefal|ta\b", re.I)),
)
# "hvis prøven er positiv, starter vi med …": a plan that waits on a result, not a prescription
# (a delayed prescription, "ventresept", is one: it is written today)
_CONDITION = re.compile(r"(?:^|[\s,])(?:hvis|dersom|om (?:prøven|testen|svaret|dyrkingen))\b",
                        re.IGNORECASE)
_PRESCRIBE_SENTENCE = re.compile(r"resept|skriver (?:ut )?(?:det|den|på)", re.IGNORECASE)


# A prescription told as history ("fikk resept … fra legevakten i fjor") is not one made today.
_HISTORY = re.compile(
    r"\b(?:fikk|har fått|hadde|i fjor|tidligere|forrige|sist gang|fra legevakten|"
    r"på sykehuset|den gangen|for \w+ (?:år|måneder|uker|dager) siden)\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[.;!?]|,? men\b", re.IGNORECASE)


def _status_before(text: str, start: int, speaker: Speaker) -> str:
    status = _cue_status(text, start, speaker)
    if status == "prescribed" and _CONDITION.search(text[:start]) and "ventresept" not in (
            text.lower()):
        return "conditional"
    if status == "prescribed" and _told_as_history(text, start):
        return "current"
    if status == "prescribed" and speaker != Speaker.LEGE:
        return "discussed"  # only the doctor prescribes; a patient's words are not an order
    return status


def _told_as_history(text: str, start: int) -> bool:
    """The clause holding the mention at ``start`` tells of an earlier visit."""
    ends = [m.end() for m in _CLAUSE_END.finditer(text, 0, start)]
    after = _CLAUSE_END.search(text, start)
    return bool(_HISTORY.search(text[ends[-1] if ends else 0: after.start() if after else None]))


def _cue_status(text: str, start: int, speaker: Speaker) -> str:
    if speaker != Speaker.LEGE and text.rstrip().endswith("?"):
        return "discussed"  # the patient asks for it; the doctor's answer decides
    best, best_pos = "", -1
    for status, cue in _CUES:
        for m in cue.finditer(text[:start]):
            if m.start() > best_pos:
                best, best_pos = status, m.start()
    if best:
        return best
    after = text[start:]
    for status, cue in _CUES:
        if cue.search(after):
            return status
    return "current" if speaker != Speaker.LEGE else "mentioned"


def _strength_after(text: str, mention: DrugMention) -> str:
    window = text[mention.end:mention.end + 45]
    other = re.search(r"\b[A-ZÆØÅ][a-zæøå]{3,}", window)  # stop at the next name
    m = STRENGTH.search(window[: other.start()] if other else window)
    return f"{m.group(1)} {m.group(2).lower()}" if m else ""


def extract_drugs(sentences: Sequence[Sentence], lexicon: DrugLexicon) -> list[Fact]:
    """One fact per mention; a later "Jeg skriver resept på det" prescribes the last one."""
    facts: list[Fact] = []
    pending = ""  # a segment where "ventresept på penicillin" came before the drug's name
    for i, s in enumerate(sentences):
        text = spoken_to_digits(s.text)
        mentions = lexicon.find(text)
        for mention in mentions:
            status = _status_before(text, mention.start, s.speaker)
            if pending == s.segment_id and status == "mentioned":
                status, pending = "prescribed", ""
            facts.append(_drug_fact(s, text, mention, status, _next_text(sentences, i)))
        if not mentions and s.speaker == Speaker.LEGE and _PRESCRIBE_SENTENCE.search(text):
            before = len([f for f in facts if f.attr("status") == "prescribed"])
            facts = _prescribe_last(facts, s)
            if len([f for f in facts if f.attr("status") == "prescribed"]) == before:
                pending = s.segment_id
    return facts


def _next_text(sentences: Sequence[Sentence], i: int) -> str:
    nxt = sentences[i + 1] if i + 1 < len(sentences) else None
    if nxt is None or nxt.segment_id != sentences[i].segment_id:
        return ""
    return spoken_to_digits(nxt.text)


def _drug_fact(s: Sentence, text: str, mention: DrugMention, status: str, nxt: str) -> Fact:
    dosing = _DOSING.search(text[mention.end:])
    strength = _strength_after(text, mention)
    if not strength and status == "prescribed" and (m := STRENGTH.search(nxt)):
        strength = f"{m.group(1)} {m.group(2).lower()}"
    return Fact(
        "drug", mention.entry.substance or mention.entry.name, mention.surface, "",
        (s.segment_id,),
        (("sentence", s.id), ("status", status), ("strength", strength),
         ("dosing", dosing.group(0) if dosing else ""), ("speaker", str(s.speaker)),
         ("lexicon", mention.entry.name), ("vaccine", "ja" if mention.entry.vaccine else "")),
    )


def _prescribe_last(facts: list[Fact], s: Sentence) -> list[Fact]:
    for i in range(len(facts) - 1, -1, -1):
        f = facts[i]
        if f.evidence[0] != s.segment_id:
            break
        if f.attr("status") in {"advised", "mentioned", "prescribed"}:
            attrs = tuple((k, "prescribed" if k == "status" else v) for k, v in f.attrs)
            facts[i] = Fact(f.kind, f.name, f.value, f.unit,
                            (*f.evidence, s.segment_id) if s.segment_id not in f.evidence
                            else f.evidence, attrs)
            break
    return facts


def prescriptions(facts: Sequence[Fact]) -> list[Fact]:
    """The prescribed drugs, one per substance, with the mention that has a strength first."""
    chosen: dict[str, Fact] = {}
    for f in facts:
        if f.kind != "drug" or f.attr("status") != "prescribed" or f.attr("vaccine"):
            continue  # a vaccine given here is a procedure, not a prescription
        if f.name not in chosen or (f.attr("strength") and not chosen[f.name].attr("strength")):
            chosen[f.name] = f
    return list(chosen.values())


def not_prescribed(facts: Sequence[Fact]) -> set[str]:
    """Drug names (as said, lowercased) mentioned but never prescribed."""
    given = {f.name for f in prescriptions(facts)}
    return {f.value.lower() for f in facts if f.kind == "drug" and f.name not in given}
