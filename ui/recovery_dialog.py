"""The practice's recovery key, shown once (issue 19).

The store hands the key out only once (:meth:`~scribe.store.Store.take_recovery_key`); this
dialog is the one place it is shown. It stays until the user says it is written down: Escape
and the window's close button do nothing, since a key closed by mistake is gone. When it
closes the text is cleared, so no widget keeps it. It is never logged.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from scribe.store.envelope import RECOVERY_INSTRUCTION
from ui.widgets import heading

WRITTEN_DOWN = "Jeg har skrevet den ned"
_SELECTABLE = (Qt.TextInteractionFlag.TextSelectableByMouse
               | Qt.TextInteractionFlag.TextSelectableByKeyboard)


class RecoveryKeyDialog(QDialog):
    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Gjenopprettingsnøkkel")
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 18)
        layout.setSpacing(12)
        layout.addWidget(heading("Skriv ned gjenopprettingsnøkkelen", self))
        self.instruction = QLabel(RECOVERY_INSTRUCTION, self)
        self.instruction.setWordWrap(True)
        layout.addWidget(self.instruction)
        self.key = QLabel(key, self)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(18)
        font.setWeight(QFont.Weight.Bold)
        self.key.setFont(font)
        # the whole key on one line, whatever the screen's fonts: padding and border included
        self.key.setMinimumWidth(QFontMetrics(font).horizontalAdvance(key) + 48)
        self.key.setTextFormat(Qt.TextFormat.PlainText)
        self.key.setTextInteractionFlags(_SELECTABLE)
        self.key.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key.setStyleSheet("QLabel { border: 1px solid #888; padding: 14px; "
                               "background: #fffbe6; }")
        layout.addWidget(self.key)
        hint = QLabel("Tegnene er bokstaver og sifre uten 0, O, 1, I og L. Nøkkelen kan skrives "
                      "med eller uten bindestreker.", self)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.done_button = QPushButton(WRITTEN_DOWN, self)
        self.done_button.setDefault(True)
        self.done_button.clicked.connect(self.accept)
        layout.addWidget(self.done_button, 0, Qt.AlignmentFlag.AlignRight)
        self.finished.connect(lambda _result: self.key.clear())
        self.setMinimumWidth(max(620, self.key.minimumWidth() + 40))
        self.setMinimumHeight(self.sizeHint().height())  # wrapped text is never cut off

    def reject(self) -> None:
        """Escape and the close button: ignored, the key must be confirmed written down."""
