"""Approvals only a doctor's password can make: signed, checked at every read, and forgeries
made with the practice passphrase alone are reported (issue 19, failures 2, 4 and 11)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from storekit import (
    DOCTOR_PW,
    DRAFT,
    KDF_ITER,
    PASSPHRASE,
    drafted_consultation,
    forge_anchor,
    forge_approval,
    raw,
    rehash_chain,
)

from scribe.domain import Section, Statement
from scribe.errors import (
    ClinicalDataTampered,
    EmptyNote,
    ExportRefused,
    NotTheDoctor,
    SigningKeyError,
)
from scribe.store import Session, Store, signing

COLLEAGUE_PW = "kollega-passord-9"


def _user_id(store: Store, name: str) -> int:
    return int(store.db.call(lambda c: c.execute(
        "SELECT id FROM users WHERE name = ?", (name,)).fetchone()[0]))


def _problems(store: Store) -> str:
    report = store.audit_verify()
    assert not report.ok
    return "\n".join(report.problems)


def test_an_approval_is_signed_by_the_doctor_and_verifies(store: Store,
                                                          doctor: Session) -> None:
    cid = drafted_consultation(store, doctor)
    approval = store.approve(doctor, cid, DOCTOR_PW)
    assert approval.signed and approval.verified and approval.on_behalf_of is None
    stored = store.db.call(lambda c: c.execute(
        "SELECT signature FROM approvals WHERE consultation_id = ?", (cid,)).fetchone()[0])
    assert len(stored) == 128  # Ed25519: 64 bytes
    assert store.draft(doctor, cid).approval_intact
    assert store.audit_verify().ok


def test_an_approval_row_inserted_with_the_passphrase_alone_does_not_count(
        db_path: Path, store: Store, doctor: Session) -> None:
    cid = drafted_consultation(store, doctor)
    with raw(db_path) as conn:
        forge_approval(conn, cid, _user_id(store, "dr.hansen"))
    version = store.draft(doctor, cid)
    assert version.approved and not version.approval_intact
    assert version.approval is not None and not version.approval.signed
    assert f"Konsultasjon {cid}, versjon 1: godkjenningen har ingen gyldig signatur" \
        in _problems(store)
    with pytest.raises(ExportRefused, match="ingen gyldig signatur"):
        store.record_export(doctor, cid, "text", "utklippstavle")


def test_a_signature_made_with_another_key_does_not_count(db_path: Path, store: Store,
                                                          doctor: Session) -> None:
    cid = drafted_consultation(store, doctor)
    _key, attacker = signing.new_key("angriperens-passord", n=2**8)
    with raw(db_path) as conn:
        forge_approval(conn, cid, _user_id(store, "dr.hansen"), attacker.sign(b"hva som helst"))
    assert not store.draft(doctor, cid).approval_intact
    assert "ingen gyldig signatur" in _problems(store)


def _rewrite_note(c: Any, cid: int) -> None:
    """Replaces the approved note, re-hashes its approval and the whole audit chain. The note
    is encrypted, so the forger writes a plain one of their own and hashes that."""
    body = {"sections": [{"name": "Anamnese", "statements": [
        {"text": "Sår hals i tre uker.", "evidence": ["s0001"], "flags": []}]}]}
    for trigger in ("draft_versions_frozen", "approvals_append_only_update"):
        c.execute(f"DROP TRIGGER {trigger}")
    c.execute("UPDATE draft_versions SET body_json = ? WHERE consultation_id = ?",
              (json.dumps(body, ensure_ascii=False), cid))
    digest = "1" * 64
    c.execute("UPDATE approvals SET sha256 = ? WHERE consultation_id = ?", (digest, cid))
    c.execute("DROP TRIGGER audit_events_append_only_update")
    event_id, detail = c.execute("SELECT id, detail FROM audit_events WHERE action = 'approve'"
                                 ).fetchone()
    c.execute("UPDATE audit_events SET detail = ? WHERE id = ?",
              (json.dumps({**json.loads(detail), "sha256": digest}, sort_keys=True), event_id))
    rehash_chain(c)


def test_a_rewritten_note_with_its_approval_and_chain_rehashed_is_reported(
        db_path: Path, store: Store, doctor: Session) -> None:
    cid = drafted_consultation(store, doctor)
    store.approve(doctor, cid, DOCTOR_PW)
    with raw(db_path) as conn:
        _rewrite_note(conn, cid)
        forge_anchor(conn, db_path)  # even the anchor file made to fit
    with pytest.raises(ClinicalDataTampered):  # a plain note where an encrypted one belongs
        store.draft(doctor, cid)
    problems = _problems(store)
    assert "ingen gyldig signatur" in problems
    assert "Kontrollpunkt" in problems  # the chain before the approval was signed


def test_a_colleague_approves_only_explicitly_on_behalf_and_it_is_recorded(
        store: Store, doctor: Session, admin: Session) -> None:
    store.create_user("dr.berg", "lege", COLLEAGUE_PW, hpr="7654321", session=admin)
    colleague = store.authenticate("dr.berg", COLLEAGUE_PW)
    cid = drafted_consultation(store, doctor)
    with pytest.raises(NotTheDoctor, match=r"dr\.hansen"):
        store.approve(colleague, cid, COLLEAGUE_PW)
    assert store.consultation(doctor, cid).status == "drafted"
    approval = store.approve(colleague, cid, COLLEAGUE_PW, on_behalf=True)
    assert (approval.user, approval.on_behalf_of, approval.user_hpr) == (
        "dr.berg", "dr.hansen", "7654321")
    assert approval.verified
    detail = store.db.call(lambda c: c.execute(
        "SELECT detail FROM audit_events WHERE action = 'approve'").fetchone()[0])
    assert json.loads(detail)["on_behalf_of"] == _user_id(store, "dr.hansen")
    assert store.audit_verify().ok


def test_on_behalf_cannot_be_added_to_an_approval_afterwards(
        db_path: Path, store: Store, doctor: Session, admin: Session) -> None:
    store.create_user("dr.berg", "lege", COLLEAGUE_PW, session=admin)
    colleague = store.authenticate("dr.berg", COLLEAGUE_PW)
    cid = drafted_consultation(store, colleague)
    store.approve(colleague, cid, COLLEAGUE_PW)
    with raw(db_path) as conn:  # now claim dr.hansen's consultation was approved for him
        conn.execute("UPDATE consultations SET doctor_id = ? WHERE id = ?",
                     (_user_id(store, "dr.hansen"), cid))
    assert not store.draft(doctor, cid).approval_intact


def test_an_empty_note_cannot_be_approved(store: Store, doctor: Session) -> None:
    cid = drafted_consultation(store, doctor)
    empty = replace(DRAFT, sections=(Section("Anamnese", (Statement("  ", ()),)),
                                     Section("Funn", ())))
    store.save_draft(doctor, cid, empty)
    with pytest.raises(EmptyNote, match="tomt"):
        store.approve(doctor, cid, DOCTOR_PW)
    assert store.consultation(doctor, cid).status == "drafted"


def test_no_approval_without_a_signing_key(db_path: Path, store: Store,
                                           doctor: Session) -> None:
    cid = drafted_consultation(store, doctor)
    with raw(db_path) as conn:
        conn.execute("DROP TRIGGER users_key_fixed")
        conn.execute("UPDATE users SET public_key = NULL, private_key_sealed = NULL "
                     "WHERE name = 'dr.hansen'")
    with pytest.raises(SigningKeyError, match="ingen signeringsnøkkel"):
        store.approve(doctor, cid, DOCTOR_PW)
    assert store.consultation(doctor, cid).status == "drafted"


def test_a_swapped_public_key_is_caught_at_login_and_in_the_audit(
        db_path: Path, store: Store, doctor: Session) -> None:
    cid = drafted_consultation(store, doctor)
    other, _signer = signing.new_key("angriperens-passord", n=2**8)
    with raw(db_path) as conn:
        conn.execute("DROP TRIGGER users_key_fixed")
        conn.execute("UPDATE users SET public_key = ? WHERE name = 'dr.hansen'", (other.public,))
    again = store.authenticate("dr.hansen", DOCTOR_PW)  # the login itself stands
    with pytest.raises(SigningKeyError):
        store.approve(again, cid, DOCTOR_PW)
    problems = _problems(store)
    assert "signeringsnøkkelen til dr.hansen stemte ikke" in problems
    assert "Kontrollpunkt" in problems  # dr.hansen's earlier checkpoints no longer verify


def test_the_stored_private_key_opens_only_with_the_password(store: Store) -> None:
    sealed = store.db.call(lambda c: c.execute(
        "SELECT public_key, private_key_sealed FROM users WHERE name = 'dr.hansen'").fetchone())
    key = signing.SealedKey(sealed[0], sealed[1])
    assert signing.unlock(key, DOCTOR_PW).public == key.public
    with pytest.raises(SigningKeyError):
        signing.unlock(key, "feil-passord-123")
    assert key.sealed.startswith("scrypt-aesgcm$256$8$1$")  # the tests' cheap cost, stored


def test_a_store_reopened_still_verifies_its_approvals(db_path: Path, store: Store,
                                                       doctor: Session) -> None:
    cid = drafted_consultation(store, doctor)
    store.approve(doctor, cid, DOCTOR_PW)
    store.close()
    with Store.open(db_path, PASSPHRASE, kdf_iter=KDF_ITER) as reopened:
        session = reopened.authenticate("dr.hansen", DOCTOR_PW)
        assert reopened.draft(session, cid).approval_intact
        assert reopened.audit_verify().ok


def test_a_forged_approval_is_left_out_of_billing(db_path: Path, store: Store,
                                                  doctor: Session, leader: Session) -> None:
    signed = drafted_consultation(store, doctor)
    store.approve(doctor, signed, DOCTOR_PW)
    forged = drafted_consultation(store, doctor)
    with raw(db_path) as conn:
        forge_approval(conn, forged, _user_id(store, "dr.hansen"))
    day = store.consultation(doctor, signed).started_at.astimezone().date()
    assert [r.consultation_id for r in store.billing_rows(leader, day, day)] == [signed]
