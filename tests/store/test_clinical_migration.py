"""A database made before clinical encryption: the first doctor's login encrypts it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from storekit import CODES, DRAFT, KDF_ITER, LEADER_PW, PASSPHRASE, SEGMENTS, TAKSTER, raw

from scribe.consultation import Status
from scribe.errors import ClinicalAccessDenied
from scribe.store import Store, audit, consultations, drafts, signing, users
from scribe.store.db import open_connection, transaction
from scribe.store.migrations import MIGRATIONS, migrate

OLD_HEAD = [m.name for m in MIGRATIONS].index("0004_clinical_envelope")  # everything before it
DOCTORS = (("dr.gammel", "gammelt-passord-1"), ("dr.annen", "annet-passord-22"))


def _old_database(path: Path) -> int:
    """Scribe as it was before clinical encryption: two doctors, a manager, and an approved,
    signed consultation, all in plain columns. Returns its id."""
    conn = open_connection(path, PASSPHRASE, create=True, kdf_iter=KDF_ITER)
    migrate(conn, MIGRATIONS[:OLD_HEAD])
    with transaction(conn):
        signers = []
        for name, password in DOCTORS:
            key, signer = users.new_key(password)
            users.insert_user(conn, name, users.Role.LEGE, users.hash_password(password), None,
                              audit.SYSTEM_ACTOR, key)
            signers.append(signer)
        users.insert_user(conn, "leder", users.Role.DAGLIG_LEDER,
                          users.hash_password(LEADER_PW), None, audit.SYSTEM_ACTOR)
        actor = audit.Actor(1, "dr.gammel")
        cid = consultations.create(conn, actor, "oppmote", "EPJ-42")
        consultations.add_chunk(conn, cid, 0, 0.0, b"\x01\x00" * 800, 16000)
        consultations.upsert_segments(conn, cid, SEGMENTS)
        consultations.set_status(conn, actor, cid, Status.TRANSCRIBED)
        n = drafts.save(conn, actor, cid, DRAFT)
        drafts.save_coding(conn, actor, cid, n, CODES, TAKSTER)
        _approve_as_before(conn, cid, n, signers[0])
    with raw(path) as plain:
        assert "vondt i halsen" in str(plain.execute("SELECT text FROM segments").fetchall())
    conn.close()
    return cid


def _approve_as_before(conn: Any, cid: int, n: int, signer: signing.Signer) -> None:
    """An approval as the version before this one signed it (no sealed digest column)."""
    consultations.set_status(conn, audit.Actor(1, "dr.gammel"), cid, Status.APPROVED)
    codes, takster = drafts.coding(conn, cid, n)
    version = drafts.DraftVersion(cid, n, DRAFT, datetime.now(UTC), None, codes, takster)
    digest, at = drafts.approval_hash(version), audit.now_iso()
    signature = signer.sign(drafts.approval_payload(cid, n, 1, 1, False, at, digest))
    conn.execute("INSERT INTO approvals (consultation_id, version, user_id, approved_at, "
                 "sha256, signature) VALUES (?, ?, 1, ?, ?, ?)", (cid, n, at, digest, signature))
    conn.execute("UPDATE draft_versions SET approved = 1 WHERE consultation_id = ?", (cid,))


def _plain_hits(path: Path) -> int:
    with raw(path) as conn:
        rows = conn.execute("SELECT text FROM segments UNION ALL SELECT body_json FROM "
                            "draft_versions UNION ALL SELECT patient_ref FROM consultations "
                            "UNION ALL SELECT reason FROM code_suggestions").fetchall()
    return sum(1 for (v,) in rows if isinstance(v, str))


def test_the_first_doctor_login_encrypts_an_old_database(db_path: Path) -> None:
    cid = _old_database(db_path)
    with Store.open(db_path, PASSPHRASE, kdf_iter=KDF_ITER) as s:
        assert not s.clinical_encrypted() and _plain_hits(db_path) == 6
        leader = s.authenticate("leder", LEADER_PW)  # billing before any doctor came
        today = date.today()
        assert len(s.billing_rows(leader, today - timedelta(1), today + timedelta(1))) == 1
        doctor = s.authenticate(*DOCTORS[0])
        assert s.clinical_encrypted() and _plain_hits(db_path) == 0
        recovery = s.take_recovery_key(doctor)
        assert recovery is not None and s.take_recovery_key(doctor) is None
        version = s.draft(doctor, cid)
        assert version.draft == DRAFT and version.approval_intact
        assert s.segments(doctor, cid)[0].text == SEGMENTS[0].text
        assert s.audio_pcm(doctor, cid) == b"\x01\x00" * 800
        assert s.consultation(doctor, cid).patient_ref == "EPJ-42"
        assert len(s.billing_rows(leader, today - timedelta(1), today + timedelta(1))) == 1
        with pytest.raises(ClinicalAccessDenied):
            s.draft(leader, cid)
        # the other doctor, in the same process: wrapped at their next login
        other = s.authenticate(*DOCTORS[1])
        assert s.segments(other, cid)[0].text == SEGMENTS[0].text
        assert s.audit_verify().ok
        events = s.db.call(lambda c: [r[0] for r in c.execute(
            "SELECT action FROM audit_events WHERE action IN ('clinical_encryption', "
            "'grant_clinical_key')")])
        assert events == ["clinical_encryption", "grant_clinical_key"]


def test_a_doctor_without_a_copy_is_told_so_until_given_one(db_path: Path) -> None:
    cid = _old_database(db_path)
    with Store.open(db_path, PASSPHRASE, kdf_iter=KDF_ITER) as s:
        assert s.take_recovery_key(s.authenticate(*DOCTORS[0])) is not None
    with Store.open(db_path, PASSPHRASE, kdf_iter=KDF_ITER) as s:  # a fresh process
        other = s.authenticate(*DOCTORS[1])
        assert not s.has_clinical_key(other)
        with pytest.raises(ClinicalAccessDenied, match="ikke fått den ennå"):
            s.segments(other, cid)


def test_the_migration_runs_once_and_a_rerun_changes_nothing(db_path: Path) -> None:
    _old_database(db_path)
    with Store.open(db_path, PASSPHRASE, kdf_iter=KDF_ITER) as s:
        s.authenticate(*DOCTORS[0])
        before = s.db.call(lambda c: c.execute("SELECT body_json FROM draft_versions"
                                               ).fetchall())
    with Store.open(db_path, PASSPHRASE, kdf_iter=KDF_ITER) as s:
        s.authenticate(*DOCTORS[0])
        after = s.db.call(lambda c: c.execute("SELECT body_json FROM draft_versions").fetchall())
        assert s.db.call(lambda c: c.execute(
            "SELECT count(*) FROM audit_events WHERE action = 'clinical_encryption'"
        ).fetchone()[0]) == 1
    assert before == after
