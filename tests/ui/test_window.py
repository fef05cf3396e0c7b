"""The window opens, shows the model packs, and the CLI can start it headless."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from scribe.config import load_settings
from ui.main_window import MainWindow

REPO = Path(__file__).resolve().parents[2]


def test_main_window_lists_the_model_packs(qtbot: QtBot) -> None:
    window = MainWindow(load_settings())
    qtbot.addWidget(window)
    window.show()
    ids = {window.models_table.item(r, 0).text() for r in range(window.models_table.rowCount())}
    assert {"whisper-base", "qwen2.5-coder-1.5b"} <= ids
    shots = REPO / "docs" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(shots / "main_window.png"))


def test_scribe_app_opens_and_closes_headless() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-m", "scribe", "app", "--quit-after", "300"],
                            env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
