"""What the review shows about approvals (issue 19): «godkjent» only for an approval whose
signature holds, the store's tamper warnings, and «på vegne av» when a colleague approves."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import sqlcipher3
from conftest import (
    ADMIN,
    DOCTOR,
    KDF_ITER,
    PASSPHRASE,
    PASSWORD,
    open_review,
)
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from seed import seed_consultation

from scribe.app import ScribeApp
from scribe.config import Settings
from scribe.store import audit, drafts
from ui.main_window import MainWindow
from ui.review import review_page
from ui.review.approve_dialog import ApproveDialog
from ui.review.review_page import ReviewPage

COLLEAGUE = "Per Kollega"


def _review(qtbot: QtBot, window: MainWindow, cid: int, user: str) -> ReviewPage:
    return open_review(qtbot, window, cid, user)


def _forge_approval(settings: Settings, cid: int) -> None:
    """An approvals row written with the passphrase alone. The note is encrypted, so the forger
    cannot compute its sha256 and writes a made-up one; the sealed digest over the ciphertext
    needs no key, so the forgery carries a correct one."""
    conn = sqlcipher3.connect(str(settings.db_path), isolation_level=None)
    try:
        conn.execute(f"PRAGMA key = '{PASSPHRASE}'")
        conn.execute(f"PRAGMA kdf_iter = {KDF_ITER}")
        n = conn.execute("SELECT max(n) FROM draft_versions WHERE consultation_id = ?",
                         (cid,)).fetchone()[0]
        [(uid,)] = conn.execute("SELECT id FROM users WHERE name = ?", (DOCTOR,)).fetchall()
        conn.execute("INSERT INTO approvals (consultation_id, version, user_id, approved_at, "
                     "sha256, signature, sealed_sha256) VALUES (?, ?, ?, ?, ?, NULL, ?)",
                     (cid, n, uid, audit.now_iso(), "0" * 64, drafts.sealed_digest(conn, cid, n)))
        conn.execute("UPDATE draft_versions SET approved = 1 WHERE consultation_id = ? "
                     "AND n = ?", (cid, n))
        conn.execute("UPDATE consultations SET status = 'approved' WHERE id = ?", (cid,))
    finally:
        conn.close()


def test_a_forged_approval_is_not_shown_as_approved_and_the_warnings_are(
        qtbot: QtBot, practice: Settings,
        make_window: Callable[[Settings], MainWindow]) -> None:
    cid = seed_consultation(practice, PASSPHRASE, KDF_ITER, DOCTOR, PASSWORD)
    _forge_approval(practice, cid)
    review = _review(qtbot, make_window(practice), cid, DOCTOR)
    assert review.loaded is not None and review.loaded.tamper_warnings
    header = review.header.text()
    assert "godkjent av" not in header and "kan ikke bekreftes" in header
    assert "Advarsel:" in header
    assert review.export_bar.cid is None  # nothing to export from a forged approval


def test_a_real_approval_is_shown_as_approved_without_warnings(
        qtbot: QtBot, practice: Settings,
        make_window: Callable[[Settings], MainWindow]) -> None:
    cid = seed_consultation(practice, PASSPHRASE, KDF_ITER, DOCTOR, PASSWORD, approve=True)
    review = _review(qtbot, make_window(practice), cid, DOCTOR)
    assert "godkjent av" in review.header.text() and "Advarsel" not in review.header.text()


def test_the_on_behalf_box_must_be_ticked_before_a_colleague_can_confirm(qtbot: QtBot) -> None:
    dialog = ApproveDialog(None, 1, on_behalf_of=DOCTOR)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok is not None and not dialog.on_behalf.isHidden()
    dialog.password.setText(PASSWORD)
    assert not ok.isEnabled()
    dialog.on_behalf.setChecked(True)
    assert ok.isEnabled() and DOCTOR in dialog.on_behalf.text()
    own = ApproveDialog(None, 1)
    qtbot.addWidget(own)
    own.password.setText(PASSWORD)
    assert own.on_behalf.isHidden()
    own_ok = own.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert own_ok is not None and own_ok.isEnabled()


def test_a_colleague_approves_on_behalf_of_the_consultations_doctor(
        qtbot: QtBot, practice: Settings, recovery_key: str,
        make_window: Callable[[Settings], MainWindow], monkeypatch: pytest.MonkeyPatch) -> None:
    app = ScribeApp(practice)
    store = app.unlock(PASSPHRASE, kdf_iter=KDF_ITER)
    store.create_user(COLLEAGUE, "lege", PASSWORD, session=store.authenticate(ADMIN, PASSWORD),
                      recovery_key=recovery_key)
    app.close()
    cid = seed_consultation(practice, PASSPHRASE, KDF_ITER, DOCTOR, PASSWORD)
    window = make_window(practice)
    review = _review(qtbot, window, cid, COLLEAGUE)
    review.editor.acknowledge_all()
    asked: list[dict[str, Any]] = []
    monkeypatch.setattr(review_page, "ask_password",
                        lambda _parent, _n, **kw: asked.append(kw) or PASSWORD)
    review.approve_button.click()
    qtbot.waitUntil(lambda: review.loaded is not None and review.loaded.version is not None
                    and review.loaded.version.approved, timeout=20_000)
    assert asked == [{"on_behalf_of": DOCTOR}]
    approval = review.loaded.version.approval if review.loaded and review.loaded.version else None
    assert approval is not None and approval.on_behalf_of == DOCTOR and approval.user == COLLEAGUE
    assert review.loaded is not None and review.loaded.version is not None
    assert review.loaded.version.approval_intact
