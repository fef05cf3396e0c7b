"""The one task runner: every long job runs here, off the GUI thread, with progress and cancel.

Buzz's mechanics (a ``QRunnable`` with a nested ``Signals`` QObject), Anki's shape (the caller
says what to run and what to do with the result; errors go to one presenter). A job is a plain
function ``fn(on_progress, cancel) -> result`` over the ``scribe`` services; it never touches
a widget. Results and errors come back to the GUI thread through queued signals.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from scribe.progress import CancelToken, Progress

log = logging.getLogger(__name__)

T = TypeVar("T")
ProgressFn = Callable[[Progress], None]
Job = Callable[[ProgressFn, CancelToken], T]


class Task(QRunnable):
    """One job on the pool. ``signals`` lives in the GUI thread, so its slots run there."""

    class Signals(QObject):
        progress = Signal(object)  # Progress
        finished = Signal(object)  # the job's result
        failed = Signal(object)  # the exception (Cancelled included)

    def __init__(self, fn: Job[object], label: str) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the runner keeps it until its signals are delivered
        self.fn = fn
        self.label = label
        self.cancel = CancelToken()
        self.signals = Task.Signals()

    def run(self) -> None:
        try:
            result = self.fn(self.signals.progress.emit, self.cancel)
        except BaseException as exc:  # handed to the presenter on the GUI thread
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


class TaskRunner(QObject):
    """Runs jobs on a thread pool and reports what is running (for the progress strip)."""

    changed = Signal()  # a task started or ended
    progress = Signal(object, object)  # Task, Progress

    def __init__(self, present_error: Callable[[BaseException], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(4)
        self.present_error = present_error
        self.active: list[Task] = []

    @property
    def busy(self) -> bool:
        return bool(self.active)

    def run(self, fn: Job[T], *, label: str, on_done: Callable[[T], None] | None = None,
            on_failed: Callable[[BaseException], None] | None = None,
            on_progress: ProgressFn | None = None) -> Task:
        """Starts ``fn``; ``on_done`` gets its result, errors go to ``on_failed`` or the
        presenter (which is silent for Cancelled). Both run on the GUI thread."""
        task = Task(fn, label)
        task.signals.progress.connect(lambda p: self._progress(task, p, on_progress))
        task.signals.finished.connect(lambda r: self._end(task, on_done, r))
        task.signals.failed.connect(lambda e: self._fail(task, on_failed, e))
        self.active.append(task)
        self.changed.emit()
        self.pool.start(task)
        return task

    def cancel_all(self) -> None:
        for task in self.active:
            task.cancel.cancel()

    def _progress(self, task: Task, progress: Progress,
                  on_progress: ProgressFn | None) -> None:
        self.progress.emit(task, progress)
        if on_progress is not None:
            on_progress(progress)

    def _forget(self, task: Task) -> None:
        if task in self.active:
            self.active.remove(task)
        self.changed.emit()

    def _end(self, task: Task, on_done: Callable[[T], None] | None, result: T) -> None:
        self._forget(task)
        if on_done is not None:
            on_done(result)

    def _fail(self, task: Task, on_failed: Callable[[BaseException], None] | None,
              exc: BaseException) -> None:
        self._forget(task)
        log.info("oppgave «%s» endte med %s", task.label, type(exc).__name__)
        if on_failed is not None:
            on_failed(exc)
        else:
            self.present_error(exc)
