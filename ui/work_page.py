"""The doctor's workspace: the consultation list on the left, record or review on the right."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from scribe.store import ConsultationInfo
from ui.consultation_list import ConsultationList
from ui.context import Context
from ui.operations import practice
from ui.operations.consultation import list_consultations
from ui.record_panel import RecordPanel
from ui.review.review_page import ReviewPage

log = logging.getLogger(__name__)


class WorkPage(QWidget):
    models_ready = Signal()  # the background loading after login has finished

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QHBoxLayout(self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        left = QWidget(splitter)
        left.setMinimumWidth(340)
        col = QVBoxLayout(left)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(QLabel("<b>Konsultasjoner</b>", left))
        self.list = ConsultationList(left)
        col.addWidget(self.list, 1)
        self.new_button = QPushButton("+ Nytt opptak", left)
        self.new_button.clicked.connect(self.show_recorder)
        col.addWidget(self.new_button)
        self.stack = QStackedWidget(splitter)
        self.recorder = RecordPanel(ctx, self.stack)
        self.review = ReviewPage(ctx, self.stack)
        self.stack.addWidget(self.recorder)
        self.stack.addWidget(self.review)
        splitter.addWidget(left)
        splitter.addWidget(self.stack)
        splitter.setSizes([340, 1260])
        layout.addWidget(splitter)
        self.list.opened.connect(self.open)
        self.recorder.finished.connect(self._recorded)
        self.recorder.ranking.connect(self.review.rank_codes)
        self.recorder.started.connect(lambda cid: self.refresh(select=cid))
        self.recorder.discarded.connect(lambda _cid: self.refresh())
        self.recorder.recording_changed.connect(lambda on: self.list.setEnabled(not on))
        self.review.changed.connect(lambda cid: self.refresh(select=cid))

    def start(self) -> None:
        """After login: fill the list, find devices, show the recorder; the models load in
        the background meanwhile (a recording started before they are ready waits for them)."""
        self.refresh()
        self.recorder.load_devices()
        self.show_recorder()
        practice.warm_up(self.ctx).success(lambda _: self.models_ready.emit()).failure(
            self._warm_up_failed).run()

    def _warm_up_failed(self, exc: BaseException) -> None:
        """Said when the model is needed (record, draft), where the user can act on it."""
        log.info("modellene ble ikke lastet på forhånd: %s", type(exc).__name__)

    def refresh(self, select: int | None = None) -> None:
        def done(items: list[ConsultationInfo]) -> None:
            self.list.set_consultations(items)
            if select is not None:
                self.list.select(select)
        list_consultations(self.ctx).success(done).run()

    def show_recorder(self) -> None:
        self.list.clearSelection()
        self.stack.setCurrentWidget(self.recorder)

    def open(self, cid: int) -> None:
        if self.recorder.state != "idle":
            return
        self.stack.setCurrentWidget(self.review)
        self.review.load(cid)

    def _recorded(self, cid: int) -> None:
        self.refresh(select=cid)
        self.open(cid)

