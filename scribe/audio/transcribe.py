"""Batch transcription of a recording file into a :class:`~scribe.domain.Transcript`.

The file is decoded block by block; blocks are gathered into pieces of up to ``piece_s``
(10 minutes) that end in a pause, and each piece goes to Whisper whole. A short consultation
is therefore one call, exactly as a plain ``WhisperModel.transcribe`` would make it, while a
three-hour file never sits in memory (or in the model) at once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np

from scribe.audio import SAMPLE_RATE
from scribe.audio.decode import SILENCE_DBFS, FloatAudio, iter_blocks, level_dbfs, probe
from scribe.audio.postprocess import SegmentMaker
from scribe.audio.segmenter import VadFn, best_pause, default_vad
from scribe.audio.vocabulary import Vocabulary, build_vocabulary
from scribe.audio.whisper_engine import DecodeOptions, WhisperEngine, load_engine
from scribe.config import Settings
from scribe.domain import Segment, Transcript
from scribe.errors import SilentAudio
from scribe.progress import CancelToken, Progress, ProgressCallback, no_progress

log = logging.getLogger(__name__)

PIECE_S = 600.0
BLOCK_S = 30.0  # decoded blocks; the loudest one decides whether a file is silent
LIVE_TEMPERATURES = (0.0, 0.6)
BATCH_TEMPERATURES = (0.0, 0.4, 0.8)


def decode_options(settings: Settings, vocabulary: Vocabulary | None = None, *,
                   live: bool = False) -> DecodeOptions:
    """Decoding options from ``[asr]``: Norwegian, vocabulary prompt, bounded fallback.

    Live pieces (heard again and again while they grow) are short and independent, so they do
    not condition on earlier text (which also stops a hallucination from propagating) and fall
    back at most once.
    """
    vocab = vocabulary or build_vocabulary(settings.asr.vocabulary)
    return DecodeOptions(
        beam_size=settings.asr.beam_size,
        temperatures=LIVE_TEMPERATURES if live else BATCH_TEMPERATURES,
        initial_prompt=vocab.prompt(),
        word_timestamps=True,
        condition_on_previous_text=not live,
        vad_filter=True,
        vad_min_silence_ms=500 if live else 2000,
    )


def transcribe_file(path: str | Path, settings: Settings, *,
                    engine: WhisperEngine | None = None,
                    vocabulary: Vocabulary | None = None,
                    on_segment: Callable[[Segment], None] | None = None,
                    on_progress: ProgressCallback = no_progress,
                    cancel: CancelToken | None = None,
                    piece_s: float = PIECE_S, vad: VadFn | None = None) -> Transcript:
    """Transcribe a recording. Raises AudioDecodeError, SilentAudio, Cancelled."""
    duration = probe(path).duration_s
    return transcribe_blocks(iter_blocks(path, block_s=BLOCK_S), settings, duration_s=duration,
                             engine=engine, vocabulary=vocabulary, on_segment=on_segment,
                             on_progress=on_progress, cancel=cancel, piece_s=piece_s, vad=vad)


def transcribe_blocks(blocks: Iterable[FloatAudio], settings: Settings, *, duration_s: float,
                      engine: WhisperEngine | None = None,
                      vocabulary: Vocabulary | None = None,
                      on_segment: Callable[[Segment], None] | None = None,
                      on_progress: ProgressCallback = no_progress,
                      cancel: CancelToken | None = None,
                      piece_s: float = PIECE_S, vad: VadFn | None = None) -> Transcript:
    """Transcribe decoded audio: ``blocks`` of ``BLOCK_S`` seconds, as ``iter_blocks`` (or
    ``rebatch``) cuts them, and the recording's ``duration_s`` for progress."""
    engine = engine or load_engine(settings)
    job = _BatchJob(engine, decode_options(settings, vocabulary), duration_s, on_segment,
                    on_progress, cancel or CancelToken())
    on_progress(Progress(0.0, "Transkriberer"))
    pending: list[FloatAudio] = []
    have = 0
    offset = 0
    for block in blocks:
        job.cancel.check()
        job.loudest = max(job.loudest, level_dbfs(block)[0])
        pending.append(block)
        have += block.size
        if have >= int(piece_s * SAMPLE_RATE):
            audio = np.concatenate(pending)
            cut = best_pause(audio, vad or default_vad, search_s=30.0)
            job.run(audio[:cut], offset)
            pending, have, offset = [audio[cut:]], audio.size - cut, offset + cut
    if have:
        job.run(np.concatenate(pending), offset)
    return job.finish((offset + have) / SAMPLE_RATE)


class _BatchJob:
    def __init__(self, engine: WhisperEngine, options: DecodeOptions, duration: float,
                 on_segment: Callable[[Segment], None] | None, on_progress: ProgressCallback,
                 cancel: CancelToken) -> None:
        self.engine, self.options, self.duration = engine, options, duration
        self.on_segment, self.on_progress, self.cancel = on_segment, on_progress, cancel
        self.maker = SegmentMaker()
        self.segments: list[Segment] = []
        self.loudest = -120.0

    def run(self, audio: FloatAudio, offset_samples: int) -> None:
        offset_s = offset_samples / SAMPLE_RATE
        raws = self.engine.transcribe(audio, self.options, offset_s=offset_s)
        try:
            for raw in raws:
                self.cancel.check()
                for segment in self.maker.make(raw, audio, offset_s):
                    self.segments.append(segment)
                    if self.on_segment:
                        self.on_segment(segment)
                if self.duration > 0:
                    self.on_progress(Progress(min(1.0, raw.t1 / self.duration), "Transkriberer"))
        finally:
            raws.close()

    def finish(self, total_s: float) -> Transcript:
        if not self.segments and self.loudest < SILENCE_DBFS:
            raise SilentAudio("Opptaket er stille: ingen tale å transkribere.")
        self.on_progress(Progress(1.0, "Ferdig"))
        log.info("transcribed %.1f s into %d segments", total_s, len(self.segments))
        return Transcript(segments=tuple(self.segments), language="no", duration_s=total_s)
