"""Reading transcripts from JSON: {"segments": [...]} or an eval case ({"transcript": [...]})."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from scribe.domain import ContactType, Segment, Speaker, Transcript
from scribe.errors import ScribeError

_SPEAKERS = {"lege": Speaker.LEGE, "pasient": Speaker.PASIENT, "parorende": Speaker.ANNEN,
             "pårørende": Speaker.ANNEN, "annen": Speaker.ANNEN}
SECONDS_PER_WORD = 0.4  # eval cases have no times; about 150 words a minute


class TranscriptFileError(ScribeError):
    default_hint = ('Filen skal være JSON med {"segments": [{"id", "t0", "t1", "speaker", '
                    '"text"}]} eller et evalueringstilfelle med "transcript".')


def transcript_from_json(data: Any) -> Transcript:
    if isinstance(data, dict) and isinstance(data.get("segments"), list):
        return Transcript(tuple(_segment(i, s) for i, s in enumerate(data["segments"])),
                          duration_s=_duration(data))
    if isinstance(data, dict) and isinstance(data.get("transcript"), list):
        return _from_case(data)
    raise TranscriptFileError("Ukjent format på transkripsjonsfilen.")


def _segment(i: int, raw: Any) -> Segment:
    if not isinstance(raw, dict) or not isinstance(raw.get("text"), str):
        raise TranscriptFileError(f"Segment nr. {i + 1} mangler tekst.")
    return Segment(id=str(raw.get("id") or f"s{i + 1:04d}"), t0=float(raw.get("t0", 0.0)),
                   t1=float(raw.get("t1", 0.0)), text=raw["text"],
                   speaker=_SPEAKERS.get(str(raw.get("speaker", "annen")), Speaker.ANNEN))


def _duration(data: dict[str, Any]) -> float:
    ends = [float(s.get("t1", 0.0)) for s in data["segments"] if isinstance(s, dict)]
    return max(ends, default=0.0)


def _from_case(case: dict[str, Any]) -> Transcript:
    segments, t = [], 0.0
    for i, turn in enumerate(case["transcript"]):
        seconds = SECONDS_PER_WORD * len(str(turn.get("text", "")).split())
        segments.append(_segment(i, {**turn, "id": f"s{i + 1:04d}", "t0": t, "t1": t + seconds}))
        t += seconds
    duration = float(case.get("duration_min", 0.0)) * 60.0 or t
    return Transcript(tuple(segments), duration_s=duration)


def contact_of(case: dict[str, Any]) -> ContactType:
    try:
        return ContactType(str(case.get("contact", "oppmote")))
    except ValueError:
        return ContactType.OPPMOTE


def load_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        raise TranscriptFileError(f"Kunne ikke lese {path.name} som JSON.") from None
