"""Named, recorded, transactional migrations; an old database opens and upgrades."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlcipher3
from storekit import KDF_ITER, PASSPHRASE

from scribe.store import Store
from scribe.store.db import open_connection, transaction
from scribe.store.migrations import MIGRATIONS, Migration, applied, migrate


def _first_migration_only(path: Path) -> None:
    """A database as the first released version of Scribe left it, with one user in it."""
    conn = open_connection(path, PASSPHRASE, create=True, kdf_iter=KDF_ITER)
    migrate(conn, MIGRATIONS[:1])
    with transaction(conn):
        conn.execute("INSERT INTO users (name, role, password_hash, created_at) "
                     "VALUES ('gammel', 'lege', 'x', '2025-01-01T00:00:00+00:00')")
    conn.close()


def test_a_database_made_by_the_first_migration_opens_and_upgrades(db_path: Path) -> None:
    _first_migration_only(db_path)
    with Store.open(db_path, PASSPHRASE, kdf_iter=KDF_ITER) as s:
        names = s.db.call(applied)
        version = s.db.call(lambda c: c.execute("PRAGMA user_version").fetchone()[0])
        columns = s.db.call(lambda c: [r[1] for r in c.execute(
            "PRAGMA table_info(consultations)")])
        kept = s.db.call(lambda c: c.execute("SELECT name FROM users").fetchall())
    assert names == [m.name for m in MIGRATIONS]
    assert version == len(MIGRATIONS)
    assert "recorder_pid" in columns
    assert kept == [("gammel",)]


def test_each_migration_is_recorded_once_with_its_time(db_path: Path) -> None:
    with Store.open(db_path, PASSPHRASE, create=True, kdf_iter=KDF_ITER):
        pass
    with Store.open(db_path, PASSPHRASE, kdf_iter=KDF_ITER) as s:
        rows = s.db.call(lambda c: c.execute(
            "SELECT name, applied_at FROM schema_migrations ORDER BY name").fetchall())
    assert [r[0] for r in rows] == [m.name for m in MIGRATIONS]
    assert all(r[1].startswith("20") for r in rows)


def test_a_failing_migration_rolls_back_completely(db_path: Path) -> None:
    conn = open_connection(db_path, PASSPHRASE, create=True, kdf_iter=KDF_ITER)
    broken = (*MIGRATIONS, Migration("0099_broken", "CREATE TABLE ny (x); SELECT * FROM nope;"))
    with pytest.raises(sqlcipher3.OperationalError):
        migrate(conn, broken)
    assert "0099_broken" not in applied(conn)
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'ny'").fetchone()[0] == 0
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    conn.close()
