"""What the doctor decided in this visit that a document follows from: a referral made, sick
leave given, medicines prescribed. Read from the same sentences and facts as the note.

Only the doctor's own, unconditional decisions of this visit count: a patient's request, a
question, a referral or sick note told as history ("du har vært sykmeldt", "ble henvist i
fjor"), refused ("trenger ikke henvisning") or only considered ("hvis det ikke blir bedre, kan
vi vurdere …") gives no document.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from scribe.domain import Fact, Speaker
from scribe.draft.drugs import prescriptions
from scribe.draft.extract import extract_sick_leave
from scribe.draft.lexicon import DrugLexicon
from scribe.text.numbers import spoken_to_digits
from scribe.text.sentences import Sentence

_REFERRAL = re.compile(
    r"\bhenvis\w*|\binnlegg\w*|\blegge[rs]? (?:deg|han|henne|ham) inn\b|"
    r"\bsender (?:deg|han|henne|ham) (?:til|inn|videre)\b|\bmå (?:inn )?på sykehus\w*",
    re.IGNORECASE)
_ADMISSION = re.compile(r"\binnlegg\w*|\blegge[rs]? \w+ inn\b|\bpå sykehus\w*|\bambulanse\w*",
                        re.IGNORECASE)
_REFUSED = re.compile(r"\b(?:ikke|ingen|unødvendig|ikke nødvendig)\b", re.IGNORECASE)
_HISTORY = re.compile(r"\b(?:ble|har vært|var|forrige|sist|tidligere|i fjor|den gangen)\b",
                      re.IGNORECASE)
_CONDITIONAL = re.compile(r"^(?:hvis|dersom|om)\b|\b(?:hvis|dersom)\b|\bvurdere\b|"
                          r"\bkan bli aktuelt\b|\bkanskje\b|\better hvert\b", re.IGNORECASE)
_PLACE = (r"[\wæøå-]*(?:lege|legen|poliklinikk\w*|avdeling\w*|sykehus\w*|klinikk\w*|"
          r"spesialist\w*|psykolog\w*|fysioterapeut\w*|kiropraktor\w*|legevakt\w*|"
          r"mottak\w*|DPS|BUP|røntgen\w*|radiolog\w*|ortoped\w*|kirurg\w*|gynekolog\w*|"
          r"nevrolog\w*|kardiolog\w*|revmatolog\w*|urolog\w*|hudlege\w*|jordmor\w*|"
          r"ernæringsfysiolog\w*|logoped\w*|audiograf\w*|øre-nese-hals\w*)")
_RECEIVER = re.compile(
    rf"\b(?:til|på|hos|ved)\s+((?:[\wæøå-]+\s+){{0,2}}?{_PLACE}"
    rf"(?:\s+(?:på|i|ved)\s+[A-ZÆØÅ][\wæøå-]*(?:\s+{_PLACE})?)?)(?![\wæøå])", re.IGNORECASE)
_NOT_RECEIVER = re.compile(r"\b(?:fastlege\w*|legesenter\w*|legekontor\w*)\b", re.IGNORECASE)
_URGENT_NOW = re.compile(
    r"\b(?:akutt|øyeblikkelig|straks|med en gang|i dag|nå|ambulanse\w*|113|innen \d+ timer?)\b",
    re.IGNORECASE)
_AMBULANCE = re.compile(r"\bambulanse\w*|\b113\b|hundreogtretten", re.IGNORECASE)
_URGENT_SOON = re.compile(r"\b(?:haster|snarest|raskt|fort|innen (?:en|1|2|to) uker?)\b",
                          re.IGNORECASE)
_ISSUES = re.compile(r"\b(?:sykmelder|sykemelder|forlenger|skriver (?:ut )?(?:en )?"
                     r"sykm\w*|gir (?:deg )?(?:en )?sykm\w*|fra i dag)\b", re.IGNORECASE)
_LEAVE_HISTORY = re.compile(r"\b(?:har vært|var|ble|først|de siste|tidligere|forrige)\b",
                            re.IGNORECASE)
_WINDOW_BEFORE, _WINDOW_AFTER = 6, 3  # sentences around a referral searched for its receiver


def _doctor_says(s: Sentence) -> bool:
    return s.speaker == Speaker.LEGE and not s.is_question


@dataclass(frozen=True)
class Referral:
    """A referral the doctor made: to whom (as said), whether it is an admission, how
    urgent (``""`` when nothing was said), and the sentences that say each."""

    receiver: str
    receiver_evidence: tuple[str, ...]
    admission: bool
    urgency: str  # "Øyeblikkelig hjelp" | "Haster" | ""
    urgency_evidence: tuple[str, ...]
    evidence: tuple[str, ...]  # segments of the sentences that make the referral


def referral_made(s: Sentence) -> bool:
    """``s`` is the doctor making a referral or admission now (not refused, history, a
    condition or a consideration)."""
    if not _doctor_says(s):
        return False
    m = _REFERRAL.search(s.text)
    if m is None:
        return False
    before = " ".join(s.text[:m.start()].split()[-4:])
    clause = re.split(r"[,;:]", s.text[m.start():])[0]
    return not (_REFUSED.search(before) or _REFUSED.search(clause)
                or _HISTORY.search(before) or _CONDITIONAL.search(s.text[:m.end()]))


def find_referral(sentences: Sequence[Sentence], facts: Sequence[Fact]) -> Referral | None:
    made = [i for i, s in enumerate(sentences) if referral_made(s)]
    if not made:
        return None
    said = [sentences[i] for i in made]
    admission = any(_ADMISSION.search(s.text) for s in said)
    receiver, receiver_ev = _receiver(sentences, made, facts)
    if admission:
        receiver = f"Innleggelse, {receiver}" if receiver else "Innleggelse"
    # urgency as said about this referral: in a sentence making it or naming where to
    window = [s for s in _window(sentences, made) if _doctor_says(s)
              and (referral_made(s) or _RECEIVER.search(s.text) or _AMBULANCE.search(s.text))]
    urgency, urgency_ev = _urgency(window)
    return Referral(receiver, receiver_ev, admission, urgency, urgency_ev,
                    tuple(dict.fromkeys(s.segment_id for s in said)))


def _window(sentences: Sequence[Sentence], made: Sequence[int]) -> list[Sentence]:
    keep: set[int] = set()
    for i in made:
        keep.update(range(max(0, i - 2), min(len(sentences), i + 2)))
    return [sentences[i] for i in sorted(keep)]


def _receiver(sentences: Sequence[Sentence], made: Sequence[int],
              facts: Sequence[Fact]) -> tuple[str, tuple[str, ...]]:
    """The receiver as the doctor named it: in a sentence that makes the referral, else the
    nearest doctor's sentence around it that names a place of care."""
    sent = [f for f in facts if f.kind == "referral" and f.attr("status") == "sent"
            and not _NOT_RECEIVER.search(f.value)]
    if sent:
        return _clean_receiver(sent[-1].value), sent[-1].evidence
    best: tuple[int, int, str, str] | None = None  # (distance, -length, text, segment)
    for i, s in enumerate(sentences):
        if not _doctor_says(s):
            continue
        distance = min((abs(i - j) for j in made), default=99)
        if distance > (_WINDOW_BEFORE if any(i < j for j in made) else _WINDOW_AFTER):
            continue
        for m in _RECEIVER.finditer(s.text):
            if _NOT_RECEIVER.search(m.group(1)):
                continue
            key = (distance, -len(m.group(1)), m.group(1), s.segment_id)
            best = key if best is None or key < best else best
    if best is None:
        return "", ()
    return _clean_receiver(best[2]), (best[3],)


