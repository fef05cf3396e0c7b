"""The one error presenter: a dialog with the Norwegian message and hint; silent on cancel."""

from __future__ import annotations

import logging
import traceback

from PySide6.QtWidgets import QMessageBox, QWidget

from scribe.errors import Cancelled, ScribeError

log = logging.getLogger(__name__)

TITLE = "Scribe"


def describe(exc: BaseException) -> tuple[str, str] | None:
    """(message, hint) to show, or None for the user's own cancel."""
    if isinstance(exc, Cancelled):
        return None
    if isinstance(exc, ScribeError):
        return exc.message, exc.hint
    return ("Det oppstod en uventet feil.",
            "Arbeidet som er lagret er ikke tapt. Prøv igjen, og meld fra hvis feilen kommer "
            "tilbake (se loggfilen).")


class ErrorPresenter:
    """Shows errors over ``parent``. Tests can read ``last`` instead of clicking a dialog."""

    def __init__(self, parent: QWidget | None = None, *, modal: bool = True) -> None:
        self.parent = parent
        self.modal = modal  # tests set False: the dialog is shown without blocking
        self.last: tuple[str, str] | None = None
        self.dialog: QMessageBox | None = None

    def __call__(self, exc: BaseException) -> None:
        shown = describe(exc)
        if shown is None:
            return
        if not isinstance(exc, ScribeError):
            # Only the type: an exception's text may quote patient data.
            log.error("uventet feil: %s\n%s", type(exc).__name__,
                      "".join(traceback.format_tb(exc.__traceback__)))
        self.last = shown
        message, hint = shown
        box = QMessageBox(QMessageBox.Icon.Warning, TITLE, message,
                          QMessageBox.StandardButton.Ok, self.parent)
        if hint:
            box.setInformativeText(hint)
        self.dialog = box
        if self.modal:
            box.exec()
        else:
            box.show()
