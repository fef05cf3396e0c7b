"""Approval asks the doctor for the password again; the core checks it."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget


def ask_password(parent: QWidget | None, version: int) -> str | None:
    """The password, or None when the doctor cancels."""
    text, ok = QInputDialog.getText(
        parent, "Godkjenn notatet",
        f"Du godkjenner versjon {version} med diagnoser og takster.\n"
        "Skriv inn passordet ditt for å bekrefte:",
        QLineEdit.EchoMode.Password)
    return text if ok and text else None
