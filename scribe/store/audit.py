"""The tamper-evident audit trail: an append-only hash chain of events.

Each event stores the hash of the event before it, and its own hash is
``sha256(prev_hash + canonical JSON of the event)``. Changing, deleting or reordering an event
breaks the link at that event (or the one after it); :func:`verify` names the first broken one.
Events hold ids, counts and statuses only, never patient text.

A chain re-hashed from some event on is still a valid chain, so two things anchor it: a
*checkpoint* event, signed with the key of a user who just gave their password (at login and
at approval), covers the hash of the event before it, so rewriting anything before a checkpoint
needs that user's key; and the anchor file (:mod:`scribe.store.anchor`) keeps the length and
head outside the database, so events cut off the end show.
"""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from scribe.store import signing
from scribe.store.db import Connection

GENESIS = "0" * 64
SYSTEM = "system"
CHECKPOINT, KEY_MISMATCH = "checkpoint", "key_mismatch"
RESET_PASSWORD = "reset_password"
LEGACY_APPROVALS = "legacy_approvals"
_COLUMNS = ("id", "at", "user_id", "user_name", "action", "object_type", "object_id", "detail")


@dataclass(frozen=True)
class AuditReport:
    """``last_hash`` is the head of the chain: noted outside the PC (or in a later export) it
    also reveals events cut off the end. ``problems`` says, in Norwegian, everything found
    wrong: a broken link, a bad checkpoint signature, the anchor, forged approvals."""

    ok: bool
    first_broken_id: int | None
    count: int
    last_hash: str = GENESIS
    problems: tuple[str, ...] = ()


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


def checkpoint_payload(upto: int, head: str, user_id: int | None) -> bytes:
    return signing.canonical({"kind": CHECKPOINT, "upto": upto, "head": head, "user": user_id})


def checkpoint(conn: Connection, actor: Actor, signer: signing.Signer) -> int:
    """A checkpoint event signed by ``signer``: it vouches for the chain up to the event
    before it (its id and hash), which the signer's password alone could unlock."""
    row = conn.execute("SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1").fetchone()
    upto, head = (int(row[0]), str(row[1])) if row else (0, GENESIS)
    signature = signer.sign(checkpoint_payload(upto, head, actor.user_id))
    return append(conn, actor, CHECKPOINT, "audit", upto, signature=signature)


def keys_at(conn: Connection, user_id: int, current: str | None,
            at: str) -> list[str | None]:
    """The public keys that may have signed for ``user_id`` at time ``at``: the current one,
    and keys retired after ``at`` by a password reset that this chain records."""
    keys: list[str | None] = [current]
    if not _has_retired_keys(conn):
        return keys
    for public, retired_at in conn.execute(
            "SELECT public_key, retired_at FROM retired_keys WHERE user_id = ?", (user_id,)):
        if str(retired_at) > at and conn.execute(
                "SELECT 1 FROM audit_events WHERE action = ? AND object_id = ? AND detail LIKE ?",
                (RESET_PASSWORD, str(user_id), f"%{signing.fingerprint(str(public))}%")
                ).fetchone():
            keys.append(str(public))
    return keys


def _has_retired_keys(conn: Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                        "AND name = 'retired_keys'").fetchone() is not None


def _event_problem(event: dict[str, Any], prev_hash: str,
                   keys: dict[int, str | None], conn: Connection | None = None) -> str | None:
    """What is wrong with a checkpoint or a key-mismatch event, if anything."""
    if event["action"] == KEY_MISMATCH:
        return (f"Hendelse {event['id']}: signeringsnøkkelen til {event['user_name']} stemte "
                "ikke ved innlogging (nøkkelen kan være byttet ut i databasen).")
    if event["action"] != CHECKPOINT:
        return None
    user_id = event["user_id"]
    payload = checkpoint_payload(int(event["id"]) - 1, prev_hash, user_id)
    try:
        signature = json.loads(event["detail"]).get("signature")
    except (ValueError, AttributeError):
        signature = None
    if signing.verify(keys.get(user_id) if user_id is not None else None, payload, signature):
        return None
    if user_id is not None and conn is not None and any(
            signing.verify(key, payload, signature)
            for key in keys_at(conn, int(user_id), None, str(event["at"]))[1:]):
        return None
    return (f"Kontrollpunkt {event['id']} i revisjonsloggen har ikke en gyldig signatur: "
            "loggen fram til dit er skrevet om, eller en nøkkel er byttet ut.")


