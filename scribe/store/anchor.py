"""The audit chain's anchor: its length and head hash, kept in a small file beside the database.

The hash chain shows an event changed or removed in the middle, but not events cut off the end
(or a chain rewritten and re-hashed from some point on): what is left is still a valid chain.
So after every commit that added events, the store writes ``scribe.db.anker`` (atomically:
temporary file, fsync, rename) with the id and hash of the last event and an HMAC under a key
kept inside the encrypted database (so someone with the file system but not the passphrase
cannot forge it). ``audit verify`` compares: fewer events than the anchor, or another hash at
the anchored id, is reported.

The anchor only moves forward along the same chain: if the database no longer holds the
anchored event as it was, the file is left as it is (the evidence stays) and the report keeps
saying so. The anchor may lag behind the database (a crash between commit and write); that is
not reported. Someone with the passphrase can read the HMAC key and rewrite both; the signed
checkpoints in the chain itself (see :mod:`scribe.store.audit`) are what holds against that.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from scribe.store.audit import GENESIS
from scribe.store.db import Connection, transaction

log = logging.getLogger(__name__)
SUFFIX = ".anker"
_STARTED = "anchor_started"


@dataclass(frozen=True)
class Head:
    last_id: int
    hash: str


def sidecar(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + SUFFIX)


def db_head(conn: Connection) -> Head:
    row = conn.execute("SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1").fetchone()
    return Head(int(row[0]), str(row[1])) if row else Head(0, GENESIS)


def _hash_at(conn: Connection, event_id: int) -> str | None:
    if event_id == 0:
        return GENESIS
    row = conn.execute("SELECT hash FROM audit_events WHERE id = ?", (event_id,)).fetchone()
    return None if row is None else str(row[0])


def _meta(conn: Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM store_meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


class Anchor:
    """Writes and checks the anchor file of one database (on the database thread)."""

    def __init__(self, db_path: Path) -> None:
        self.path = sidecar(db_path)
        self._written: Head | None = None
        self._lock = threading.Lock()

    def _mac(self, conn: Connection, head: Head) -> str:
        key = bytes.fromhex(_meta(conn, "anchor_key") or "")
        return hmac.new(key, f"{head.last_id}:{head.hash}".encode(), hashlib.sha256).hexdigest()

    def _read(self, conn: Connection) -> Head | str | None:
        """The anchored head; None if the file is missing, "bad" if it is not ours."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            head = Head(int(data["last_id"]), str(data["hash"]))
            mac = str(data["mac"])
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            return "bad"
        return head if hmac.compare_digest(mac, self._mac(conn, head)) else "bad"

    def _write(self, conn: Connection, head: Head) -> None:
        text = json.dumps({"last_id": head.last_id, "hash": head.hash,
                           "mac": self._mac(conn, head)})
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        with tmp.open("w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        tmp.replace(self.path)
        self._written = head

    def start(self, conn: Connection) -> None:
        """At open: the first anchor of a database that has none yet (new or upgraded)."""
        if _meta(conn, _STARTED) is not None:
            return
        try:
            self._write(conn, db_head(conn))
        except OSError as exc:
            log.warning("ankerfilen kunne ikke skrives: %s", type(exc).__name__)
            return
        with transaction(conn):
            conn.execute("INSERT OR IGNORE INTO store_meta (key, value) VALUES (?, '1')",
                         (_STARTED,))

    def sync(self, conn: Connection) -> None:
        """After a commit: moves the anchor to the new head if it still extends the old one."""
        head = db_head(conn)
        with self._lock:
            if head == self._written or _meta(conn, _STARTED) is None:
                return
            current = self._read(conn)
            if not isinstance(current, Head) or current.last_id > head.last_id \
                    or _hash_at(conn, current.last_id) != current.hash:
                return  # missing, forged, ahead or rewritten: keep the evidence
            try:
                self._write(conn, head)
            except OSError as exc:
                log.warning("ankerfilen kunne ikke skrives: %s", type(exc).__name__)

    def problems(self, conn: Connection) -> list[str]:
        """What the anchor says about the chain in the database, in Norwegian."""
        if _meta(conn, _STARTED) is None:
            return []
        current = self._read(conn)
        if current is None:
            return [f"Ankerfilen {self.path.name} mangler, så slettede hendelser på slutten av "
                    "revisjonsloggen kan ikke utelukkes."]
        if not isinstance(current, Head):
            return [f"Ankerfilen {self.path.name} er endret eller hører ikke til denne "
                    "databasen."]
        head = db_head(conn)
        if head.last_id < current.last_id:
            return [f"{current.last_id - head.last_id} hendelser mangler på slutten av "
                    f"revisjonsloggen (ankeret viser {current.last_id}, loggen har "
                    f"{head.last_id})."]
        if _hash_at(conn, current.last_id) != current.hash:
            return [f"Revisjonsloggen er skrevet om: hendelse {current.last_id} stemmer ikke "
                    "med ankeret."]
        return []
