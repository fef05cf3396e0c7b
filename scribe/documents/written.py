"""Spoken sentences made written, by general rules of Norwegian.

:func:`for_patient`: a doctor's sentence as a statement *to the patient* in a summary, where the
doctor is "legen", never "jeg"/"vi": spoken present-tense decisions become statements of what
is decided ("Da sykmelder jeg deg 50 % i 14 dager" → "Du er sykmeldt 50 % i 14 dager"; "Jeg
henviser deg til X" → "Du blir henvist til X"; "Vurderingen min er …" → "Legens vurdering er
…"; "Jeg tror det er …" → "Det er trolig …"; "Vi ses om 3 uker" → "Ny time om 3 uker"), the
discourse openers of speech go ("Da", "Så", "Ja", "Nå", "Altså", "Okei") with the word order
put right, and the narration of an examination ("Da måler jeg blodtrykket") goes.

:func:`clinical`: a sentence said to the patient made a third-person clinical statement for a
document to NAV or a receiver ("Snakk med lederen din om lettere oppgaver" → "Pas. skal snakke
med leder om lettere oppgaver").

A decision said under a condition stays a condition ("Hvis det ikke går over, sykmelder jeg
deg" → "Hvis det ikke går over, blir du sykmeldt"), never a decision made. Numbers, drug names
and the content words are kept, so the rewritten sentence is still supported by what was said
(the verifier checks it against the same segment).
"""

from __future__ import annotations

import re
from collections.abc import Callable

_W = r"[\wæøåÆØÅ-]"
_SUBJECT = r"(?:du|jeg|vi|det|den|dette|de|dere|han|hun|man)"
# Words that open a spoken sentence and carry nothing in writing.
_OPENER = re.compile(r"^(?:(?:og\s+)?(?:da|så|ja|nå|altså|okei|ok|jo|nei|men|og)\b\s*,?\s*)+",
                     re.IGNORECASE)
# A finite verb in second place, the subject after it ("[Da] tar du …").
_INVERTED = re.compile(rf"^(?P<verb>[a-zæøå]+)\s+(?P<subj>{_SUBJECT})\b(?P<rest>.*)$",
                       re.IGNORECASE | re.DOTALL)
_FINITE = re.compile(r"^(?:\w+r|\w+es|ses|kan|skal|må|vil|bør|ble|var|fikk|gikk|tok|ga|så)$",
                     re.IGNORECASE)
_MODAL = frozenset({"kan", "skal", "må", "vil", "bør"})
# "Så lenge", "Så fint at": "så" as a degree word, not an opener.
_DEGREE = re.compile(r"^så\s+(?:lenge|mye|fort|snart|langt|godt|fint|bra|lite|mange|ofte)\b",
                     re.IGNORECASE)
# What the doctor does now that the patient need not read ("Da måler jeg blodtrykket").
_DECISION_VERBS = frozenset({"sykmelder", "sykemelder", "henviser", "forlenger", "skriver",
                             "sender", "gir", "fornyer", "legger", "øker", "starter",
                             "anbefaler", "tror", "mener", "vurderer", "ringer"})
_ASKING = re.compile(r"^jeg\s+(?:må|skal|vil)\s+(?:gjerne\s+)?(?:spørre|høre|sjekke|undersøke|"
                     r"kjenne|lytte|se på|se i)\b|^(?:jeg|vi)\s+oppsummerer\b", re.IGNORECASE)
_CONDITION = re.compile(r"\b(?:hvis|dersom|om\s+det|når)\b", re.IGNORECASE)

