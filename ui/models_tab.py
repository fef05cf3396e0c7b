"""Model packs: list with state, install with progress and cancel, verify (sha256)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from scribe.models import ModelStore
from ui.context import Context
from ui.operations.practice import (
    download_models,
    install_model,
    install_models_from,
    verify_model,
)
from ui.setup_steps import OneJob, ask_pack_folder, ask_yes
from ui.widgets import ProgressLine

COLUMNS = ("Modellpakke", "Type", "Størrelse", "Minne", "Status")


class ModelsTab(QWidget):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        intro = QLabel("Modeller installeres fra pakker praksisen har godkjent (fra en mappe, "
                       "eller lastet ned én gang når du sier ja), og kontrolleres med "
                       "sjekksum. Ingenting lastes ned av seg selv.", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.install_button = QPushButton("Installer", self)
        self.verify_button = QPushButton("Kontroller", self)
        self.folder_button = QPushButton("Installer fra mappe …", self)
        self.download_button = QPushButton("Last ned …", self)
        self.install_button.clicked.connect(self.install_selected)
        self.verify_button.clicked.connect(self.verify_selected)
        self.folder_button.clicked.connect(self.choose_folder)
        self.download_button.clicked.connect(self.ask_download)
        for button in (self.install_button, self.folder_button, self.download_button,
                       self.verify_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.progress = ProgressLine(self)
        layout.addWidget(self.progress)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.job = OneJob(ctx, self.progress, self.message, self.refresh)
        self.refresh()

    @property
    def models(self) -> ModelStore:
        return self.ctx.app.models

    def refresh(self) -> None:
        models = self.models
        packs = models.packs()
        self.table.setRowCount(len(packs))
        for r, pack in enumerate(packs):
            status = models.status(pack)
            cells = (pack.id, "tale" if pack.kind == "asr" else "språk",
                     f"{pack.size / 1e6:.0f} MB", f"{pack.ram_mb} MB",
                     "installert" if status.installed else status.problem)
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(pack.title)
                self.table.setItem(r, c, item)

    def _id(self, row: int) -> str:
        item = self.table.item(row, 0)
        return "" if item is None else item.text()

    def pack_ids(self) -> list[str]:
        return [self._id(r) for r in range(self.table.rowCount())]

    def _selected(self) -> str | None:
        row = self.table.currentRow()
        return self._id(row) if row >= 0 else None

    def install_selected(self) -> None:
        pack_id = self._selected()
        if pack_id is not None:
            self.job.run(install_model(self.ctx, pack_id),
                         f"{pack_id} er installert og kontrollert.")

    def choose_folder(self) -> None:
        """Every pack in a folder of packs (wheels or pack files), sha256-checked."""
        folder = ask_pack_folder(self)
        if folder is not None:
            self.job.run(install_models_from(self.ctx, folder),
                         "Modellpakkene fra mappen er installert og kontrollert.")

    def ask_download(self) -> None:
        """Downloads the selected pack only after the user's yes to its size and address."""
        pack_id = self._selected()
        if pack_id is None:
            return
        pack = self.models.get(pack_id)
        text = (f"Laste ned {pack.id} ({pack.size / 1e6:.0f} MB) én gang fra {pack.registry}? "
                "Filene kontrolleres med sha256. Ingen pasientdata sendes.")
        if ask_yes(self, "Laste ned modellpakke?", text):
            self.job.run(download_models(self.ctx, [pack_id]),
                         f"{pack_id} er lastet ned, installert og kontrollert.")

    def verify_selected(self) -> None:
        pack_id = self._selected()
        if pack_id is not None:
            self.verify(pack_id)

    def verify(self, pack_id: str) -> None:
        self.job.run(verify_model(self.ctx, pack_id),
                     f"{pack_id} er i orden (sjekksummene stemmer).")
