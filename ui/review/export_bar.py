"""Export of an approved note: copy all, copy one section, save a document."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QPushButton, QWidget

from scribe.export import ExportFormat
from ui.context import Context

FILE_FILTER = "Tekst (*.txt);;FHIR-dokument (*.json)"


class ExportBar(QWidget):
    exported = Signal(str)  # a short Norwegian status line

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.cid: int | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.copy_all = QPushButton("Kopier hele notatet", self)
        self.section = QComboBox(self)
        self.section.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.section.setMinimumWidth(110)
        self.copy_section = QPushButton("Kopier del", self)
        self.save = QPushButton("Lagre dokument …", self)
        self.copy_all.clicked.connect(lambda: self.copy(None))
        self.copy_section.clicked.connect(lambda: self.copy(self.section.currentText()))
        self.save.clicked.connect(self._choose_file)
        for w in (self.copy_all, self.section, self.copy_section, self.save):
            layout.addWidget(w)
        layout.addStretch(1)
        self.set_target(None, [])

    def set_target(self, cid: int | None, sections: list[str]) -> None:
        """``cid`` of an approved consultation (None: nothing to export yet)."""
        self.cid = cid
        self.section.clear()
        self.section.addItems(sections)
        for w in (self.copy_all, self.section, self.copy_section, self.save):
            w.setEnabled(cid is not None)
        tip = "" if cid is not None else "Godkjenn notatet før det kan eksporteres."
        self.setToolTip(tip)

    def copy(self, section: str | None) -> None:
        if self.cid is None:
            return
        try:
            result = self.ctx.app.exporter.export(self.ctx.require_session(), self.cid,
                                                  ExportFormat.TEXT, section=section)
        except Exception as exc:
            self.ctx.present(exc)
            return
        QGuiApplication.clipboard().setText(result.content)
        self.exported.emit("Hele notatet er kopiert." if section is None
                           else f"«{section}» er kopiert.")

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Lagre dokument", "", FILE_FILTER)
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> None:
        if self.cid is None:
            return
        fmt = ExportFormat.FHIR if path.suffix.lower() == ".json" else ExportFormat.TEXT
        try:
            result = self.ctx.app.exporter.export_file(self.ctx.require_session(), self.cid,
                                                       fmt, out=path)
        except Exception as exc:
            self.ctx.present(exc)
            return
        self.exported.emit(f"Lagret i {result.destination}.")
