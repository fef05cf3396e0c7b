"""Approval asks the doctor for the password again; the core checks it.

A colleague approving another doctor's consultation must say so: a "Godkjenn på vegne av"
box is shown, and the dialog cannot be confirmed until it is ticked (the store refuses such
an approval without it, and records it in the approval and the audit).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class ApproveDialog(QDialog):
    def __init__(self, parent: QWidget | None, version: int,
                 on_behalf_of: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Godkjenn notatet")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Du godkjenner versjon {version} med diagnoser og takster.\n"
                                "Skriv inn passordet ditt for å bekrefte:"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        layout.addWidget(self.password)
        self.on_behalf = QCheckBox(f"Godkjenn på vegne av {on_behalf_of}")
        self.on_behalf.setVisible(on_behalf_of is not None)
        layout.addWidget(self.on_behalf)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._needs_box = on_behalf_of is not None
        self.password.textChanged.connect(self._update)
        self.on_behalf.toggled.connect(self._update)
        self._update()

    def _update(self) -> None:
        ok = bool(self.password.text()) and (not self._needs_box or self.on_behalf.isChecked())
        button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if button is not None:
            button.setEnabled(ok)


def ask_password(parent: QWidget | None, version: int, *,
                 on_behalf_of: str | None = None) -> str | None:
    """The password, or None when the doctor cancels. ``on_behalf_of``: the consultation's
    doctor, when the one approving is someone else (the box must then be ticked)."""
    dialog = ApproveDialog(parent, version, on_behalf_of)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.password.text() or None
