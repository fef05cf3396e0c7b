"""Progress values, the callback type and the cancel token that long jobs take."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from scribe.errors import Cancelled


@dataclass(frozen=True)
class Progress:
    """How far a job is: ``fraction`` in 0..1 (None when unknown) and a short Norwegian label."""

    fraction: float | None
    label: str = ""

    def __post_init__(self) -> None:
        if self.fraction is not None and not 0.0 <= self.fraction <= 1.0:
            raise ValueError("fraction must be within 0..1")


ProgressCallback = Callable[[Progress], None]


def no_progress(_: Progress) -> None:
    """A progress callback that ignores everything."""


class CancelToken:
    """A flag the core polls; ``check()`` raises :class:`Cancelled` once it is set."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            raise Cancelled()
