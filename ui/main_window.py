"""The main window. For now: the model packs and their state, read through the core."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

import scribe
from scribe.config import Settings
from scribe.models import ModelStore

COLUMNS = ("Modellpakke", "Type", "Størrelse", "Status")


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self.setWindowTitle("Scribe – konsultasjonsskriver")
        self.resize(900, 600)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        title = QLabel(f"<h2>Scribe {scribe.__version__}</h2>"
                       "<p>Lokal konsultasjonsskriver for fastleger. Lyd, transkripsjon og "
                       "journalutkast forlater ikke denne PC-en.</p>")
        title.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(QLabel("<b>Modellpakker</b>"))
        self.models_table = QTableWidget(0, len(COLUMNS), central)
        self.models_table.setHorizontalHeaderLabels(COLUMNS)
        self.models_table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.models_table)
        self.setCentralWidget(central)
        self.refresh_models()

    def refresh_models(self) -> None:
        store = ModelStore(self.settings.models_dir)
        packs = store.packs()
        self.models_table.setRowCount(len(packs))
        for row, pack in enumerate(packs):
            status = store.status(pack)
            state = "installert" if status.installed else status.problem
            cells = (pack.id, "tale" if pack.kind == "asr" else "språk",
                     f"{pack.size / 1e6:.0f} MB", state)
            for col, text in enumerate(cells):
                self.models_table.setItem(row, col, QTableWidgetItem(text))
        self.models_table.resizeColumnsToContents()
