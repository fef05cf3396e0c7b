"""Entry point of the desktop app (``scribe app``): the core's root, built once, and the window."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from scribe.app import ScribeApp
from scribe.config import Settings
from ui.main_window import MainWindow


def run(settings: Settings, *, quit_after_ms: int = 0) -> int:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("Scribe")
    app.setApplicationDisplayName("Scribe")
    core = ScribeApp(settings)
    window = MainWindow(core)
    window.show()
    if quit_after_ms > 0:
        QTimer.singleShot(quit_after_ms, window.close)
        QTimer.singleShot(quit_after_ms + 50, app.quit)
    code = int(app.exec())
    window.shutdown()
    core.close()
    return code
