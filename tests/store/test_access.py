"""Access control in the core: the practice manager sees billing data, never clinical text."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from storekit import DOCTOR_PW, LEADER_PW, PATIENT_TEXTS, drafted_consultation

from scribe.errors import AccessDenied
from scribe.store import Session, Store


@pytest.fixture
def approved(store: Store, doctor: Session) -> int:
    cid = drafted_consultation(store, doctor)
    store.approve(doctor, cid, DOCTOR_PW)
    return cid


@pytest.mark.parametrize("read", ["segments", "draft", "audio_pcm"])
def test_the_manager_cannot_read_transcript_note_or_audio(store: Store, leader: Session,
                                                          approved: int, read: str) -> None:
    with pytest.raises(AccessDenied, match="daglig leder"):
        getattr(store, read)(leader, approved)


def test_the_admin_cannot_read_clinical_text_or_billing(store: Store, admin: Session,
                                                        approved: int) -> None:
    with pytest.raises(AccessDenied):
        store.segments(admin, approved)
    today = date.today()
    with pytest.raises(AccessDenied):
        store.billing_rows(admin, today, today)


def test_the_manager_reads_codes_takster_duration_doctor_and_date(
        store: Store, leader: Session, approved: int) -> None:
    today = date.today()
    rows = store.billing_rows(leader, today - timedelta(days=1), today)
    assert len(rows) == 1
    row = rows[0]
    assert (row.consultation_id, row.doctor, row.hpr, row.date) == (
        approved, "dr.hansen", "1234567", today)
    assert [c.code for c in row.codes] == ["R74"]  # accepted codes only
    assert [t.code for t in row.takster] == ["2ad"]
    assert row.total_fee == 203.0 and row.duration_min >= 0
    text = repr(dataclasses.asdict(row))
    assert not any(p in text for p in PATIENT_TEXTS)


def test_billing_can_be_filtered_by_doctor_and_period(store: Store, leader: Session,
                                                      approved: int) -> None:
    today = date.today()
    assert store.billing_rows(leader, today, today, doctor="annen.lege") == []
    assert store.billing_rows(leader, today + timedelta(days=1), today + timedelta(days=2)) == []


def test_the_consultation_list_hides_the_patient_reference_from_the_manager(
        store: Store, doctor: Session, leader: Session, approved: int) -> None:
    assert store.list_consultations(doctor)[0].patient_ref == "EPJ-42"
    listed = store.list_consultations(leader)[0]
    assert listed.patient_ref is None and listed.id == approved


def test_the_manager_cannot_record_or_approve(store: Store, leader: Session,
                                              approved: int) -> None:
    with pytest.raises(AccessDenied):
        store.create_consultation(leader)
    with pytest.raises(AccessDenied):
        store.approve(leader, approved, LEADER_PW)
