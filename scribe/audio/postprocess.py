"""From engine output to domain segments: hallucination removal, confidence marks, stable ids.

Whisper, trained on subtitled video, fills silence with subtitle credits ("Teksting av Nicolai
Winther", "Takk for at du så på"). Such a segment is dropped when the audio under it gives it
no support: a high no-speech probability, low energy or a very low log-probability. Real
speech that happens to say "takk for at du så på" keeps its segment.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from scribe.audio import SAMPLE_RATE
from scribe.audio.agreement import without_loops
from scribe.audio.decode import level_dbfs
from scribe.audio.whisper_engine import RawSegment
from scribe.domain import Segment, Word

LOW_WORD_PROBABILITY = 0.5
LOW_SEGMENT_LOGPROB = -1.0
HIGH_NO_SPEECH = 0.5
LOW_ENERGY_DBFS = -45.0
SPLIT_GAP_S = 0.6
MAX_CHARS_PER_S = 35.0  # fast Norwegian speech is ~15-20 characters a second

_CREDITS = re.compile(
    r"teksting av|tekstet av|undertekst|oversatt av|oversettelse:?|nicolai winther"
    r"|takk for at du (så|har sett|så på|lyttet|fulgte)|takk for at dere (så|har sett)"
    r"|takk for (oppmerksomheten|meg)\W*$|abonner|amara\.org|www\.|\.com\b|\.no\b"
    r"|norsk tekst|tekst:|subtitles?|©|℗",
    re.IGNORECASE,
)


def is_credit_phrase(text: str) -> bool:
    """Whether ``text`` looks like one of Whisper's known silence hallucinations."""
    return bool(_CREDITS.search(text))


def is_hallucination(raw: RawSegment, rms_dbfs: float) -> bool:
    """A credit phrase without audio support, or an empty/no-speech segment."""
    if not raw.text.strip(" .,!?-…"):
        return True
    unsupported = (raw.no_speech_prob >= HIGH_NO_SPEECH or rms_dbfs < LOW_ENERGY_DBFS
                   or raw.avg_logprob < LOW_SEGMENT_LOGPROB)
    if is_credit_phrase(raw.text) and unsupported:
        return True
    if too_fast(raw):
        return True
    # Whisper's own rule for silence, applied after the fact.
    return raw.no_speech_prob > 0.8 and raw.avg_logprob < LOW_SEGMENT_LOGPROB


def is_heard_hallucination(raw: RawSegment, audio: npt.NDArray[np.float32],
                           offset_s: float) -> bool:
    """:func:`is_hallucination` judged against the audio it was heard in (which starts at
    ``offset_s`` recording time)."""
    return is_hallucination(raw, rms_between(audio, offset_s, raw.t0, raw.t1))


def too_fast(raw: RawSegment) -> bool:
    """More text than anyone can say in the time: a repetition loop squeezed into a blip."""
    seconds = max(raw.t1 - raw.t0, 0.05)
    return len(raw.text) / seconds > MAX_CHARS_PER_S and len(raw.text) > 12


def is_low_word(word: Word) -> bool:
    return word.probability < LOW_WORD_PROBABILITY


def is_low_confidence(raw: RawSegment) -> bool:
    """Marks a segment for the review screen: unsure decode, likely silence or many unsure words."""
    if raw.avg_logprob < LOW_SEGMENT_LOGPROB or raw.no_speech_prob > 0.6:
        return True
    if raw.compression_ratio > 2.4:  # repetition loop
        return True
    low = sum(1 for w in raw.words if is_low_word(w))
    return bool(raw.words) and low / len(raw.words) >= 0.3


def rms_between(audio: npt.NDArray[np.float32], offset_s: float, t0: float, t1: float) -> float:
    """RMS dBFS of ``audio`` (which starts at ``offset_s`` recording time) within t0..t1."""
    start = max(0, int((t0 - offset_s) * SAMPLE_RATE))
    end = min(audio.size, int((t1 - offset_s) * SAMPLE_RATE))
    return level_dbfs(audio[start:end])[0] if end > start else -120.0


def segment_id(n: int) -> str:
    return f"s{n:04d}"


@dataclass
class SegmentMaker:
    """Numbers kept segments "s0001", "s0002"… in order; thread-safe."""

    next_index: int = 1

    def __post_init__(self) -> None:
        self._lock = threading.Lock()

    def make(self, raw: RawSegment, audio: npt.NDArray[np.float32] | None = None,
             offset_s: float = 0.0) -> list[Segment]:
        """Domain segments for ``raw`` (split at pauses between words); [] for a hallucination.
        Without ``audio`` the caller has already ruled out hallucination."""
        raw, looped = cut_loops(raw)
        if audio is not None and is_heard_hallucination(raw, audio, offset_s):
            return []
        out = []
        for part in split_at_pauses(raw):
            with self._lock:
                seg_id = segment_id(self.next_index)
                self.next_index += 1
            out.append(Segment(id=seg_id, t0=part.t0, t1=part.t1, text=part.text,
                               avg_logprob=round(part.avg_logprob, 4),
                               no_speech_prob=round(part.no_speech_prob, 4), words=part.words,
                               low_confidence=looped or is_low_confidence(part)))
        return out


def cut_loops(raw: RawSegment) -> tuple[RawSegment, bool]:
    """``raw`` with a decoding loop ("hatt et hatt et hatt et …", which the fallback to
    higher temperatures did not break) cut back to its first two repeats, as a live hearing
    is; and whether it had one (the GP should listen to that stretch)."""
    kept = tuple(without_loops(raw.words))
    if len(kept) == len(raw.words):
        return raw, False
    return replace(raw, text=" ".join(w.text for w in kept), words=kept), True


def split_at_pauses(raw: RawSegment, *, min_gap_s: float = SPLIT_GAP_S) -> list[RawSegment]:
    """``raw`` cut where the words have a pause between them, so that a segment is (mostly)
    one speaker's turn. Without word timings the segment stays whole."""
    groups: list[list[Word]] = []
    for word in raw.words:
        if groups and word.t0 - groups[-1][-1].t1 < min_gap_s:
            groups[-1].append(word)
        else:
            groups.append([word])
    if len(groups) < 2:
        return [raw]
    return [replace(raw, t0=g[0].t0 if i else raw.t0, t1=g[-1].t1 if i < len(groups) - 1
                    else raw.t1, text=" ".join(w.text for w in g), words=tuple(g))
            for i, g in enumerate(groups)]
