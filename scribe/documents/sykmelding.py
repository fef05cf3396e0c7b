"""Sykmelding, the medical part: the ICPC-2 diagnosis (the accepted code, or else the primary
suggestion), period and grade as said, the medical reasons and the function assessment as
said, and whether work-related measures were discussed. Nothing NAV does not need: family,
private life and other matters of the visit stay out."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from scribe.documents.decisions import SickLeave, find_sick_leave, names_drug_of, only_discussed
from scribe.documents.model import Field
from scribe.documents.plain import from_speech
from scribe.documents.written import clinical
from scribe.domain import CodeSuggestion, Speaker, Statement
from scribe.draft.lexicon import DrugLexicon

if TYPE_CHECKING:
    from scribe.documents.drafting import Visit

_WORK = re.compile(r"\b(?:jobb\w*|arbeid\w*|yrke\w*|stilling\w*|kollega\w*|konsentr\w*|"
                   r"løft\w*|klarer ikke|orker ikke|funksjon\w*|skift\w*|kunder?|elever|"
                   r"pasienter|beboere?)\b", re.IGNORECASE)
_MEASURES = re.compile(r"\b(?:tilrettelegg\w*|lettere (?:oppgaver|arbeid\w*)|arbeidsgiver\w*|"
                       r"lederen din|leder\w* (?:din|ditt|på jobben)|gradert\w*|redusert \w+|"
                       r"halv (?:dag|stilling)|hjemmekontor|andre oppgaver|kan (?:du )?jobbe"
                       r"|begynne igjen|tilbake i jobb|arbeidstrening|bedriftshelse\w*)\b",
                       re.IGNORECASE)
# What NAV does not need: family, relations and private life.
_PRIVATE = re.compile(r"\b(?:mamma|pappa|mor|far|kona|mannen|samboer\w*|kjæreste\w*|"
                      r"barn\w*|sønn\w*|datter\w*|søster\w*|bror\w*|svigermor|nabo\w*|"
                      r"venn\w*|ferie\w*|skilsmisse|økonomi\w*)\b", re.IGNORECASE)
# Advice to the patient and talk about the paperwork itself are no medical information.
_ADVICE = re.compile(r"^(?:hold|ta|bruk|kom|prøv|drikk|unngå|snakk|gå|ring|husk|vent|spis|"
                     r"skyll|hvil)\b|\b(?:du|deg|din|ditt|dine)\b|\bpas\. (?:bør|skal|må)\b|"
                     r"\bkom pas\.|\b(?:anbefal\w*|råd\w*)\b", re.IGNORECASE)
_PAPERWORK = re.compile(r"\b(?:sykmelding\w*|sykemelding\w*|henvis\w*|arbeidsgiver\w* ser|NAV|"
                        r"diagnosen står|skjema\w*)\b", re.IGNORECASE)
_SMALL = re.compile(r"^(?:det er en stund siden|lenge siden|hyggelig|godt å se)\b", re.IGNORECASE)


def medical(text: str) -> bool:
    """A statement fit for the medical part: not advice to the patient, not about the
    sick note itself, not a greeting."""
    return not (_ADVICE.search(text) or _PAPERWORK.search(text) or _SMALL.search(text))


FIELDS = (("diagnose", "Diagnose (ICPC-2)"), ("periode", "Periode"),
          ("grad", "Sykmeldingsgrad"), ("begrunnelse", "Medisinske opplysninger"),
          ("funksjon", "Funksjon og arbeidsevne"),
          ("arbeidstiltak", "Arbeidsrelaterte tiltak drøftet"))


def build(visit: Visit, lexicon: DrugLexicon) -> list[Field]:
    sentences, facts = visit.extraction.sentences, visit.extraction.facts.facts
    leave = find_sick_leave(sentences, facts)
    discussed = only_discussed(facts, sentences)

    def note(*sections: str) -> list[Statement]:
        return [st for st in visit.note(*sections) if not _PRIVATE.search(st.text)
                and not names_drug_of(st.text, discussed, lexicon)]
    reasons = [st for st in note("Vurdering") if medical(st.text)]
    function = [st for st in note("Anamnese", "Funn", "Vurdering")
                if _WORK.search(st.text) and medical(st.text)]
    measures = [st for st in note("Tiltak") if _MEASURES.search(st.text)]
    if not measures:
        measures = [Statement(clinical(from_speech(s.text)), (s.segment_id,)) for s in sentences
                    if s.speaker == Speaker.LEGE and not s.is_question
                    and _MEASURES.search(s.text) and not _PRIVATE.search(s.text)
                    and not _PAPERWORK.search(s.text)]
    values: dict[str, list[Statement]] = {
        "diagnose": diagnosis(visit.codes),
        "periode": period(leave),
        "grad": [Statement(f"{leave.grade} %.", leave.evidence)]
        if leave is not None and leave.grade is not None else [],
        "begrunnelse": reasons,
        "funksjon": [st for st in function if st not in reasons],
        "arbeidstiltak": measures,
    }
    return [Field(key, label, tuple(values[key])) for key, label in FIELDS]


def chosen_code(codes: Sequence[CodeSuggestion]) -> CodeSuggestion | None:
    """The accepted ICPC-2 code (the primary one first), or else the primary suggestion."""
    icpc = [c for c in codes if c.system == "ICPC-2" and c.status != "rejected"]
    accepted = sorted((c for c in icpc if c.status == "accepted"),
                      key=lambda c: (not c.primary, c.rank))
    if accepted:
        return accepted[0]
    return next((c for c in icpc if c.primary), None)


def diagnosis(codes: Sequence[CodeSuggestion]) -> list[Statement]:
    code = chosen_code(codes)
    if code is None:
        return []
    return [Statement(f"{code.code} {code.title}.", code.evidence)]


def period(leave: SickLeave | None) -> list[Statement]:
    if leave is None or not leave.days:
        return []
    weeks = leave.days // 7
    # as said: "to uker" stays weeks (a number not said would be flagged, and rightly)
    text = (f"{weeks} {'uke' if weeks == 1 else 'uker'}"
            if leave.said_in_weeks and leave.days % 7 == 0 else f"{leave.days} dager")
    parts = [text, "fra i dag" if leave.from_today else "", leave.until]
    return [Statement(", ".join(p for p in parts if p) + ".", leave.evidence)]
