"""One call for a whole consultation: ICPC-2 suggestions and takster with their warnings."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from scribe.coding.detect import detect_all
from scribe.coding.icpc import suggest_icpc2
from scribe.coding.reference import Reference
from scribe.coding.takster import check_takster, suggest_takster
from scribe.domain import (
    CodingResult,
    ConsultationFacts,
    ContactType,
    DoctorProfile,
    Transcript,
)
from scribe.errors import ReferenceDataError
from scribe.llm_api import ChatModel

_FACT_KINDS = ("procedure", "questionnaire", "sick_leave", "guidance")


def with_detected_facts(transcript: Transcript, facts: ConsultationFacts) -> ConsultationFacts:
    """``facts`` plus what the detectors find, for the kinds ``facts`` does not already have."""
    have = {f.kind for f in facts.facts}
    extra = tuple(f for f in detect_all(transcript) if f.kind not in have)
    return replace(facts, facts=(*facts.facts, *extra))


def code_consultation(transcript: Transcript, facts: ConsultationFacts, profile: DoctorProfile,
                      *, ref: Reference, llm: ChatModel | None = None,
                      k: int = 5) -> CodingResult:
    """ICPC-2 suggestions and takst lines; warnings name every table rule the set breaks."""
    facts = with_detected_facts(transcript, facts)
    icpc2 = suggest_icpc2(transcript, facts, ref=ref, llm=llm, k=k)
    lines = suggest_takster(facts, profile, ref=ref)
    warnings = tuple(w for ln in lines for w in ln.warnings)
    remaining = check_takster(lines, ref, facts=facts, profile=profile)
    return CodingResult(icpc2=tuple(icpc2), takster=tuple(lines),
                        warnings=tuple(dict.fromkeys((*warnings, *remaining))))


def transcript_from_json(doc: Mapping[str, Any]) -> tuple[Transcript, ConsultationFacts | None]:
    """A transcript file ({"segments": [...]}) or an eval case; facts only from a case."""
    from scribe.coding.evaluate import case_facts, case_to_transcript
    from scribe.draft.casefile import transcript_from_json as read_transcript

    if isinstance(doc.get("transcript"), list):
        return case_to_transcript(doc), case_facts(doc)
    return read_transcript(doc), None


def load_transcript_file(path: Path) -> tuple[Transcript, ConsultationFacts | None]:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ReferenceDataError(f"Kan ikke lese {path.name}: {exc}",
                                 "Filen må være JSON med UTF-8-tegnsett.") from None
    if not isinstance(doc, dict):
        raise ReferenceDataError(f"{path.name} er ikke et JSON-objekt.")
    return transcript_from_json(doc)


def facts_for(transcript: Transcript, *, contact: str | None, minutes: float | None,
              base: ConsultationFacts | None) -> ConsultationFacts:
    """Contact type and minutes: options first, then the case, then the recording's length."""
    facts = base or ConsultationFacts(duration_min=round(transcript.duration_s / 60, 1))
    if contact:
        facts = replace(facts, contact_type=ContactType(contact))
    if minutes is not None:
        facts = replace(facts, duration_min=minutes)
    return facts
