"""What every screen needs: the core app, the task runner, the presenter, the session."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from scribe.config import Settings
from scribe.errors import AccessDenied
from scribe.store import Session, Store
from ui.errors import ErrorPresenter
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from scribe.app import ScribeApp


@dataclass
class Context:
    app: ScribeApp
    runner: TaskRunner
    present: ErrorPresenter
    settings: Settings
    session: Session | None = None

    @property
    def store(self) -> Store:
        return self.app.store

    def require_session(self) -> Session:
        if self.session is None:
            raise AccessDenied("Du er ikke logget inn.", "Logg inn på nytt.")
        return self.session
