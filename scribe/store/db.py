"""The SQLCipher connection: opening and keying it, mapping its errors, and its owner thread.

SQLite connections are not meant to be shared between threads, and the UI and the live
transcriber write at the same time, so one :class:`DbWorker` thread owns the connection and
every piece of SQL runs there. Callers on any thread ``submit`` a function of the connection
and get a :class:`~concurrent.futures.Future` back (or ``call`` and block).
"""

from __future__ import annotations

import logging
import os
import queue
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import sqlcipher3

from scribe.errors import (
    DiskFull,
    StorageCorrupt,
    StorageError,
    StorageLocked,
    StorageReadOnly,
    StorageUnwritable,
    WeakSecret,
)

log = logging.getLogger(__name__)

T = TypeVar("T")
Connection = Any  # sqlcipher3.Connection; the adapter's types stay inside scribe.store

SQLITE_HEADER = b"SQLite format 3\x00"
PAGE_SIZE = 4096  # SQLCipher 4's page size; Scribe never changes it, so a whole file is N pages
MIN_PASSPHRASE = 12


def open_connection(path: Path, passphrase: str, *, create: bool,
                    kdf_iter: int | None) -> Connection:
    """A keyed, verified connection in WAL mode with foreign keys on.

    Nothing is written before the key is verified, so a wrong passphrase or a foreign file
    leaves the file exactly as it was.
    """
    _check_file(path, create=create)
    if create:
        _make_folder(path.parent)
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=True)
    try:
        _key(conn, passphrase, kdf_iter)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        # FULL: a commit survives a power cut, so at most the chunk being written is lost.
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA busy_timeout = 5000")
        # Deleted audio (retention) is overwritten, not left in free pages.
        conn.execute("PRAGMA secure_delete = ON")
    except BaseException:
        conn.close()
        raise
    return conn


def check_new_passphrase(passphrase: str) -> None:
    """The rule for a new practice passphrase (a database keeps the one it was made with)."""
    if len(passphrase.strip()) < MIN_PASSPHRASE:
        raise WeakSecret(f"Passordfrasen må ha minst {MIN_PASSPHRASE} tegn.",
                         "Bruk gjerne flere ord, for eksempel fire ord som ikke hører sammen.")


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        raise StorageUnwritable(f"Mappen {folder} kan ikke opprettes, så databasen kan ikke "
                                "lages der.") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StorageUnwritable(f"Mappen {folder} kan ikke skrives, så databasen kan ikke "
                                "lages der.")


def _check_file(path: Path, *, create: bool) -> None:
    if not path.exists():
        if create:
            return
        raise StorageError(f"Databasen {path} finnes ikke.",
                           "Kjør «scribe init» for å opprette den, eller sjekk SCRIBE_DATA_DIR.")
    if path.is_dir():
        raise StorageError(f"{path} er en mappe, ikke en databasefil.")
    _check_access(path)
    size = path.stat().st_size
    if size == 0 and create:
        return
    with path.open("rb") as fh:
        head = fh.read(len(SQLITE_HEADER))
    if head == SQLITE_HEADER:
        raise StorageError(
            f"{path} er en ukryptert SQLite-fil, ikke en Scribe-database.",
            "Filen er ikke endret. Pek SCRIBE_DATA_DIR til mappen med scribe.db.")
    if size < PAGE_SIZE or size % PAGE_SIZE:
        # Not whole pages: cut off (a copy or a disk that gave up), not a wrong passphrase.
        raise StorageCorrupt(f"Databasefilen {path} er skadet (avkortet eller ufullstendig).")


def _check_access(path: Path) -> None:
    """A file Scribe may not write (or whose folder it may not write: WAL needs two files
    beside it) is said so, not left to SQLite's "readonly" or "unable to open"."""
    if not os.access(path, os.R_OK):
        raise StorageReadOnly(f"Databasefilen {path} kan ikke leses av denne brukeren.",
                              "Gi brukeren lese- og skrivetilgang til databasefilen.")
    if not os.access(path, os.W_OK):
        raise StorageReadOnly(f"Databasefilen {path} er skrivebeskyttet.")
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise StorageUnwritable(f"Mappen {path.parent} kan ikke skrives; databasen trenger å "
                                "lage loggfiler (-wal, -shm) ved siden av seg.")


