"""Small shared widgets: the level meter, the big buttons, a progress line with cancel."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QWidget,
)

from scribe.progress import Progress

FLOOR_DBFS = -60.0


class LevelMeter(QProgressBar):
    """Input level in dBFS, -60 (silence) to 0 (clipping)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(0, 100)
        self.setTextVisible(False)
        self.setFixedHeight(14)
        self.setToolTip("Lydnivå fra mikrofonen")
        self.setStyleSheet("QProgressBar::chunk { background-color: #43a047; }")
        self.set_dbfs(FLOOR_DBFS)

    def set_dbfs(self, dbfs: float) -> None:
        clipped = min(0.0, max(FLOOR_DBFS, dbfs))
        self.setValue(round(100 * (clipped - FLOOR_DBFS) / -FLOOR_DBFS))


class BigButton(QPushButton):
    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        font = QFont(self.font())
        font.setPointSize(font.pointSize() + 3)
        font.setBold(True)
        self.setFont(font)
        self.setMinimumHeight(48)
        self.setMinimumWidth(120)


class ProgressLine(QWidget):
    """A label, a bar and an «Avbryt» button for one running job; hidden when idle."""

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setMaximumWidth(260)
        self.cancel = QPushButton("Avbryt", self)
        self.cancel.clicked.connect(self.cancel_requested.emit)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel)
        self.setVisible(False)

    def begin(self, label: str) -> None:
        self.label.setText(label)
        self.bar.setRange(0, 0)  # busy until the first fraction arrives
        self.cancel.setEnabled(True)
        self.setVisible(True)

    def update_progress(self, progress: Progress) -> None:
        if progress.label:
            self.label.setText(progress.label)
        if progress.fraction is None:
            self.bar.setRange(0, 0)
        else:
            self.bar.setRange(0, 1000)
            self.bar.setValue(round(progress.fraction * 1000))

    def end(self) -> None:
        self.setVisible(False)


def heading(text: str, parent: QWidget | None = None, *, size: int = 2) -> QLabel:
    label = QLabel(text, parent)
    font = QFont(label.font())
    font.setPointSize(font.pointSize() + size)
    font.setBold(True)
    label.setFont(font)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return label
