"""The tamper-evident audit trail: an append-only hash chain of events.

Each event stores the hash of the event before it, and its own hash is
``sha256(prev_hash + canonical JSON of the event)``. Changing, deleting or reordering an event
breaks the link at that event (or the one after it); :func:`verify` names the first broken one.
Events hold ids, counts and statuses only, never patient text.
"""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from scribe.store.db import Connection

GENESIS = "0" * 64
SYSTEM = "system"
_COLUMNS = ("id", "at", "user_id", "user_name", "action", "object_type", "object_id", "detail")


@dataclass(frozen=True)
class AuditReport:
    """``last_hash`` is the head of the chain: noted outside the PC (or in a later export) it
    also reveals events cut off the end, which the chain alone cannot show."""

    ok: bool
    first_broken_id: int | None
    count: int
    last_hash: str = GENESIS


@dataclass(frozen=True)
class Actor:
    """Who did it: a user, or the system itself (recovery sweep, retention, recorder)."""

    user_id: int | None
    name: str


SYSTEM_ACTOR = Actor(None, SYSTEM)


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def event_hash(prev_hash: str, event: dict[str, Any]) -> str:
    canonical = json.dumps(event, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256((prev_hash + canonical).encode("utf-8")).hexdigest()


def append(conn: Connection, actor: Actor, action: str, object_type: str,
           object_id: object = "", **detail: object) -> int:
    """Appends one event; call inside the transaction of the change it records."""
    row = conn.execute("SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1").fetchone()
    prev_id, prev_hash = (row[0], row[1]) if row else (0, GENESIS)
    event = {
        "id": prev_id + 1,
        "at": now_iso(),
        "user_id": actor.user_id,
        "user_name": actor.name,
        "action": action,
        "object_type": object_type,
        "object_id": str(object_id),
        "detail": json.dumps(detail, sort_keys=True, ensure_ascii=False),
    }
    conn.execute(
        f"INSERT INTO audit_events ({', '.join(_COLUMNS)}, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (*[event[c] for c in _COLUMNS], prev_hash, event_hash(prev_hash, event)))
    return int(prev_id) + 1


def verify(conn: Connection) -> AuditReport:
    """Walks the whole chain in id order and reports the first event that does not fit."""
    prev_hash, expected_id, count = GENESIS, 1, 0
    cursor = conn.execute(
        f"SELECT {', '.join(_COLUMNS)}, prev_hash, hash FROM audit_events ORDER BY id")
    for row in cursor:
        count += 1
        event = dict(zip(_COLUMNS, row[:len(_COLUMNS)], strict=True))
        stored_prev, stored_hash = row[-2], row[-1]
        if (event["id"] != expected_id or stored_prev != prev_hash
                or event_hash(stored_prev, event) != stored_hash):
            return AuditReport(ok=False, first_broken_id=int(event["id"]), count=count,
                               last_hash=prev_hash)
        prev_hash, expected_id = stored_hash, expected_id + 1
    return AuditReport(ok=True, first_broken_id=None, count=count, last_hash=prev_hash)


def day_range(date_from: date, date_to: date) -> tuple[str, str]:
    """Stored (UTC) bounds of whole local days, ``date_to`` inclusive: a consultation at
    00:30 in Norway belongs to that day, not to the UTC day before."""
    start = datetime.combine(date_from, time.min).astimezone(UTC)
    end = datetime.combine(date_to + timedelta(days=1), time.min).astimezone(UTC)
    return start.isoformat(timespec="microseconds"), end.isoformat(timespec="microseconds")


def export_csv(conn: Connection, path: Path, date_from: date, date_to: date) -> int:
    """Writes the events of the period as CSV (UTF-8, with hashes); returns the row count."""
    start, end = day_range(date_from, date_to)
    rows = conn.execute(
        f"SELECT {', '.join(_COLUMNS)}, prev_hash, hash FROM audit_events "
        "WHERE at >= ? AND at < ? ORDER BY id", (start, end)).fetchall()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([*_COLUMNS, "prev_hash", "hash"])
        writer.writerows(rows)
    tmp.replace(path)
    return len(rows)
