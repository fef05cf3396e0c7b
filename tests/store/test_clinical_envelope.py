"""Clinical text under a data key only doctors unwrap: what the passphrase alone opens, what a
practice manager, a doctor and the recovery key can do (issue 19, failure 3)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from storekit import (
    ADMIN_PW,
    CODES,
    DOCTOR_PW,
    KDF_ITER,
    LEADER_PW,
    PASSPHRASE,
    TAKSTER,
    raw,
)

from scribe.domain import CodeSuggestion, Draft, Section, Segment, Speaker, Statement, TakstLine
from scribe.errors import AccessDenied, ClinicalAccessDenied, ClinicalDataTampered, ClinicalKeyError
from scribe.store import Session, Store, envelope

MARK = "Kvitfjellmarkør"  # synthetic: appears only where the patient's words are stored
NEW_PW = "nytt-lege-passord-5"


def _marked_consultation(store: Store, doctor: Session) -> int:
    """Every clinical field carries MARK; billing fields do not."""
    cid = store.create_consultation(doctor, patient_ref=f"EPJ-{MARK}")
    store.add_audio_chunk(cid, 0, 0.0, MARK.encode("utf-8") * 64)
    store.add_segments(cid, (
        Segment("s0001", 0.0, 3.0, f"{MARK} har vondt i halsen.", Speaker.PASIENT),
        Segment("s0002", 3.0, 6.0, "Temperaturen er 38,4 grader.", Speaker.LEGE),
    ))
    store.transition(doctor, cid, "transcribed")
    draft = Draft(template="allmennlege", author="regler", sections=(
        Section("Anamnese", (Statement(f"{MARK}: sår hals.", ("s0001",)),)),
        Section("Funn", (Statement("Temp 38,4 °C.", ("s0002",)),)),
    ))
    n = store.save_draft(doctor, cid, draft)
    codes = (CodeSuggestion("ICPC-2", "R74", "Akutt øvre luftveisinfeksjon", 1,
                            f"{MARK} sa sår hals", ("s0001",), primary=True, status="accepted"),)
    takster = (TakstLine("2ad", 1, 203.0, 167.0, 36.0, f"{MARK} møtte opp", evidence=("s0001",),
                         status="accepted"),)
    store.save_coding(doctor, cid, n, codes, takster)
    return cid


def _every_value(conn: Any) -> list[tuple[str, str, bytes]]:
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    found = []
    for table in tables:
        columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
        for row in conn.execute(f'SELECT * FROM "{table}"'):
            for column, value in zip(columns, row, strict=True):
                if isinstance(value, str):
                    found.append((table, column, value.encode("utf-8")))
                elif isinstance(value, bytes | memoryview):
                    found.append((table, column, bytes(value)))
    return found


def _leaks(db_path: Path, marker: str = MARK) -> list[str]:
    with raw(db_path) as conn:
        values = _every_value(conn)
    needle = marker.encode("utf-8")
    return [f"{t}.{c}" for t, c, v in values if needle in v or marker.lower().encode() in v]


def test_the_passphrase_alone_shows_no_clinical_text_in_any_column(
        db_path: Path, store: Store, doctor: Session) -> None:
    cid = _marked_consultation(store, doctor)
    store.approve(doctor, cid, DOCTOR_PW, retention_days=None)
    assert MARK in store.draft(doctor, cid).draft.sections[0].statements[0].text
    assert _leaks(db_path) == []
    with raw(db_path) as conn:  # billing stays readable with the passphrase
        assert conn.execute("SELECT code, count, fee FROM takst_lines").fetchall() == [
            ("2ad", 1, 203.0)]
        assert conn.execute("SELECT code FROM code_suggestions").fetchall() == [("R74",)]


def test_a_doctor_reads_everything_back(store: Store, doctor: Session) -> None:
    cid = _marked_consultation(store, doctor)
    assert store.consultation(doctor, cid).patient_ref == f"EPJ-{MARK}"
    assert store.audio_pcm(doctor, cid) == MARK.encode("utf-8") * 64
    assert store.segments(doctor, cid)[0].text == f"{MARK} har vondt i halsen."
    version = store.draft(doctor, cid)
    assert version.codes[0].reason == f"{MARK} sa sår hals"
    assert version.takster[0].evidence == ("s0001",)
    assert store.consultation(doctor, cid).audio_seconds == pytest.approx(
        len(MARK.encode("utf-8")) * 64 / 2 / 16000)


def test_the_manager_reads_billing_but_not_notes(store: Store, doctor: Session,
                                                  leader: Session) -> None:
    cid = _marked_consultation(store, doctor)
    store.approve(doctor, cid, DOCTOR_PW)
    today = date.today()
    rows = store.billing_rows(leader, today - timedelta(days=1), today + timedelta(days=1))
    assert [(r.consultation_id, [t.code for t in r.takster]) for r in rows] == [(cid, ["2ad"])]
    assert store.consultation(leader, cid).patient_ref is None
    for read in (store.draft, store.segments, store.audio_pcm):
        with pytest.raises(ClinicalAccessDenied, match="Journalteksten kan bare leses av leger"):
            read(leader, cid)
    assert store.audit_verify().ok  # and the approval is checked without the key


def test_ciphertext_moved_to_another_row_or_column_does_not_decrypt(
        db_path: Path, store: Store, doctor: Session) -> None:
    first, second = _marked_consultation(store, doctor), _marked_consultation(store, doctor)
    with raw(db_path) as conn:
        text = conn.execute("SELECT text FROM segments WHERE consultation_id = ? AND id = "
                            "'s0001'", (first,)).fetchone()[0]
        conn.execute("UPDATE segments SET text = ? WHERE consultation_id = ? AND id = 's0001'",
                     (text, second))
        body = conn.execute("SELECT body_json FROM draft_versions WHERE consultation_id = ?",
                            (first,)).fetchone()[0]
        conn.execute("UPDATE draft_versions SET body_json = ? WHERE consultation_id = ?",
                     (body, second))
        words = conn.execute("SELECT words_json FROM segments WHERE consultation_id = ? AND "
                             "id = 's0002'", (first,)).fetchone()[0]
        conn.execute("UPDATE segments SET text = ? WHERE consultation_id = ? AND id = 's0002'",
                     (words, first))
    with pytest.raises(ClinicalDataTampered, match="kan ikke dekrypteres") as err:
        store.segments(doctor, second)
    assert MARK not in err.value.show()
    with pytest.raises(ClinicalDataTampered):
        store.draft(doctor, second)
    with pytest.raises(ClinicalDataTampered):
        store.segments(doctor, first)  # words moved into the text column of the same row


def test_a_wrong_password_or_recovery_key_cannot_unwrap(store: Store, admin: Session,
                                                         doctor: Session) -> None:
    stored, slot = store.db.call(lambda c: (envelope.key_id(c), c.execute(
        "SELECT wrapped FROM clinical_keys WHERE holder = 'lege:dr.hansen'").fetchone()[0]))
    assert envelope.unwrap(slot, DOCTOR_PW, "lege:dr.hansen", stored).id == stored
    with pytest.raises(ClinicalKeyError):
        envelope.unwrap(slot, "feil-passord-123", "lege:dr.hansen", stored)
    with pytest.raises(ClinicalKeyError):  # bound to its holder
        envelope.unwrap(slot, DOCTOR_PW, "lege:dr.berg", stored)
    with pytest.raises(ClinicalKeyError, match="feil"):
        store.unlock_with_recovery_key(admin, envelope.new_recovery_key())
    with pytest.raises(ClinicalKeyError, match="32 tegn"):
        store.unlock_with_recovery_key(admin, "ikke-en-nøkkel")


def test_the_recovery_key_is_shown_once_and_never_stored(db_path: Path, store: Store,
                                                         admin: Session) -> None:
    recovery = store.take_recovery_key(admin)
    assert recovery is not None and len(recovery) == 39
    assert store.take_recovery_key(admin) is None
    assert _leaks(db_path, recovery) == [] and _leaks(db_path, recovery.replace("-", "")) == []


def test_a_new_doctor_needs_the_key_and_the_recovery_key_gives_it(
        db_path: Path, store: Store, doctor: Session) -> None:
    admin = store.authenticate("admin", ADMIN_PW)
    recovery = store.take_recovery_key(admin)
    assert recovery is not None
    cid = _marked_consultation(store, doctor)
    store.close()
    with Store.open(db_path, PASSPHRASE, kdf_iter=KDF_ITER) as later:
        admin = later.authenticate("admin", ADMIN_PW)
        with pytest.raises(ClinicalAccessDenied, match="gjenopprettingsnøkkel"):
            later.create_user("dr.berg", "lege", "kollega-passord-9", session=admin)
        later.create_user("leder2", "daglig_leder", "regnskap-og-lønn-8", session=admin)
        later.create_user("dr.berg", "lege", "kollega-passord-9", session=admin,
                          recovery_key=recovery.lower().replace("-", " "))
        colleague = later.authenticate("dr.berg", "kollega-passord-9")
        assert later.segments(colleague, cid)[0].text.startswith(MARK)


def test_a_password_change_rewraps_and_a_forgotten_one_is_recovered(
        db_path: Path, store: Store, doctor: Session, admin: Session) -> None:
    recovery = store.take_recovery_key(admin)
    assert recovery is not None
    cid = _marked_consultation(store, doctor)
    store.approve(doctor, cid, DOCTOR_PW, retention_days=None)
    store.change_password(doctor, DOCTOR_PW, NEW_PW)
    with pytest.raises(AccessDenied):
        store.authenticate("dr.hansen", DOCTOR_PW)
    again = store.authenticate("dr.hansen", NEW_PW)
    assert store.draft(again, cid).approval_intact
    store.close()
    with Store.open(db_path, PASSPHRASE, kdf_iter=KDF_ITER) as later:  # the password is lost
        admin = later.authenticate("admin", ADMIN_PW)
        with pytest.raises(ClinicalKeyError):
            later.reset_password(admin, "dr.hansen", envelope.new_recovery_key(),
                                 "tredje-passord-77")
        later.reset_password(admin, "dr.hansen", recovery, "tredje-passord-77")
        back = later.authenticate("dr.hansen", "tredje-passord-77")
        version = later.draft(back, cid)
        assert MARK in version.draft.sections[0].statements[0].text
        assert version.approval_intact  # signed with the key retired by the reset
        second = _marked_consultation(later, back)
        assert later.approve(back, second, "tredje-passord-77").verified  # the new key signs
        assert later.audit_verify().ok


def test_a_passphrase_change_keeps_clinical_text_readable(db_path: Path, store: Store,
                                                          doctor: Session,
                                                          admin: Session) -> None:
    cid = _marked_consultation(store, doctor)
    store.change_passphrase(admin, "ny lang passordfrase for praksis")
    store.close()
    with Store.open(db_path, "ny lang passordfrase for praksis", kdf_iter=KDF_ITER) as s:
        doctor = s.authenticate("dr.hansen", DOCTOR_PW)
        assert s.segments(doctor, cid)[0].text.startswith(MARK)


def test_seal_body_binds_a_body_to_its_table_and_row(store: Store, doctor: Session) -> None:
    key = envelope.ClinicalKey.generate()
    vault = envelope.Vault(sealed=True, key=key)
    sealed = envelope.seal_body(vault, "Henvisning: sår hals", "documents", 7, 1)
    assert isinstance(sealed, bytes) and b"Henvisning" not in sealed
    assert envelope.open_body(vault, sealed, "documents", 7, 1) == "Henvisning: sår hals"
    with pytest.raises(ClinicalDataTampered):
        envelope.open_body(vault, sealed, "documents", 8, 1)
    with pytest.raises(ClinicalAccessDenied):
        envelope.open_body(envelope.Vault(sealed=True), sealed, "documents", 7, 1)
    assert envelope.seal_body(envelope.PLAIN, "tekst", "documents", 7, 1) == "tekst"


def test_the_leader_fixture_role_has_no_key(store: Store, leader: Session) -> None:
    assert not store.has_clinical_key(leader)
    with pytest.raises(AccessDenied):
        store.take_recovery_key(leader)
    assert LEADER_PW and CODES and TAKSTER  # the shared fixtures stay in use
