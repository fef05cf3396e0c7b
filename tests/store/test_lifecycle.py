"""The consultation state machine, approval with its hash, immutability and new versions."""

from __future__ import annotations

import hashlib
import itertools
import json
from functools import partial
from typing import Any

import pytest
import sqlcipher3
from storekit import ADMIN_PW, CODES, DOCTOR_PW, DRAFT, TAKSTER, drafted_consultation

from scribe.consultation import ALLOWED, Status, check_transition
from scribe.domain import Draft, Section, Statement
from scribe.errors import AccessDenied, ExportRefused, InvalidTransition
from scribe.store import Session, Store


def test_the_happy_path_transitions_are_allowed() -> None:
    path = ["recording", "transcribed", "drafted", "approved", "exported"]
    for old, new in itertools.pairwise(path):
        assert check_transition(old, new) is Status(new)
    assert check_transition("recording", "recovered") is Status.RECOVERED
    assert check_transition("recovered", "transcribed") is Status.TRANSCRIBED


@pytest.mark.parametrize(("old", "new"), [
    ("recording", "approved"), ("transcribed", "exported"), ("drafted", "exported"),
    ("approved", "discarded"), ("discarded", "transcribed"), ("exported", "approved"),
])
def test_an_illegal_transition_raises_in_norwegian(old: str, new: str) -> None:
    with pytest.raises(InvalidTransition, match="kan ikke bli"):
        check_transition(old, new)


def test_every_status_has_its_transitions_listed() -> None:
    assert set(ALLOWED) == set(Status)


def test_the_store_refuses_an_illegal_transition(store: Store, doctor: Session) -> None:
    cid = store.create_consultation(doctor)
    with pytest.raises(InvalidTransition):
        store.transition(doctor, cid, "approved")
    assert store.consultation(doctor, cid).status is Status.RECORDING


@pytest.mark.parametrize("target", ["drafted", "approved", "exported", "godkjent"])
def test_approval_export_and_drafting_cannot_be_set_as_a_bare_status(
        store: Store, doctor: Session, target: str) -> None:
    cid = drafted_consultation(store, doctor)
    with pytest.raises(InvalidTransition):
        store.transition(doctor, cid, target)
    assert store.consultation(doctor, cid).status is Status.DRAFTED


def test_audio_is_accepted_only_while_recording(store: Store, doctor: Session) -> None:
    cid = store.create_consultation(doctor)
    store.add_audio_chunk(cid, 0, 0.0, b"\x00\x00" * 10)
    store.transition(doctor, cid, "transcribed")
    with pytest.raises(InvalidTransition, match="mens konsultasjonen tas opp"):
        store.add_audio_chunk(cid, 1, 1.0, b"\x00\x00" * 10)


