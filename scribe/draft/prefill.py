"""Keeping the LLM's context warm while the consultation is recorded.

The recorder appends finished segments; each append evaluates the new part of the shared
prompt prefix (system text + transcript so far) into the model's KV cache. After "stop"
the draft's prompts start with that prefix, so only the tail and the generation remain.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence

from scribe.domain import ContactType, Segment, Transcript
from scribe.draft.classify import Label
from scribe.draft.pipeline import Drafter, DraftResult
from scribe.draft.prompts import prefix_messages
from scribe.llm.api import estimate_tokens
from scribe.progress import CancelToken, ProgressCallback, no_progress
from scribe.text.sentences import split_segments

log = logging.getLogger(__name__)


class PrefillSession:
    """Collects segments during recording and prefills the drafter's model with them."""

    def __init__(self, drafter: Drafter) -> None:
        self.drafter = drafter
        self._segments: list[Segment] = []
        self._lock = threading.Lock()
        self._labels: dict[str, Label] = {}
        self.prefilled_tokens = 0

    @property
    def segments(self) -> tuple[Segment, ...]:
        return tuple(self._segments)

    def append(self, segments: Sequence[Segment], *, classify: bool = True) -> int:
        """Adds finished segments, prefills, and (``classify``) labels finished chunks of
        sentences so that only the last chunk is left after stop. Returns new tokens."""
        with self._lock:
            self._segments.extend(segments)
            evaluated = self._prefill()
            if classify and self.drafter.model is not None:
                sentences = split_segments(self._segments)
                self._labels.update(self.drafter.model_labels(sentences, self._labels))
            return evaluated

    def _prefill(self) -> int:
        prefill = getattr(self.drafter.model, "prefill", None)
        if prefill is None:
            return 0
        sentences = split_segments(self._segments)
        messages = prefix_messages(self.drafter.templates, sentences)
        if estimate_tokens(messages[1].content) > self.drafter.options.context_tokens - 1500:
            return 0  # too long for one window: the drafter windows it after stop
        evaluated = int(prefill(messages))
        self.prefilled_tokens += evaluated
        log.debug("forhåndsutfylt %d nye tokens", evaluated)
        return evaluated

    def finish(self, *, contact: ContactType = ContactType.OPPMOTE,
               duration_s: float = 0.0, on_progress: ProgressCallback = no_progress,
               cancel: CancelToken | None = None,
               on_text: Callable[[str], None] | None = None) -> DraftResult:
        """The draft of everything appended (the KV cache already holds most of it)."""
        with self._lock:
            transcript = Transcript(tuple(self._segments), duration_s=duration_s)
        return self.drafter.draft(transcript, contact=contact, on_progress=on_progress,
                                  cancel=cancel, on_text=on_text, known=dict(self._labels))
