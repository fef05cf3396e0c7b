"""What every screen needs: the core's composition root, the task runner, the presenter and
the logged-in session. Screens reach the core's services only through ``ui.operations``."""

from __future__ import annotations

from dataclasses import dataclass

from scribe.app import ScribeApp
from scribe.config import Settings
from scribe.errors import AccessDenied
from scribe.store import Session
from ui.errors import ErrorPresenter
from ui.tasks import TaskRunner


@dataclass
class Context:
    app: ScribeApp
    runner: TaskRunner
    present: ErrorPresenter
    session: Session | None = None

    @property
    def settings(self) -> Settings:
        return self.app.settings

    def require_session(self) -> Session:
        if self.session is None:
            raise AccessDenied("Du er ikke logget inn.", "Logg inn på nytt.")
        return self.session
