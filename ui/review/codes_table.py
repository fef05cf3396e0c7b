"""A small table base for suggestions with a status (forslag / godtatt / avvist)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

STATUS_LABELS = {"suggested": "forslag", "accepted": "godtatt", "rejected": "avvist"}
STATUS_TINTS = {"suggested": QColor("#ffffff"), "accepted": QColor("#e6f4e6"),
                "rejected": QColor("#f3e5e5")}


class StatusTable(QTableWidget):
    """Read-only cells; column 0 is the status; rows carry their value object."""

    def __init__(self, headers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(0, len(headers), parent)
        self.setHorizontalHeaderLabels(list(headers))
        self.verticalHeader().setVisible(False)
        self.setWordWrap(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)

    def set_row(self, row: int, status: str, cells: Sequence[str], tooltip: str = "") -> None:
        values = [STATUS_LABELS.get(status, status), *cells]
        for col, text in enumerate(values):
            item = QTableWidgetItem(text)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            item.setBackground(QBrush(STATUS_TINTS.get(status, QColor("#ffffff"))))
            if tooltip:
                item.setToolTip(tooltip)
            self.setItem(row, col, item)

    def selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.selectedIndexes()})
