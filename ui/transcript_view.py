"""The transcript as the doctor reads it: time, speaker, text; low-confidence words marked.

Used live while recording (segments appended as they are transcribed) and in review, where
the evidence segments of the selected statement are highlighted and scrolled into view.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from PySide6.QtWidgets import QTextBrowser, QWidget

from scribe.domain import Segment, Speaker
from ui.format import SPEAKER_LABELS, clock

LOW_WORD_PROBABILITY = 0.5  # the same line the transcriber draws (scribe.audio.postprocess)
LOW_STYLE = "background-color:#ffe08a"
EVIDENCE_STYLE = "background-color:#cfe4ff"
SPEAKER_COLOURS = {Speaker.LEGE: "#1f5fa8", Speaker.PASIENT: "#2e7d32", Speaker.ANNEN: "#6d4c41"}


def segment_html(segment: Segment, *, highlighted: bool = False) -> str:
    speaker = Speaker(segment.speaker)
    unsure = (' <span style="color:#b26a00" title="usikker transkripsjon">(usikker)</span>'
              if segment.low_confidence else "")
    head = (f'<span style="color:#777">[{clock(segment.t0)}]</span> '
            f'<b style="color:{SPEAKER_COLOURS[speaker]}">{SPEAKER_LABELS[speaker]}:</b>'
            f'{unsure} ')
    style = f' style="{EVIDENCE_STYLE}"' if highlighted else ""
    return f'<p{style}><a name="{segment.id}"></a>{head}{_text_html(segment)}</p>'


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _text_html(segment: Segment) -> str:
    """Word by word when the words still spell the text (not after an edit), else whole."""
    words = segment.words
    if words and _collapse("".join(w.text for w in words)) == _collapse(segment.text):
        parts = []
        for word in words:
            text = html.escape(word.text.strip())
            if word.probability < LOW_WORD_PROBABILITY:
                text = f'<span style="{LOW_STYLE}" title="usikkert ord">{text}</span>'
            parts.append(text)
        return " ".join(parts)
    text = html.escape(segment.text.strip())
    if segment.low_confidence:
        return f'<span style="{LOW_STYLE}" title="usikker transkripsjon">{text}</span>'
    return text


class TranscriptView(QTextBrowser):
    """Read-only transcript. ``set_segments``/``add_segment`` fill it; ``highlight`` marks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setPlaceholderText("Transkripsjonen vises her mens samtalen pågår.")
        self._segments: dict[str, Segment] = {}
        self._highlighted: frozenset[str] = frozenset()

    @property
    def segments(self) -> list[Segment]:
        return sorted(self._segments.values(), key=lambda s: (s.t0, s.id))

    @property
    def evidence_ids(self) -> frozenset[str]:
        """The segments now highlighted (``highlighted`` is QTextBrowser's own signal)."""
        return self._highlighted

    def set_segments(self, segments: Iterable[Segment]) -> None:
        self._segments = {s.id: s for s in segments}
        self._highlighted = frozenset()
        self._render()

    def add_segment(self, segment: Segment) -> None:
        """A segment from the live transcriber (a repeated id replaces the earlier text)."""
        self._segments[segment.id] = segment
        self._render()
        bar = self.verticalScrollBar()
        bar.setValue(bar.maximum())

    def clear_segments(self) -> None:
        self.set_segments(())

    def highlight(self, ids: Sequence[str]) -> None:
        self._highlighted = frozenset(ids) & frozenset(self._segments)
        self._render()
        first = next((s.id for s in self.segments if s.id in self._highlighted), None)
        if first is not None:
            self.scrollToAnchor(first)

    def _render(self) -> None:
        bar = self.verticalScrollBar()
        keep = bar.value()
        self.setHtml("".join(segment_html(s, highlighted=s.id in self._highlighted)
                             for s in self.segments))
        bar.setValue(keep)