def verify(conn: Connection, *, every_checkpoint: bool = True) -> AuditReport:
    """Walks the whole chain in id order: the first event that does not fit, and every
    checkpoint whose signature does not hold. With ``every_checkpoint`` False only each user's
    latest checkpoint is checked (it alone vouches for everything before it; the older ones
    add that a swapped key shows at once): the quick check for commands that read data."""
    keys = {int(r[0]): r[1] for r in conn.execute("SELECT id, public_key FROM users")}
    prev_hash, expected_id, count = GENESIS, 1, 0
    problems: list[str] = []
    latest: dict[object, tuple[dict[str, Any], str]] = {}
    cursor = conn.execute(
        f"SELECT {', '.join(_COLUMNS)}, prev_hash, hash FROM audit_events ORDER BY id")
    for row in cursor:
        count += 1
        event = dict(zip(_COLUMNS, row[:len(_COLUMNS)], strict=True))
        stored_prev, stored_hash = row[-2], row[-1]
        if (event["id"] != expected_id or stored_prev != prev_hash
                or event_hash(stored_prev, event) != stored_hash):
            problems.insert(0, f"Revisjonsloggen er endret: kjeden brytes ved hendelse "
                               f"{event['id']}.")
            return AuditReport(ok=False, first_broken_id=int(event["id"]), count=count,
                               last_hash=prev_hash, problems=tuple(problems))
        if not every_checkpoint and event["action"] == CHECKPOINT:
            latest[event["user_id"]] = (event, prev_hash)
        elif (problem := _event_problem(event, prev_hash, keys, conn)) is not None:
            problems.append(problem)
        prev_hash, expected_id = stored_hash, expected_id + 1
    problems += [p for e, h in latest.values()
                 if (p := _event_problem(e, h, keys, conn)) is not None]
    return AuditReport(ok=not problems, first_broken_id=None, count=count, last_hash=prev_hash,
                       problems=tuple(problems))


def _first_valid_checkpoint_after(conn: Connection, event_id: int) -> bool:
    rows = conn.execute(
        "SELECT e.id, e.user_id, e.prev_hash, e.detail, u.public_key FROM audit_events e "
        "JOIN users u ON u.id = e.user_id WHERE e.action = ? AND e.id > ? ORDER BY e.id",
        (CHECKPOINT, event_id))
    for event_id_, user_id, prev_hash, detail, public in rows:
        try:
            signature = json.loads(detail).get("signature")
        except (ValueError, AttributeError):
            continue
        if signing.verify(public, checkpoint_payload(int(event_id_) - 1, prev_hash, user_id),
                          signature):
            return True
    return False


def legacy_approvals(conn: Connection) -> frozenset[tuple[int, int, str]]:
    """(consultation, version, sha256) of the approvals made before signing existed.

    Only the system's own list from the upgrade counts: it comes before any checkpoint (the
    same upgrade brought checkpoints), and a signed checkpoint follows it. A list added later
    comes after some checkpoint and vouches for nothing; one put before them all needs the
    chain re-hashed, which breaks the checkpoints' signatures.
    """
    row = conn.execute("SELECT id, detail FROM audit_events WHERE action = ? AND user_id IS "
                       "NULL ORDER BY id LIMIT 1", (LEGACY_APPROVALS,)).fetchone()
    if row is None or conn.execute("SELECT 1 FROM audit_events WHERE action = ? AND id < ?",
                                   (CHECKPOINT, int(row[0]))).fetchone() \
            or not _first_valid_checkpoint_after(conn, int(row[0])):
        return frozenset()
    try:
        listed = json.loads(row[1])["approvals"]
        return frozenset((int(c), int(n), str(h)) for c, n, h in listed)
    except (ValueError, KeyError, TypeError):
        return frozenset()


def with_problems(report: AuditReport, more: list[str]) -> AuditReport:
    """The report with further problems found outside the chain (anchor, approvals)."""
    if not more:
        return report
    return AuditReport(ok=False, first_broken_id=report.first_broken_id, count=report.count,
                       last_hash=report.last_hash, problems=(*report.problems, *more))


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