Rule = tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# Decisions said in the first person, at the start of a sentence in subject-verb order.
_DECISIONS: tuple[Rule, ...] = (
    (_rx(r"^jeg\s+(?:sykmelder|sykemelder)\s+deg\b"), "Du er sykmeldt"),
    (_rx(r"^jeg\s+(?:skriver|gir\s+deg)\s+(?:ut\s+)?(?:en\s+)?sykm\w+(?:\s+til\s+deg)?"),
     "Du er sykmeldt"),
    (_rx(r"^jeg\s+(?:kommer\s+ikke\s+til\s+å|vil\s+ikke|skal\s+ikke)\s+sykmelde\s+deg\b"),
     "Du blir ikke sykmeldt"),
    (_rx(r"^jeg\s+forlenger\s+sykmeldingen(?:\s+din)?\b"), "Sykmeldingen blir forlenget"),
    (_rx(r"^jeg\s+henviser\s+(?P<who>deg|dere|ham|han|henne)\b"),
     lambda m: f"{_person(m['who'])} blir henvist"),
    (_rx(r"^jeg\s+sender\s+(?:en\s+|den\s+)?henvisning(?:en)?\b"), "Henvisningen blir sendt"),
    (_rx(r"^jeg\s+legger\s+(?P<who>deg|ham|han|henne)\s+inn\b"),
     lambda m: f"{_person(m['who'])} blir lagt inn"),
    (_rx(r"^jeg\s+(?:skriver|sender)\s+(?:ut\s+)?(?:en\s+)?(?P<kind>e-resept|resept)\s+på\b"),
     lambda m: f"Du får {m['kind'].lower()} på"),
    (_rx(r"^jeg\s+skriver\s+ut\b"), "Du får resept på"),
    (_rx(r"^jeg\s+gir\s+(?P<who>deg|dere)\s+(?:en\s+)?vente\s*resept\b"),
     lambda m: f"{_person(m['who'])} får en ventresept"),
    (_rx(r"^jeg\s+gir\s+(?P<who>deg|dere)\b"), lambda m: f"{_person(m['who'])} får"),
    (_rx(r"^jeg\s+fornyer\s+(?:resepten\s+på\s+)?"), "Du får fornyet resepten på "),
    (_rx(r"^jeg\s+(?:vil\s+)?øke[rs]?\s+(?:dosen\s+)?til\b"), "Dosen blir økt til"),
    (_rx(r"^(?:min\s+vurdering|vurderingen\s+min)\s+er\b"), "Legens vurdering er"),
    (_rx(r"^(?:(?:da|så)\s+)?er\s+(?:min\s+vurdering|vurderingen\s+min)\b"),
     "Legens vurdering er"),
    (_rx(r"^(?:min\s+vurdering|vurderingen\s+min)\b"), "Legens vurdering"),
    (_rx(r"^jeg\s+tror\s+(?:at\s+)?det\s+er\b"), "Det er trolig"),
    (_rx(r"^(?:vi|jeg)\s+ses\s+(?:igjen\s+)?(?P<when>om|på|i|neste)\b"),
     lambda m: f"Ny time {m['when'].lower()}"),
    (_rx(r"^(?:jeg|vi)\s+vil\s+(?:gjerne\s+)?se\s+(?:deg|dere|ham|han|henne)\s+(?:igjen\s+)?"
         r"(?P<ctl>til\s+kontroll\s+)?(?P<when>om|på|i|neste)\b"),
     lambda m: f"{'Ny kontroll' if m['ctl'] else 'Ny time'} {m['when'].lower()}"),
    (_rx(r"^(?:jeg|vi)\s+tar\s+(?:en\s+)?(?P<what>ny\s+time|ny\s+kontroll|kontroll)\b"),
     lambda m: m["what"][:1].upper() + m["what"][1:].lower()),
)
# The same decisions after a condition, where the verb comes first ("Hvis …, sykmelder jeg
# deg"): what would happen, still a condition.
_CONDITIONAL: tuple[Rule, ...] = (
    (_rx(r"\b(?:sykmelder|sykemelder)\s+jeg\s+deg\b"), "blir du sykmeldt"),
    (_rx(r"\bhenviser\s+jeg\s+(?P<who>deg|dere|ham|han|henne)\b"),
     lambda m: f"blir {_person(m['who']).lower()} henvist"),
    (_rx(r"\bforlenger\s+jeg\s+sykmeldingen\b"), "blir sykmeldingen forlenget"),
)
# Whatever first person is left: the doctor is "legen", the practice "legekontoret".
_PERSON: tuple[Rule, ...] = (
    (_rx(r"\b(?:min\s+vurdering|vurderingen\s+min)\b"), "legens vurdering"),
    (_rx(r"\bvurdering\s+min\b"), "legens vurdering"),
    (_rx(r"\b(?:hos|til|fra|med|for)\s+meg\b"), lambda m: f"{m[0].split()[0]} legen"),
    (_rx(r"\bmeg\b"), "legen"),
    (_rx(r"\boss\b"), "legekontoret"),
    (_rx(r"\bjeg\b"), "legen"),
    (_rx(r"\bvi\b"), "legen"),
)
_REPEAT = re.compile(rf"\b({_W}+(?:\s+{_W}+){{0,3}}),\s+\1\b", re.IGNORECASE)


def _person(word: str) -> str:
    return {"deg": "Du", "dere": "Dere", "ham": "Han", "han": "Han", "henne": "Hun"}[
        word.lower()]


