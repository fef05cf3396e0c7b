"""Cutting a stream of audio into pieces at pauses, so no word is ever split between pieces.

A piece ends in a pause the VAD calls silence (cut in its middle), so a word can neither be
lost at a border nor transcribed twice. Speech that runs on without such a pause is cut once
the piece reaches ``max_piece_s``: at the longest short pause in its second half or, when the
speaker leaves none, at its quietest moment (the gap between two words). While a piece grows,
``pending`` shows it, so its words can be committed early, and ``drop_until`` lets go of audio
that is done with (:mod:`scribe.audio.agreement`).

VAD runs incrementally on the newest audio (plus a second of context) instead of on the whole
buffer each time, which keeps it cheap. The VAD function is injected; the default is the
Silero VAD bundled with faster-whisper.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from scribe.audio import SAMPLE_RATE

FloatAudio = npt.NDArray[np.float32]
VadFn = Callable[[FloatAudio], list[tuple[int, int]]]


def default_vad(audio: FloatAudio) -> list[tuple[int, int]]:
    from scribe.audio.whisper_engine import speech_regions

    return speech_regions(audio, min_silence_ms=300, pad_ms=100)


@dataclass(frozen=True)
class CutConfig:
    min_pause_s: float = 1.0  # a pause this long after speech ends a piece
    max_piece_s: float = 12.0  # longer speech is cut at its best short pause
    min_piece_s: float = 4.0  # such a cut lands no earlier than this
    vad_every_s: float = 0.5
    context_s: float = 1.0
    idle_keep_s: float = 1.0  # silence kept ahead of the next speech


@dataclass(frozen=True)
class Piece:
    audio: FloatAudio
    offset_s: float  # recording time of the first sample


def _s(seconds: float) -> int:
    return int(seconds * SAMPLE_RATE)


class Segmenter:
    """Feed audio with ``push``; get pieces that end in a pause. ``flush`` gives the tail."""

    def __init__(self, config: CutConfig | None = None, vad: VadFn | None = None) -> None:
        self.config = config or CutConfig()
        self._vad: VadFn = vad or default_vad
        self._buf: FloatAudio = np.zeros(0, dtype=np.float32)
        self._start = 0  # recording sample index of _buf[0]
        self._analysed = 0  # samples of _buf the VAD has seen
        self._speech_end = -1  # end of the last speech in _buf; -1: no speech yet

    @property
    def buffered_s(self) -> float:
        return self._buf.size / SAMPLE_RATE

    def push(self, audio: FloatAudio) -> list[Piece]:
        self._buf = np.concatenate([self._buf, audio.astype(np.float32, copy=False)])
        if self._buf.size - self._analysed < _s(self.config.vad_every_s):
            return []
        return self._decide(self._analyse())

    def pending(self) -> Piece | None:
        """The audio not yet cut off as a piece, when speech has begun in it."""
        if self._speech_end < 0 or not self._buf.size:
            return None
        return Piece(self._buf, self._start / SAMPLE_RATE)

    def drop_until(self, t_s: float) -> None:
        """Let go of the audio before recording time ``t_s`` (already transcribed)."""
        n = round(t_s * SAMPLE_RATE) - self._start
        if n > 0:
            self._drop(min(n, self._buf.size))

    def flush(self) -> Piece | None:
        """The rest, if it holds any speech; the segmenter is empty afterwards."""
        if self._buf.size and self._analysed < self._buf.size:
            regions = self._analyse()
            if regions:
                self._speech_end = max(self._speech_end, regions[-1][1])
        piece = self._take(self._buf.size) if self._speech_end >= 0 else None
        self._drop(self._buf.size)
        return piece

    def _analyse(self) -> list[tuple[int, int]]:
        """Speech regions (in buffer samples) of the newest audio plus some context."""
        begin = max(0, self._analysed - _s(self.config.context_s))
        self._analysed = self._buf.size
        return [(begin + a, begin + b) for a, b in self._vad(self._buf[begin:])]

    def _decide(self, regions: list[tuple[int, int]]) -> list[Piece]:
        size = self._buf.size
        pauses = self._pauses(regions)
        if self._speech_end < 0 and not regions:
            keep = _s(self.config.idle_keep_s)
            if size > keep + _s(self.config.vad_every_s):
                self._drop(size - keep)
            return []
        if regions:
            self._speech_end = max(self._speech_end, regions[-1][1])
        if pauses:  # the latest pause: when behind, one longer piece catches up
            start, end = pauses[-1]
            return [self._take(start + (end - start) // 2)]
        if size >= _s(self.config.max_piece_s):
            return [self._take(forced_cut(self._buf, self._vad,
                                          earliest=_s(self.config.min_piece_s)))]
        return []

    def _pauses(self, regions: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Silences of at least ``min_pause_s`` that follow speech, oldest first."""
        ends = [self._speech_end] if self._speech_end >= 0 else []
        out = []
        for start, end in [*regions, (self._buf.size, self._buf.size)]:
            if ends and start - max(ends) >= _s(self.config.min_pause_s):
                out.append((max(ends), start))
            if start < self._buf.size:
                ends.append(end)
        return out

    def _take(self, cut: int) -> Piece:
        piece = Piece(self._buf[:cut].copy(), self._start / SAMPLE_RATE)
        self._drop(cut)
        rest_regions = self._vad(self._buf) if self._buf.size >= 512 else []
        self._speech_end = rest_regions[-1][1] if rest_regions else -1
        return piece

    def _drop(self, n: int) -> None:
        self._buf = self._buf[n:]
        self._start += n
        self._analysed = max(0, self._analysed - n)
        self._speech_end = self._speech_end - n if self._speech_end >= n else -1


