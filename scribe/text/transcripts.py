"""The one reader of transcripts from JSON: a transcript file or an evaluation case.

A transcript file is ``{"segments": [{"id", "t0", "t1", "speaker", "text"}, ...]}``; an
evaluation case (``../shared/eval``) has ``"transcript": [{"speaker", "text"}, ...]`` with no
times, plus its contact type, duration and gold labels. Case turns become segments s0001…,
timed at about 150 words a minute so that the segments follow each other as in speech.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from scribe.domain import (
    ConsultationFacts,
    ContactType,
    Fact,
    Segment,
    Sex,
    Speaker,
    Transcript,
)
from scribe.errors import ScribeError
from scribe.text.clean import strip_controls

_SPEAKERS = {"lege": Speaker.LEGE, "pasient": Speaker.PASIENT, "parorende": Speaker.ANNEN,
             "pårørende": Speaker.ANNEN, "annen": Speaker.ANNEN}
SECONDS_PER_WORD = 0.4  # eval cases have no times; about 150 words a minute


class TranscriptFileError(ScribeError):
    default_hint = ('Filen skal være JSON med {"segments": [{"id", "t0", "t1", "speaker", '
                    '"text"}]} eller et evalueringstilfelle med "transcript".')


def is_case(data: Any) -> bool:
    """Whether ``data`` is an evaluation case (turns without times) rather than a transcript."""
    return isinstance(data, dict) and isinstance(data.get("transcript"), list)


def transcript_from_json(data: Any) -> Transcript:
    """The transcript of a transcript file's JSON or of an evaluation case."""
    if isinstance(data, dict) and isinstance(data.get("segments"), list):
        return Transcript(tuple(_segment(i, s) for i, s in enumerate(data["segments"])),
                          duration_s=_duration(data))
    if is_case(data):
        return case_transcript(data)
    raise TranscriptFileError("Ukjent format på transkripsjonsfilen.")


def _segment(i: int, raw: Any) -> Segment:
    if not isinstance(raw, dict) or not isinstance(raw.get("text"), str):
        raise TranscriptFileError(f"Segment nr. {i + 1} mangler tekst.")
    return Segment(id=strip_controls(str(raw.get("id") or f"s{i + 1:04d}")),
                   t0=_seconds(i, raw, "t0"), t1=_seconds(i, raw, "t1"),
                   text=strip_controls(raw["text"]),
                   speaker=_SPEAKERS.get(str(raw.get("speaker", "annen")), Speaker.ANNEN))


def _seconds(i: int, raw: dict[str, Any], key: str) -> float:
    """A segment's time in seconds; TranscriptFileError for anything but a finite number."""
    value = raw.get(key, 0.0)
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        value = "x"
    try:
        seconds = float(value)
    except ValueError:
        seconds = math.nan
    if not math.isfinite(seconds):
        raise TranscriptFileError(f"Segment nr. {i + 1}: tiden «{key}» er ikke et tall.")
    return seconds


def _duration(data: dict[str, Any]) -> float:
    ends = [_seconds(i, s, "t1") for i, s in enumerate(data["segments"]) if isinstance(s, dict)]
    return max(ends, default=0.0)


def case_transcript(case: Mapping[str, Any]) -> Transcript:
    """One segment per turn, ids s0001…, with the case's speakers (pårørende → annen)."""
    segments, t = [], 0.0
    for i, turn in enumerate(case["transcript"]):
        seconds = SECONDS_PER_WORD * len(str(turn.get("text", "")).split())
        segments.append(_segment(i, {**turn, "id": f"s{i + 1:04d}", "t0": t, "t1": t + seconds}))
        t += seconds
    duration = float(case.get("duration_min", 0.0)) * 60.0 or t
    return Transcript(tuple(segments), duration_s=duration)


def contact_of(case: Mapping[str, Any]) -> ContactType:
    try:
        return ContactType(str(case.get("contact", "oppmote")))
    except ValueError:
        return ContactType.OPPMOTE


def sex_of(case: Mapping[str, Any]) -> Sex | None:
    """The case's ``patient.sex`` (K or M); None when it has none."""
    patient = case.get("patient")
    return Sex.parse(patient.get("sex")) if isinstance(patient, Mapping) else None


def case_facts(case: Mapping[str, Any], facts: Sequence[Fact] = ()) -> ConsultationFacts:
    """The case's contact type, minutes and patient sex, with ``facts`` (those extraction
    found)."""
    return ConsultationFacts(contact_type=contact_of(case),
                             duration_min=float(case.get("duration_min", 0)), facts=tuple(facts),
                             patient_sex=sex_of(case))


def load_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        raise TranscriptFileError(f"Kunne ikke lese {path.name} som JSON.") from None


def load_case(path: Path) -> dict[str, Any]:
    """An evaluation case file; TranscriptFileError when it is not one."""
    case = load_json(path)
    if not is_case(case):
        raise TranscriptFileError(f"{path.name} er ikke et evalueringstilfelle.")
    return dict(case)
