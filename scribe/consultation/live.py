"""A recording in progress: microphone chunks → the store and → the streaming transcriber →
the draft's prefill, so that "stop" to "draft on screen" is seconds."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from scribe.consultation.service import Consultations, ProcessResult, scaled
from scribe.consultation.status import Status
from scribe.domain import ContactType, Segment
from scribe.errors import ScribeError
from scribe.progress import CancelToken, Progress, ProgressCallback, no_progress
from scribe.text.clean import strip_controls

if TYPE_CHECKING:
    from scribe.audio.capture import AudioBackend, Level, Recorder
    from scribe.audio.streaming import StreamingTranscriber
    from scribe.draft.prefill import PrefillSession
    from scribe.store import Session

log = logging.getLogger(__name__)


class LiveConsultation:
    """Started by :meth:`Consultations.start_live`; ended by ``finish`` or ``discard``."""

    def __init__(self, service: Consultations, session: Session, cid: int,
                 contact: ContactType) -> None:
        self.service, self.session, self.cid, self.contact = service, session, cid, contact
        self._recorder: Recorder | None = None
        self._transcriber: StreamingTranscriber | None = None
        self._prefill: PrefillSession | None = None
        self._on_segment: Callable[[Segment], None] | None = None

    def start(self, backend: AudioBackend | None, device: str | None,
              on_segment: Callable[[Segment], None] | None,
              on_level: Callable[[Level], None] | None) -> None:
        """Opens the microphone first (a missing one fails at once and the consultation is
        discarded), then loads the engines while the first chunks wait in a queue."""
        from scribe.audio.capture import Recorder, SoundDeviceBackend, fan_out
        from scribe.audio.streaming import StreamingTranscriber
        from scribe.audio.transcribe import decode_options
        from scribe.audio.whisper_engine import load_engine
        from scribe.draft.prefill import PrefillSession

        store, engines = self.service.store, self.service.engines
        self._on_segment = on_segment
        waiting = _Deferred()

        def store_chunk(seq: int, t0: float, pcm: bytes) -> None:
            store.add_audio_chunk(self.cid, seq, t0, pcm)

        self._recorder = Recorder(backend or SoundDeviceBackend(device),
                                  fan_out(store_chunk, waiting), on_level=on_level)
        try:
            self._recorder.start()
        except BaseException:
            store.transition(self.session, self.cid, Status.DISCARDED)
            raise
        self._prefill = PrefillSession(engines.drafter())
        self._transcriber = StreamingTranscriber(
            load_engine(engines.settings), decode_options(engines.settings, live=True),
            on_segment=self._segment_done)
        waiting.connect(self._transcriber.on_chunk)

    def _segment_done(self, segment: Segment) -> None:
        segment = replace(segment, text=strip_controls(segment.text))
        self.service.store.add_segments(self.cid, [segment])
        if self._on_segment is not None:
            self._on_segment(segment)
        if self._prefill is not None:
            try:
                self._prefill.append([segment])
            except ScribeError as exc:  # prefill is an optimisation: drafting still works
                log.warning("prefill failed: %s", type(exc).__name__)

    @property
    def recorder(self) -> Recorder:
        assert self._recorder is not None
        return self._recorder

    @property
    def seconds(self) -> float:
        return self.recorder.seconds

    @property
    def level(self) -> Level:
        return self.recorder.level

    def pause(self) -> None:
        self.recorder.pause()

    def resume(self) -> None:
        self.recorder.resume()

    def finish(self, *, on_progress: ProgressCallback = no_progress,
               cancel: CancelToken | None = None) -> ProcessResult:
        """Stop: the last chunk is stored, the tail transcribed, then draft and codes."""
        assert self._recorder is not None and self._transcriber is not None
        summary = self._recorder.stop()
        on_progress(Progress(0.05, "Transkriberer det siste"))
        transcript = self._transcriber.stop()
        transcript = replace(transcript, duration_s=summary.seconds)
        self.service.store.transition(self.session, self.cid, Status.TRANSCRIBED)
        if summary.error is not None:
            log.warning("recording ended by device error after %d chunks", summary.chunks)
        return self.service.draft_and_code(self.session, self.cid, transcript, self.contact,
                                           scaled(on_progress, 0.1, 1.0),
                                           cancel or CancelToken(), self._prefill)

    def discard(self) -> None:
        """Stop without drafting; the consultation is marked discarded."""
        if self._recorder is not None:
            self._recorder.stop()
        if self._transcriber is not None:
            self._transcriber.cancel()
        self.service.store.transition(self.session, self.cid, Status.DISCARDED)


class _Deferred:
    """A chunk sink that queues chunks until its real target is connected."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queued: list[tuple[int, float, bytes]] = []
        self._target: Callable[[int, float, bytes], None] | None = None

    def __call__(self, seq: int, t0: float, pcm: bytes) -> None:
        with self._lock:
            if self._target is None:
                self._queued.append((seq, t0, pcm))
                return
            target = self._target
        target(seq, t0, pcm)

    def connect(self, target: Callable[[int, float, bytes], None]) -> None:
        with self._lock:
            queued, self._queued = self._queued, []
            for chunk in queued:
                target(*chunk)
            self._target = target
