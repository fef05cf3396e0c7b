"""Recording: an injected audio backend → ~1 s int16 chunks → a sink, with a level meter.

The backend's callback thread only queues blocks; a recorder thread assembles chunks and
calls the sink (which writes to the encrypted store), so a slow disk never stalls the audio
device. Two backends: :class:`SoundDeviceBackend` (the only module that imports sounddevice,
and only when a stream is opened or devices are listed) and :class:`FileBackend`, which plays
a decoded recording into the recorder at real time or faster, for tests and
``scribe record --from-file``.

Chunks carry ``t0`` in recording time: paused stretches are not recorded and take no time.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from scribe.audio import SAMPLE_RATE
from scribe.audio.decode import iter_blocks, level_dbfs
from scribe.errors import AudioDeviceLost, AudioError, NoMicrophone

log = logging.getLogger(__name__)

Int16Audio = npt.NDArray[np.int16]


ChunkSink = Callable[[int, float, bytes], None]
"""Receives each recorded chunk: ``(seq, t0, pcm)`` with the sequence number from 0, the
start in recording seconds and little-endian int16 16 kHz mono PCM. Wire to the store with
``lambda seq, t0, pcm: store.add_audio_chunk(cid, seq, t0, pcm, SAMPLE_RATE)``."""


def fan_out(*sinks: ChunkSink) -> ChunkSink:
    """One sink that hands each chunk to every sink in order (store first, then live ASR)."""

    def sink(seq: int, t0: float, pcm: bytes) -> None:
        for each in sinks:
            each(seq, t0, pcm)

    return sink


class BackendEvents(Protocol):
    """What a backend calls from its own thread."""

    def block(self, samples: Int16Audio) -> None: ...
    def failed(self, error: AudioError) -> None: ...
    def ended(self) -> None: ...


class AudioBackend(Protocol):
    def start(self, events: BackendEvents) -> None: ...
    def stop(self) -> None: ...


@dataclass(frozen=True)
class InputDevice:
    index: int
    name: str
    channels: int
    default_rate: float
    is_default: bool


@dataclass(frozen=True)
class Level:
    rms_dbfs: float = -120.0
    peak_dbfs: float = -120.0


# --- sounddevice ---------------------------------------------------------------------------
def _sounddevice() -> Any:
    try:
        import sounddevice
    except OSError as exc:  # PortAudio library missing
        raise NoMicrophone("Lydsystemet (PortAudio) er ikke tilgjengelig.",
                           "Installer libportaudio2, eller bruk --from-file.") from exc
    return sounddevice


def play_pcm(pcm: bytes, *, device: str | int | None = None) -> None:
    """Starts playing 16 kHz mono int16 PCM on the output device and returns at once."""
    from scribe.errors import NoAudioOutput

    sd = _sounddevice()
    samples = np.frombuffer(pcm, dtype="<i2")
    try:
        sd.play(samples, SAMPLE_RATE, device=device)
    except (sd.PortAudioError, ValueError) as exc:
        log.warning("playback failed: %s", type(exc).__name__)
        raise NoAudioOutput("Fant ingen lydenhet å spille av på.") from None


def stop_playback() -> None:
    _sounddevice().stop()


def list_input_devices() -> list[InputDevice]:
    """Input devices PortAudio knows about; [] when there are none."""
    sd = _sounddevice()
    try:
        devices = sd.query_devices()
        default_in = sd.default.device[0]
    except sd.PortAudioError:
        return []
    return [InputDevice(i, str(d["name"]), int(d["max_input_channels"]),
                        float(d["default_samplerate"]), i == default_in)
            for i, d in enumerate(devices) if int(d["max_input_channels"]) > 0]


def _resolve_device(device: str | int | None) -> int | None:
    if device is None or device == "":
        return None
    if isinstance(device, int) or str(device).isdigit():
        return int(device)
    wanted = str(device).lower()
    for dev in list_input_devices():
        if wanted in dev.name.lower():
            return dev.index
    raise NoMicrophone("Finner ikke den valgte lydenheten.",
                       "Se tilgjengelige enheter med: scribe devices")


class SoundDeviceBackend:
    """A real input stream: 16 kHz mono int16 (PortAudio/ALSA resample where needed)."""

    def __init__(self, device: str | int | None = None, *, block_s: float = 0.1) -> None:
        self._device = device
        self._block = int(block_s * SAMPLE_RATE)
        self._stream: Any = None

    def start(self, events: BackendEvents) -> None:
        sd = _sounddevice()
        device = _resolve_device(self._device)

        def callback(indata: Any, _frames: int, _time: Any, status: Any) -> None:
            if status and status.input_overflow:
                log.warning("audio input overflow")
            events.block(indata[:, 0].copy())

        def finished() -> None:
            if self._stream is not None:  # ended without our stop(): the device went away
                events.failed(AudioDeviceLost("Lydenheten sluttet å levere lyd under opptaket."))

        try:
            self._stream = sd.InputStream(samplerate=SAMPLE_RATE, channels=1, dtype="int16",
                                          device=device, blocksize=self._block,
                                          callback=callback, finished_callback=finished)
            self._stream.start()
        except (sd.PortAudioError, ValueError) as exc:
            self._stream = None
            log.info("input stream failed: %s", exc)
            raise NoMicrophone("Ingen mikrofon funnet, eller den kan ikke åpnes.") from None

    def stop(self) -> None:
        stream, self._stream = self._stream, None
        if stream is not None:
            try:
                stream.stop()
                stream.close()
            except Exception as exc:  # closing a vanished device may fail; nothing to keep
                log.info("closing input stream: %s", type(exc).__name__)


# --- file ------------------------------------------------------------------------------------
class FileBackend:
    """Plays a recording into the recorder as a microphone would: ``speed`` 1.0 is real time,
    0 as fast as possible."""

    def __init__(self, path: str | Path, *, speed: float = 1.0, block_s: float = 0.1) -> None:
        self._path = Path(path)
        self._speed = speed
        self._block = int(block_s * SAMPLE_RATE)
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self, events: BackendEvents) -> None:
        blocks = iter_blocks(self._path, block_s=10.0)
        first = next(blocks, None)  # decode errors surface here, in the caller's thread
        self._thread = threading.Thread(target=self._play, args=(first, blocks, events),
                                        name="scribe-file-audio", daemon=True)
        self._thread.start()

    def _play(self, first: Any, blocks: Any, events: BackendEvents) -> None:
        started = time.monotonic()
        sent = 0
        try:
            for audio in itertools.chain([first] if first is not None else [], blocks):
                pcm = (np.clip(audio, -1.0, 32767 / 32768) * 32768).astype(np.int16)
                for i in range(0, pcm.size, self._block):
                    if self._stopped.is_set():
                        return
                    events.block(pcm[i:i + self._block])
                    sent += min(self._block, pcm.size - i)
                    self._pace(started, sent)
        except AudioError as exc:
            events.failed(exc)
            return
        events.ended()

    def _pace(self, started: float, sent: int) -> None:
        if self._speed > 0:
            ahead = sent / SAMPLE_RATE / self._speed - (time.monotonic() - started)
            if ahead > 0:
                self._stopped.wait(ahead)

    def stop(self) -> None:
        self._stopped.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join()


# --- recorder --------------------------------------------------------------------------------
@dataclass(frozen=True)
class RecordingSummary:
    chunks: int
    seconds: float
    error: AudioError | None  # set when the device failed; chunks before it are delivered


class Recorder:
    """Start/pause/resume/stop a recording; every ~``chunk_s`` of audio goes to ``on_chunk``."""

    def __init__(self, backend: AudioBackend, on_chunk: ChunkSink, *, chunk_s: float = 1.0,
                 on_level: Callable[[Level], None] | None = None,
                 on_error: Callable[[AudioError], None] | None = None,
                 max_seconds: float | None = None, stall_s: float = 3.0) -> None:
        self._backend = backend
        self._stall_s = stall_s  # no audio for this long: the device is gone
        self._last_block = time.monotonic()
        self._limit = int(max_seconds * SAMPLE_RATE) if max_seconds else None
        self._queued = 0
        self._sink = on_chunk
        self._chunk = int(chunk_s * SAMPLE_RATE)
        self._on_level = on_level
        self._on_error = on_error
        self._queue: queue.Queue[Int16Audio | None] = queue.Queue()
        self._paused = threading.Event()
        self._ended = threading.Event()
        self._level = Level()
        self._error: AudioError | None = None
        self._sink_error: BaseException | None = None
        self._seq = 0
        self._samples = 0
        self._thread: threading.Thread | None = None

    # state --------------------------------------------------------------------------------
    @property
    def level(self) -> Level:
        return self._level

    @property
    def seconds(self) -> float:
        return self._samples / SAMPLE_RATE

    @property
    def paused(self) -> bool:
        return self._paused.is_set()

    @property
    def error(self) -> AudioError | None:
        return self._error

    @property
    def ended(self) -> threading.Event:
        """Set when the source ended (end of file), failed, or ``max_seconds`` was reached."""
        return self._ended

    # control ------------------------------------------------------------------------------
    def start(self) -> None:
        self._last_block = time.monotonic()
        self._thread = threading.Thread(target=self._assemble, name="scribe-recorder",
                                        daemon=True)
        self._thread.start()
        try:
            self._backend.start(_Events(self))
        except BaseException:
            self._queue.put(None)
            self._thread.join()
            raise

    def pause(self) -> None:
        self._paused.set()

    def resume(self) -> None:
        self._paused.clear()

    def stop(self) -> RecordingSummary:
        """Stop the source, deliver the last (partial) chunk and return what was recorded."""
        self._backend.stop()
        self._queue.put(None)
        if self._thread is not None:
            self._thread.join()
        if self._sink_error is not None:
            raise self._sink_error
        return RecordingSummary(self._seq, self.seconds, self._error)

    # worker -------------------------------------------------------------------------------
    def _assemble(self) -> None:
        pending: list[Int16Audio] = []
        have = 0
        while (block := self._next_block()) is not None:
            pending.append(block)
            have += block.size
            while have >= self._chunk:
                joined = np.concatenate(pending)
                self._deliver(joined[:self._chunk])
                pending, have = [joined[self._chunk:]], joined.size - self._chunk
        if have:
            self._deliver(np.concatenate(pending))

    def _next_block(self) -> Int16Audio | None:
        """The next block; a device that silently stops delivering counts as lost (PortAudio
        does not always report an unplugged microphone)."""
        while True:
            try:
                return self._queue.get(timeout=min(0.5, self._stall_s))
            except queue.Empty:
                quiet = time.monotonic() - self._last_block
                if quiet > self._stall_s and not self._ended.is_set():
                    self._on_failed(AudioDeviceLost(
                        "Lydenheten sluttet å levere lyd under opptaket."))

    def _deliver(self, samples: Int16Audio) -> None:
        if self._sink_error is not None:
            return
        t0 = self._samples / SAMPLE_RATE
        try:
            self._sink(self._seq, t0, samples.astype("<i2").tobytes())
        except BaseException as exc:  # e.g. DiskFull: stop delivering, report at stop()
            log.error("chunk sink failed: %s", type(exc).__name__)
            self._sink_error = exc
            self._ended.set()
            return
        self._seq += 1
        self._samples += samples.size

    def _on_block(self, samples: Int16Audio) -> None:
        self._last_block = time.monotonic()
        rms, peak = level_dbfs(samples.astype(np.float32) / 32768.0)
        self._level = Level(round(rms, 1), round(peak, 1))
        if self._on_level is not None:
            self._on_level(self._level)
        if self._paused.is_set() or self._ended.is_set():
            return
        if self._limit is not None and self._queued + samples.size >= self._limit:
            samples = samples[:self._limit - self._queued]
            self._ended.set()  # the caller's cue to stop()
        self._queued += samples.size
        self._queue.put(samples)

    def _on_failed(self, error: AudioError) -> None:
        if self._error is not None:  # reported once, whichever way it was noticed first
            return
        log.warning("recording source failed: %s", type(error).__name__)
        self._error = error
        self._ended.set()
        if self._on_error is not None:
            self._on_error(error)


class _Events:
    """The recorder's face towards its backend."""

    def __init__(self, recorder: Recorder) -> None:
        self._recorder = recorder

    def block(self, samples: Int16Audio) -> None:
        self._recorder._on_block(samples)

    def failed(self, error: AudioError) -> None:
        self._recorder._on_failed(error)

    def ended(self) -> None:
        self._recorder.ended.set()
