"""Live transcription while the consultation goes on.

Audio arrives as int16 PCM chunks (the recorder's ~1 s chunks; ``on_chunk`` matches the
recorder's sink, so one recording can feed both the store and this transcriber). A worker
thread cuts the stream at pauses (:mod:`scribe.audio.segmenter`) and transcribes each piece
with all of its context; finished segments go to ``on_segment`` as they come. Feeding never
blocks the caller. When the worker falls behind, pieces simply grow (the cutter takes the
latest pause), so Whisper gets fewer, longer windows and catches up. At ``stop`` only the tail
after the last pause is left to transcribe.

A speaker who goes on without pausing is not left waiting for the pause: once the growing
piece holds ``EarlyCommit.after_s`` of audio it is heard again every ``every_s`` seconds, and
the words two successive hearings agree on are committed at once
(:mod:`scribe.audio.agreement`). The audio before the last committed word gap is then let go,
so the piece, and the cost of hearing it, stay small. Early hearings encode only the piece
plus ``EarlyCommit.window_pad_s`` instead of Whisper's full 30 s window, which halves their
cost on a CPU (the final hearing at the pause keeps the full window).

Two deadlines bound the lag when hearings keep disagreeing: a word is committed anyway once
it ended ``settled_s`` before the heard end, or once it would be older than ``lag_s`` (in
recording time, against the audio fed so far) by the time the next hearing is done; the
second one tightens by itself when hearings are slow. Committed words wait for the end of
their sentence, but never past that bound either.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from scribe.audio import SAMPLE_RATE
from scribe.audio.agreement import (
    SENTENCE_END,
    HeardWord,
    LocalAgreement,
    as_segment,
    heard_words,
    loop_start,
    trim_point,
    without_loops,
)
from scribe.audio.decode import FloatAudio, from_int16_bytes
from scribe.audio.postprocess import SPLIT_GAP_S, SegmentMaker, is_heard_hallucination
from scribe.audio.segmenter import CutConfig, Piece, Segmenter, VadFn
from scribe.audio.speakers import SpeakerAssigner, TextRoleAssigner
from scribe.audio.whisper_engine import DecodeOptions, RawSegment, WhisperEngine
from scribe.domain import Segment, Transcript
from scribe.errors import TranscriptionError

log = logging.getLogger(__name__)

SegmentCallback = Callable[[Segment], None]
_SPEAKER_CONTEXT = 20
_TOKENS_PER_S = 15  # fast Norwegian speech is about 3 words, 6–8 tokens, a second


@dataclass(frozen=True)
class EarlyCommit:
    """When a growing piece is heard before its pause (``after_s=0``: never)."""

    after_s: float = 2.0  # a piece this long is heard before its pause…
    every_s: float = 1.0  # …again each time this much new audio has come
    keep_s: float = 8.0  # once longer than this, audio before a committed word gap is let go
    settled_s: float = 3.0  # a word ending this long before the heard end is committed anyway
    sentence_s: float = 3.0  # committed words wait for their sentence's end at most this long
    lag_s: float = 4.5  # a word is shown (agreed or not) before it would be older than this
    window_pad_s: float | None = 5.0  # early hearings encode the piece plus this, not 30 s


@dataclass(frozen=True)
class StreamStats:
    fed_s: float  # audio received so far
    transcribed_s: float  # recording time up to which pieces are transcribed
    pieces: int
    segments: int
    hearings: int  # Whisper calls, early ones included
    hearing_s: float  # seconds spent in them: ÷ fed_s is how busy the worker is


class StreamingTranscriber:
    """Feed PCM with ``on_chunk``/``feed``; segments go to ``on_segment``; ``stop`` finishes.

    ``on_segment`` runs on the worker thread. ``first_index`` continues the numbering when a
    consultation resumes after a restart (ids "s0001"… are stable within a consultation).
    """

    def __init__(self, engine: WhisperEngine, options: DecodeOptions, *,
                 on_segment: SegmentCallback | None = None, cut: CutConfig | None = None,
                 vad: VadFn | None = None, first_index: int = 1,
                 warm_up: bool = True, speakers: SpeakerAssigner | None = None,
                 early: EarlyCommit | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock  # injected by tests: lag is then judged in scripted, not machine, time
        self._engine = engine
        self._options = options
        self._on_segment = on_segment
        self._segmenter = Segmenter(cut, vad)
        self._early = early or EarlyCommit()
        self._agreement = LocalAgreement()
        self._committed: list[HeardWord] = []  # committed words of the piece now growing
        self._sentence: list[HeardWord] = []  # committed words waiting for their sentence end
        self._heard_at = 0.0  # recording time up to which the growing piece was last heard
        self._maker = SegmentMaker(first_index)
        self._queue: queue.Queue[FloatAudio | None] = queue.Queue()  # None: stop
        self._segments: list[Segment] = []
        self._lock = threading.Lock()
        self._fed = 0
        self._fed_at = self._clock()  # when the latest audio came…
        self._fed_last = 0  # …and how many samples it held
        self._took: deque[float] = deque([0.0], maxlen=3)  # the latest hearings' seconds
        self._done_s = 0.0
        self._pieces = 0
        self._hearings = 0
        self._hearing_s = 0.0
        self._error: BaseException | None = None
        self._cancelled = threading.Event()
        self._warm_up = warm_up
        self._speakers = speakers or TextRoleAssigner()
        self._thread = threading.Thread(target=self._work, name="scribe-asr", daemon=True)
        self._thread.start()

    # --- feeding (any thread) -------------------------------------------------------------
    def on_chunk(self, seq: int, t0: float, pcm: bytes) -> None:
        """A :class:`~scribe.audio.capture.ChunkSink`: int16 16 kHz mono PCM bytes."""
        self.feed(from_int16_bytes(pcm))

    def feed(self, audio: FloatAudio) -> None:
        """Queue float32 16 kHz mono audio; returns at once."""
        with self._lock:
            self._fed += audio.size
            self._fed_at, self._fed_last = self._clock(), audio.size
        self._queue.put(audio)

    # --- results ------------------------------------------------------------------------------
    @property
    def segments(self) -> tuple[Segment, ...]:
        with self._lock:
            return tuple(self._segments)

    @property
    def error(self) -> BaseException | None:
        return self._error

    def stats(self) -> StreamStats:
        with self._lock:
            return StreamStats(self._fed / SAMPLE_RATE, self._done_s, self._pieces,
                               len(self._segments), self._hearings, round(self._hearing_s, 3))

    def wait_idle(self) -> None:
        """Block until the worker has processed all audio fed so far (or has stopped)."""
        while self._thread.is_alive():
            with self._queue.all_tasks_done:
                if not self._queue.unfinished_tasks:
                    return
                self._queue.all_tasks_done.wait(0.1)

    def stop(self, timeout: float | None = None) -> Transcript:
        """Transcribe the tail, wait for the worker and return everything transcribed."""
        self._queue.put(None)
        self._thread.join(timeout)
        if self._thread.is_alive():
            raise TranscriptionError("Transkripsjonen ble ikke ferdig i tide.",
                                     "Lydopptaket er lagret; transkriber det på nytt senere.")
        if self._error is not None and not isinstance(self._error, TranscriptionError):
            raise TranscriptionError("Transkripsjonen stoppet med en feil.",
                                     "Lydopptaket er lagret; transkriber det på nytt.") \
                from self._error
        if self._error is not None:
            raise self._error
        with self._lock:
            return Transcript(tuple(self._segments), "no", self._fed / SAMPLE_RATE)

    def cancel(self) -> None:
        """Stop at once: drop queued audio and the tail."""
        self._cancelled.set()
        self._queue.put(None)
        self._thread.join()

    # --- worker ------------------------------------------------------------------------------
    def _work(self) -> None:
        try:
            if self._warm_up:
                self._engine.warm_up()
            while not self._cancelled.is_set():
                item, taken = self._next_audio()
                if item is None:
                    tail = self._segmenter.flush()
                    if tail is not None and not self._cancelled.is_set():
                        self._transcribe(tail)
                    return
                for piece in self._segmenter.push(item):
                    self._transcribe(piece)
                self._commit_early()
                for _ in range(taken):
                    self._queue.task_done()
        except BaseException as exc:  # surfaced by stop(); the audio itself is kept elsewhere
            log.error("streaming transcription failed: %s", type(exc).__name__)
            self._error = exc
        finally:
            self._release_queue()

    def _release_queue(self) -> None:
        """Mark everything still queued (and the stop marker) done, so ``wait_idle`` returns."""
        while True:
            try:
                self._queue.get_nowait()
            except queue.Empty:
                break
        while self._queue.unfinished_tasks:
            self._queue.task_done()

    def _next_audio(self) -> tuple[FloatAudio | None, int]:
        """The next queued audio, joined with whatever else is already waiting (the worker
        catches up in one push instead of many), and how many items that took. None at stop."""
        first = self._queue.get()
        if first is None:
            return None, 0
        parts: list[FloatAudio] = [first]
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                break
            if item is None:
                self._queue.task_done()
                self._queue.put(None)
                break
            parts.append(item)
        return (np.concatenate(parts) if len(parts) > 1 else parts[0]), len(parts)

    def _hear(self, piece: Piece, *, early: bool = False) -> list[HeardWord]:
        """One hearing of ``piece``: its words, Whisper's silence hallucinations left out. An
        early hearing does not fall back to sampling at higher temperatures (the slow part
        of a hard stretch): what it gets wrong, the next hearing or the final one puts right.
        No hearing may write more than a speaker can say: a repetition loop stops there, and
        what it wrote is cut back. An early hearing in a short window that loops (the short
        window makes that likelier) is heard again in the full one (greedily: it is the
        slow part of a hearing), and trusted up to its own loop, if any."""
        started = self._clock()
        options = replace(self._options,
                          max_new_tokens=int(_TOKENS_PER_S * piece.audio.size / SAMPLE_RATE) + 30)
        if not early:
            words = without_loops(self._decode(piece, options))
        else:
            options = replace(options, temperatures=options.temperatures[:1],
                              window_pad_s=self._early.window_pad_s)
            words = self._decode(piece, options)
            if loop_start(words) is not None and options.window_pad_s is not None:
                words = self._decode(piece, replace(options, window_pad_s=None, beam_size=1))
            words = words[:loop_start(words)]
        self._took.append(self._clock() - started)
        return words

    def _decode(self, piece: Piece, options: DecodeOptions) -> list[HeardWord]:
        started = self._clock()
        raws = self._engine.transcribe(piece.audio, options, offset_s=piece.offset_s)
        try:
            kept: list[RawSegment] = [
                raw for raw in raws
                if not is_heard_hallucination(raw, piece.audio, piece.offset_s)]
        finally:
            raws.close()
        with self._lock:
            self._hearings += 1
            self._hearing_s += self._clock() - started
        return heard_words(kept)

    def _transcribe(self, piece: Piece) -> None:
        """A piece that ended in a pause (or the tail at stop): commit all of it."""
        started = self._clock()
        self._emit(self._agreement.finish(self._hear(piece)))
        self._flush_sentence()
        self._committed = []
        with self._lock:
            self._pieces += 1
            self._done_s = piece.offset_s + piece.audio.size / SAMPLE_RATE
        log.debug("piece of %.1f s transcribed in %.2f s",
                  piece.audio.size / SAMPLE_RATE, self._clock() - started)

    def _commit_early(self) -> None:
        """Hear the growing piece again if it is long enough and has grown enough since the
        last hearing; commit what two hearings agree on; let go of audio done with."""
        piece = self._segmenter.pending()
        if piece is None or not self._early.after_s or not self._queue.empty():
            return  # nothing to hear, or more audio already waiting: catch up first
        end = piece.offset_s + piece.audio.size / SAMPLE_RATE
        if (piece.audio.size < self._early.after_s * SAMPLE_RATE
                or end - self._heard_at < self._early.every_s):
            return
        self._heard_at = end
        heard = self._hear(piece, early=True)
        due = self._due(end)
        agreed = self._agreement.update(heard, settled_before=due)
        self._emit(agreed)
        following = self._agreement.pending
        if self._sentence and (not following
                               or following[0].word.t0 - self._sentence[-1].word.t1 >= SPLIT_GAP_S
                               or (due is not None and self._sentence[0].word.t1 <= due)):
            self._flush_sentence()  # a pause (or nothing yet) after it, or it is due
        self._committed += agreed
        if piece.audio.size > self._early.keep_s * SAMPLE_RATE:
            cut = trim_point(self._committed, self._agreement.pending)
            if cut is not None and cut > piece.offset_s:
                self._segmenter.drop_until(cut)
                self._committed = [w for w in self._committed if w.word.t0 >= cut]

    def _due(self, heard_end: float) -> float | None:
        """The recording time before which words are shown now, agreed on or not: those that
        ended ``settled_s`` before the heard end, and those that would be older than
        ``lag_s`` by the time the next hearing is done (it starts once ``every_s`` more audio
        has come, or now if that has come already, and is taken to be as slow as the slowest
        of the latest hearings). The second bound tightens when hearings are slow or the
        worker is behind; while they keep up it is about the first."""
        limits = [heard_end - self._early.settled_s] if self._early.settled_s else []
        if self._early.lag_s:
            with self._lock:  # now, in recording time: what was fed, plus the time since
                since = min(self._clock() - self._fed_at, self._fed_last / SAMPLE_RATE)
                now = self._fed / SAMPLE_RATE + since
            next_done = max(now, heard_end + self._early.every_s) + max(self._took)
            limits.append(next_done - self._early.lag_s)
        return max(limits) if limits else None

    def _emit(self, words: list[HeardWord]) -> None:
        """Committed words become segments a sentence at a time: at a sentence end, before a
        pause, or once the sentence spans ``sentence_s``."""
        for word in words:
            if self._sentence and word.word.t0 - self._sentence[-1].word.t1 >= SPLIT_GAP_S:
                self._flush_sentence()
            self._sentence.append(word)
            if (word.word.text[-1:] in SENTENCE_END
                    or word.word.t1 - self._sentence[0].word.t0 >= self._early.sentence_s):
                self._flush_sentence()

    def _flush_sentence(self) -> None:
        if not self._sentence:
            return
        raw, self._sentence = as_segment(self._sentence), []
        for made in self._maker.make(raw):  # hallucinations were dropped when heard
            segment = self._with_speaker(made)
            with self._lock:
                self._segments.append(segment)
                self._done_s = max(self._done_s, segment.t1)
            if self._on_segment is not None:
                self._on_segment(segment)

    def _with_speaker(self, segment: Segment) -> Segment:
        """The role of the newest segment given everything said so far (the final transcript
        may still revise earlier roles with hindsight)."""
        recent = self.segments[-_SPEAKER_CONTEXT:]  # bounded: cost stays flat over an hour
        texts = [s.text for s in recent] + [segment.text]
        return replace(segment, speaker=self._speakers.assign(texts)[-1])
