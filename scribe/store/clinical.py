"""Which columns are clinical, the wrapped data keys, and turning on encryption (migration).

Functions of a connection, run on the database thread inside the caller's transaction. The
wrapping itself (scrypt) is slow and happens off that thread, in :mod:`scribe.store.envelope`.

Migration of a database made before clinical encryption: the schema migration only adds the
key table; the data cannot be encrypted without a data key, and a data key is only made where a
doctor's password is at hand to wrap it. So the first login of a doctor after the upgrade (or
``scribe store migrate-clinical``) makes the key, wraps it for that doctor and a new recovery
key, and encrypts every clinical value in one transaction (:func:`establish`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from scribe.store import audit
from scribe.store.db import Connection
from scribe.store.envelope import KEY_ID_META, ClinicalKey, key_id


@dataclass(frozen=True)
class Column:
    """A clinical column: its table, name, the key columns its ciphertext is bound to, and
    how a row is found again (the primary key, or rowid where keys may repeat)."""

    table: str
    name: str
    keys: tuple[str, ...]
    locate: tuple[str, ...] = ("rowid",)


COLUMNS: tuple[Column, ...] = (
    Column("consultations", "patient_ref", ("id",), ("id",)),
    Column("consultations", "patient_sex", ("id",), ("id",)),
    Column("audio_chunks", "pcm", ("consultation_id", "seq"), ("consultation_id", "seq")),
    Column("segments", "text", ("consultation_id", "id")),
    Column("segments", "words_json", ("consultation_id", "id")),
    Column("draft_versions", "body_json", ("consultation_id", "n")),
    Column("code_suggestions", "reason", ("consultation_id", "version", "system", "code")),
    Column("code_suggestions", "evidence_json",
           ("consultation_id", "version", "system", "code")),
    Column("takst_lines", "reason", ("consultation_id", "version", "code")),
    Column("takst_lines", "evidence_json", ("consultation_id", "version", "code")),
    # documents' text, bound as scribe.store.documents seals it (envelope.seal_body)
    Column("documents", "body", ("consultation_id", "kind", "n"),
           ("consultation_id", "kind", "n")),
)
# Triggers that freeze approved rows; the one-time encryption lifts them for its transaction.
_FROZEN_TABLES = ("draft_versions", "code_suggestions", "takst_lines", "documents")


@dataclass(frozen=True)
class Slot:
    holder: str
    user_id: int | None
    wrapped: str


def slot(conn: Connection, holder: str) -> Slot | None:
    row = conn.execute("SELECT holder, user_id, wrapped FROM clinical_keys WHERE holder = ?",
                       (holder,)).fetchone()
    return None if row is None else Slot(str(row[0]), row[1], str(row[2]))


def put_slot(conn: Connection, new: Slot) -> None:
    """Adds or replaces one wrapped copy of the data key (a doctor's, or the recovery key's)."""
    conn.execute("INSERT INTO clinical_keys (holder, user_id, wrapped, created_at) "
                 "VALUES (?, ?, ?, ?) ON CONFLICT(holder) DO UPDATE SET "
                 "user_id = excluded.user_id, wrapped = excluded.wrapped, "
                 "created_at = excluded.created_at",
                 (new.holder, new.user_id, new.wrapped, audit.now_iso()))


def holders(conn: Connection) -> list[str]:
    return [str(r[0]) for r in conn.execute("SELECT holder FROM clinical_keys ORDER BY holder")]


def has_clinical_rows(conn: Connection) -> bool:
    return any(conn.execute(f"SELECT 1 FROM {c.table} WHERE {c.name} IS NOT NULL LIMIT 1"
                            ).fetchone() for c in COLUMNS)


def _where(column: Column, row: Sequence[object]) -> tuple[object, ...]:
    return (column.table, column.name, *row[:len(column.keys)])


def _encrypt_column(conn: Connection, key: ClinicalKey, column: Column) -> int:
    locate = " AND ".join(f"{c} = ?" for c in column.locate)
    rows = conn.execute(f"SELECT {', '.join(column.keys)}, {', '.join(column.locate)}, "
                        f"{column.name} FROM {column.table} WHERE {column.name} IS NOT NULL"
                        ).fetchall()
    for row in rows:
        value = row[-1]
        data = value.encode("utf-8") if isinstance(value, str) else bytes(value)
        sealed = key.seal(data, _where(column, row))
        conn.execute(f"UPDATE {column.table} SET {column.name} = ? WHERE {locate}",
                     (sealed, *row[len(column.keys):-1]))
    return len(rows)


def encrypt_existing(conn: Connection, key: ClinicalKey,
                     columns: Sequence[Column] = COLUMNS) -> dict[str, int]:
    """Encrypts every plain clinical value; approved rows too (their triggers are lifted for
    this transaction only and put back as they were). Counts per table."""
    frozen = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN "
        f"({', '.join('?' for _ in _FROZEN_TABLES)}) AND sql LIKE '%immutable%'",
        _FROZEN_TABLES).fetchall()
    for name, _sql in frozen:
        conn.execute(f'DROP TRIGGER "{name}"')
    counts: dict[str, int] = {}
    for column in columns:
        counts[column.table] = counts.get(column.table, 0) + _encrypt_column(conn, key, column)
    for _name, sql in frozen:
        conn.execute(sql)
    return counts


def establish(conn: Connection, key: ClinicalKey, slots: Sequence[Slot],
              actor: audit.Actor) -> dict[str, int]:
    """Turns clinical encryption on: encrypts what is there, records the key id and the
    wrapped copies. Refused (returns None via ValueError) if another process did it first."""
    if key_id(conn) is not None:
        raise ValueError("the database already has a clinical data key")
    counts = encrypt_existing(conn, key)
    conn.execute("INSERT INTO store_meta (key, value) VALUES (?, ?)", (KEY_ID_META, key.id))
    for new in slots:
        put_slot(conn, new)
    audit.append(conn, actor, "clinical_encryption", "database", "", key=key.id,
                 holders=[s.holder for s in slots], **counts)
    return counts
