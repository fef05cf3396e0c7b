"""The task runner: jobs run off the GUI thread; results, progress and errors come back on it."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from scribe.errors import AccessDenied
from scribe.progress import CancelToken, Progress
from ui.errors import ErrorPresenter
from ui.tasks import TaskRunner


def test_results_and_progress_arrive_on_the_gui_thread(qtbot: QtBot) -> None:
    presenter = ErrorPresenter(None, modal=False)
    runner = TaskRunner(presenter)
    seen: dict[str, bool] = {}

    def job(progress: object, cancel: CancelToken) -> str:
        seen["job_off_gui"] = threading.current_thread() is not threading.main_thread()
        progress(Progress(0.5, "halvveis"))  # type: ignore[operator]
        return "ferdig"

    def done(result: str) -> None:
        seen["done_on_gui"] = threading.current_thread() is threading.main_thread()
        seen["result"] = result == "ferdig"

    def progressed(p: Progress) -> None:
        seen["progress_on_gui"] = threading.current_thread() is threading.main_thread()

    runner.run(job, label="test", on_done=done, on_progress=progressed)
    assert runner.busy
    qtbot.waitUntil(lambda: not runner.busy)
    assert seen == {"job_off_gui": True, "progress_on_gui": True, "done_on_gui": True,
                    "result": True}


def test_errors_go_to_the_presenter_and_a_cancel_is_silent(qtbot: QtBot) -> None:
    presenter = ErrorPresenter(None, modal=False)
    runner = TaskRunner(presenter)

    def refused(_p: object, _c: CancelToken) -> None:
        raise AccessDenied("Ingen tilgang.", "Logg inn som lege.")

    def cancelled(_p: object, cancel: CancelToken) -> None:
        cancel.check()

    task = runner.run(cancelled, label="avbrytes")
    task.cancel.cancel()
    qtbot.waitUntil(lambda: not runner.busy)
    assert presenter.last is None
    runner.run(refused, label="nektes")
    qtbot.waitUntil(lambda: not runner.busy)
    assert presenter.last == ("Ingen tilgang.", "Logg inn som lege.")
    assert presenter.dialog is not None and presenter.dialog.informativeText() == \
        "Logg inn som lege."
    presenter.dialog.close()
