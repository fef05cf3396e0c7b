"""Deterministic extractors: vitals and lab values, durations, sick leave, referrals.

Each fact carries the segment ids it came from. The extractors read the sentence text after
spoken numbers are turned into digits, so "trettiåtte komma en" is found as 38,1. Drugs are
in :mod:`scribe.draft.drugs`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from scribe.domain import Fact, Speaker
from scribe.text.numbers import spoken_to_digits
from scribe.text.sentences import Sentence

_N = r"(\d{1,4}(?:,\d{1,2})?)"


@dataclass(frozen=True)
class Measure:
    name: str  # the Norwegian short label used in the note
    kind: str  # vital | lab | score
    pattern: re.Pattern[str]
    unit: str
    low: float
    high: float


def _m(name: str, kind: str, cue: str, unit: str, low: float, high: float,
       gap: str = r"[^.?!\d]{0,40}?") -> Measure:
    if kind == "lab":  # a lab list ("Hb, ferritin, B12") must not lend one test the next's value
        gap = gap.replace("[^.?!", "[^.?!,")
    pattern = re.compile(rf"(?:{cue}){gap}(?<![\w-]){_N}(?![\w])", re.IGNORECASE)
    return Measure(name, kind, pattern, unit, low, high)


MEASURES: tuple[Measure, ...] = (
    _m("Temp", "vital", r"temperatur\w*|feber\w*|målte|tempen", "°C", 34.0, 42.5),
    _m("Puls", "vital", r"\bpuls\w*|frekvens", "/min", 30, 220, r"[^.?!\d/]{0,20}?"),
    _m("SpO2", "vital", r"metning\w*|saturasjon\w*|spo2|oksygen\w*", "%", 70, 100),
    _m("Resp.frekvens", "vital", r"respirasjonsfrekvens\w*", "/min", 5, 60),
    _m("Vekt", "vital", r"\bveier|\bvekt(?:en)?\b", "kg", 2, 300, r"[^.?!\d]{0,15}?"),
    _m("CRP", "lab", r"\bcrp\w*", "mg/L", 0, 500),
    _m("HbA1c", "lab", r"\bhba1c\w*", "mmol/mol", 15, 200, r"[^.?!\d]{0,25}?"),
    _m("Hb", "lab", r"\bhb\b|hemoglobin\w*|blodprosent\w*", "g/dL", 4, 22,
       r"[^.?!\d]{0,20}?"),
    _m("Ferritin", "lab", r"\bferritin\w*", "µg/L", 1, 2000, r"[^.?!\d]{0,20}?"),
    _m("Glukose", "lab", r"blodsukker\w*|glukose\w*", "mmol/L", 1, 40, r"[^.?!\d]{0,20}?"),
    _m("Kreatinin", "lab", r"\bkreatinin\b", "µmol/L", 20, 1500, r"[^.?!\d]{0,10}?"),
    _m("eGFR", "lab", r"\begfr\b", "", 5, 200, r"[^.?!\d]{0,15}?"),
    _m("Kalium", "lab", r"\bkalium\b", "mmol/L", 2, 8, r"[^.?!\d]{0,10}?"),
    _m("LDL", "lab", r"\bldl\b(?:-kolesterol)?", "mmol/L", 0.5, 15, r"[^.?!\d]{0,20}?"),
    _m("TSH", "lab", r"\btsh\b", "mIU/L", 0.01, 100, r"[^.?!\d]{0,15}?"),
    _m("PHQ-9", "score", r"\bphq-?9\w*", "poeng", 0, 27, r"[^.?!\d]{0,40}?"),
    _m("GAD-7", "score", r"\bgad-?7\w*", "poeng", 0, 21, r"[^.?!\d]{0,40}?"),
    _m("AUDIT", "score", r"\baudit\w*", "poeng", 0, 40, r"[^.?!\d]{0,40}?"),
)
_BP = re.compile(r"(?<![\d/])(\d{2,3})\s*/\s*(\d{2,3})(?![\d/])")
_BP_CUE = re.compile(r"blodtrykk|\bbt\b|over|måler|målte|trykket", re.IGNORECASE)
_QUAL_TESTS = (
    ("Strep A", re.compile(r"strep\w*|hurtigtest", re.I)),
    ("Urinstix", re.compile(r"urinstix|stix", re.I)),
    ("hCG", re.compile(r"graviditetstest|\bhcg\b", re.I)),
    ("EKG", re.compile(r"\bekg\w*", re.I)),
)
_RESULT = re.compile(r"\b(negativ|positiv|normal|normalt|unormal)\b", re.IGNORECASE)


def _value(text: str) -> float:
    return float(text.replace(",", "."))


def extract_measures(sentences: Iterable[Sentence]) -> list[Fact]:
    """Vitals, lab values and scores with units, only inside each measure's plausible range."""
    facts: list[Fact] = []
    for s in sentences:
        text = spoken_to_digits(s.text)
        for measure in MEASURES:
            for m in measure.pattern.finditer(text):
                if measure.low <= _value(m.group(1)) <= measure.high and not _is_bp(text, m):
                    facts.append(Fact(measure.kind, measure.name, m.group(1), measure.unit,
                                      (s.segment_id,), (("sentence", s.id),)))
        facts.extend(_blood_pressure(s, text))
        facts.extend(_qualitative(s, text))
    return _dedupe(facts)


