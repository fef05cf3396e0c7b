"""Export files: written atomically, never over an earlier export.

A file is first written in full to a hidden temporary file in the same folder and flushed to
disk; only then is it given its real name, with a hard link that fails if the name is taken
(so two exports can never overwrite each other, even at the same moment). On file systems
without hard links it falls back to a checked rename. Whatever goes wrong, the temporary file
is removed and :class:`~scribe.errors.ExportRefused` says what to do; no partial file is left.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from scribe.errors import ExportRefused
from scribe.export.model import ApprovedNote, ExportFormat

log = logging.getLogger(__name__)

SUFFIX: dict[ExportFormat, str] = {ExportFormat.TEXT: ".txt", ExportFormat.FHIR: ".fhir.json"}
_NO_LINK = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK}


def export_name(note: ApprovedNote, fmt: ExportFormat, at: datetime) -> str:
    """``konsultasjon-12-v2-20261125T101500Z.txt``: id, version and export time (UTC)."""
    stamp = at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"konsultasjon-{note.consultation_id}-v{note.version}-{stamp}{SUFFIX[fmt]}"


_REASONS = {
    errno.ENOENT: "mappen finnes ikke",
    errno.ENOTDIR: "en del av stien er en fil, ikke en mappe",
    errno.EACCES: "ingen skrivetilgang",
    errno.EPERM: "ingen skrivetilgang",
    errno.EROFS: "filsystemet er skrivebeskyttet",
    errno.ENOSPC: "disken er full",
    errno.EDQUOT: "diskkvoten er brukt opp",
}


def reason(exc: OSError) -> str:
    """A Norwegian reason for a file system error (the OS's own text is often English)."""
    if exc.errno in _REASONS:
        return _REASONS[exc.errno]
    name = errno.errorcode.get(exc.errno or 0, type(exc).__name__)
    return f"systemfeil {name}"


def _refused(path: Path, exc: OSError) -> ExportRefused:
    log.warning("eksport til fil feilet: %s (errno %s)", type(exc).__name__, exc.errno)
    return ExportRefused(f"Kan ikke skrive eksportfilen {path}: {reason(exc)}. "
                         "Ingenting er eksportert.",
                         "Sjekk at eksportmappen finnes og at du har skrivetilgang.")


def write_new(path: Path, data: bytes) -> Path:
    """Writes ``data`` to ``path`` atomically; refuses if ``path`` already exists."""
    if path.exists():
        raise ExportRefused(f"Eksportfilen {path} finnes allerede.",
                            "En tidligere eksport overskrives aldri. Velg et annet filnavn.")
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        _publish(Path(tmp), path)
        _sync_folder(path.parent)
    except FileExistsError:
        raise ExportRefused(f"Eksportfilen {path} finnes allerede.",
                            "En tidligere eksport overskrives aldri.") from None
    except OSError as exc:
        raise _refused(path, exc) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
    return path


def _publish(tmp: Path, path: Path) -> None:
    """Gives the finished temporary file its name, never replacing an existing file."""
    try:
        os.link(tmp, path)
    except OSError as exc:
        if exc.errno not in _NO_LINK or isinstance(exc, FileExistsError):
            raise
        if path.exists():  # no hard links here (FAT, some network shares): checked rename
            raise FileExistsError(errno.EEXIST, "exists", str(path)) from None
        os.replace(tmp, path)


def _sync_folder(folder: Path) -> None:
    """Makes the new name itself durable (POSIX; Windows has no directory handles)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_quietly(paths: list[Path]) -> None:
    """Takes back files of an export that could not be recorded."""
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink()
