"""Decoding any recording (wav, mp3, m4a, ogg, flac; any rate; mono or stereo) to 16 kHz mono.

PyAV (which faster-whisper depends on) does the work, imported only when a file is decoded.
``iter_blocks`` streams a file block by block so a three-hour recording never sits in memory
whole; ``decode_file`` is the convenience for short files. Messages never name the file: a
file name may contain a patient's name.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from scribe.audio import SAMPLE_RATE
from scribe.errors import AudioDecodeError

log = logging.getLogger(__name__)

FloatAudio = npt.NDArray[np.float32]
SUPPORTED = (".wav", ".mp3", ".m4a", ".ogg", ".oga", ".opus", ".flac", ".webm", ".mp4", ".aac")


@dataclass(frozen=True)
class AudioInfo:
    duration_s: float  # 0.0 when the container does not say
    sample_rate: int
    channels: int
    codec: str


def _check_file(path: Path) -> None:
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


def iter_blocks(path: str | Path, *, block_s: float = 30.0) -> Iterator[FloatAudio]:
    """The recording as float32 blocks of ``block_s`` seconds (the last may be shorter)."""
    import av

    block = max(1, int(block_s * SAMPLE_RATE))
    pending: list[npt.NDArray[np.int16]] = []
    have = 0
    with _open(Path(path)) as container:
        resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
        try:
            for pcm in _resampled(container, resampler):
                pending.append(pcm)
                have += pcm.size
                while have >= block:
                    joined = np.concatenate(pending)
                    yield joined[:block].astype(np.float32) / 32768.0
                    pending, have = [joined[block:]], joined.size - block
        except av.FFmpegError as exc:
            log.info("decode: stream error (%s)", type(exc).__name__)
            raise AudioDecodeError("Lydfilen er ødelagt og kan ikke leses ferdig.") from None
    if have:
        yield np.concatenate(pending).astype(np.float32) / 32768.0


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
