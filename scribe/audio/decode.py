"""Decoding any recording (wav, mp3, m4a, ogg, flac; any rate; mono or stereo) to 16 kHz mono.

PyAV (which faster-whisper depends on) does the work, imported only when a file is decoded.
``iter_blocks`` streams a file block by block so a three-hour recording never sits in memory
whole (``StoredBlocks`` stores the same blocks as chunks while they pass on, ``rebatch`` cuts
them to another size); ``decode_file`` is the convenience for short files. Messages never
name the file: a file name may contain a patient's name.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from scribe.audio import SAMPLE_RATE
from scribe.audio.pcm import samples_to_seconds
from scribe.errors import AudioDecodeError, SilentAudio

log = logging.getLogger(__name__)

FloatAudio = npt.NDArray[np.float32]
ChunkSink = Callable[[int, float, bytes], None]  # seq, t0 in seconds, int16 PCM
ScalarT = TypeVar("ScalarT", bound=np.generic)
SILENCE_DBFS = -55.0  # a block whose RMS stays below this holds no speech
LEADING_SILENCE_S = 180.0  # a file silent this long from the start is refused on import
SUPPORTED = (".wav", ".mp3", ".m4a", ".ogg", ".oga", ".opus", ".flac", ".webm", ".mp4", ".aac")


@dataclass(frozen=True)
class AudioInfo:
    duration_s: float  # 0.0 when the container does not say
    sample_rate: int
    channels: int
    codec: str


def _check_file(path: Path) -> None:
    if path.is_dir():
        raise AudioDecodeError("Du valgte en mappe, ikke en lydfil.", "Velg selve lydfilen.")
    if not path.is_file():
        raise AudioDecodeError("Finner ikke lydfilen.", "Sjekk stien til filen.")
    if path.stat().st_size == 0:
        raise AudioDecodeError("Lydfilen er tom (0 byte).",
                               "Filen ble trolig ikke lagret ferdig. Velg en annen fil.")


def _open(path: Path) -> Any:
    """The PyAV container, or AudioDecodeError for anything PyAV cannot open."""
    _check_file(path)
    import av  # lazy: keeps ``import scribe.audio`` light

    try:
        container = av.open(str(path), mode="r", metadata_errors="ignore")
    except (av.FFmpegError, UnicodeDecodeError, ValueError) as exc:
        log.info("decode: cannot open (%s)", type(exc).__name__)
        raise AudioDecodeError(
            "Lydfilen kan ikke leses: ukjent format eller ødelagt fil.") from None
    if not container.streams.audio:
        container.close()
        raise AudioDecodeError("Filen inneholder ikke lyd.")
    return container


def probe(path: str | Path) -> AudioInfo:
    """Duration and format of a recording, without decoding it."""
    with _open(Path(path)) as container:
        stream = container.streams.audio[0]
        duration = 0.0
        if stream.duration is not None and stream.time_base is not None:
            duration = float(stream.duration * stream.time_base)
        elif container.duration is not None:
            duration = container.duration / 1_000_000
        return AudioInfo(duration_s=duration, sample_rate=int(stream.rate or 0),
                         channels=int(stream.channels or 0), codec=str(stream.codec_context.name))


def validate(path: str | Path, *, silence_s: float = LEADING_SILENCE_S) -> AudioInfo:
    """A recording checked before anything is stored: it opens, holds audio that decodes, and
    is not silent from the start for ``silence_s`` seconds. Only the start is decoded (up to
    the first second with sound), so an hour of silence is refused after ``silence_s``.
    AudioDecodeError or SilentAudio otherwise."""
    info = probe(path)
    import av

    heard = 0
    with _open(Path(path)) as container:
        resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
        try:
            for pcm in _regroup(_resampled(container, resampler), _samples(1.0)):
                heard += pcm.size
                if level_dbfs(pcm.astype(np.float32) / 32768.0)[0] >= SILENCE_DBFS:
                    return info
                if heard >= silence_s * SAMPLE_RATE:
                    raise SilentAudio(f"Opptaket er stille de første {silence_s / 60:.0f} "
                                      "minuttene.")
        except av.FFmpegError as exc:
            log.info("decode: stream error while checking (%s)", type(exc).__name__)
            raise AudioDecodeError("Lydfilen er ødelagt og kan ikke leses.") from None
    if heard == 0:
        raise AudioDecodeError("Lydfilen inneholder ingen lyd.",
                               "Filen har bare et hode og ingen lyd. Velg en annen fil.")
    raise SilentAudio("Opptaket er stille: ingen tale å transkribere.")


def iter_blocks(path: str | Path, *, block_s: float = 30.0) -> Iterator[FloatAudio]:
    """The recording as float32 blocks of ``block_s`` seconds (the last may be shorter)."""
    import av

    with _open(Path(path)) as container:
        resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
        try:
            for pcm in _regroup(_resampled(container, resampler), _samples(block_s)):
                yield pcm.astype(np.float32) / 32768.0
        except av.FFmpegError as exc:
            log.info("decode: stream error (%s)", type(exc).__name__)
            raise AudioDecodeError("Lydfilen er ødelagt og kan ikke leses ferdig.") from None


def rebatch(blocks: Iterable[FloatAudio], *, block_s: float) -> Iterator[FloatAudio]:
    """The same samples in blocks of ``block_s`` seconds, exactly as ``iter_blocks`` with that
    ``block_s`` would have cut them."""
    return _regroup(blocks, _samples(block_s))


def _samples(block_s: float) -> int:
    return max(1, int(block_s * SAMPLE_RATE))


def _regroup(arrays: Iterable[npt.NDArray[ScalarT]], size: int
             ) -> Iterator[npt.NDArray[ScalarT]]:
    """Consecutive slices of ``size`` samples over the joined arrays; the rest at the end."""
    pending: list[npt.NDArray[ScalarT]] = []
    have = 0
    for array in arrays:
        pending.append(array)
        have += array.size
        while have >= size:
            joined = np.concatenate(pending)
            yield joined[:size]
            pending, have = [joined[size:]], joined.size - size
    if have:
        yield np.concatenate(pending)


class StoredBlocks:
    """Decoded blocks passed on unchanged, each also handed to ``sink`` as an int16 PCM chunk
    ``(seq, t0, pcm)`` first: one decoding pass both stores a file and feeds the transcriber.

    ``drain`` stores the blocks the consumer did not take (when it stopped early), so the
    whole recording is kept even if transcribing it failed.
    """

    def __init__(self, blocks: Iterable[FloatAudio], sink: ChunkSink) -> None:
        self._blocks = iter(blocks)
        self._sink = sink
        self._seq = 0
        self._t0 = 0.0

    def __iter__(self) -> Iterator[FloatAudio]:
        for block in self._blocks:
            self._store(block)
            yield block

    def drain(self) -> None:
        for block in self._blocks:
            self._store(block)

    def _store(self, block: FloatAudio) -> None:
        seq, t0 = self._seq, self._t0  # counted first: a chunk the sink lost keeps its place
        self._seq += 1
        self._t0 += samples_to_seconds(block.size)
        self._sink(seq, t0, to_int16_bytes(block))


def _resampled(container: Any, resampler: Any) -> Iterator[npt.NDArray[np.int16]]:
    for frame in container.decode(audio=0):
        for out in resampler.resample(frame):
            yield out.to_ndarray().reshape(-1).astype(np.int16, copy=False)
    for out in resampler.resample(None):
        yield out.to_ndarray().reshape(-1).astype(np.int16, copy=False)


def decode_file(path: str | Path) -> FloatAudio:
    """The whole recording as one float32 array (for short files; see ``iter_blocks``)."""
    blocks = list(iter_blocks(path, block_s=60.0))
    if not blocks:
        raise AudioDecodeError("Lydfilen inneholder ingen lyd.")
    return np.concatenate(blocks)


def to_int16_bytes(audio: FloatAudio) -> bytes:
    """Float32 -1..1 to little-endian int16 PCM, the format chunks are stored in."""
    clipped = np.clip(audio, -1.0, 32767 / 32768)
    return (clipped * 32768.0).astype("<i2").tobytes()


def from_int16_bytes(pcm: bytes) -> FloatAudio:
    return np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768.0


def level_dbfs(audio: FloatAudio) -> tuple[float, float]:
    """(RMS, peak) in dBFS; -120 for digital silence."""
    if audio.size == 0:
        return -120.0, -120.0
    rms = float(np.sqrt(np.mean(np.square(audio, dtype=np.float64))))
    peak = float(np.max(np.abs(audio)))
    return _db(rms), _db(peak)


def _db(value: float) -> float:
    return max(-120.0, 20.0 * float(np.log10(value))) if value > 0 else -120.0
