"""Helpers shared by the coding tests."""

from __future__ import annotations

from pathlib import Path

from scribe.domain import Segment, Speaker, Transcript

EVAL_DEV = Path(__file__).resolve().parents[3] / "shared" / "eval" / "dev"


def make_transcript(*turns: tuple[str, str]) -> Transcript:
    """A transcript from (speaker, text) pairs, ids s0001…"""
    segs = tuple(Segment(id=f"s{i:04d}", t0=float(i), t1=float(i + 1), text=text,
                         speaker=Speaker(speaker))
                 for i, (speaker, text) in enumerate(turns, start=1))
    return Transcript(segments=segs, duration_s=float(len(segs)))
