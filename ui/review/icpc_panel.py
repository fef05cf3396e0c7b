"""ICPC-2: the suggestions with their reasons, accept/reject, and a search of the official
list to replace a suggestion or add a code. Only codes from the imported list can be chosen."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from scribe.coding.suggestion import NOTHING_FITS, is_weak
from scribe.domain import CodeSuggestion
from ui.review.codes_table import StatusTable

SearchFn = Callable[[str, Callable[[list[tuple[str, str]]], None]], None]
DOCTOR_REASON = "Valgt av legen fra kodelisten."


class IcpcPanel(QWidget):
    changed = Signal()
    evidence_selected = Signal(tuple)

    def __init__(self, search: SearchFn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._search = search
        self._codes: list[CodeSuggestion] = []
        self._read_only = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("<b>ICPC-2-diagnoser</b>", self))
        self.unavailable = QLabel("", self)
        self.unavailable.setWordWrap(True)
        self.unavailable.setVisible(False)
        layout.addWidget(self.unavailable)
        self.nothing_fits = QLabel(NOTHING_FITS, self)
        self.nothing_fits.setVisible(False)
        layout.addWidget(self.nothing_fits)
        self.table = StatusTable(["Status", "Kode", "Tittel", "Begrunnelse"], self)
        self.table.currentCellChanged.connect(self._current_changed)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.accept_button = QPushButton("Godta", self)
        self.reject_button = QPushButton("Avvis", self)
        self.accept_all_button = QPushButton("Godta alle", self)
        self.accept_button.clicked.connect(lambda: self.set_status(self.table.selected_rows(),
                                                                    "accepted"))
        self.reject_button.clicked.connect(lambda: self.set_status(self.table.selected_rows(),
                                                                    "rejected"))
        self.accept_all_button.clicked.connect(self.accept_all)
        for b in (self.accept_button, self.reject_button, self.accept_all_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.query = QLineEdit(self)
        self.query.setPlaceholderText("Søk i ICPC-2 (ord eller kode), trykk Enter")
        self.query.returnPressed.connect(self.run_search)
        layout.addWidget(self.query)
        self.results = QListWidget(self)
        self.results.setMaximumHeight(110)
        layout.addWidget(self.results)
        row = QHBoxLayout()
        self.replace_button = QPushButton("Erstatt valgt forslag", self)
        self.add_button = QPushButton("Legg til kode", self)
        self.replace_button.clicked.connect(self.replace_selected)
        self.add_button.clicked.connect(self.add_selected)
        row.addWidget(self.replace_button)
        row.addWidget(self.add_button)
        row.addStretch(1)
        layout.addLayout(row)

    # --- data -----------------------------------------------------------------------------
    def set_codes(self, codes: tuple[CodeSuggestion, ...]) -> None:
        self._codes = sorted(codes, key=lambda c: c.rank)
        self._render()

    def codes(self) -> tuple[CodeSuggestion, ...]:
        return tuple(self._codes)

    def _render(self) -> None:
        self.table.setRowCount(len(self._codes))
        for row, code in enumerate(self._codes):
            title = code.title + (" (hoveddiagnose)" if code.primary else
                                  " (svakt treff)" if is_weak(code) else "")
            self.table.set_row(row, code.status, [code.code, title, code.reason],
                               "Kilde: " + (", ".join(code.evidence) or "ingen"))
        self.table.resizeRowsToContents()
        # Nothing fits: the label says so and points at the search below (no focus is taken:
        # codes may arrive while the GP is editing the note).
        self.nothing_fits.setVisible(self.nothing_fits_well())

    def set_codes_unavailable(self, why: str | None) -> None:
        """``why``: the code lists are not imported (what to do); None: they are in."""
        self.unavailable.setText(why or "")
        self.unavailable.setHidden(why is None)
        self._enable()

    def nothing_fits_well(self) -> bool:
        """Suggestions were made, but every one of them rests on weak evidence."""
        live = [c for c in self._codes if c.status != "rejected"]
        return bool(live) and all(is_weak(c) and c.status == "suggested" for c in live)

    def set_status(self, rows: list[int], status: str) -> None:
        for row in rows:
            if 0 <= row < len(self._codes):
                self._codes[row] = replace(self._codes[row], status=status)
        self._render()
        self.changed.emit()

    def accept_all(self) -> None:
        """Every suggestion still open, except weak ones: those the GP accepts one by one."""
        self.set_status([r for r, c in enumerate(self._codes)
                         if c.status == "suggested" and not is_weak(c)], "accepted")

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self._enable()

    def _enable(self) -> None:
        """Editable unless the version is read-only; no search without code lists."""
        editable: tuple[QWidget, ...] = (self.accept_button, self.reject_button)
        for widget in editable:
            widget.setEnabled(not self._read_only)
        coded: tuple[QWidget, ...] = (self.accept_all_button, self.query, self.results,
                                      self.replace_button, self.add_button)
        for widget in coded:
            widget.setEnabled(not self._read_only and self.unavailable.isHidden())

    # --- search ---------------------------------------------------------------------------
    def run_search(self) -> None:
        text = self.query.text().strip()
        if text:
            self._search(text, self._show_results)

    def _show_results(self, hits: list[tuple[str, str]]) -> None:
        self.results.clear()
        for code, title in hits:
            item = QListWidgetItem(f"{code}  {title}")
            item.setData(Qt.ItemDataRole.UserRole, (code, title))
            self.results.addItem(item)
        if hits:
            self.results.setCurrentRow(0)

    def _chosen(self) -> tuple[str, str] | None:
        item = self.results.currentItem()
        if item is None:
            return None
        code, title = item.data(Qt.ItemDataRole.UserRole)
        return str(code), str(title)

    def replace_selected(self) -> None:
        chosen, rows = self._chosen(), self.table.selected_rows()
        if chosen is None or not rows:
            return
        old = self._codes[rows[0]]
        self._codes[rows[0]] = CodeSuggestion(
            system=old.system, code=chosen[0], title=chosen[1], rank=old.rank,
            reason=DOCTOR_REASON, primary=old.primary, status="accepted")
        self._render()
        self.changed.emit()

    def add_selected(self) -> None:
        chosen = self._chosen()
        if chosen is None or any(c.code == chosen[0] for c in self._codes):
            return
        rank = max((c.rank for c in self._codes), default=0) + 1
        primary = not any(c.primary and c.status != "rejected" for c in self._codes)
        self._codes.append(CodeSuggestion(system="ICPC-2", code=chosen[0], title=chosen[1],
                                          rank=rank, reason=DOCTOR_REASON, primary=primary,
                                          status="accepted"))
        self._render()
        self.changed.emit()

    def _current_changed(self, row: int, *_: int) -> None:
        if 0 <= row < len(self._codes):
            self.evidence_selected.emit(tuple(self._codes[row].evidence))
