"""UI fixtures: a real practice database in tmp_path, a window that logs in, screenshots.

The database is made through the core (``ScribeApp.create_practice``) with a cheap key
derivation and password hash; the window then unlocks it the way a user does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from scribe.app import ScribeApp
from scribe.config import Settings, load_settings, with_section
from scribe.store import users
from ui.main_window import MainWindow
from ui.review.review_page import ReviewPage
from ui.work_page import WorkPage

REPO = Path(__file__).resolve().parents[2]
SHOTS = REPO / "docs" / "screenshots"
SAMPLE = REPO / "tests" / "data" / "sample_consultation.flac"
PASSPHRASE = "riktig hest batteri stift"
PASSWORD = "fjord-hest-42"
KDF_ITER = 1000  # SQLCipher's default (256 000) is far too slow for a test suite
DOCTOR, LEDER, ADMIN = "Kari Lege", "Dagny Leder", "admin"


@pytest.fixture(autouse=True)
def cheap_password_hash(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(users, "SCRYPT_N", 2**8)


@pytest.fixture
def settings() -> Settings:
    s = with_section(load_settings(), "llm", model="smollm2-135m", threads=1)
    return with_section(s, "asr", threads=1, device="cpu")


@pytest.fixture
def made_practice(settings: Settings) -> tuple[Settings, str]:
    """A practice database with an admin, a doctor and a practice manager, and its recovery
    key (shown once, as the window shows it after the first run)."""
    app = ScribeApp(settings)
    store = app.create_practice(PASSPHRASE, admin=(ADMIN, PASSWORD),
                                doctor=(DOCTOR, PASSWORD, "9144900"), kdf_iter=KDF_ITER)
    admin = store.authenticate(ADMIN, PASSWORD)
    recovery = store.take_recovery_key(admin)
    assert recovery is not None
    store.create_user(LEDER, "daglig_leder", PASSWORD, session=admin)
    store.logout(admin)
    app.close()
    return settings, recovery


@pytest.fixture
def practice(made_practice: tuple[Settings, str]) -> Settings:
    """The practice's settings (its database made by ``made_practice``)."""
    return made_practice[0]


@pytest.fixture
def recovery_key(made_practice: tuple[Settings, str]) -> str:
    """The practice's recovery key: a new doctor in a reopened database needs it."""
    return made_practice[1]


@pytest.fixture
def make_window(qtbot: QtBot) -> Iterator[Callable[[Settings], MainWindow]]:
    windows: list[MainWindow] = []

    def make(settings: Settings) -> MainWindow:
        window = MainWindow(ScribeApp(settings), kdf_iter=KDF_ITER, modal_errors=False)
        qtbot.addWidget(window)
        window.show()
        windows.append(window)
        return window
    yield make
    for window in windows:
        window.shutdown()


def login(qtbot: QtBot, window: MainWindow, name: str, *, passphrase: str = PASSPHRASE,
          password: str = PASSWORD) -> None:
    page = window.login_page
    qtbot.waitUntil(lambda: window.stack.currentWidget() is page)
    if not page.unlocked:
        page.passphrase.setText(passphrase)
    page.name.setText(name)
    page.password.setText(password)
    page.login_button.click()
    qtbot.waitUntil(lambda: window.role_page is not None
                    and window.stack.currentWidget() is window.role_page, timeout=20_000)
    wait_idle(qtbot, window)


def wait_idle(qtbot: QtBot, window: MainWindow, timeout: int = 30_000) -> None:
    qtbot.waitUntil(lambda: not window.ctx.runner.busy, timeout=timeout)


def open_review(qtbot: QtBot, window: MainWindow, cid: int, user: str = DOCTOR) -> ReviewPage:
    """Logs ``user`` in and opens consultation ``cid`` on the review page."""
    login(qtbot, window, user)
    page = window.role_page
    assert isinstance(page, WorkPage)
    qtbot.waitUntil(lambda: cid in page.list.ids())
    page.list.selectRow(page.list.ids().index(cid))
    qtbot.waitUntil(lambda: page.review.loaded is not None
                    and page.review.loaded.info.id == cid)
    wait_idle(qtbot, window)
    assert page.stack.currentWidget() is page.review
    return page.review


def screenshot(widget: object, name: str) -> Path:
    from PySide6.QtWidgets import QApplication

    SHOTS.mkdir(parents=True, exist_ok=True)
    for _ in range(3):  # let pending layout requests run before grabbing
        QApplication.processEvents()
    path = SHOTS / f"{name}.png"
    assert widget.grab().save(str(path))  # type: ignore[attr-defined]
    return path
