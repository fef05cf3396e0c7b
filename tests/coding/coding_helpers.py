"""Helpers shared by the coding tests."""

from __future__ import annotations

from pathlib import Path

from scribe.coding.icpc import suggest_icpc2
from scribe.coding.index import CodeIndex
from scribe.domain import ConsultationFacts, Segment, Sex, Speaker, Transcript

EVAL_DEV = Path(__file__).resolve().parents[3] / "shared" / "eval" / "dev"


def make_transcript(*turns: tuple[str, str]) -> Transcript:
    """A transcript from (speaker, text) pairs, ids s0001…"""
    segs = tuple(Segment(id=f"s{i:04d}", t0=float(i), t1=float(i + 1), text=text,
                         speaker=Speaker(speaker))
                 for i, (speaker, text) in enumerate(turns, start=1))
    return Transcript(segments=segs, duration_s=float(len(segs)))


def codes_for(index: CodeIndex, *turns: tuple[str, str], sex: Sex | None = None) -> list[str]:
    """The ICPC-2 codes suggested for a transcript of (speaker, text) pairs, best first
    (``sex``: the patient's, when the test needs the sex-specific chapters told apart)."""
    return [s.code for s in suggest_icpc2(make_transcript(*turns),
                                          ConsultationFacts(patient_sex=sex), index=index)]
