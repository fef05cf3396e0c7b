"""The one adapter over faster-whisper (and its CTranslate2 runtime and bundled Silero VAD).

Nothing outside this module imports faster_whisper or ctranslate2, and nothing of theirs
leaves it: callers get :class:`RawSegment` and :class:`~scribe.domain.Word` values and plain
``(start, end)`` sample ranges. The engine is imported when an engine is built, so
``import scribe.audio`` stays light.
"""

from __future__ import annotations

import logging
import math
import threading
from collections.abc import Callable, Generator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from scribe.audio import SAMPLE_RATE
from scribe.config import Settings, default_threads
from scribe.domain import Word
from scribe.errors import TranscriptionError
from scribe.models import ModelStore

log = logging.getLogger(__name__)

LANGUAGE = "no"


@dataclass(frozen=True)
class DecodeOptions:
    """What one ``transcribe`` call decodes with. Frozen; built by the transcribers."""

    beam_size: int = 5
    temperatures: tuple[float, ...] = (0.0, 0.4, 0.8)  # bounded fallback (default has 6)
    initial_prompt: str | None = None
    hotwords: str | None = None
    word_timestamps: bool = True
    condition_on_previous_text: bool = True
    vad_filter: bool = True
    vad_min_silence_ms: int = 2000  # faster-whisper's default
    max_new_tokens: int | None = None  # caps a repetition loop's cost per window
    hallucination_silence_s: float | None = None  # skip silence around a suspected loop
    window_pad_s: float | None = None  # on a CPU, encode the audio plus this, not 30 s


@dataclass(frozen=True)
class RawSegment:
    """One segment as the engine gave it, times already in recording time."""

    t0: float
    t1: float
    text: str
    avg_logprob: float
    no_speech_prob: float
    compression_ratio: float
    words: tuple[Word, ...]


@dataclass(frozen=True)
class EngineInfo:
    model_path: Path
    device: str  # cpu | cuda
    compute_type: str  # int8 | float16
    threads: int


def pick_device(requested: str) -> tuple[str, str]:
    """(device, compute_type): CUDA float16 when CTranslate2 sees a GPU, else CPU int8."""
    if requested == "cpu":
        return "cpu", "int8"
    import ctranslate2

    try:
        gpus = int(ctranslate2.get_cuda_device_count())
    except RuntimeError:
        gpus = 0
    if gpus > 0:
        return "cuda", "float16"
    if requested == "cuda":
        log.warning("CUDA requested but no CUDA device found; using CPU int8")
    return "cpu", "int8"


class WhisperEngine:
    """A loaded Whisper model. ``transcribe`` may be called from one worker thread at a time."""

    def __init__(self, model_path: Path, *, device: str = "auto", threads: int = 0) -> None:
        dev, compute = pick_device(device)
        n = default_threads(threads)
        self._lock = threading.Lock()
        self.info = EngineInfo(model_path, dev, compute, n)
        try:
            self._model = _load(model_path, dev, compute, n)
            self._encoder = _Encoder(self._model)
            if dev == "cuda":
                self.warm_up()  # CUDA's libraries (cuBLAS, cuDNN) load only on first use
        except (RuntimeError, ValueError, OSError) as exc:
            if dev != "cuda" or device == "cuda":
                raise _load_error(dev) from exc
            # A GPU without CUDA's libraries (or without memory to spare): use the CPU.
            log.warning("CUDA unusable (%s); transcribing on the CPU", type(exc).__name__)
            self.info = EngineInfo(model_path, "cpu", "int8", n)
            try:
                self._model = _load(model_path, "cpu", "int8", n)
                self._encoder = _Encoder(self._model)
            except (RuntimeError, ValueError, OSError) as again:
                raise _load_error("cpu") from again

    def warm_up(self) -> None:
        """One tiny decode so the first real piece does not pay for lazy initialisation."""
        noise = np.random.default_rng(0).normal(0, 0.01, SAMPLE_RATE).astype(np.float32)
        options = DecodeOptions(beam_size=1, temperatures=(0.0,), word_timestamps=False,
                                vad_filter=False)
        for _ in self.transcribe(noise, options):
            pass

    def transcribe(self, audio: npt.NDArray[np.float32], options: DecodeOptions, *,
                   offset_s: float = 0.0) -> Generator[RawSegment, None, None]:
        """Segments of ``audio`` (16 kHz mono float32) as they are decoded, lazily."""
        with self._lock:
            if self.info.device == "cpu":  # on a GPU the full window costs next to nothing
                self._encoder.frames = window_frames(audio.size / SAMPLE_RATE,
                                                     options.window_pad_s)
            segments, _info = self._model.transcribe(
                audio, language=LANGUAGE, task="transcribe", beam_size=options.beam_size,
                temperature=list(options.temperatures),
                initial_prompt=options.initial_prompt, hotwords=options.hotwords,
                word_timestamps=options.word_timestamps,
                condition_on_previous_text=options.condition_on_previous_text,
                vad_filter=options.vad_filter,
                vad_parameters={"min_silence_duration_ms": options.vad_min_silence_ms},
                max_new_tokens=window_tokens(options.max_new_tokens),
                hallucination_silence_threshold=options.hallucination_silence_s,
            )
            try:
                for seg in segments:
                    yield _raw(seg, offset_s)
            finally:
                self._encoder.frames = None


