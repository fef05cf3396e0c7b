"""Small operations, one call into a core service each, run on the task runner (as Anki's
``aqt/operations`` do). A screen builds one, says what to do with the result, and runs it::

    consultation.approve(ctx, cid, password, edits).success(self._approved).run()

The job runs off the GUI thread and never touches a widget; ``success``, ``failure`` and
``progress`` run on the GUI thread. A failure without a handler goes to the one error
presenter, which stays silent for the user's own cancel.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from ui.context import Context
from ui.tasks import Job, ProgressFn, Task

T = TypeVar("T")


class Op(Generic[T]):
    def __init__(self, ctx: Context, label: str, job: Job[T]) -> None:
        self._ctx = ctx
        self.label = label
        self._job = job
        self._on_done: Callable[[T], None] | None = None
        self._on_failed: Callable[[BaseException], None] | None = None
        self._on_progress: ProgressFn | None = None

    def success(self, fn: Callable[[T], None]) -> Op[T]:
        self._on_done = fn
        return self

    def failure(self, fn: Callable[[BaseException], None]) -> Op[T]:
        self._on_failed = fn
        return self

    def progress(self, fn: ProgressFn) -> Op[T]:
        self._on_progress = fn
        return self

    def run(self) -> Task:
        """Starts the job; the returned task's ``cancel`` stops it."""
        return self._ctx.runner.run(self._job, label=self.label, on_done=self._on_done,
                                    on_failed=self._on_failed, on_progress=self._on_progress)
