"""The administrator's page: the users of the practice and adding a new one.

The practice's recovery key (for the clinical data key) is shown here once, when this process
has just made it, with the instruction to keep it on paper; a new doctor needs it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from scribe.store import User
from scribe.store.envelope import RECOVERY_INSTRUCTION
from ui.context import Context
from ui.format import ROLE_LABELS
from ui.operations.practice import (
    add_doctor_with_recovery_key,
    add_user,
    list_users,
    take_recovery_key,
)
from ui.widgets import heading


class AdminPage(QWidget):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        self.recovery = QLabel(self)
        self.recovery.setWordWrap(True)
        self.recovery.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.recovery.setVisible(False)
        layout.addWidget(self.recovery)
        layout.addWidget(heading("Brukere", self))
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels(["Brukernavn", "Rolle", "HPR-nummer"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        box = QGroupBox("Ny bruker", self)
        form = QFormLayout(box)
        self.name = QLineEdit(box)
        self.role = QComboBox(box)
        for value, label in ROLE_LABELS.items():
            self.role.addItem(label, value)
        self.password = QLineEdit(box)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.hpr = QLineEdit(box)
        self.recovery_key = QLineEdit(box)
        self.recovery_key.setEchoMode(QLineEdit.EchoMode.Password)
        self.recovery_key.setPlaceholderText("XXXX-XXXX-… (fra papirarket)")
        form.addRow("Brukernavn:", self.name)
        form.addRow("Rolle:", self.role)
        form.addRow("Passord:", self.password)
        form.addRow("HPR-nummer (lege):", self.hpr)
        form.addRow("Gjenopprettingsnøkkel (ny lege):", self.recovery_key)
        self.add_button = QPushButton("Legg til bruker", box)
        self.add_button.clicked.connect(self.add_user)
        form.addRow(self.add_button)
        layout.addWidget(box)
        self.message = QLabel(self)
        layout.addWidget(self.message)

    def start(self) -> None:
        list_users(self.ctx).success(self._show).run()
        take_recovery_key(self.ctx).success(self._show_recovery_key).run()

    def _show_recovery_key(self, key: str | None) -> None:
        """Once: the key is gone from the program's memory after this."""
        if key is None:
            return
        self.recovery.setText(f"<b>{RECOVERY_INSTRUCTION}</b><br><br>"
                              f"<span style='font-family: monospace; font-size: 16pt'>{key}</span>")
        self.recovery.setVisible(True)

    def _show(self, users: list[User]) -> None:
        self.table.setRowCount(len(users))
        for r, user in enumerate(users):
            for c, text in enumerate((user.name, ROLE_LABELS.get(user.role.value, user.role),
                                      user.hpr or "")):
                self.table.setItem(r, c, QTableWidgetItem(text))

    def add_user(self) -> None:
        name, role = self.name.text().strip(), str(self.role.currentData())
        password, hpr = self.password.text(), self.hpr.text().strip() or None

        recovery = self.recovery_key.text().strip()

        def done(user: User) -> None:
            self.message.setText(f"{user.name} er lagt til.")
            self.name.clear()
            self.password.clear()
            self.hpr.clear()
            self.recovery_key.clear()
            self.start()
        if role == "lege" and recovery:
            add_doctor_with_recovery_key(self.ctx, name, password, hpr, recovery).success(
                done).run()
            return
        add_user(self.ctx, name, role, password, hpr).success(done).run()
