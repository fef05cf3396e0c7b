"""First run, login, the error presenter, locking after inactivity, and the headless start."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable

from conftest import ADMIN, DOCTOR, PASSWORD, REPO, login, screenshot, wait_idle
from pytestqt.qtbot import QtBot

from scribe.config import Settings
from scribe.errors import Cancelled
from ui.admin_page import AdminPage
from ui.errors import ErrorPresenter, describe
from ui.main_window import MainWindow
from ui.work_page import WorkPage


def test_first_run_creates_the_practice_and_the_doctor_logs_in(
        qtbot: QtBot, settings: Settings, make_window: Callable[[Settings], MainWindow]) -> None:
    window = make_window(settings)
    page = window.setup_page
    assert window.stack.currentWidget() is page
    page.passphrase.setText("kort")
    page.passphrase2.setText("kort")
    page.create_button.click()
    assert "minst" in page.message.text()
    page.passphrase.setText("en lang og god passordfrase")
    page.passphrase2.setText("en lang og god passordfrase")
    page.admin_name.setText(ADMIN)
    page.admin_password.setText(PASSWORD)
    page.doctor_name.setText(DOCTOR)
    page.doctor_password.setText("kort")
    page.create_button.click()
    assert page.message.text() == "Passordet må ha minst 10 tegn."
    assert not settings.db_path.exists()
    page.doctor_password.setText(PASSWORD)
    page.hpr.setText("9144900")
    page.show_step(page.database_step)
    screenshot(window, "01_first_run")
    page.create_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.login_page, timeout=20_000)
    assert settings.db_path.exists()
    assert window.login_page.name.text() == DOCTOR
    login(qtbot, window, DOCTOR)
    assert isinstance(window.role_page, WorkPage)


def test_login_with_a_wrong_password_shows_the_norwegian_message(
        qtbot: QtBot, practice: Settings, make_window: Callable[[Settings], MainWindow]) -> None:
    window = make_window(practice)
    page = window.login_page
    assert not page.unlocked  # the passphrase is asked for first
    screenshot(window, "02_login")
    page.passphrase.setText("feil passordfrase")
    page.name.setText(DOCTOR)
    page.password.setText(PASSWORD)
    page.login_button.click()
    wait_idle(qtbot, window)
    assert window.ctx.present.last is not None
    assert "passordfrase" in " ".join(window.ctx.present.last).lower()
    page.passphrase.setText("riktig hest batteri stift")
    page.password.setText("feil-passord")
    page.login_button.click()
    wait_idle(qtbot, window)
    assert window.ctx.present.last == ("Feil brukernavn eller passord.", "")
    assert window.stack.currentWidget() is page


def test_the_presenter_is_silent_for_cancel_and_generic_for_bugs() -> None:
    assert describe(Cancelled()) is None
    message, hint = describe(KeyError("pasientens navn"))  # type: ignore[misc]
    assert "uventet" in message and "pasientens" not in message + hint
    presenter = ErrorPresenter(None, modal=False)
    presenter(Cancelled())
    assert presenter.last is None and presenter.dialog is None


def test_inactivity_locks_and_the_same_user_returns_to_the_same_screen(
        qtbot: QtBot, practice: Settings, make_window: Callable[[Settings], MainWindow]) -> None:
    window = make_window(practice)
    login(qtbot, window, DOCTOR)
    page = window.role_page
    assert window.idle.timer.isActive()
    assert window.idle.timer.interval() == practice.lock_after_minutes * 60_000
    window.idle.idle.emit()  # as if lock_after_minutes passed without input
    assert window.stack.currentWidget() is window.login_page
    assert window.ctx.session is None
    assert window.login_page.name.text() == DOCTOR and window.login_page.unlocked
    assert "Låst" in window.login_page.notice.text()
    screenshot(window, "03_locked")
    login(qtbot, window, DOCTOR)
    assert window.role_page is page


def test_an_admin_gets_the_user_page(
        qtbot: QtBot, practice: Settings, recovery_key: str,
        make_window: Callable[[Settings], MainWindow]) -> None:
    window = make_window(practice)
    login(qtbot, window, ADMIN)
    page = window.role_page
    assert isinstance(page, AdminPage)
    qtbot.waitUntil(lambda: page.table.rowCount() == 3)
    page.name.setText("Ola Lege")
    page.role.setCurrentIndex(page.role.findData("lege"))
    page.password.setText(PASSWORD)
    page.hpr.setText("1234567")
    page.add_button.click()  # a new doctor in a reopened database needs the recovery key
    wait_idle(qtbot, window)
    assert window.ctx.present.last is not None
    assert "gjenopprettingsnøkkel" in window.ctx.present.last[0]
    assert page.table.rowCount() == 3
    page.recovery_key.setText(recovery_key.lower())  # as typed from the paper
    page.add_button.click()
    qtbot.waitUntil(lambda: page.table.rowCount() == 4)
    assert page.recovery_key.text() == ""


def test_scribe_app_opens_and_closes_headless() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    # ``python -m ui`` is the ``scribe`` console script: the core's commands plus ``app``
    result = subprocess.run([sys.executable, "-m", "ui", "app", "--quit-after", "300"],
                            env=env, capture_output=True, text=True, timeout=60, cwd=REPO)
    assert result.returncode == 0, result.stderr
