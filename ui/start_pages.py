"""First run and login.

The first run is three steps: the code lists (the practice's official ICPC-2 and takst
files), the model packs (from a folder or downloaded with consent), then the practice
database with its first admin and doctor, which ends the first run. The first two can be
skipped and done later in Innstillinger.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from scribe.errors import ScribeError
from scribe.store.db import MIN_PASSPHRASE  # the store's rule, checked here first
from scribe.store.users import validate_new
from ui.widgets import heading

if TYPE_CHECKING:
    from ui.context import Context
    from ui.setup_steps import CodeListsStep, ModelPacksStep


def _field(parent: QWidget, *, secret: bool = False) -> QLineEdit:
    field = QLineEdit(parent)
    field.setMinimumWidth(280)
    if secret:
        field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


def _password(parent: QWidget) -> QLineEdit:
    return _field(parent, secret=True)


def _centred(page: QWidget, inner: QWidget) -> None:
    # Stretches rather than an alignment flag: aligned items lose height-for-width, which
    # squeezed the word-wrapped labels and the last group.
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(inner)
    row.addStretch(1)
    outer = QVBoxLayout(page)
    outer.addStretch(1)
    outer.addLayout(row)
    outer.addStretch(2)


class SetupPage(QWidget):
    """Emits ``submitted(passphrase, (admin, pw), (doctor, pw, hpr))``.

    ``ctx`` (else the main window's) runs the code-list and model-pack steps; without one
    only the database step is shown."""

    submitted = Signal(str, tuple, tuple)

    def __init__(self, parent: QWidget | None = None, ctx: Context | None = None) -> None:
        super().__init__(parent)
        ctx = ctx or getattr(self.window(), "ctx", None)
        self.steps = QStackedWidget(self)
        self.code_lists: CodeListsStep | None = None  # step 1, inside self.steps' page 0
        self.model_packs: ModelPacksStep | None = None  # step 2
        if ctx is not None:
            from ui.setup_steps import CodeListsStep, ModelPacksStep

            self.code_lists, self.model_packs = CodeListsStep(ctx), ModelPacksStep(ctx)
            self._wizard_page(self.code_lists, 1)
            self._wizard_page(self.model_packs, 2)
        self.database_step = self._database_page()
        self.steps.addWidget(self.database_step)
        self.steps.setCurrentIndex(0)
        _centred(self, self.steps)

    def show_step(self, step: QWidget) -> None:
        """``step``: one of the steps (or the database page); shows the page holding it."""
        page: QWidget | None = step
        while page is not None and page.parentWidget() is not self.steps:
            page = page.parentWidget()
        if page is not None:
            self.steps.setCurrentWidget(page)

    def current_step(self) -> QWidget | None:
        return self.steps.currentWidget()

    def _wizard_page(self, step: QWidget, n: int) -> QWidget:
        page = QWidget(self.steps)
        page.setFixedWidth(640)
        layout = QVBoxLayout(page)
        layout.addWidget(heading("Velkommen til Scribe", page, size=6))
        layout.addWidget(QLabel(f"Første oppstart, steg {n} av 3. Dette kan også gjøres "
                                "senere under Innstillinger.", page))
        step.setParent(page)
        layout.addWidget(step)
        row = QHBoxLayout()
        back = QPushButton("Tilbake", page)
        back.setEnabled(n > 1)
        back.clicked.connect(lambda: self.steps.setCurrentIndex(n - 2))
        forward = QPushButton("Neste", page)
        forward.setDefault(True)
        forward.clicked.connect(lambda: self.steps.setCurrentIndex(n))
        row.addWidget(back)
        row.addStretch(1)
        row.addWidget(forward)
        layout.addLayout(row)
        self.steps.addWidget(page)
        return page

    def _database_page(self) -> QWidget:
        box = QWidget(self.steps)
        box.setFixedWidth(560)
        layout = QVBoxLayout(box)
        layout.addWidget(heading("Velkommen til Scribe", box, size=6))
        steps = "steg 3 av 3: " if self.steps.count() else ""
        intro = QLabel(f"Første oppstart, {steps}opprett den krypterte databasen for "
                       "praksisen, en administrator og den første legen. Lyd, transkripsjon "
                       "og notater forlater aldri denne PC-en.", box)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        db = QGroupBox("Praksisdatabase", box)
        form = QFormLayout(db)
        self.passphrase, self.passphrase2 = _password(db), _password(db)
        form.addRow("Passordfrase:", self.passphrase)
        form.addRow("Gjenta passordfrasen:", self.passphrase2)
        layout.addWidget(db)
        admin = QGroupBox("Administrator", box)
        form = QFormLayout(admin)
        self.admin_name, self.admin_password = _field(admin), _password(admin)
        form.addRow("Brukernavn:", self.admin_name)
        form.addRow("Passord:", self.admin_password)
        layout.addWidget(admin)
        doctor = QGroupBox("Lege", box)
        form = QFormLayout(doctor)
        self.doctor_name, self.doctor_password = _field(doctor), _password(doctor)
        self.hpr = _field(doctor)
        self.hpr.setPlaceholderText("HPR-nummer")
        form.addRow("Brukernavn:", self.doctor_name)
        form.addRow("Passord:", self.doctor_password)
        form.addRow("HPR-nummer:", self.hpr)
        layout.addWidget(doctor)
        self.message = QLabel(box)
        self.message.setStyleSheet("color: #b00020")
        layout.addWidget(self.message)
        row = QHBoxLayout()
        if self.steps.count():
            back = QPushButton("Tilbake", box)
            back.clicked.connect(lambda: self.steps.setCurrentIndex(self.steps.count() - 2))
            row.addWidget(back)
        self.create_button = QPushButton("Opprett praksisdatabase", box)
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self._submit)
        row.addWidget(self.create_button, 1)
        for field in (self.passphrase, self.passphrase2, self.admin_name, self.admin_password,
                      self.doctor_name, self.doctor_password, self.hpr):
            field.textChanged.connect(lambda _: self.message.setText(""))
        layout.addLayout(row)
        return box

    def _submit(self) -> None:
        phrase = self.passphrase.text()
        if len(phrase) < MIN_PASSPHRASE:
            self.message.setText(f"Passordfrasen må ha minst {MIN_PASSPHRASE} tegn.")
            return
        if phrase != self.passphrase2.text():
            self.message.setText("Passordfrasene er ikke like.")
            return
        hpr = self.hpr.text().strip() or None
        try:  # the core's own rules, checked before the database file is made
            validate_new(self.admin_name.text().strip(), "admin", self.admin_password.text(),
                         None)
            validate_new(self.doctor_name.text().strip(), "lege", self.doctor_password.text(),
                         hpr)
        except ScribeError as exc:
            self.message.setText(exc.message)
            return
        self.message.setText("")
        self.submitted.emit(phrase,
                            (self.admin_name.text().strip(), self.admin_password.text()),
                            (self.doctor_name.text().strip(), self.doctor_password.text(), hpr))

    def set_busy(self, busy: bool) -> None:
        self.create_button.setEnabled(not busy)


class LoginPage(QWidget):
    """Emits ``submitted(passphrase, name, password)``; passphrase is "" once unlocked."""

    submitted = Signal(str, str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        box = QWidget(self)
        box.setFixedWidth(520)
        layout = QVBoxLayout(box)
        layout.addWidget(heading("Scribe", box, size=8))
        self.notice = QLabel("Logg inn for å fortsette.", box)
        self.notice.setWordWrap(True)
        layout.addWidget(self.notice)
        form = QFormLayout()
        self.passphrase = _password(box)
        self.passphrase_label = QLabel("Passordfrase for praksisen:", box)
        self.name, self.password = _field(box), _password(box)
        form.addRow(self.passphrase_label, self.passphrase)
        form.addRow("Brukernavn:", self.name)
        form.addRow("Passord:", self.password)
        layout.addLayout(form)
        self.message = QLabel(box)
        self.message.setStyleSheet("color: #b00020")
        layout.addWidget(self.message)
        self.login_button = QPushButton("Logg inn", box)
        self.login_button.setDefault(True)
        self.login_button.clicked.connect(self._submit)
        for field in (self.passphrase, self.name, self.password):
            field.returnPressed.connect(self._submit)
        layout.addWidget(self.login_button)
        self.unlocked = False
        _centred(self, box)

    def prepare(self, *, unlocked: bool, notice: str = "Logg inn for å fortsette.",
                name: str = "") -> None:
        self.unlocked = unlocked
        self.passphrase.setVisible(not unlocked)
        self.passphrase_label.setVisible(not unlocked)
        self.passphrase.clear()
        self.password.clear()
        self.name.setText(name)
        self.notice.setText(notice)
        self.message.setText("")
        self.set_busy(False)
        (self.password if name else self.passphrase if not unlocked else self.name).setFocus()

    def _submit(self) -> None:
        if not self.login_button.isEnabled():
            return
        phrase = "" if self.unlocked else self.passphrase.text()
        self.submitted.emit(phrase, self.name.text().strip(), self.password.text())

    def set_busy(self, busy: bool) -> None:
        self.login_button.setEnabled(not busy)
        if busy:
            self.message.setText("")