def _clean_receiver(text: str) -> str:
    text = re.split(r",|\bfor\b|\bi dag\b|\bnå\b|\bsom\b|\bog\b", text)[0].strip()
    return text[:1].upper() + text[1:]


def _urgency(window: Sequence[Sentence]) -> tuple[str, tuple[str, ...]]:
    now = [s for s in window if _URGENT_NOW.search(spoken_to_digits(s.text))]
    if now:
        return "Øyeblikkelig hjelp", tuple(dict.fromkeys(s.segment_id for s in now))
    soon = [s for s in window if _URGENT_SOON.search(spoken_to_digits(s.text))]
    if soon:
        return "Haster", tuple(dict.fromkeys(s.segment_id for s in soon))
    return "", ()


@dataclass(frozen=True)
class SickLeave:
    """Sick leave given in this visit: days and grade as said (None when not said)."""

    days: int | None
    grade: int | None
    said_in_weeks: bool
    from_today: bool
    until: str
    evidence: tuple[str, ...]


def find_sick_leave(sentences: Sequence[Sentence], facts: Sequence[Fact]) -> SickLeave | None:
    """The sick leave the doctor gives (or extends) now. Where several sentences speak of
    sick leave, one that issues it beats one that tells of an earlier one, and the later
    decision beats the earlier."""
    best: tuple[int, int, Sentence, Fact] | None = None
    for s in sentences:
        if not _doctor_says(s):
            continue
        for fact in extract_sick_leave([s]):
            if fact.attr("status") != "issued":
                continue
            rank = 0 if _LEAVE_HISTORY.search(s.text) and not _ISSUES.search(s.text) else (
                2 if _ISSUES.search(s.text) else 1)
            if best is None or (rank, s.index) >= (best[0], best[1]):
                best = (rank, s.index, s, fact)
    if best is not None:
        return _leave(best[2], best[3])
    detected = [f for f in facts if f.kind == "sick_leave" and not f.attr("status")]
    if detected:  # the takst detector's: issued, perhaps without days or grade
        f = detected[0]
        days = f.attr("days")
        grade = f.attr("grade_percent")
        return SickLeave(int(days) if days else None, int(grade) if grade else None, False,
                         False, "", f.evidence)
    return None