_FULL_WINDOW_S = 30.0
_FRAMES_PER_S = 100  # mel frames; the encoder halves them
_MAX_LENGTH = 448  # Whisper's text context: the prompt and the new tokens of one window
_MAX_PROMPT = 1 + (_MAX_LENGTH // 2 - 1) + 3 + 1  # previous text, start sequence, timestamp


def window_tokens(wanted: int | None) -> int | None:
    """``max_new_tokens`` applies to each 30 s window: a cap computed from a long piece's
    length (a live piece grows while the worker is behind) must still leave the window room
    for its prompt, or faster-whisper refuses the call."""
    return None if wanted is None else min(wanted, _MAX_LENGTH - _MAX_PROMPT)


def window_frames(seconds: float, pad_s: float | None) -> int | None:
    """Mel frames to encode for ``seconds`` of audio plus ``pad_s`` (an even count, as the
    encoder's stride is two); None for Whisper's full 30 s window."""
    if pad_s is None or seconds + pad_s >= _FULL_WINDOW_S:
        return None
    return 2 * math.ceil((seconds + pad_s) * _FRAMES_PER_S / 2)


class _Encoder:
    """faster-whisper pads every window to 30 s before the encoder, whose cost is then the
    same for 2 s of speech as for 30 s (on 2 cores about 0.5 s of a 1 s live hearing).
    CTranslate2's Whisper encoder takes shorter input, so a short live piece is encoded
    with ``frames`` of it only (whisper.cpp calls this the audio context). The decoder and
    the word alignment attend to what the encoder gives; Whisper was trained on full
    windows, so this trades some accuracy for speed (measured in ``bench/bench_asr.py``)."""

    def __init__(self, model: Any) -> None:
        self.frames: int | None = None
        self._encode = model.encode
        model.encode = self

    def __call__(self, features: Any) -> Any:
        if self.frames is not None and features.shape[-1] > self.frames:
            features = np.ascontiguousarray(features[..., :self.frames])
        return self._encode(features)


def _load(model_path: Path, device: str, compute_type: str, threads: int) -> Any:
    from faster_whisper import WhisperModel

    return WhisperModel(str(model_path), device=device, compute_type=compute_type,
                        cpu_threads=threads, num_workers=1, local_files_only=True)


def _load_error(device: str) -> TranscriptionError:
    if device == "cuda":
        return TranscriptionError(
            "Talegjenkjenningsmodellen kunne ikke lastes på skjermkortet (CUDA).",
            'Sett «device = "auto"» eller «"cpu"» under [asr] i innstillingene, eller '
            "installer CUDA 12 med cuBLAS og cuDNN 9.")
    return TranscriptionError(
        "Talegjenkjenningsmodellen kunne ikke lastes.",
        "Kjør: scribe models verify, og installer modellen på nytt ved feil.")


def _raw(seg: Any, offset_s: float) -> RawSegment:
    words = tuple(
        Word(text=w.word.strip(), t0=round(w.start + offset_s, 3), t1=round(w.end + offset_s, 3),
             probability=round(float(w.probability), 4))
        for w in (seg.words or ()) if w.word.strip()
    )
    return RawSegment(t0=round(seg.start + offset_s, 3), t1=round(seg.end + offset_s, 3),
                      text=seg.text.strip(), avg_logprob=float(seg.avg_logprob),
                      no_speech_prob=float(seg.no_speech_prob),
                      compression_ratio=float(seg.compression_ratio), words=words)


def speech_regions(audio: npt.NDArray[np.float32], *, min_silence_ms: int = 300,
                   pad_ms: int = 100, threshold: float = 0.5) -> list[tuple[int, int]]:
    """Speech as ``(start, end)`` sample ranges, by faster-whisper's bundled Silero VAD."""
    if audio.size < 512:
        return []
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    opts = VadOptions(threshold=threshold, min_silence_duration_ms=min_silence_ms,
                      speech_pad_ms=pad_ms)
    return [(int(r["start"]), int(r["end"]))
            for r in get_speech_timestamps(audio, opts, sampling_rate=SAMPLE_RATE)]


_cache: dict[tuple[Path, str, int], WhisperEngine] = {}
_cache_lock = threading.Lock()


def load_engine(settings: Settings, *, model: str | None = None) -> WhisperEngine:
    """The engine for ``settings.asr`` (or another installed ASR pack), loaded once."""
    path = ModelStore(settings.models_dir).resolve(model or settings.asr.model)
    key = (path, settings.asr.device, settings.asr.threads)
    with _cache_lock:
        if key not in _cache:
            _cache[key] = WhisperEngine(path, device=settings.asr.device,
                                        threads=settings.asr.threads)
        return _cache[key]


def plain_transcriber(model_path: Path, *, threads: int,
                      beam_size: int = 5) -> Callable[[Path], tuple[list[str], float]]:
    """Plain ``WhisperModel.transcribe`` with faster-whisper's defaults plus VAD: the bench
    baseline. The model loads here; the returned function gives (segment texts, duration)."""
    from faster_whisper import WhisperModel

    model = WhisperModel(str(model_path), device="cpu", compute_type="int8",
                         cpu_threads=threads, local_files_only=True)

    def run(audio_path: Path) -> tuple[list[str], float]:
        segments, info = model.transcribe(str(audio_path), language=LANGUAGE,
                                          beam_size=beam_size, vad_filter=True)
        return [s.text.strip() for s in segments], float(info.duration)

    return run
