"""Billing review for the practice manager: approved consultations in a period with their
takster, amounts and warnings; totals per takst and per doctor; CSV for the accountant.

Shows no clinical text: only what the store's billing rows carry (no note, no transcript,
no takst reasons, which may quote the consultation).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from scribe.errors import ExportRefused
from scribe.export.billing import combined
from scribe.export.service import BillingReview
from ui.context import Context
from ui.format import CONTACT_LABELS, kroner
from ui.operations.export import billing_review, save_billing_csv
from ui.operations.practice import doctor_names
from ui.widgets import heading

ROW_COLUMNS = ("Dato", "Lege", "Kontakttype", "Varighet", "Diagnosekode", "Takster", "Honorar",
               "Varsler")
TOTAL_COLUMNS = ("Lege", "Takst", "Antall", "Honorar", "Refusjon", "Egenandel")
ALL_DOCTORS = "Alle leger"


def _table(columns: tuple[str, ...], parent: QWidget) -> QTableWidget:
    table = QTableWidget(0, len(columns), parent)
    table.setHorizontalHeaderLabels(list(columns))
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            table.setItem(r, c, QTableWidgetItem(text))
    table.resizeRowsToContents()


class BillingPage(QWidget):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data: BillingReview | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Oppgjør", self))
        bar = QHBoxLayout()
        today = QDate.currentDate()
        self.date_from = QDateEdit(today.addDays(-(today.dayOfWeek() - 1)), self)
        self.date_to = QDateEdit(today, self)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd.MM.yyyy")
        self.doctor = QComboBox(self)
        self.doctor.addItem(ALL_DOCTORS, None)
        self.show_button = QPushButton("Vis", self)
        self.csv_button = QPushButton("Eksporter CSV …", self)
        self.show_button.clicked.connect(self.refresh)
        self.csv_button.clicked.connect(self._choose_csv)
        for label, widget in (("Fra:", self.date_from), ("Til:", self.date_to),
                              ("Lege:", self.doctor)):
            bar.addWidget(QLabel(label, self))
            bar.addWidget(widget)
        bar.addWidget(self.show_button)
        bar.addStretch(1)
        bar.addWidget(self.csv_button)
        layout.addLayout(bar)
        splitter = QSplitter(self)
        splitter.setOrientation(Qt.Orientation.Vertical)
        self.rows_table = _table(ROW_COLUMNS, splitter)
        totals = QWidget(splitter)
        col = QVBoxLayout(totals)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(QLabel("<b>Summer per lege og takst</b>", totals))
        self.totals_table = _table(TOTAL_COLUMNS, totals)
        col.addWidget(self.totals_table, 1)
        splitter.addWidget(self.rows_table)
        splitter.addWidget(totals)
        layout.addWidget(splitter, 1)
        self.summary = QLabel(self)
        layout.addWidget(self.summary)
        self.csv_button.setEnabled(False)

    def start(self) -> None:
        def done(names: list[str]) -> None:
            self.doctor.clear()
            self.doctor.addItem(ALL_DOCTORS, None)
            for name in names:
                self.doctor.addItem(name, name)
            self.refresh()
        doctor_names(self.ctx).success(done).run()

    def period(self) -> tuple[date, date]:
        start, end = self.date_from.date().toPython(), self.date_to.date().toPython()
        assert isinstance(start, date) and isinstance(end, date)
        return start, end

    def set_period(self, date_from: date, date_to: date) -> None:
        self.date_from.setDate(QDate(date_from.year, date_from.month, date_from.day))
        self.date_to.setDate(QDate(date_to.year, date_to.month, date_to.day))

    def refresh(self) -> None:
        date_from, date_to = self.period()
        doctor = self.doctor.currentData()
        if date_to < date_from:
            self.ctx.present(ExportRefused("Perioden slutter før den begynner."))
            return
        billing_review(self.ctx, date_from, date_to, doctor).success(self._show).run()

    def _show(self, data: BillingReview) -> None:
        self.data = data
        _fill(self.rows_table, [[
            f"{r.date:%d.%m.%Y}", r.doctor, CONTACT_LABELS[r.contact_type],
            f"{r.duration_min:.0f} min".replace(".", ","),
            ", ".join(c.code for c in r.codes),
            ", ".join(t.code if t.count == 1 else f"{t.code} x{t.count}" for t in r.takster),
            kroner(r.total_fee),
            "\n".join(f"{t.code}: {w}" for t in r.takster for w in t.warnings)]
            for r in data.rows])
        totals: list[list[str]] = []
        everyone = (combined(data.report, ALL_DOCTORS),) if data.report.doctors else ()
        for doc in (*data.report.doctors, *everyone):
            for t in (*doc.takster, doc.total):
                totals.append([doc.doctor, "SUM" if t.code == "SUM" else t.code, str(t.count),
                               kroner(float(t.fee)), kroner(float(t.refund)),
                               kroner(float(t.patient_share))])
        _fill(self.totals_table, totals)
        warned = sum(1 for r in data.rows if any(t.warnings for t in r.takster))
        self.summary.setText(
            f"{len(data.rows)} godkjente konsultasjoner, {warned} med varsler. "
            f"Sum honorar: {kroner(float(data.report.total.fee))}.")
        self.csv_button.setEnabled(bool(data.rows))

    def _choose_csv(self) -> None:
        date_from, date_to = self.period()
        name = f"takster_{date_from:%Y%m%d}-{date_to:%Y%m%d}.csv"
        path, _ = QFileDialog.getSaveFileName(self, "Eksporter CSV", name, "CSV (*.csv)")
        if path:
            self.export_csv(Path(path))

    def export_csv(self, path: Path) -> None:
        if self.data is not None:
            save_billing_csv(self.ctx, self.data.report, path).success(
                lambda written: self.summary.setText(f"CSV lagret i {written}.")).run()


