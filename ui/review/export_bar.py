"""Export of an approved note: copy all, copy one section, save a document. The export
itself (the approval check, rendering, the export record) runs on the task runner."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QPushButton, QWidget

from scribe.export.service import ExportResult
from ui.context import Context
from ui.operations.export import copy_note, save_note

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

        def copied(result: ExportResult) -> None:
            QGuiApplication.clipboard().setText(result.content)
            self.exported.emit("Hele notatet er kopiert." if section is None
                               else f"«{section}» er kopiert.")
        copy_note(self.ctx, self.cid, section).success(copied).run()

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Lagre dokument", "", FILE_FILTER)
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> None:
        if self.cid is not None:
            save_note(self.ctx, self.cid, path).success(
                lambda result: self.exported.emit(f"Lagret i {result.destination}.")).run()
