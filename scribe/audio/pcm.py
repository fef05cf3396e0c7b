"""Stored audio is 16 kHz mono little-endian int16 PCM: seconds ↔ bytes, and slices of it.

The arithmetic lives here, next to :data:`~scribe.audio.SAMPLE_RATE`, so no other module
writes 16000 or 32000 by hand.
"""

from __future__ import annotations

from scribe.audio import SAMPLE_RATE

BYTES_PER_SAMPLE = 2
BYTES_PER_SECOND = SAMPLE_RATE * BYTES_PER_SAMPLE


def samples_to_seconds(samples: int) -> float:
    return samples / SAMPLE_RATE


def byte_offset(seconds: float) -> int:
    """Where second ``seconds`` begins in a PCM buffer (on a whole sample)."""
    return int(seconds * SAMPLE_RATE) * BYTES_PER_SAMPLE


def pcm_seconds(pcm: bytes) -> float:
    """How long a PCM buffer plays."""
    return len(pcm) / BYTES_PER_SECOND


def pcm_between(pcm: bytes, t0: float, t1: float) -> bytes:
    """The stretch of ``pcm`` from second ``t0`` to second ``t1`` (cut short at the end)."""
    return pcm[byte_offset(t0):byte_offset(t1)]