def _is_bp(text: str, m: re.Match[str]) -> bool:
    return text[m.end(1):m.end(1) + 1] == "/"


def _blood_pressure(s: Sentence, text: str) -> list[Fact]:
    if not _BP_CUE.search(s.text):
        return []
    return [Fact("vital", "BT", f"{m.group(1)}/{m.group(2)}", "mmHg", (s.segment_id,),
                 (("sentence", s.id),))
            for m in _BP.finditer(text)
            if 60 <= int(m.group(1)) <= 260 and 30 <= int(m.group(2)) <= 160]


def _qualitative(s: Sentence, text: str) -> list[Fact]:
    if s.speaker != Speaker.LEGE or s.is_question:
        return []
    result = _RESULT.search(text)
    if not result:
        return []
    return [Fact("lab", name, result.group(1).lower(), "", (s.segment_id,),
                 (("sentence", s.id),))
            for name, cue in _QUAL_TESTS if cue.search(text)]


# --- durations ---------------------------------------------------------------------------
_WEEKDAYS = r"mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag"
_DURATION = re.compile(
    rf"\b(?:siden\s+(?:{_WEEKDAYS}|i går|i forgårs|i fjor|i høst|høsten|jul|sommeren|"
    rf"påske|nyttår|skolestart)|(?:i|på|de siste|i ca\.?|i omtrent|i nesten)\s+\d+(?:-\d+)?\s+"
    rf"(?:dager|døgn|uker|måneder|år|timer)|\d+(?:-\d+)?\s+(?:dager|døgn|uker|måneder|år)\s+"
    rf"(?:nå|siden))\b", re.IGNORECASE)


def extract_durations(sentences: Iterable[Sentence]) -> list[Fact]:
    facts = []
    for s in sentences:
        for m in _DURATION.finditer(spoken_to_digits(s.text)):
            facts.append(Fact("duration", "varighet", m.group(0), "", (s.segment_id,),
                              (("sentence", s.id),)))
    return _dedupe(facts)


# --- sick leave, referral, procedures ----------------------------------------------------
_SICK = re.compile(r"sykmeld|sykemeld", re.IGNORECASE)
_SICK_REFUSED = re.compile(r"\b(?:ikke|ingen|trenger du ikke)\b[^.]{0,30}sykm|"
                           r"sykm\w*[^.]{0,30}\b(?:ikke|trenger du ikke)\b", re.IGNORECASE)
_DAYS = re.compile(r"(\d+)\s+(dager|døgn|uker|uke)\b", re.IGNORECASE)
_GRADE = re.compile(r"(\d{2,3})\s*%")
_UNTIL = re.compile(rf"til og med\s+(?:{_WEEKDAYS})", re.IGNORECASE)


# The doctor's decision in this visit ("sykmelder deg", "forlenger sykmeldingen", "skriver en
# sykmelding"); a sick note told as history ("ble sykmeldt", "har vært sykmeldt") is none, and
# neither is one only offered on a condition ("hvis du ikke er bedre, kan jeg sykmelde deg").
_SICK_DECIDED = re.compile(
    r"\b(?:sykm|sykem)eld(?:er|e)\s+(?:jeg\s+)?(?:deg|dere|han|henne|ham|pas\.?)\b|"
    r"\bforlenge[r]?\s+(?:jeg\s+)?(?:\w+\s+)?syke?melding|"
    r"\b(?:skriver|skrive|gir|gi)\s+(?:jeg\s+)?(?:deg\s+)?(?:en\s+|ei\s+|ny\s+)*syke?melding|"
    r"\bblir\s+(?:\w+\s+)?syke?meldt", re.IGNORECASE)
_SICK_HISTORY = re.compile(
    r"\b(?:ble|var|har\s+vært|hadde\s+vært|hadde|fikk)\s+(?:[\w%]+\s+){0,3}syke?m|"
    r"\bsyke?meld\w*\s+(?:\w+\s+){0,3}(?:i\s+fjor|sist|den\s+gangen)\b|"
    r"\bsyke?meldingen\s+(?:\w+\s+){0,2}går\s+ut\b", re.IGNORECASE)
