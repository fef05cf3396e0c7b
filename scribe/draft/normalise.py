"""Light normalisation of transcript sentences into note text (the fallback phrasing).

Fillers out, spoken numbers to digits, units as Norwegians write them (38,4 °C,
148/92 mmHg), first person to third where it is simple, and no dose beside a drug that was
not prescribed (the note may say it was discussed, never how much).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from scribe.domain import Speaker
from scribe.draft.drugs import STRENGTH
from scribe.text.normalise import capitalise, tidy, units

_PATIENT = (
    (r"\bjeg er\b", "er"), (r"\bjeg har\b", "har"), (r"\bjeg\b", "pas."),
    (r"\bmeg\b", "seg"),
)
_DOCTOR = (
    (r"^(?:så |og |da )?jeg\s+", ""), (r"\s+jeg\b(?=\s)", ""), (r"\bdu\b", "pas."),
    (r"\bdeg\b", "pas."),
)
_LEAD = re.compile(r"^(?:nei|ja|jo|ok|okei|vel|men|og så|så)\s*,\s*(?=\w{2,})", re.IGNORECASE)


def third_person(text: str, speaker: Speaker) -> str:
    rules = _DOCTOR if speaker == Speaker.LEGE else _PATIENT
    for pattern, repl in rules:
        text = re.sub(pattern, repl, text, flags=re.IGNORECASE)
    return text


def strip_doses(text: str, drugs: Collection[str]) -> str:
    """Removes a strength right after a drug in ``drugs`` ("Tramadol, 50 mg" → "Tramadol")."""
    for name in drugs:
        pattern = re.compile(rf"(\b{re.escape(name)}\b)([\s,]*(?:på\s+)?)"
                             rf"({STRENGTH.pattern})", re.IGNORECASE)
        text = pattern.sub(r"\1", text)
    return text


def normalise(text: str, speaker: Speaker, *, unprescribed: Collection[str] = ()) -> str:
    """The fallback note sentence for one transcript sentence."""
    out = third_person(units(_LEAD.sub("", tidy(text))), speaker)
    out = strip_doses(out, unprescribed)
    out = capitalise(re.sub(r"\s{2,}", " ", out).strip())
    if out and out[-1] not in ".!?":
        out += "."
    return out.replace("pas..", "pas.")


_QUESTION_LEAD = re.compile(
    r"^(?:og |så |men )?(?:har du (?:hatt |noen |noe |merket )?|har han (?:hatt )?|"
    r"har hun (?:hatt )?|noen |noe |er det (?:noe )?|kjenner du |får du |føler du |"
    r"merker du |hatt )", re.IGNORECASE)


_VERB_FIRST = re.compile(r"^(?:kan|vil|er|har|får|tar|bruker|hvor|hva|når|hvordan|hvilke\w*)\b",
                         re.IGNORECASE)


def answered_question(question: str, answer: str, asker: Speaker = Speaker.LEGE) -> str:
    """A question and its answer as one note sentence.

    "Noe tungpust?" + "Nei." → "Ikke tungpust."; "Nei, ikke feber." → "Ikke feber.";
    "Blod i urinen?" + "Litt rosa i går." → "Blod i urinen: litt rosa i går.";
    "Kan du være gravid?" + "Nei." → "Kan pas. være gravid? Nei."
    """
    answerer = Speaker.PASIENT if asker == Speaker.LEGE else Speaker.LEGE
    topic = third_person(units(_QUESTION_LEAD.sub("", tidy(question).rstrip("?").strip())),
                         Speaker.LEGE)
    said = normalise(answer, answerer)
    negative = re.match(r"^\s*(?:nei|nja)\b", answer, re.IGNORECASE) is not None
    rest = tidy(re.sub(r"^\s*(?:nei|nja|ja|jo)\b[,.!\s]*(?:nei[,.!\s]*)?", "", answer,
                       flags=re.IGNORECASE))
    if asker != Speaker.LEGE or _VERB_FIRST.match(topic):
        q = normalise(question, asker).rstrip(".")
        full = capitalise(third_person(units(tidy(answer)), answerer)).rstrip(".")
        return f"{q}{'' if q.endswith('?') else '?'} {full}."
    if negative and not re.search(r"[a-zæøå]{5,}", rest.replace("ingenting", "")):
        return f"Ikke {topic[:1].lower() + topic[1:]}."
    if len(rest.split()) >= 2:
        return said if len(rest.split()) > 6 or negative else \
            f"{capitalise(topic)}: {said[:1].lower() + said[1:]}"
    if negative:
        return f"Ikke {topic[:1].lower() + topic[1:]}."
    return f"{capitalise(topic)}: ja."
