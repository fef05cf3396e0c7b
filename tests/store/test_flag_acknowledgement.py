"""Flagged statements must be checked by the doctor before approval — enforced in the core."""

from __future__ import annotations

from dataclasses import replace

import pytest
from storekit import DOCTOR_PW, DRAFT, drafted_consultation

from scribe.consultation import Status
from scribe.domain import Flag, Section, Statement
from scribe.errors import UnacknowledgedFlags
from scribe.store import Session, Store

FLAGGED = replace(DRAFT, sections=(*DRAFT.sections, Section("Tiltak", (
    Statement("Penicillin 2 g x 4.", ("s0001",),
              (Flag("number_not_in_source", "Tallet 2 står ikke i kilden."),)),))))


def test_approval_is_refused_while_a_flag_is_unchecked(store: Store, doctor: Session) -> None:
    cid = drafted_consultation(store, doctor)
    store.save_draft(doctor, cid, FLAGGED)
    with pytest.raises(UnacknowledgedFlags, match="1 merknader"):
        store.approve(doctor, cid, DOCTOR_PW)
    assert store.consultation(doctor, cid).status == Status.DRAFTED
    assert store.draft(doctor, cid).approval is None


def test_checked_flags_are_stored_and_then_approval_goes_through(
        store: Store, doctor: Session) -> None:
    cid = drafted_consultation(store, doctor)
    store.save_draft(doctor, cid, FLAGGED.with_flags_acknowledged())
    stored = store.draft(doctor, cid).draft
    assert stored.unacknowledged_flags() == 0
    assert [f.acknowledged for s in stored.sections for st in s.statements for f in st.flags] \
        == [True]
    assert store.approve(doctor, cid, DOCTOR_PW).version == store.draft(doctor, cid).n
