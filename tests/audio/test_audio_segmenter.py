"""Cutting a live stream into pieces: only inside pauses, nothing lost, silence skipped."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pytest

from scribe.audio.segmenter import CutConfig, Piece, Segmenter, best_pause

RATE = 16_000


def _feed(audio: npt.NDArray[np.float32], segmenter: Segmenter,
          step_s: float = 0.1) -> list[Piece]:
    pieces: list[Piece] = []
    step = int(step_s * RATE)
    for i in range(0, audio.size, step):
        pieces += segmenter.push(audio[i:i + step])
    tail = segmenter.flush()
    return pieces + ([tail] if tail else [])


def _speech_spans(audio: npt.NDArray[np.float32]) -> list[tuple[float, float]]:
    """Where the synthetic sample is not digital silence (espeak pauses are exact zeros)."""
    frames = np.abs(audio[: audio.size // 160 * 160]).reshape(-1, 160).max(axis=1) > 0.003
    spans, start = [], None
    for i, loud in enumerate(frames):
        if loud and start is None:
            start = i
        if not loud and start is not None:
            spans.append((start / 100, i / 100))
            start = None
    if start is not None:
        spans.append((start / 100, frames.size / 100))
    return spans


def test_cuts_fall_only_in_silence_and_the_speech_is_all_kept(
        sample_audio: npt.NDArray[np.float32]) -> None:
    pieces = _feed(sample_audio, Segmenter())
    assert len(pieces) >= 8  # about one per turn of the 10-turn sample
    for piece in pieces[:-1]:
        cut = round((piece.offset_s + piece.audio.size / RATE) * RATE)
        assert np.abs(sample_audio[cut - 800:cut + 800]).max() < 0.003, f"cut at {cut / RATE}"
    covered = [(p.offset_s, p.offset_s + p.audio.size / RATE) for p in pieces]
    for start, end in _speech_spans(sample_audio):
        if end - start > 0.05:
            assert any(a <= start and end <= b for a, b in covered), (start, end)


def test_pieces_are_the_recording_itself_at_their_offsets(
        sample_audio: npt.NDArray[np.float32]) -> None:
    for piece in _feed(sample_audio[: 20 * RATE], Segmenter()):
        start = round(piece.offset_s * RATE)
        assert np.array_equal(piece.audio, sample_audio[start:start + piece.audio.size])


def test_pure_silence_gives_no_piece_and_keeps_only_a_second_buffered() -> None:
    segmenter = Segmenter()
    assert _feed(np.zeros(30 * RATE, dtype=np.float32), segmenter) == []
    segmenter.push(np.zeros(10 * RATE, dtype=np.float32))
    assert segmenter.buffered_s <= 1.6


def test_speech_without_pauses_is_cut_at_the_maximum_piece_length() -> None:
    def always_speech(audio: npt.NDArray[np.float32]) -> list[tuple[int, int]]:
        return [(0, audio.size)] if audio.size else []

    noise = np.random.default_rng(1).normal(0, 0.1, 60 * RATE).astype(np.float32)
    pieces = _feed(noise, Segmenter(CutConfig(max_piece_s=10.0), vad=always_speech))
    assert [round(p.audio.size / RATE, 1) for p in pieces] == [10.0] * 6
    assert [p.offset_s for p in pieces] == pytest.approx([0, 10, 20, 30, 40, 50])


def test_best_pause_is_the_middle_of_the_longest_gap_in_the_last_half() -> None:
    def regions(audio: npt.NDArray[np.float32]) -> list[tuple[int, int]]:
        return [(0, 10_000), (50_000, 60_000), (62_000, 64_000)]  # within the searched half

    audio = np.zeros(200_000, dtype=np.float32)
    assert best_pause(audio, regions) == 100_000 + 30_000  # middle of the gap 10 000..50 000
    assert best_pause(audio, lambda a: []) == 200_000