def test_approval_stores_user_time_and_sha256_of_exactly_what_was_approved(
        store: Store, doctor: Session) -> None:
    cid = drafted_consultation(store, doctor)
    approval = store.approve(doctor, cid, DOCTOR_PW)
    expected = {
        "consultation": cid, "version": 1, "template": "allmennlege",
        "note": [["Anamnese", ["Sår hals i tre dager."]], ["Funn", ["Temp 38,4 °C."]]],
        "codes": [["ICPC-2", "R74", "Akutt øvre luftveisinfeksjon", True]],
        "takster": [["2ad", 1, 203.0]],
    }
    canonical = json.dumps(expected, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert approval.sha256 == hashlib.sha256(canonical.encode()).hexdigest()
    assert approval.user == "dr.hansen" and approval.version == 1
    stored = store.draft(doctor, cid).approval
    assert stored == approval
    assert store.consultation(doctor, cid).status is Status.APPROVED


def test_only_a_doctor_can_approve(store: Store, doctor: Session, admin: Session) -> None:
    cid = drafted_consultation(store, doctor)
    with pytest.raises(AccessDenied, match="godkjenning"):
        store.approve(admin, cid, ADMIN_PW)


def test_approval_with_a_wrong_password_is_refused_and_audited(store: Store,
                                                               doctor: Session) -> None:
    cid = drafted_consultation(store, doctor)
    with pytest.raises(AccessDenied, match="ikke godkjent"):
        store.approve(doctor, cid, "feil-passord")
    assert store.consultation(doctor, cid).status is Status.DRAFTED
    last = store.db.call(lambda c: c.execute(
        "SELECT action FROM audit_events ORDER BY id DESC LIMIT 1").fetchone()[0])
    assert last == "approve_failed"


def _execute(conn: Any, *, sql: str) -> None:
    conn.execute(sql)


def test_an_approved_version_cannot_be_changed_by_code_or_by_sql(store: Store,
                                                                 doctor: Session) -> None:
    cid = drafted_consultation(store, doctor)
    store.approve(doctor, cid, DOCTOR_PW)
    with pytest.raises(InvalidTransition, match="godkjent og kan ikke endres"):
        store.save_coding(doctor, cid, 1, CODES[:1], TAKSTER[:1])
    for sql in ("UPDATE draft_versions SET body_json = '{}'",
                "UPDATE takst_lines SET count = 9", "DELETE FROM code_suggestions",
                "INSERT INTO takst_lines SELECT * FROM takst_lines"):
        with pytest.raises(sqlcipher3.IntegrityError, match="immutable"):
            store.db.call(partial(_execute, sql=sql))
    assert store.draft(doctor, cid).takster == TAKSTER


def test_editing_after_approval_makes_a_new_version_that_must_be_approved_before_export(
        store: Store, doctor: Session) -> None:
    cid = drafted_consultation(store, doctor)
    first = store.approve(doctor, cid, DOCTOR_PW)
    n = store.new_version(doctor, cid)
    assert n == 2 and store.consultation(doctor, cid).status is Status.DRAFTED
    assert store.draft(doctor, cid).codes == CODES
    with pytest.raises(ExportRefused):
        store.record_export(doctor, cid, "text", "clipboard")
    edited = (*DRAFT.sections, Section("Tiltak", (Statement("Paracet ved behov.", ()),)))
    n3 = store.save_draft(doctor, cid, Draft(DRAFT.template, edited, "dr.hansen"))
    second = store.approve(doctor, cid, DOCTOR_PW)
    assert (n3, second.version) == (3, 3) and second.sha256 != first.sha256
    assert store.draft(doctor, cid, 1).approval == first
    store.record_export(doctor, cid, "fhir", "/tmp/x.json")
    assert store.consultation(doctor, cid).status is Status.EXPORTED


def test_export_is_refused_before_approval(store: Store, doctor: Session) -> None:
    cid = drafted_consultation(store, doctor)
    with pytest.raises(ExportRefused, match="godkjent"):
        store.record_export(doctor, cid, "text", "clipboard")


def test_segments_upsert_by_id_and_the_doctor_can_replace_them(store: Store,
                                                               doctor: Session) -> None:
    from storekit import SEGMENTS

    cid = store.create_consultation(doctor)
    store.add_segments(cid, SEGMENTS[:1])
    store.add_segments(cid, SEGMENTS)
    assert store.segments(doctor, cid) == list(SEGMENTS)
    fixed = SEGMENTS[1].__class__("s0002", 3.4, 6.0, "Temperaturen er 38,5 grader.")
    store.replace_segments(doctor, cid, [fixed])
    assert store.segments(doctor, cid) == [fixed]


def test_audio_comes_back_concatenated_in_sequence_order(store: Store,
                                                         doctor: Session) -> None:
    cid = store.create_consultation(doctor)
    for seq in (2, 0, 1):
        store.add_audio_chunk(cid, seq, float(seq), bytes([seq, 0]) * 4)
    assert store.audio_pcm(doctor, cid) == b"".join(bytes([s, 0]) * 4 for s in range(3))
