"""The audit chain: every access is logged, tampering is caught, no patient text inside."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import pytest
import sqlcipher3
from storekit import DOCTOR_PW, KDF_ITER, PASSPHRASE, PATIENT_TEXTS, drafted_consultation

from scribe.store import Session, Store


def _full_demo(store: Store, doctor: Session, leader: Session) -> int:
    cid = drafted_consultation(store, doctor)
    store.set_consent(doctor, cid, True)
    store.segments(doctor, cid)
    store.draft(doctor, cid)
    store.approve(doctor, cid, DOCTOR_PW, retention_days=0)
    store.record_export(doctor, cid, "text", "clipboard")
    today = date.today()
    store.billing_rows(leader, today, today)
    return cid


def _raw(db_path: Path) -> sqlcipher3.Connection:
    conn = sqlcipher3.connect(str(db_path), isolation_level=None)
    conn.execute(f"PRAGMA key = '{PASSPHRASE}'")
    conn.execute(f"PRAGMA kdf_iter = {KDF_ITER}")
    return conn


def test_a_full_demo_run_logs_each_kind_of_event_and_the_chain_verifies(
        store: Store, doctor: Session, leader: Session) -> None:
    _full_demo(store, doctor, leader)
    actions = {r[0] for r in store.db.call(lambda c: c.execute(
        "SELECT action FROM audit_events").fetchall())}
    assert {"create_user", "login", "create", "consent", "add_segments", "transition",
            "save_draft", "save_coding", "read_transcript", "read_note", "approve",
            "delete_audio", "export", "read_billing"} <= actions
    report = store.audit_verify()
    assert report.ok and report.first_broken_id is None and report.count > 15
    last = store.db.call(lambda c: c.execute(
        "SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1").fetchone()[0])
    assert report.last_hash == last


def test_an_edited_event_is_caught_and_named(db_path: Path, store: Store, doctor: Session,
                                             leader: Session) -> None:
    _full_demo(store, doctor, leader)
    store.close()
    raw = _raw(db_path)
    raw.execute("DROP TRIGGER audit_events_append_only_update")  # as someone with the key could
    raw.execute("UPDATE audit_events SET user_name = 'noen andre' WHERE id = 7")
    raw.close()
    with Store.open(db_path, PASSPHRASE, kdf_iter=KDF_ITER) as reopened:
        report = reopened.audit_verify()
    assert not report.ok and report.first_broken_id == 7


def test_a_deleted_event_is_caught_at_the_next_one(db_path: Path, store: Store,
                                                   doctor: Session, leader: Session) -> None:
    _full_demo(store, doctor, leader)
    store.close()
    raw = _raw(db_path)
    raw.execute("DROP TRIGGER audit_events_append_only_delete")
    raw.execute("DELETE FROM audit_events WHERE id = 5")
    raw.close()
    with Store.open(db_path, PASSPHRASE, kdf_iter=KDF_ITER) as reopened:
        assert reopened.audit_verify().first_broken_id == 6


def test_audit_events_and_approvals_cannot_be_changed_through_the_store_connection(
        store: Store, doctor: Session, leader: Session) -> None:
    _full_demo(store, doctor, leader)
    for sql in ("UPDATE audit_events SET action = 'x'", "DELETE FROM audit_events",
                "UPDATE approvals SET sha256 = 'x'", "DELETE FROM approvals"):
        with pytest.raises(sqlcipher3.IntegrityError, match="append-only"):
            store.db.call(partial(_execute, sql=sql))
    assert store.audit_verify().ok


def _execute(conn: Any, *, sql: str) -> None:
    conn.execute(sql)


def test_audit_events_never_contain_patient_text(store: Store, doctor: Session,
                                                 leader: Session) -> None:
    _full_demo(store, doctor, leader)
    rows = store.db.call(lambda c: c.execute("SELECT * FROM audit_events").fetchall())
    dump = repr(rows)
    assert not any(text in dump for text in PATIENT_TEXTS)


def test_the_csv_export_holds_the_events_of_the_period(tmp_path: Path, store: Store,
                                                       doctor: Session,
                                                       leader: Session) -> None:
    _full_demo(store, doctor, leader)
    today = date.today()
    out = tmp_path / "revisjon.csv"
    count = store.audit_export_csv(out, today, today)
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == count == store.audit_verify().count
    assert {"id", "at", "user_name", "action", "object_id", "hash"} <= set(rows[0])
    assert store.audit_export_csv(out, today - timedelta(days=9), today - timedelta(days=8)) == 0