def _key(conn: Connection, passphrase: str, kdf_iter: int | None) -> None:
    if not passphrase:
        raise StorageLocked("Passordfrasen kan ikke være tom.")
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = {quote(passphrase)}")
    if kdf_iter is not None:
        conn.execute(f"PRAGMA kdf_iter = {int(kdf_iter)}")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError as exc:
        if "not a database" not in str(exc).lower():
            raise  # not a key problem: translate() names it
        raise StorageLocked(
            "Databasen kunne ikke låses opp: feil passordfrase, eller filen er ikke en "
            "Scribe-database.") from None


def rekey(conn: Connection, new_passphrase: str) -> None:
    if not new_passphrase:
        raise StorageLocked("Den nye passordfrasen kan ikke være tom.")
    check_new_passphrase(new_passphrase)
    conn.execute(f"PRAGMA rekey = {quote(new_passphrase)}")


def split_script(sql: str) -> list[str]:
    """Splits a script into statements; triggers keep their inner semicolons."""
    out: list[str] = []
    buf = ""
    for piece in sql.split(";"):
        buf += piece + ";"
        if sqlcipher3.complete_statement(buf):
            if buf.strip(" \n;"):
                out.append(buf.strip())
            buf = ""
    return out


def quote(text: str) -> str:
    """An SQL string literal (PRAGMA key takes no parameters)."""
    return "'" + text.replace("'", "''") + "'"


@contextmanager
def transaction(conn: Connection) -> Iterator[Connection]:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any error (nested use joins the outer one)."""
    if conn.in_transaction:
        yield conn
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def translate(exc: BaseException) -> BaseException:
    """Maps SQLite's own errors to the Norwegian error tree; others pass unchanged."""
    original: BaseException = exc
    if not isinstance(exc, sqlcipher3.Error):
        return original
    text = str(exc).lower()
    if "disk is full" in text:
        return DiskFull("Disken er full; databasen kan ikke skrive mer.")
    if "disk i/o error" in text:
        return StorageError("Databasen kunne ikke lese eller skrive disken.",
                            "Sjekk disken og at det er plass, og start Scribe på nytt.")
    if "malformed" in text or "not a database" in text:
        return StorageCorrupt("Databasen er skadet.",
                              "Gjenopprett scribe.db fra sikkerhetskopien og kontakt support.")
    if "readonly" in text or "read-only" in text:
        return StorageReadOnly("Databasen er skrivebeskyttet; ingenting ble lagret.")
    if "unable to open" in text:
        return StorageUnwritable("Databasefilen kunne ikke åpnes: mappen finnes ikke eller "
                                 "kan ikke skrives.")
    if "locked" in text or "busy" in text:
        return StorageError("Databasen er opptatt av et annet program.",
                            "Lukk andre Scribe-vinduer og prøv igjen.")
    return original


_STOP = object()


class DbWorker:
    """One thread that owns the connection; all SQL runs here, in submission order."""

    def __init__(self, connect: Callable[[], Connection], *, name: str = "scribe-db") -> None:
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._closed = False
        self._lock = threading.Lock()
        ready: Future[None] = Future()
        self._thread = threading.Thread(target=self._run, args=(connect, ready),
                                        name=name, daemon=True)
        self._thread.start()
        ready.result()  # re-raises StorageLocked etc. from the worker

    def _run(self, connect: Callable[[], Connection], ready: Future[None]) -> None:
        try:
            conn = connect()
        except BaseException as exc:
            ready.set_exception(translate(exc))
            return
        ready.set_result(None)
        try:
            while (item := self._queue.get()) is not _STOP:
                fn, future = item
                if future.set_running_or_notify_cancel():
                    self._execute(conn, fn, future)
        finally:
            conn.close()

    @staticmethod
    def _execute(conn: Connection, fn: Callable[[Connection], Any], future: Future[Any]) -> None:
        try:
            future.set_result(fn(conn))
        except BaseException as exc:
            mapped = translate(exc)
            if mapped is not exc:
                log.warning("databasefeil: %s", type(exc).__name__)
            future.set_exception(mapped)

    def submit(self, fn: Callable[[Connection], T]) -> Future[T]:
        future: Future[T] = Future()
        with self._lock:
            if self._closed:
                raise StorageError("Databasen er lukket.")
            self._queue.put((fn, future))
        return future

    def call(self, fn: Callable[[Connection], T]) -> T:
        """Runs ``fn`` on the owner thread and blocks for its result (not from ``fn`` itself)."""
        if threading.current_thread() is self._thread:
            raise RuntimeError("DbWorker.call from the worker thread would deadlock")
        return self.submit(fn).result()

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._queue.put(_STOP)
        self._thread.join()
