"""The consultation list: date, status, doctor, contact type, version."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from scribe.consultation import LABELS, Status
from scribe.store import ConsultationInfo
from ui.format import CONTACT_LABELS, local_time

COLUMNS = ("Dato", "Status", "Lege", "Kontakt")
HIDDEN = frozenset({Status.DISCARDED})


class ConsultationList(QTableWidget):
    opened = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setHorizontalHeaderLabels(COLUMNS)
        self.verticalHeader().setVisible(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
        self.itemSelectionChanged.connect(self._selected)
        self._ids: list[int] = []

    def set_consultations(self, items: list[ConsultationInfo]) -> None:
        shown = [c for c in items if c.status not in HIDDEN]
        self.blockSignals(True)
        self.setRowCount(len(shown))
        self._ids = [c.id for c in shown]
        for row, c in enumerate(shown):
            status = LABELS[c.status]
            if c.latest_version is not None and c.latest_version > 1:
                status += f" (v{c.latest_version})"
            cells = (local_time(c.started_at), status, c.doctor,
                     CONTACT_LABELS[c.contact_type])
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, c.id)
                self.setItem(row, col, item)
        self.blockSignals(False)

    def ids(self) -> list[int]:
        return list(self._ids)

    def select(self, cid: int) -> None:
        if cid in self._ids:
            self.blockSignals(True)
            self.selectRow(self._ids.index(cid))
            self.blockSignals(False)

    def _selected(self) -> None:
        rows = {i.row() for i in self.selectedIndexes()}
        if rows:
            self.opened.emit(self._ids[min(rows)])
