"""Helpers for tests that need a real SQLCipher store with an approved consultation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from export_sample import CODES, DRAFT, TAKSTER

from scribe.export.service import ExportService
from scribe.store import Session, Store

PASSPHRASE = "praksisens lange passordfrase"
PASSWORD = "korrekt-hest-batteri"
KDF_ITER = 1000  # SQLCipher's default is 256 000: far too slow for a test suite
NOW = datetime(2026, 11, 25, 12, 0, 0, tzinfo=UTC)


@dataclass
class World:
    path: Path
    store: Store
    lege: Session
    leder: Session
    service: ExportService
    folder: Path


def approved_consultation(store: Store, session: Session, *, patient_ref: str = "EPJ-4711",
                          contact_type: str = "oppmote") -> int:
    cid = store.create_consultation(session, contact_type=contact_type, patient_ref=patient_ref)
    store.transition(session, cid, "transcribed")
    n = store.save_draft(session, cid, DRAFT)
    store.save_coding(session, cid, n, CODES, TAKSTER)
    store.approve(session, cid, PASSWORD)
    return cid
