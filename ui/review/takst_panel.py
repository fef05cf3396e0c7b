"""Takster: the rule engine's lines with amounts, reasons and warnings; accept/reject; add or
remove lines from the official Helfo table. Rules are re-checked by the core on each change."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from scribe.coding import check_takster
from scribe.domain import DoctorProfile, TakstLine
from ui.format import kroner
from ui.review.codes_table import StatusTable

if TYPE_CHECKING:
    from scribe.coding.reference import Reference

DOCTOR_REASON = "Lagt til av legen fra taksttabellen."


class TakstPanel(QWidget):
    changed = Signal()
    evidence_selected = Signal(tuple)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lines: list[TakstLine] = []
        self._ref: Reference | None = None  # once loaded
        self.profile = DoctorProfile()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("<b>Takster</b>", self))
        self.table = StatusTable(["Status", "Takst", "Antall", "Honorar", "Begrunnelse",
                                  "Varsler"], self)
        self.table.currentCellChanged.connect(self._current_changed)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.accept_button = QPushButton("Godta", self)
        self.reject_button = QPushButton("Avvis", self)
        self.accept_all_button = QPushButton("Godta alle", self)
        self.more_button = QPushButton("+1", self)
        self.less_button = QPushButton("−1", self)
        self.remove_button = QPushButton("Fjern", self)
        self.more_button.setToolTip("Ett til av valgt takst")
        self.less_button.setToolTip("Ett færre av valgt takst")
        for small in (self.more_button, self.less_button):
            small.setMaximumWidth(48)
        self.accept_button.clicked.connect(lambda: self._status(self.table.selected_rows(),
                                                                 "accepted"))
        self.reject_button.clicked.connect(lambda: self._status(self.table.selected_rows(),
                                                                 "rejected"))
        self.accept_all_button.clicked.connect(self.accept_all)
        self.more_button.clicked.connect(lambda: self._count(+1))
        self.less_button.clicked.connect(lambda: self._count(-1))
        self.remove_button.clicked.connect(self.remove_selected)
        for b in (self.accept_button, self.reject_button, self.accept_all_button,
                  self.more_button, self.less_button, self.remove_button):
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        add = QHBoxLayout()
        self.catalogue = QComboBox(self)
        self.catalogue.setEditable(True)
        self.catalogue.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        line = self.catalogue.lineEdit()
        assert line is not None
        line.setPlaceholderText("Velg takst fra taksttabellen")
        self.add_button = QPushButton("Legg til takst", self)
        self.add_button.clicked.connect(self.add_current)
        add.addWidget(self.catalogue, 1)
        add.addWidget(self.add_button)
        layout.addLayout(add)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

    # --- data -----------------------------------------------------------------------------
    def set_reference(self, ref: Reference) -> None:
        self._ref = ref
        self.catalogue.clear()
        for code in sorted(ref.takster, key=lambda c: (len(c), c)):
            takst = ref.takster[code]
            self.catalogue.addItem(f"{code} – {takst.description}", code)
        completer = QCompleter([self.catalogue.itemText(i)
                                for i in range(self.catalogue.count())], self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.catalogue.setCompleter(completer)
        self.catalogue.setCurrentIndex(-1)
        self._render()

    def set_lines(self, lines: tuple[TakstLine, ...]) -> None:
        self._lines = list(lines)
        self._render()

    def lines(self) -> tuple[TakstLine, ...]:
        return tuple(self._lines)

    def rule_warnings(self) -> list[str]:
        """The table's rules broken by the accepted lines (checked by the core)."""
        accepted = [ln for ln in self._lines if ln.status == "accepted"]
        if self._ref is None or not accepted:
            return []
        return check_takster(accepted, self._ref, profile=self.profile)

    def _render(self) -> None:
        self.table.setRowCount(len(self._lines))
        for row, ln in enumerate(self._lines):
            self.table.set_row(row, ln.status, [
                ln.code, str(ln.count), kroner(ln.fee * ln.count), ln.reason,
                "\n".join(ln.warnings)], "\n".join(ln.warnings) or ln.reason)
        self.table.resizeRowsToContents()
        total = sum(ln.fee * ln.count for ln in self._lines if ln.status == "accepted")
        text = f"<b>Sum honorar, godtatte takster: {kroner(total)}</b>"
        warnings = self.rule_warnings()
        if warnings:
            text += "<br><span style='color:#a04000'>⚠ " + "<br>⚠ ".join(warnings) + "</span>"
        self.summary.setText(text)

    # --- edits ----------------------------------------------------------------------------
    def _status(self, rows: list[int], status: str) -> None:
        for row in rows:
            self._lines[row] = replace(self._lines[row], status=status)
        self._changed()

    def accept_all(self) -> None:
        self._status([r for r, ln in enumerate(self._lines) if ln.status == "suggested"],
                     "accepted")

    def _count(self, step: int) -> None:
        for row in self.table.selected_rows():
            line = self._lines[row]
            self._lines[row] = replace(line, count=max(1, line.count + step))
        self._changed()

    def remove_selected(self) -> None:
        for row in reversed(self.table.selected_rows()):
            del self._lines[row]
        self._changed()

    def add_current(self) -> None:
        code = self.catalogue.currentData()
        if code is None and self._ref is not None:  # typed text: take the code before « – »
            typed = self.catalogue.currentText().split("–")[0].strip()
            code = typed if typed in self._ref.takster else None
        if code is None or self._ref is None:
            return
        self.add_code(str(code))

    def add_code(self, code: str) -> None:
        if self._ref is None:  # the code lists are still loading
            return
        takst = self._ref.takst(code)  # UnknownCode for anything not in the table
        self._lines.append(TakstLine(code=takst.code, count=1, fee=takst.fee,
                                     patient_share=takst.patient_share, refund=takst.refund,
                                     reason=DOCTOR_REASON, status="accepted"))
        self._changed()

    def _changed(self) -> None:
        self._render()
        self.changed.emit()

    def set_read_only(self, read_only: bool) -> None:
        for widget in (self.accept_button, self.reject_button, self.accept_all_button,
                       self.more_button, self.less_button, self.remove_button,
                       self.catalogue, self.add_button):
            widget.setEnabled(not read_only)

    def _current_changed(self, row: int, *_: int) -> None:
        if 0 <= row < len(self._lines):
            self.evidence_selected.emit(tuple(self._lines[row].evidence))
