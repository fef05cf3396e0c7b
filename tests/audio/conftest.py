"""Fixtures for the audio tests: the synthetic sample consultation, small generated files,
and one real whisper-base engine (1 thread) shared by the model tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from scribe.audio.whisper_engine import WhisperEngine, load_engine
from scribe.config import Settings, load_settings, with_section

DATA = Path(__file__).resolve().parents[1] / "data"
SAMPLE = DATA / "sample_consultation.flac"
RATE = 16_000


@pytest.fixture(scope="session")
def sample_audio() -> npt.NDArray[np.float32]:
    from scribe.audio.decode import decode_file

    return decode_file(SAMPLE)


@pytest.fixture(scope="session")
def short_clip(tmp_path_factory: pytest.TempPathFactory,
               sample_audio: npt.NDArray[np.float32]) -> Path:
    """The first two turns of the sample (about 11 s: a question, a pause, an answer)."""
    path = tmp_path_factory.mktemp("clips") / "two_turns.wav"
    _write_wav(path, sample_audio[: int(10.9 * RATE)])
    return path


def _write_wav(path: Path, audio: npt.NDArray[np.float32], *, rate: int = RATE,
              channels: int = 1) -> Path:
    import wave

    pcm = (np.clip(audio, -1, 0.99997) * 32768).astype("<i2")
    if channels > 1:
        pcm = np.repeat(pcm[:, None], channels, axis=1).reshape(-1)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(pcm.tobytes())
    return path


def settings_one_thread() -> Settings:
    return with_section(load_settings(), "asr", threads=1, device="cpu")


@pytest.fixture(scope="session")
def engine() -> WhisperEngine:
    return load_engine(settings_one_thread())


@pytest.fixture
def settings() -> Settings:
    return settings_one_thread()


WavWriter = Callable[..., Path]


@pytest.fixture(scope="session")
def write_wav() -> WavWriter:
    """``write_wav(path, float_audio, rate=16000, channels=1)``: a 16-bit WAV file."""
    return _write_wav