def _apply(rules: tuple[Rule, ...], text: str, *, first: bool) -> str:
    for rx, to in rules:
        text, n = rx.subn(to, text, count=1 if first else 0)
        if n and first:
            return text
    return text


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def without_opener(text: str) -> tuple[str, str]:
    """``text`` without its spoken opener, in subject-verb order; and the verb that had come
    before the subject ("" when none), so the caller can tell narration from a decision.
    An opener followed by a noun subject ("Da har penicillin …") stays: without a pronoun
    after the verb the order cannot be put right safely."""
    if _DEGREE.match(text):
        return text, ""
    m = _OPENER.match(text)
    if m is None or m.end() == 0:
        return text, ""
    rest = text[m.end():]
    if not rest:
        return "", ""
    inv = _INVERTED.match(rest)
    if inv is not None and _FINITE.match(inv["verb"]):
        subj = inv["subj"].lower()
        return f"{_capitalise(subj)} {inv['verb'].lower()}{inv['rest']}", inv["verb"].lower()
    first = rest.split(" ", 1)[0]
    if "," in text[:m.end()] or not _FINITE.match(first) or re.match(
            rf"{_SUBJECT}\b", rest, re.IGNORECASE):
        return _capitalise(rest), ""
    return text, ""


def for_patient(text: str) -> str:
    """A doctor's sentence as a written statement to the patient ("" when it is narration of
    what the doctor does now, or nothing is left once the spoken opener is gone)."""
    text = _REPEAT.sub(r"\1", text.strip())
    opened, verb = without_opener(text)
    if verb and opened.lower().startswith("jeg ") \
            and verb not in _DECISION_VERBS | _MODAL:
        return ""  # "Da måler jeg blodtrykket": the examination, not what the patient reads
    if _ASKING.match(opened):
        return ""
    if len(re.findall(rf"{_W}+", opened)) < 3:
        return ""  # "Nei, ikke nå." without the question it answered
    conditional = bool(_CONDITION.search(opened)) and not _DECIDED_FIRST.match(opened)
    out = _apply(_CONDITIONAL, opened, first=False) if conditional else \
        _apply(_DECISIONS, opened, first=True)
    out = _apply(_PERSON, out, first=False)
    return _capitalise(re.sub(r"\s{2,}", " ", out).strip())


# A decision said first and a condition after it ("Du er sykmeldt …, så ses vi hvis …").
_DECIDED_FIRST = re.compile(r"^jeg\s+(?:sykmelder|sykemelder|henviser|forlenger|skriver|sender|"
                            r"gir|fornyer)\b|^(?:vi|jeg)\s+(?:ses|vil\s+(?:gjerne\s+)?se)\b",
                            re.IGNORECASE)

# --- third-person clinical statements -------------------------------------------------------

_IMPERATIVE = {"snakk": "snakke", "ta": "ta", "prøv": "prøve", "spør": "spørre", "gå": "gå",
               "hold": "holde", "bruk": "bruke", "kom": "komme", "be": "be", "søk": "søke",
               "begynn": "begynne", "start": "starte", "vurder": "vurdere", "gi": "gi",
               "unngå": "unngå", "finn": "finne", "avtal": "avtale", "jobb": "jobbe"}
_CLINICAL_PERSON: tuple[Rule, ...] = (
    (_rx(r"\b(\w+en)\s+din\b"), r"\1"),  # "lederen din" → "lederen"
    (_rx(r"\b(\w+et)\s+ditt\b"), r"\1"),
    (_rx(r"\b(\w+ene)\s+dine\b"), r"\1"),
    (_rx(r"\b(?:du|deg)\b"), "pas."),
    (_rx(r"\b(?:din|ditt|dine)\b"), "pasientens"),
    (_rx(r"\b(?:jeg|vi)\b"), "lege"),
    (_rx(r"\bmeg\b"), "lege"),
)


def clinical(text: str) -> str:
    """A sentence said to the patient as a third-person clinical statement."""
    opened, _ = without_opener(_REPEAT.sub(r"\1", text.strip()))
    first, _, rest = opened.partition(" ")
    verb = _IMPERATIVE.get(first.lower())
    if verb is not None:
        opened = f"Pas. skal {verb} {rest}"
    elif re.match(r"du\s+(?:kan|skal|må|bør)\b", opened, re.IGNORECASE):
        opened = "Pas. " + opened.split(" ", 1)[1]
    out = _apply(_CLINICAL_PERSON, opened, first=False)
    out = re.sub(r"\bpas\.\s*\.", "pas.", out)
    return _capitalise(re.sub(r"\s{2,}", " ", out).strip())
