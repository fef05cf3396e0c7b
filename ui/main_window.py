"""The main window: first run → login → the page for the user's role; lock after inactivity.

The core's composition root (:class:`~scribe.app.ScribeApp`, built once by ``ui/app.py``) is
handed in; the window owns the task runner and the error presenter and hands all three to
every screen through a :class:`~ui.context.Context`; the screens are separate modules.

The practice's recovery key (issue 19) is made when the practice is created, or at the first
doctor's login after an upgrade that turned on clinical encryption; the window takes it from
the store right then and shows it once (:class:`~ui.recovery_dialog.RecoveryKeyDialog`).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from scribe.app import ScribeApp
from scribe.config import Settings
from scribe.store import Role, Session
from ui.admin_page import AdminPage
from ui.billing_page import BillingPage
from ui.context import Context
from ui.errors import ErrorPresenter
from ui.format import ROLE_LABELS
from ui.idle import IdleWatcher
from ui.operations import Op, practice
from ui.recovery_dialog import RecoveryKeyDialog
from ui.settings_dialog import SettingsDialog
from ui.start_pages import LoginPage, SetupPage
from ui.tasks import TaskRunner
from ui.work_page import WorkPage

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    def __init__(self, app: ScribeApp, *, kdf_iter: int | None = None,
                 modal_errors: bool = True) -> None:
        super().__init__()
        self.setWindowTitle("Scribe – konsultasjonsskriver")
        self.resize(1600, 950)
        self.kdf_iter = kdf_iter  # tests use a cheap key derivation
        presenter = ErrorPresenter(self, modal=modal_errors)
        runner = TaskRunner(presenter, self)
        self.ctx = Context(app, runner, presenter)
        self.role_page: QWidget | None = None
        self.recovery_dialog: RecoveryKeyDialog | None = None  # open while the key is shown
        self._locked_user: str | None = None
        self.stack = QStackedWidget(self)
        self.setup_page = SetupPage(self.stack, ctx=self.ctx)
        self.login_page = LoginPage(self.stack)
        self.stack.addWidget(self.setup_page)
        self.stack.addWidget(self.login_page)
        self.setCentralWidget(self.stack)
        self.setup_page.submitted.connect(self.create_practice)
        self.login_page.submitted.connect(self.login)
        self._build_toolbar()
        self._build_statusbar()
        self.idle = IdleWatcher(app.settings.lock_after_minutes, self)
        self.idle.idle.connect(lambda: self.lock(idle=True))
        if self.ctx.app.database_exists():
            self._show_login(unlocked=False)
        else:
            self.stack.setCurrentWidget(self.setup_page)

    # --- chrome ---------------------------------------------------------------------------
    def _build_toolbar(self) -> None:
        bar = QToolBar("Hovedverktøy", self)
        bar.setMovable(False)
        self.user_label = QLabel("", bar)
        self.user_label.setContentsMargins(8, 0, 16, 0)
        bar.addWidget(self.user_label)
        self.settings_action = QAction("Innstillinger", self)
        self.settings_action.triggered.connect(self.open_settings)
        self.lock_action = QAction("Lås", self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(lambda: self.lock(idle=False))
        self.logout_action = QAction("Logg ut", self)
        self.logout_action.triggered.connect(self.logout)
        for action in (self.settings_action, self.lock_action, self.logout_action):
            bar.addAction(action)
        self.addToolBar(bar)
        self.toolbar = bar
        bar.setVisible(False)

    def _build_statusbar(self) -> None:
        self.busy_label = QLabel(self)
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(120)
        self.busy_bar.setVisible(False)
        self.statusBar().addPermanentWidget(self.busy_label)
        self.statusBar().addPermanentWidget(self.busy_bar)
        self.statusBar().showMessage("Lokal: lyd og tekst forlater ikke denne PC-en.")
        self.ctx.runner.changed.connect(self._busy_changed)

    def _busy_changed(self) -> None:
        active = self.ctx.runner.active
        self.busy_bar.setVisible(bool(active))
        self.busy_label.setText(active[-1].label + " …" if active else "")

    # --- first run and login --------------------------------------------------------------
    def create_practice(self, passphrase: str, admin: tuple[str, str],
                        doctor: tuple[str, str, str | None]) -> None:
        self.setup_page.set_busy(True)

        def failed(exc: BaseException) -> None:
            self.setup_page.set_busy(False)
            self.ctx.present(exc)
        def created(_store: object) -> None:
            self._show_login(unlocked=True, notice="Databasen er opprettet. Logg inn.",
                             name=doctor[0])
            self._recovery_key_after_setup(admin)
        practice.create_practice(self.ctx, passphrase, admin, doctor, self.kdf_iter).success(
            created).failure(failed).run()

    def _recovery_key_after_setup(self, admin: tuple[str, str]) -> None:
        """The recovery key the new practice's first doctor brought into being: taken by the
        administrator who just set the practice up (a login of its own), shown once."""
        def job(_p: object, _c: object) -> str | None:
            users = self.ctx.app.users
            session = users.login(*admin)
            try:
                return self.ctx.app.store.take_recovery_key(session)
            finally:
                users.logout(session)
        Op(self.ctx, "Henter gjenopprettingsnøkkelen", job).success(
            self.show_recovery_key).run()

    def show_recovery_key(self, key: str | None) -> None:
        """Shows ``key`` once, in front of the window; nothing when there is none."""
        if key is None:
            return
        dialog = RecoveryKeyDialog(key, self)
        self.recovery_dialog = dialog
        dialog.finished.connect(lambda _result: self._recovery_key_closed(dialog))
        dialog.open()  # window-modal without a nested event loop: tests are not blocked

    def _recovery_key_closed(self, dialog: RecoveryKeyDialog) -> None:
        if self.recovery_dialog is dialog:
            self.recovery_dialog = None
        dialog.deleteLater()

    def _show_login(self, *, unlocked: bool, notice: str = "Logg inn for å fortsette.",
                    name: str = "") -> None:
        self.toolbar.setVisible(False)
        self.login_page.prepare(unlocked=unlocked, notice=notice, name=name)
        self.stack.setCurrentWidget(self.login_page)

    def login(self, passphrase: str, name: str, password: str) -> None:
        self.login_page.set_busy(True)

        def failed(exc: BaseException) -> None:
            self.login_page.set_busy(False)
            self.login_page.password.clear()
            self.ctx.present(exc)
        practice.log_in(self.ctx, passphrase, name, password, self.kdf_iter).success(
            self._logged_in).failure(failed).run()

    def _logged_in(self, session: Session) -> None:
        self.ctx.session = session
        self.login_page.unlocked = True
        user = session.user
        self.user_label.setText(f"<b>{user.name}</b> ({ROLE_LABELS.get(user.role.value)})")
        self.toolbar.setVisible(True)
        self.settings_action.setVisible(user.role is not Role.DAGLIG_LEDER)
        resume = self._locked_user == user.name and self.role_page is not None
        self._locked_user = None
        if not resume:
            self._replace_role_page(self._page_for(session))
        assert self.role_page is not None
        self.stack.setCurrentWidget(self.role_page)
        self.idle.restart()
        if user.role is Role.LEGE:  # the first doctor after an upgrade makes the key
            practice.take_recovery_key(self.ctx).success(self.show_recovery_key).run()

    def _page_for(self, session: Session) -> QWidget:
        role = session.user.role
        page: WorkPage | BillingPage | AdminPage
        if role is Role.LEGE:
            page = WorkPage(self.ctx, self.stack)
        elif role is Role.DAGLIG_LEDER:
            page = BillingPage(self.ctx, self.stack)  # never a page with clinical text
        else:
            page = AdminPage(self.ctx, self.stack)
        page.start()
        return page

    def _replace_role_page(self, page: QWidget | None) -> None:
        if self.role_page is not None:
            self.stack.removeWidget(self.role_page)
            self.role_page.deleteLater()
        self.role_page = page
        if page is not None:
            self.stack.addWidget(page)

    # --- lock and logout ------------------------------------------------------------------
    def recording(self) -> bool:
        page = self.role_page
        return isinstance(page, WorkPage) and page.recorder.state != "idle"

    def lock(self, *, idle: bool = False) -> None:
        """Hides everything behind the login; the same user comes back to the same screen.

        A recording in progress is not interrupted: the lock waits until it has finished."""
        session = self.ctx.session
        if session is None:
            return
        if self.recording():
            self.idle.restart()
            return
        self._locked_user = session.user.name
        self._end_session(session)
        minutes = self.ctx.settings.lock_after_minutes
        why = f"Låst etter {minutes} minutter uten aktivitet." if idle else "Låst."
        self._show_login(unlocked=True, name=session.user.name,
                         notice=f"{why} Logg inn igjen for å fortsette.")

    def logout(self) -> None:
        session = self.ctx.session
        if session is None or self.recording():
            return
        self._end_session(session)
        self._locked_user = None
        self._replace_role_page(None)
        self._show_login(unlocked=True)

    def _end_session(self, session: Session) -> None:
        try:
            self.ctx.app.users.logout(session)
        finally:
            self.ctx.session = None
            self.idle.timer.stop()

    # --- settings -------------------------------------------------------------------------
    def open_settings(self) -> SettingsDialog:
        dialog = SettingsDialog(self.ctx, self)
        dialog.saved.connect(self.apply_settings)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()
        return dialog

    def apply_settings(self, settings: Settings) -> None:
        self.ctx.app.update_settings(settings)
        self.idle.set_minutes(settings.lock_after_minutes)
        self.statusBar().showMessage("Innstillingene er lagret.", 5000)

    # --- closing --------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        page = self.role_page
        state = page.recorder.state if isinstance(page, WorkPage) else "idle"
        question = {
            "recording": "Et opptak pågår. Vil du forkaste det og avslutte?",
            "paused": "Et opptak pågår. Vil du forkaste det og avslutte?",
            "finishing": "Utkastet lages fortsatt. Lyd og transkripsjon er lagret, og du kan "
                         "lage utkastet senere. Vil du avslutte?",
        }.get(state)
        if question is not None:
            answer = QMessageBox.question(self, "Avslutt", question)
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        self.shutdown()
        event.accept()

    def shutdown(self) -> None:
        """Stops a live recording (its audio so far is kept), cancels jobs, closes the store."""
        page = self.role_page
        live = page.recorder.abandon() if isinstance(page, WorkPage) else None
        if live is not None:
            try:
                live.discard()
            except Exception as exc:  # closing anyway; only the type is logged
                log.warning("opptaket kunne ikke avsluttes: %s", type(exc).__name__)
        self.ctx.runner.cancel_all()
        self.ctx.runner.pool.waitForDone(10_000)
        if self.ctx.session is not None:
            self.ctx.app.users.logout(self.ctx.session)
            self.ctx.session = None
        self.ctx.app.close()
