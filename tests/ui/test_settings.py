"""Settings: model packs with install/verify progress, doctor flags, lock time; saved to TOML."""

from __future__ import annotations

import tomllib
from collections.abc import Callable

from conftest import DOCTOR, login, screenshot, wait_idle
from pytestqt.qtbot import QtBot

from scribe.config import Settings
from ui.main_window import MainWindow


def test_settings_list_and_verify_models_and_save_the_doctor_flags(
        qtbot: QtBot, practice: Settings, make_window: Callable[[Settings], MainWindow]) -> None:
    window = make_window(practice)
    login(qtbot, window, DOCTOR)
    dialog = window.open_settings()
    qtbot.addWidget(dialog)
    tab = dialog.models_tab
    assert {"whisper-base", "smollm2-135m"} <= set(tab.pack_ids())
    row = tab.pack_ids().index("smollm2-135m")
    assert tab.table.item(row, 4).text() == "installert"
    seen: list[float | None] = []
    tab.progress.bar.valueChanged.connect(lambda v: seen.append(v))
    tab.table.selectRow(row)
    tab.verify_button.click()
    assert tab.progress.isVisible()
    wait_idle(qtbot, window, timeout=60_000)
    assert "i orden" in tab.message.text()
    assert seen  # progress reached the bar
    screenshot(dialog, "08_settings_models")
    dialog.tabs.setCurrentIndex(3)
    dialog.specialist.setChecked(True)
    dialog.lock_after.setValue(5)
    dialog.tabs.setCurrentIndex(1)
    dialog.server_url.setText("http://192.168.1.20:8080")
    screenshot(dialog, "09_settings_server")
    dialog.save()
    saved = tomllib.loads(practice.config_path.read_text(encoding="utf-8"))
    assert saved["doctor"]["specialist_allmennmedisin"] is True
    assert saved["lock_after_minutes"] == 5
    assert saved["llm"]["server_url"] == "http://192.168.1.20:8080"
    assert window.ctx.settings.doctor.specialist_allmennmedisin
    assert window.idle.timer.interval() == 5 * 60_000
