"""Logging set-up for the CLI and the app. Library modules only call ``getLogger(__name__)``.

Patient text must never reach a log. Code logs sizes, ids and timings, not content; as a
second line of defence a filter replaces any string argument longer than a short label with
its length, so an accidental ``log.info("%s", segment.text)`` leaks nothing.
"""

from __future__ import annotations

import logging
from pathlib import Path

MAX_ARG_CHARS = 40


class RedactLongText(logging.Filter):
    """Replaces long string arguments of a log record by ``<tekst: N tegn>``."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(_redact(a) for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {k: _redact(v) for k, v in record.args.items()}
        if isinstance(record.msg, str) and len(record.msg) > 200 and not record.args:
            record.msg = f"<tekst: {len(record.msg)} tegn>"
        return True


def _redact(value: object) -> object:
    if isinstance(value, str) and len(value) > MAX_ARG_CHARS:
        return f"<tekst: {len(value)} tegn>"
    return value


def configure(level: int = logging.WARNING, log_dir: Path | None = None) -> None:
    """Route the ``scribe`` logger to stderr (and a file in ``log_dir``), redacted."""
    root = logging.getLogger("scribe")
    root.setLevel(level)
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    if log_dir is not None:
        log_dir.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.FileHandler(log_dir / "scribe.log", encoding="utf-8"))
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    for handler in handlers:
        handler.setFormatter(fmt)
        handler.addFilter(RedactLongText())
        root.addHandler(handler)
