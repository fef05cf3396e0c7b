"""The practice's recovery key in the window (issue 19): shown once after the practice is
created, and once after the first doctor's login that encrypted an upgraded database; never
again, never in a log, and it is the key that really opens the clinical data key."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

import pytest
from conftest import (
    ADMIN,
    DOCTOR,
    KDF_ITER,
    PASSPHRASE,
    PASSWORD,
    login,
    screenshot,
    wait_idle,
)
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from scribe.config import Settings
from scribe.store import audit, consultations, users
from scribe.store.db import open_connection, transaction
from scribe.store.envelope import RECOVERY_INSTRUCTION
from scribe.store.migrations import MIGRATIONS, migrate
from ui.admin_page import AdminPage
from ui.main_window import MainWindow
from ui.recovery_dialog import WRITTEN_DOWN, RecoveryKeyDialog
from ui.work_page import WorkPage

KEY_FORM = re.compile(r"^([A-HJKMNP-Z2-9]{4}-){7}[A-HJKMNP-Z2-9]{4}$")


def _create_practice(qtbot: QtBot, window: MainWindow) -> None:
    page = window.setup_page
    page.passphrase.setText(PASSPHRASE)
    page.passphrase2.setText(PASSPHRASE)
    page.admin_name.setText(ADMIN)
    page.admin_password.setText(PASSWORD)
    page.doctor_name.setText(DOCTOR)
    page.doctor_password.setText(PASSWORD)
    page.hpr.setText("9144900")
    page.show_step(page.database_step)
    page.create_button.click()


def _shown(qtbot: QtBot, window: MainWindow) -> RecoveryKeyDialog:
    qtbot.waitUntil(lambda: window.recovery_dialog is not None
                    and window.recovery_dialog.isVisible(), timeout=20_000)
    dialog = window.recovery_dialog
    assert dialog is not None and dialog.isModal()
    return dialog


def _written_down(qtbot: QtBot, window: MainWindow, dialog: RecoveryKeyDialog) -> str:
    """Closes the dialog as the user does (Escape first, which must not close it); the key."""
    key = dialog.key.text()
    assert dialog.done_button.text() == WRITTEN_DOWN
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and window.recovery_dialog is dialog
    dialog.done_button.click()
    assert window.recovery_dialog is None and not dialog.isVisible()
    assert dialog.key.text() == ""  # no widget keeps it
    return key


def test_the_new_practices_recovery_key_is_shown_once_and_opens_the_key(
        qtbot: QtBot, settings: Settings, make_window: Callable[[Settings], MainWindow],
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    window = make_window(settings)
    _create_practice(qtbot, window)
    dialog = _shown(qtbot, window)
    assert window.stack.currentWidget() is window.login_page
    assert dialog.instruction.text() == RECOVERY_INSTRUCTION
    assert KEY_FORM.match(dialog.key.text())
    assert dialog.key.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    shot = screenshot(dialog, "01c_recovery_key")
    assert shot.exists()
    key_text = dialog.key.text()
    assert dialog.key.contentsRect().width() >= dialog.key.fontMetrics().horizontalAdvance(
        key_text)  # the whole key is visible, not cut at the edge
    key = _written_down(qtbot, window, dialog)
    wait_idle(qtbot, window)

    login(qtbot, window, DOCTOR)  # the next login: nothing to show
    assert isinstance(window.role_page, WorkPage) and window.recovery_dialog is None
    window.logout()
    login(qtbot, window, ADMIN)
    page = window.role_page
    assert isinstance(page, AdminPage)
    assert window.recovery_dialog is None and page.recovery.isHidden()
    # the key shown is the one that gives a new doctor the clinical key
    qtbot.waitUntil(lambda: page.table.rowCount() == 2)
    page.name.setText("Ola Lege")
    page.role.setCurrentIndex(page.role.findData("lege"))
    page.password.setText(PASSWORD)
    page.recovery_key.setText(key)
    page.add_button.click()
    qtbot.waitUntil(lambda: page.table.rowCount() == 3)
    assert window.ctx.present.last is None
    assert key not in caplog.text and key.replace("-", "") not in caplog.text


def _database_before_encryption(settings: Settings) -> None:
    """A practice database as Scribe made it before clinical encryption: a doctor, an admin
    and a consultation with its patient reference in a plain column."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    conn = open_connection(settings.db_path, PASSPHRASE, create=True, kdf_iter=KDF_ITER)
    migrate(conn, MIGRATIONS[:[m.name for m in MIGRATIONS].index("0004_clinical_envelope")])
    with transaction(conn):
        for name, role in ((DOCTOR, users.Role.LEGE), (ADMIN, users.Role.ADMIN)):
            key, _signer = users.new_key(PASSWORD)
            users.insert_user(conn, name, role, users.hash_password(PASSWORD), None,
                              audit.SYSTEM_ACTOR, key)
        consultations.create(conn, audit.Actor(1, DOCTOR), "oppmote", "EPJ-42")
    conn.close()


def test_the_first_doctor_login_after_an_upgrade_shows_the_new_key_once(
        qtbot: QtBot, settings: Settings,
        make_window: Callable[[Settings], MainWindow]) -> None:
    _database_before_encryption(settings)
    window = make_window(settings)
    login(qtbot, window, ADMIN)  # an admin's login does not encrypt: nothing to show
    assert window.recovery_dialog is None
    window.logout()
    login(qtbot, window, DOCTOR)
    dialog = _shown(qtbot, window)
    assert window.ctx.app.store.clinical_encrypted()
    assert KEY_FORM.match(_written_down(qtbot, window, dialog))
    window.lock()
    login(qtbot, window, DOCTOR)
    assert window.recovery_dialog is None
