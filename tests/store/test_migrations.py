"""Named, recorded, transactional migrations; an old database opens and upgrades."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlcipher3
from storekit import (
    DOCTOR_PW,
    DRAFT,
    KDF_ITER,
    PASSPHRASE,
    drafted_consultation,
    forge_approval,
    raw,
)

from scribe.consultation import Status
from scribe.store import Store, audit, consultations, drafts, users
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


def _before_signing(path: Path) -> int:
    """A database as Scribe left it before issue 19: a doctor without a key, and one approval
    made then (unsigned). Returns the consultation id."""
    conn = open_connection(path, PASSPHRASE, create=True, kdf_iter=KDF_ITER)
    migrate(conn, MIGRATIONS[:2])
    with transaction(conn):
        conn.execute("INSERT INTO users (name, role, password_hash, created_at) VALUES "
                     "('dr.gammel', 'lege', ?, ?)", (users.hash_password(DOCTOR_PW),
                                                      audit.now_iso()))
        actor = audit.Actor(1, "dr.gammel")
        cid = consultations.create(conn, actor, "oppmote", None)
        for status in (Status.TRANSCRIBED, Status.DRAFTED, Status.APPROVED):
            consultations.set_status(conn, actor, cid, status)
        n = drafts.insert_version(conn, actor, cid, DRAFT)
        digest = drafts.approval_hash(drafts.DraftVersion(cid, n, DRAFT, datetime.now(UTC), None))
        conn.execute("INSERT INTO approvals (consultation_id, version, user_id, approved_at, "
                     "sha256) VALUES (?, ?, 1, ?, ?)", (cid, n, audit.now_iso(), digest))
        conn.execute("UPDATE draft_versions SET approved = 1")
    conn.close()
    return cid


def test_an_upgrade_gives_old_users_a_key_at_login_and_keeps_old_approvals(
        db_path: Path) -> None:
    cid = _before_signing(db_path)
    with Store.open(db_path, PASSPHRASE, kdf_iter=KDF_ITER) as s:
        assert s.db.call(lambda c: c.execute("SELECT public_key FROM users").fetchone()) \
            == (None,)
        listed = s.db.call(lambda c: c.execute(
            "SELECT detail FROM audit_events WHERE action = 'legacy_approvals'").fetchone())
        assert json.loads(listed[0])["approvals"][0][:2] == [cid, 1]
        doctor = s.authenticate("dr.gammel", DOCTOR_PW)
        assert s.db.call(lambda c: c.execute("SELECT public_key FROM users").fetchone()[0])
        actions = s.db.call(lambda c: [r[0] for r in c.execute("SELECT action FROM audit_events")])
        assert "create_key" in actions
        approval = s.draft(doctor, cid).approval
        assert approval is not None and approval.legacy and approval.verified
        assert s.audit_verify().ok
        later = drafted_consultation(s, doctor)  # a row added now without a signature
        with raw(db_path) as conn:
            forge_approval(conn, later, doctor.user.id)
        assert not s.draft(doctor, later).approval_intact
        assert s.audit_verify().problems == (
            f"Konsultasjon {later}, versjon 1: godkjenningen har ingen gyldig signatur fra "
            "legen.",)


def test_a_legacy_list_appended_later_vouches_for_nothing(db_path: Path) -> None:
    with Store.open(db_path, PASSPHRASE, create=True, kdf_iter=KDF_ITER) as s:
        s.create_user("dr.ny", "lege", DOCTOR_PW)
        doctor = s.authenticate("dr.ny", DOCTOR_PW)
        cid = drafted_consultation(s, doctor)
        with raw(db_path) as conn:
            forge_approval(conn, cid, doctor.user.id)
            digest = conn.execute("SELECT sha256 FROM approvals").fetchone()[0]
            with transaction(conn):
                audit.append(conn, audit.SYSTEM_ACTOR, audit.LEGACY_APPROVALS, "database", "",
                             approvals=[[cid, 1, digest]])
        assert not s.draft(doctor, cid).approval_intact
        again = s.authenticate("dr.ny", DOCTOR_PW)  # a checkpoint now follows the list
        assert not s.draft(again, cid).approval_intact
