"""Cutting a live stream into pieces: only inside pauses, nothing lost, silence skipped."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from scribe.audio.segmenter import CutConfig, Piece, Segmenter, best_pause, quietest_point

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


def test_cuts_fall_in_pauses_or_between_words_and_the_speech_is_all_kept(
        sample_audio: npt.NDArray[np.float32]) -> None:
    pieces = _feed(sample_audio, Segmenter(CutConfig(min_pause_s=0.5)))
    assert len(pieces) >= 10  # at least one per turn of the 10-turn sample
    assert np.array_equal(np.concatenate([p.audio for p in pieces]),
                          sample_audio[round(pieces[0].offset_s * RATE):][
                              :sum(p.audio.size for p in pieces)])  # contiguous: none lost
    in_pause = 0
    for piece in pieces[:-1]:
        cut = round((piece.offset_s + piece.audio.size / RATE) * RATE)
        around = sample_audio[cut - 240:cut + 240]
        assert np.sqrt(np.mean(around ** 2)) < 0.01, f"cut inside a word at {cut / RATE}"
        in_pause += np.abs(sample_audio[cut - 800:cut + 800]).max() < 0.003
    assert in_pause >= 9  # the turns end in real pauses, and those are where it cuts


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


def _always_speech(audio: npt.NDArray[np.float32]) -> list[tuple[int, int]]:
    return [(0, audio.size)] if audio.size else []


def _words_without_pauses(seconds: float) -> tuple[npt.NDArray[np.float32], list[int]]:
    """Tone "words" of 0.2–0.5 s with 40 ms dips between them and no real pause: a speaker who
    never stops. Returns the audio and the sample index of each dip's middle."""
    rng = np.random.default_rng(7)
    parts, dips, at = [], [], 0
    while at < seconds * RATE:
        n = int(rng.uniform(0.2, 0.5) * RATE)
        parts.append((0.3 * np.sin(np.arange(n) * rng.uniform(0.05, 0.2))).astype(np.float32))
        parts.append(np.full(640, 0.002, dtype=np.float32))
        dips.append(at + n + 320)
        at += n + 640
    return np.concatenate(parts), dips


def test_speech_without_pauses_is_cut_between_words_within_the_maximum_piece_length() -> None:
    audio, dips = _words_without_pauses(60)
    config = CutConfig(max_piece_s=3.0, min_piece_s=1.5)
    pieces = _feed(audio, Segmenter(config, vad=_always_speech), step_s=1.0)
    assert len(pieces) >= 15
    assert np.array_equal(np.concatenate([p.audio for p in pieces]), audio)  # nothing lost
    for piece in pieces[:-1]:
        assert 1.5 <= piece.audio.size / RATE <= 4.0  # one 1 s chunk past the maximum at most
        cut = round(piece.offset_s * RATE) + piece.audio.size
        assert min(abs(cut - d) for d in dips) <= 320, f"cut inside a word at {cut / RATE}"


def test_the_quietest_point_is_the_middle_of_the_quietest_window() -> None:
    audio = np.full(RATE, 0.2, dtype=np.float32)
    audio[9_000:9_480] = 0.0
    assert abs(quietest_point(audio) - 9_240) <= 80
    assert quietest_point(audio[:100]) == 100


def test_best_pause_is_the_middle_of_the_longest_gap_in_the_last_half() -> None:
    def regions(audio: npt.NDArray[np.float32]) -> list[tuple[int, int]]:
        return [(0, 10_000), (50_000, 60_000), (62_000, 64_000)]  # within the searched half

    audio = np.zeros(200_000, dtype=np.float32)
    assert best_pause(audio, regions) == 100_000 + 30_000  # middle of the gap 10 000..50 000
    assert best_pause(audio, lambda a: []) == 200_000
