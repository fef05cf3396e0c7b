"""Failed logins per user name, kept in the database so a restart does not reset them.

The first few wrong passwords cost nothing; after that each one makes the next try wait twice
as long (5 s, 10 s, 20 s … at most 15 minutes). A refused try while waiting does not count, and
the password is not even checked then. Unknown names are counted the same way, so the delay
does not tell which names exist. A successful login clears the count.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from scribe.store.db import Connection

FREE_FAILURES = 3
FIRST_DELAY_S = 5
MAX_DELAY_S = 15 * 60
NAME_LIMIT = 80


def delay_after(failures: int) -> timedelta:
    """How long the next try must wait after ``failures`` wrong passwords in a row."""
    if failures < FREE_FAILURES:
        return timedelta(0)
    seconds = FIRST_DELAY_S * 2 ** min(failures - FREE_FAILURES, 16)
    return timedelta(seconds=min(seconds, MAX_DELAY_S))


def _key(name: str) -> str:
    return name.strip().casefold()[:NAME_LIMIT]


def wait_left(conn: Connection, name: str, now: datetime) -> timedelta:
    """Time left before ``name`` may try again (zero when it may try now)."""
    row = conn.execute("SELECT failures, last_failed_at FROM login_failures WHERE name = ?",
                       (_key(name),)).fetchone()
    if row is None:
        return timedelta(0)
    until = datetime.fromisoformat(str(row[1])) + delay_after(int(row[0]))
    return max(until - now, timedelta(0))


def record_failure(conn: Connection, name: str, now: datetime) -> int:
    """Counts one more wrong password for ``name``; returns the count."""
    conn.execute(
        "INSERT INTO login_failures (name, failures, last_failed_at) VALUES (?, 1, ?) "
        "ON CONFLICT(name) DO UPDATE SET failures = failures + 1, "
        "last_failed_at = excluded.last_failed_at", (_key(name), now.isoformat()))
    row = conn.execute("SELECT failures FROM login_failures WHERE name = ?",
                       (_key(name),)).fetchone()
    return int(row[0])


def clear(conn: Connection, name: str) -> None:
    conn.execute("DELETE FROM login_failures WHERE name = ?", (_key(name),))


def describe_wait(left: timedelta) -> str:
    """«12 sekunder», «3 minutter»: rounded up, so waiting that long is always enough."""
    seconds = max(1, math.ceil(left.total_seconds()))
    if seconds < 120:
        return f"{seconds} sekund" + ("" if seconds == 1 else "er")
    return f"{math.ceil(seconds / 60)} minutter"