def best_pause(audio: FloatAudio, vad: VadFn, *, min_gap_s: float = 0.3,
               search_s: float | None = None) -> int:
    """Where to cut ``audio`` so it ends in silence: the middle of the longest pause in the
    last half (or the last ``search_s`` seconds). The end when there is no pause at all."""
    begin = max(0, audio.size - _s(search_s)) if search_s else audio.size // 2
    regions = vad(audio[begin:])
    if not regions:
        return audio.size
    gaps = [(regions[0][0], 0, regions[0][0])] if regions[0][0] > 0 else []
    gaps += [(b[0] - a[1], a[1], b[0]) for a, b in itertools.pairwise(regions)]
    gaps.append((audio.size - begin - regions[-1][1], regions[-1][1], audio.size - begin))
    length, start, end = max(gaps)
    if length < _s(min_gap_s):
        return audio.size
    return begin + (start + end) // 2


def forced_cut(audio: FloatAudio, vad: VadFn, *, earliest: int) -> int:
    """Where to cut speech that has no real pause: the middle of the longest short pause
    (≥ 0.1 s) after ``earliest``, else the quietest 30 ms after it, so the cut falls between
    words rather than in one."""
    earliest = min(earliest, audio.size // 2)
    cut = best_pause(audio, vad, min_gap_s=0.1, search_s=(audio.size - earliest) / SAMPLE_RATE)
    if cut < audio.size:
        return cut
    return earliest + quietest_point(audio[earliest:])


def quietest_point(audio: FloatAudio, *, frame_s: float = 0.03, hop_s: float = 0.01) -> int:
    """The middle of the 30 ms window with the least energy (the end if ``audio`` is shorter
    than a window)."""
    frame, hop = _s(frame_s), _s(hop_s)
    if audio.size <= frame:
        return audio.size
    power = np.concatenate([[0.0], np.cumsum(audio.astype(np.float64) ** 2)])
    starts = np.arange(0, audio.size - frame + 1, hop)
    energy = power[starts + frame] - power[starts]
    return int(starts[int(np.argmin(energy))] + frame // 2)
