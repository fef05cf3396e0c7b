"""One call for a whole consultation: ICPC-2 suggestions and takster with their warnings.

The facts come from extraction (the drafter's, or :func:`scribe.text.facts.detect_all` where
no draft is made); coding detects nothing itself.
"""

from __future__ import annotations

from dataclasses import replace

from scribe.coding.icpc import suggest_icpc2
from scribe.coding.index import CodeIndex
from scribe.coding.takster import check_takster, suggest_takster
from scribe.domain import (
    CodingResult,
    ConsultationFacts,
    ContactType,
    DoctorProfile,
    Sex,
    Transcript,
)
from scribe.llm.api import ChatModel


def code_consultation(transcript: Transcript, facts: ConsultationFacts, profile: DoctorProfile,
                      *, index: CodeIndex, llm: ChatModel | None = None,
                      k: int = 5) -> CodingResult:
    """ICPC-2 suggestions and takst lines; warnings name every table rule the set breaks.

    ``index`` is the search index over the imported reference; the takster come from the
    same reference (``index.ref``).
    """
    ref = index.ref
    icpc2 = suggest_icpc2(transcript, facts, index=index, llm=llm, k=k)
    lines = suggest_takster(facts, profile, ref=ref)
    warnings = tuple(w for ln in lines for w in ln.warnings)
    remaining = check_takster(lines, ref, facts=facts, profile=profile)
    return CodingResult(icpc2=tuple(icpc2), takster=tuple(lines),
                        warnings=tuple(dict.fromkeys((*warnings, *remaining))))


def facts_for(transcript: Transcript, *, contact: str | None, minutes: float | None,
              base: ConsultationFacts | None, sex: str | None = None) -> ConsultationFacts:
    """Contact type, minutes and patient sex: options first, then the case, then the
    recording's length (the sex stays unknown without either)."""
    facts = base or ConsultationFacts(duration_min=round(transcript.duration_s / 60, 1))
    if contact:
        facts = replace(facts, contact_type=ContactType(contact))
    if minutes is not None:
        facts = replace(facts, duration_min=minutes)
    if sex:
        facts = replace(facts, patient_sex=Sex.parse(sex))
    return facts
