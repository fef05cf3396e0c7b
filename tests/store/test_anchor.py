"""The audit chain's anchor outside the table, and its signed checkpoints: truncation and a
re-hashed chain are reported (issue 19, failure 2)."""

from __future__ import annotations

import json
from pathlib import Path

from storekit import DOCTOR_PW, KDF_ITER, PASSPHRASE, forge_anchor, raw, rehash_chain

from scribe.store import Session, Store


def _anchor(db_path: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads(Path(str(db_path) + ".anker").read_text())
    return data


def _last_id(store: Store) -> int:
    return int(store.db.call(lambda c: c.execute("SELECT max(id) FROM audit_events"
                                                 ).fetchone()[0]))


def _delete_last_event(db_path: Path) -> None:
    with raw(db_path) as conn:
        conn.execute("DROP TRIGGER audit_events_append_only_delete")
        conn.execute("DELETE FROM audit_events WHERE id = (SELECT max(id) FROM audit_events)")


def test_the_anchor_file_follows_the_head_of_the_chain(db_path: Path, store: Store,
                                                       doctor: Session) -> None:
    store.create_consultation(doctor)
    anchored = _anchor(db_path)
    assert anchored["last_id"] == _last_id(store)
    assert anchored["hash"] == store.audit_verify().last_hash
    assert store.audit_verify().ok


def test_deleting_the_last_event_is_reported(db_path: Path, store: Store,
                                             doctor: Session) -> None:
    store.create_consultation(doctor)
    _delete_last_event(db_path)
    report = store.audit_verify()
    assert not report.ok and report.first_broken_id is None  # the chain itself still links
    assert "1 hendelser mangler på slutten av revisjonsloggen" in "\n".join(report.problems)


def test_a_truncation_stays_reported_after_new_events(db_path: Path, store: Store,
                                                      doctor: Session) -> None:
    store.create_consultation(doctor)
    _delete_last_event(db_path)
    store.create_consultation(doctor)  # takes the deleted event's id, with another hash
    store.create_consultation(doctor)
    problems = "\n".join(store.audit_verify().problems)
    assert "skrevet om" in problems


def test_a_rewritten_and_rehashed_chain_is_reported(db_path: Path, store: Store,
                                                    doctor: Session) -> None:
    store.create_consultation(doctor)
    with raw(db_path) as conn:
        conn.execute("DROP TRIGGER audit_events_append_only_update")
        conn.execute("UPDATE audit_events SET user_name = 'noen andre' WHERE id = 2")
        rehash_chain(conn)
    report = store.audit_verify()
    assert report.first_broken_id is None and not report.ok
    assert "skrevet om" in "\n".join(report.problems)


def test_a_rehashed_chain_with_a_forged_anchor_fails_the_signed_checkpoints(
        db_path: Path, store: Store, doctor: Session) -> None:
    store.create_consultation(doctor)  # after dr.hansen's login checkpoint
    with raw(db_path) as conn:
        conn.execute("DROP TRIGGER audit_events_append_only_update")
        conn.execute("UPDATE audit_events SET user_name = 'noen andre' WHERE id = 2")
        rehash_chain(conn)
        forge_anchor(conn, db_path)
    problems = "\n".join(store.audit_verify().problems)
    assert "Kontrollpunkt" in problems and "ikke en gyldig signatur" in problems
    quick = "\n".join(store.tamper_warnings())  # only each user's latest checkpoint
    assert "Kontrollpunkt" in quick


def test_a_missing_or_edited_anchor_file_is_reported(db_path: Path, store: Store,
                                                     doctor: Session) -> None:
    anchor = Path(str(db_path) + ".anker")
    edited = {**_anchor(db_path), "last_id": 1}
    anchor.write_text(json.dumps(edited))
    assert "er endret" in "\n".join(store.audit_verify().problems)
    anchor.unlink()
    store.create_consultation(doctor)  # does not quietly make a new one
    assert not anchor.exists()
    assert "mangler" in "\n".join(store.audit_verify().problems)


def test_an_anchor_behind_the_database_is_not_a_problem(db_path: Path, store: Store,
                                                        doctor: Session) -> None:
    anchor = Path(str(db_path) + ".anker")
    before = anchor.read_text()
    store.create_consultation(doctor)
    anchor.write_text(before)  # as after a crash between commit and anchor write
    assert store.audit_verify().ok
    store.create_consultation(doctor)
    assert _anchor(db_path)["last_id"] == _last_id(store)


def test_a_reopened_store_keeps_checking_the_same_anchor(db_path: Path, store: Store,
                                                         doctor: Session) -> None:
    store.create_consultation(doctor)
    store.close()
    _delete_last_event(db_path)
    with Store.open(db_path, PASSPHRASE, kdf_iter=KDF_ITER) as reopened:
        reopened.authenticate("dr.hansen", DOCTOR_PW)
        assert "skrevet om" in "\n".join(reopened.audit_verify().problems)
