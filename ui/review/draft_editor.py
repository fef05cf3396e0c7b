"""The draft, section by section: each statement editable, its evidence one click away.

Flagged statements (no support, a number or drug not in the transcript …) are tinted and carry
a «kontrollert» tick; approval waits until every flag is ticked.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from scribe.domain import Draft, Section, Statement

FLAG_TINT = QColor("#ffe3c2")
CHECKED_TINT = QColor("#e6f4e6")
SECTION_TINT = QColor("#eceff3")
ROLE = Qt.ItemDataRole.UserRole


def _cell(table: QTableWidget, row: int, col: int) -> QTableWidgetItem:
    item = table.item(row, col)
    assert item is not None, (row, col)
    return item


class DraftEditor(QTableWidget):
    """Rows are section headings and statements; column 1 holds flags and the tick."""

    statement_selected = Signal(tuple)  # evidence segment ids
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 2, parent)
        self.setHorizontalHeaderLabels(["Journalutkast", "Kontroll"])
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.setColumnWidth(1, 190)
        self.verticalHeader().setVisible(False)
        self.setWordWrap(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self._template = ""
        self._author = ""
        self._read_only = False
        self._loading = False
        self.currentCellChanged.connect(self._current_changed)
        self.itemChanged.connect(self._item_changed)

    # --- loading --------------------------------------------------------------------------
    def set_draft(self, draft: Draft) -> None:
        self._loading = True
        self.setRowCount(0)
        self._template, self._author = draft.template, draft.author
        for section in draft.sections:
            self._add_heading(section.name)
            for statement in section.statements:
                self._add_statement(statement)
        self.resizeRowsToContents()
        self._loading = False

    def _add_heading(self, name: str) -> None:
        row = self.rowCount()
        self.insertRow(row)
        item = QTableWidgetItem(name)
        font = QFont(item.font())
        font.setBold(True)
        item.setFont(font)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        item.setBackground(QBrush(SECTION_TINT))
        item.setData(ROLE, ("section", name))
        self.setItem(row, 0, item)
        self.setSpan(row, 0, 1, 2)

    def _add_statement(self, statement: Statement) -> None:
        row = self.rowCount()
        self.insertRow(row)
        text = QTableWidgetItem(statement.text)
        text.setData(ROLE, ("statement", statement))
        text.setToolTip("Kilde: " + (", ".join(statement.evidence) or "ingen"))
        self.setItem(row, 0, text)
        check = QTableWidgetItem()
        check.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        if statement.flags:
            check.setText("⚠ " + "; ".join(f.detail for f in statement.flags))
            check.setToolTip("Kontroller setningen mot samtalen, og kryss av.")
            check.setFlags(check.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            acked = all(f.acknowledged for f in statement.flags)
            check.setCheckState(Qt.CheckState.Checked if acked else Qt.CheckState.Unchecked)
            check.setData(ROLE, "flag")
        self.setItem(row, 1, check)
        self._tint(row)

    def _tint(self, row: int) -> None:
        check = self.item(row, 1)
        text = self.item(row, 0)
        if check is None or text is None or check.data(ROLE) != "flag":
            return
        tint = CHECKED_TINT if check.checkState() == Qt.CheckState.Checked else FLAG_TINT
        text.setBackground(QBrush(tint))
        check.setBackground(QBrush(tint))

    # --- reading back ---------------------------------------------------------------------
    def draft(self) -> Draft:
        """The draft as edited: statement texts from the table, evidence and flags kept."""
        sections: list[Section] = []
        name, statements = "", list[Statement]()
        for row in range(self.rowCount()):
            item = self.item(row, 0)
            if item is None:
                continue
            kind, value = item.data(ROLE)
            if kind == "section":
                if name:
                    sections.append(Section(name, tuple(statements)))
                name, statements = value, []
            elif item.text().strip():
                checked = (c := self.item(row, 1)) is not None and \
                    c.checkState() == Qt.CheckState.Checked
                flags = tuple(replace(f, acknowledged=f.acknowledged or checked)
                              for f in value.flags)
                statements.append(Statement(item.text().strip(), value.evidence, flags))
        if name:
            sections.append(Section(name, tuple(statements)))
        return Draft(template=self._template, sections=tuple(sections), author=self._author)

    def flagged_rows(self) -> list[int]:
        return [r for r in range(self.rowCount())
                if (c := self.item(r, 1)) is not None and c.data(ROLE) == "flag"]

    def unacknowledged(self) -> int:
        return sum(1 for r in self.flagged_rows()
                   if _cell(self, r, 1).checkState() != Qt.CheckState.Checked)

    def acknowledge_all(self) -> None:
        for row in self.flagged_rows():
            _cell(self, row, 1).setCheckState(Qt.CheckState.Checked)

    def statement_rows(self) -> list[int]:
        return [r for r in range(self.rowCount())
                if (i := self.item(r, 0)) is not None and i.data(ROLE)[0] == "statement"]

    def insert_after_current(self) -> int:
        """An empty statement (the doctor's own, no evidence) below the current row."""
        row = self.currentRow()
        if self._read_only or row < 0:
            return -1
        self._loading = True
        self.insertRow(row + 1)
        item = QTableWidgetItem("")
        item.setData(ROLE, ("statement", Statement("")))
        item.setToolTip("Skrevet av legen")
        self.setItem(row + 1, 0, item)
        check = QTableWidgetItem()
        check.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        self.setItem(row + 1, 1, check)
        self._loading = False
        self.setCurrentCell(row + 1, 0)
        self.editItem(item)
        return row + 1

    def delete_current(self) -> None:
        row = self.currentRow()
        if self._read_only or row < 0 or row not in self.statement_rows():
            return
        self.removeRow(row)
        self.edited.emit()

    def set_read_only(self, read_only: bool, *, approved: bool = False) -> None:
        """Locks editing. In an approved version every flag was ticked before approval."""
        self._read_only = read_only
        self._loading = True
        triggers = (QAbstractItemView.EditTrigger.NoEditTriggers if read_only else
                    QAbstractItemView.EditTrigger.DoubleClicked
                    | QAbstractItemView.EditTrigger.EditKeyPressed
                    | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.setEditTriggers(triggers)
        for row in self.flagged_rows():
            check = _cell(self, row, 1)
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            check.setFlags(flags if read_only else flags | Qt.ItemFlag.ItemIsUserCheckable)
            if approved:
                check.setCheckState(Qt.CheckState.Checked)
                self._tint(row)
        self._loading = False

    # --- signals --------------------------------------------------------------------------
    def _current_changed(self, row: int, _col: int, _prev_row: int, _prev_col: int) -> None:
        item = self.item(row, 0) if row >= 0 else None
        if item is None:
            return
        kind, value = item.data(ROLE)
        self.statement_selected.emit(tuple(value.evidence) if kind == "statement" else ())

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._loading:
            return
        self._loading = True
        if item.column() == 1:
            self._tint(item.row())
        else:
            self.resizeRowToContents(item.row())
        self._loading = False
        self.edited.emit()