def _leave(s: Sentence, fact: Fact) -> SickLeave:
    text = spoken_to_digits(s.text)
    days = int(fact.attr("days") or 0) or None
    grade_said = re.search(r"\d{2,3}\s*%|\bprosent\b", text) is not None
    grade = int(fact.attr("grade")) if grade_said and fact.attr("grade") else None
    if grade is None and re.search(r"\b(?:helt|fullt|fullt ut)\b", text, re.IGNORECASE):
        grade = 100
    return SickLeave(days, grade, bool(re.search(r"\d+\s+uker?\b", text)),
                     "fra i dag" in text.lower(), fact.attr("until"), fact.evidence)


def new_prescriptions(facts: Sequence[Fact]) -> list[Fact]:
    """The medicines prescribed in this visit (one per substance): the note's own rule, so a
    drug only discussed, or one that waits on a result, is never among them."""
    return prescriptions(facts)


_SOMEONE_ELSE = re.compile(
    r"\b(?:nabo\w*|søster\w*|bror\w*|mamma|pappa|mora|faren|kona|mannen|venn\w*|"
    r"kollega\w*|kjæreste\w*|svoger\w*|svigerinne\w*|tante\w*|onkel\w*)\b", re.IGNORECASE)


def medicines_in_use(facts: Sequence[Fact], sentences: Sequence[Sentence] = ()) -> list[Fact]:
    """Medicines the patient uses (as said), then the new ones; one per substance. A drug
    said to be someone else's ("naboen bruker …") is not the patient's."""
    said = {s.id: s for s in sentences}
    chosen: dict[str, Fact] = {}
    for f in facts:
        if f.kind != "drug" or f.attr("vaccine") or f.attr("status") != "current":
            continue
        sentence = said.get(f.attr("sentence"))
        if sentence is not None and (_SOMEONE_ELSE.search(sentence.text) or (
                sentence.is_question and sentence.speaker == Speaker.LEGE)):
            continue  # someone else's, or only asked about ("Har du tatt Viagra?")
        if f.name not in chosen or (f.attr("strength") and not chosen[f.name].attr("strength")):
            chosen[f.name] = f
    for f in new_prescriptions(facts):
        chosen[f.name] = f
    return list(chosen.values())


def only_discussed(facts: Sequence[Fact], sentences: Sequence[Sentence] = ()) -> set[str]:
    """Drugs (substance and the name as said, lowercased) that were named but neither
    prescribed, in use by the patient nor advised: a document never carries them."""
    text = {s.id: s.text for s in sentences}
    kept = {f.name for f in facts if f.kind == "drug"
            and f.attr("status") in ("prescribed", "current", "advised")
            and not _SOMEONE_ELSE.search(text.get(f.attr("sentence"), ""))}
    kept |= {f.name for f in prescriptions(facts)}
    return {n.lower() for f in facts if f.kind == "drug" and f.name not in kept
            for n in (f.name, f.value, f.attr("lexicon")) if n}


def names_drug_of(text: str, names: set[str], lexicon: DrugLexicon) -> bool:
    return any(m.surface.lower() in names or m.entry.name.lower() in names
               or (m.entry.substance or "").lower() in names for m in lexicon.find(text))
