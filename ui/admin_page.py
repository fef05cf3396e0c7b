"""The administrator's page: the users of the practice and adding a new one."""

from __future__ import annotations

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
from ui.context import Context
from ui.format import ROLE_LABELS
from ui.operations.practice import add_user, list_users
from ui.widgets import heading


class AdminPage(QWidget):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
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
        form.addRow("Brukernavn:", self.name)
        form.addRow("Rolle:", self.role)
        form.addRow("Passord:", self.password)
        form.addRow("HPR-nummer (lege):", self.hpr)
        self.add_button = QPushButton("Legg til bruker", box)
        self.add_button.clicked.connect(self.add_user)
        form.addRow(self.add_button)
        layout.addWidget(box)
        self.message = QLabel(self)
        layout.addWidget(self.message)

    def start(self) -> None:
        list_users(self.ctx).success(self._show).run()

    def _show(self, users: list[User]) -> None:
        self.table.setRowCount(len(users))
        for r, user in enumerate(users):
            for c, text in enumerate((user.name, ROLE_LABELS.get(user.role.value, user.role),
                                      user.hpr or "")):
                self.table.setItem(r, c, QTableWidgetItem(text))

    def add_user(self) -> None:
        name, role = self.name.text().strip(), str(self.role.currentData())
        password, hpr = self.password.text(), self.hpr.text().strip() or None

        def done(user: User) -> None:
            self.message.setText(f"{user.name} er lagt til.")
            self.name.clear()
            self.password.clear()
            self.hpr.clear()
            self.start()
        add_user(self.ctx, name, role, password, hpr).success(done).run()
