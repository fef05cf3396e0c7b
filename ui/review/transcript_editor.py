"""Edit the transcript before a new draft: fix words, change speaker, remove other matters."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from scribe.domain import Segment, Speaker
from ui.format import SPEAKER_LABELS, clock

ROLE = Qt.ItemDataRole.UserRole


class TranscriptEditor(QDialog):
    def __init__(self, segments: Sequence[Segment], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Rediger transkripsjonen")
        self.resize(900, 600)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Rett feilhørte ord, velg riktig taler, og fjern det som "
                                "gjelder andre saker. Lag deretter utkastet på nytt.", self))
        self.table = QTableWidget(len(segments), 3, self)
        self.table.setHorizontalHeaderLabels(["Tid", "Taler", "Tekst"])
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for row, seg in enumerate(segments):
            self._fill(row, seg)
        self.table.resizeRowsToContents()
        layout.addWidget(self.table, 1)
        remove = QPushButton("Fjern valgte", self)
        remove.clicked.connect(self.remove_selected)
        layout.addWidget(remove, 0, Qt.AlignmentFlag.AlignLeft)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Lagre")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Avbryt")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _fill(self, row: int, seg: Segment) -> None:
        when = QTableWidgetItem(clock(seg.t0))
        when.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        when.setData(ROLE, seg)
        self.table.setItem(row, 0, when)
        speaker = QComboBox(self.table)
        for value, label in SPEAKER_LABELS.items():
            speaker.addItem(label, value.value)
        speaker.setCurrentIndex(speaker.findData(Speaker(seg.speaker).value))
        self.table.setCellWidget(row, 1, speaker)
        self.table.setItem(row, 2, QTableWidgetItem(seg.text))

    def remove_selected(self) -> None:
        for row in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)

    def segments(self) -> list[Segment]:
        """The edited segments; word timings are dropped where the text was changed."""
        result = []
        for row in range(self.table.rowCount()):
            when, cell = self.table.item(row, 0), self.table.item(row, 2)
            assert when is not None and cell is not None
            seg: Segment = when.data(ROLE)
            text = cell.text().strip()
            combo = self.table.cellWidget(row, 1)
            speaker = Speaker(combo.currentData()) if isinstance(combo, QComboBox) \
                else seg.speaker
            if not text:
                continue
            changed = text != seg.text.strip()
            result.append(replace(seg, text=text, speaker=speaker,
                                  words=() if changed else seg.words,
                                  low_confidence=False if changed else seg.low_confidence))
        return result