_SICK_CONDITION = re.compile(r"\b(?:hvis|dersom|om\s+nødvendig|ved\s+behov|eventuelt|ev\.|"
                             r"kanskje|om\s+det\s+trengs)\b", re.IGNORECASE)


def _sick_kind(text: str) -> str:
    """decided, history, conditional, refused or said (a mention that is none of these)."""
    first = _SICK.search(text)
    before = text[:first.start()] if first else text
    decided = _SICK_DECIDED.search(text)
    if _SICK_CONDITION.search(before) or (decided and _SICK_CONDITION.search(
            text[:decided.start()])):
        return "conditional"
    # a decision's negation stands in its own clause ("sykmelder deg ikke"), not in advice
    # after it ("…, og hvis du ikke er bedre, ring")
    clause = (text[:decided.start()] + re.split(r"[,;]", text[decided.start():])[0]
              if decided else text)
    if _SICK_REFUSED.search(clause):
        return "refused"
    if decided:
        return "decided"
    return "history" if _SICK_HISTORY.search(text) else "said"


def extract_sick_leave(sentences: Sequence[Sentence]) -> list[Fact]:
    """The sick note the doctor writes in this visit, with days and grade: a decision
    ("forlenger sykmeldingen, 50 %, i 3 uker") beats a plain mention, and a sick note told as
    history or offered on a condition is none. A refusal is kept as such when nothing is
    issued."""
    found: dict[str, Fact] = {}
    for s in sentences:
        if s.speaker != Speaker.LEGE or not _SICK.search(s.text) or s.is_question:
            continue
        text = spoken_to_digits(s.text)
        days = _DAYS.search(text)
        if not days and not _GRADE.search(text):
            continue
        kind = _sick_kind(text)
        if kind in found or kind in {"history", "conditional"}:
            continue
        status = "refused" if kind == "refused" else "issued"
        n = int(days.group(1)) * (7 if days and days.group(2).startswith("uke") else 1) \
            if days else 0
        grade = _GRADE.search(text)
        attrs = [("sentence", s.id), ("status", status), ("days", str(n)),
                 ("grade", grade.group(1) if grade else "100")]
        if until := _UNTIL.search(text):
            attrs.append(("until", until.group(0)))
        found[kind] = Fact("sick_leave", "sykmelding", days.group(0) if days else "",
                           "", (s.segment_id,), tuple(attrs))
    for kind in ("decided", "said", "refused"):
        if kind in found:
            return [found[kind]]
    return []


_REFERRAL = re.compile(r"henvis\w*\s+(?:deg\s+|han\s+|henne\s+|dere\s+)?(?:videre\s+)?"
                       r"(?:til\s+)([^.,;]{3,60})", re.IGNORECASE)
_REFERRAL_REFUSED = re.compile(r"\bikke\b[^.]{0,20}henvis|henvis\w*[^.]{0,20}\bikke\b|"
                               r"ikke nyttig|ikke nødvendig", re.IGNORECASE)


# a referral on a condition or for later ("henvisning til hudlege hvis det ikke blir bra nok",
# "Hvis det ikke blir godt nok, kan jeg til høsten henvise til allergitesting") is no referral
# of this visit
_REFERRAL_CONDITIONAL = re.compile(
    r"\b(?:hvis|dersom|om nødvendig|ved behov|ved manglende|etter hvert|senere|på sikt|"
    r"kan bli aktuelt|til høsten|til våren|til sommeren|neste gang)\b|"
    r"\bkan\s+(?:vi\s+|jeg\s+)?(?:\w+\s+){0,3}henvise|\bvurdere\s+(?:å\s+)?henvis",
    re.IGNORECASE)


def extract_referrals(sentences: Iterable[Sentence]) -> list[Fact]:
    facts = []
    for s in sentences:
        if s.speaker != Speaker.LEGE or s.is_question:
            continue
        for m in _REFERRAL.finditer(s.text):
            status = ("refused" if _REFERRAL_REFUSED.search(s.text) else
                      "conditional" if _REFERRAL_CONDITIONAL.search(s.text) else "sent")
            facts.append(Fact("referral", "henvisning", m.group(1).strip(), "",
                              (s.segment_id,), (("sentence", s.id), ("status", status))))
    return _dedupe(facts)


def _dedupe(facts: list[Fact], key: object = None) -> list[Fact]:
    seen: set[object] = set()
    out = []
    for f in facts:
        k = (f.kind, f.name, f.value) if key is None else key(f)  # type: ignore[operator]
        if k not in seen:
            seen.add(k)
            out.append(f)
    return out
