"""Shared values for the store tests (imported by conftest and the test modules)."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlcipher3

from scribe.domain import CodeSuggestion, Draft, Section, Segment, Speaker, Statement, TakstLine
from scribe.store import Session, Store, audit, drafts, envelope

KDF_ITER = 1000
PASSPHRASE = "riktig hest batteri stift"
DOCTOR_PW = "lege-passord-1"
LEADER_PW = "regnskap-og-lønn-7"
ADMIN_PW = "nøkkelknippe-hvelv-3"

SEGMENTS = (
    Segment("s0001", 0.0, 3.2, "Jeg har hatt vondt i halsen i tre dager.", Speaker.PASIENT),
    Segment("s0002", 3.4, 6.0, "Temperaturen er 38,4 grader.", Speaker.LEGE),
)

DRAFT = Draft(
    template="allmennlege",
    author="qwen2.5-coder-1.5b",
    sections=(
        Section("Anamnese", (Statement("Sår hals i tre dager.", ("s0001",)),)),
        Section("Funn", (Statement("Temp 38,4 °C.", ("s0002",)),)),
    ),
)

CODES = (
    CodeSuggestion("ICPC-2", "R74", "Akutt øvre luftveisinfeksjon", 1, "sår hals, feber",
                   ("s0001",), primary=True, status="accepted"),
    CodeSuggestion("ICPC-2", "R21", "Symptomer/plager hals", 2, "sår hals", ("s0001",)),
)

TAKSTER = (
    TakstLine("2ad", 1, 203.0, 167.0, 36.0, "konsultasjon", status="accepted"),
    TakstLine("2cd", 1, 166.0, 0.0, 166.0, "tidstakst", ("mangler minutter",)),
)

PATIENT_TEXTS = ("vondt i halsen", "Temperaturen er", "Sår hals", "Temp 38,4", "EPJ-42")


def drafted_consultation(store: Store, doctor: Session) -> int:
    """A consultation with audio, transcript, a draft and coding: ready to approve."""
    cid = store.create_consultation(doctor, patient_ref="EPJ-42")
    store.add_audio_chunk(cid, 0, 0.0, b"\x01\x00" * 16000)
    store.add_segments(cid, SEGMENTS)
    store.transition(doctor, cid, "transcribed")
    n = store.save_draft(doctor, cid, DRAFT)
    store.save_coding(doctor, cid, n, CODES, TAKSTER)
    return cid


@contextmanager
def raw(db_path: Path) -> Iterator[Any]:
    """A second, raw SQLCipher connection: what someone with the passphrase could do."""
    conn = sqlcipher3.connect(str(db_path), isolation_level=None)
    try:
        conn.execute(f"PRAGMA key = '{PASSPHRASE}'")
        conn.execute(f"PRAGMA kdf_iter = {KDF_ITER}")
        conn.execute("PRAGMA busy_timeout = 5000")
        yield conn
    finally:
        conn.close()


def forge_approval(conn: Any, cid: int, user_id: int, signature: str | None = None) -> None:
    """The red team's forgery: an approvals row, the version marked approved and the status
    set, all through SQL with the passphrase alone. The note is encrypted, so the forger
    cannot compute its sha256 (a plain database gets the right one); the sealed digest over
    the ciphertext needs no key, so the forgery carries a correct one."""
    n = conn.execute("SELECT max(n) FROM draft_versions WHERE consultation_id = ?",
                     (cid,)).fetchone()[0]
    if envelope.key_id(conn) is None:
        digest, sealed = drafts.approval_hash(drafts.load(conn, cid, n)), None
    else:
        digest, sealed = "0" * 64, drafts.sealed_digest(conn, cid, n)
    conn.execute("INSERT INTO approvals (consultation_id, version, user_id, approved_at, sha256, "
                 "signature, sealed_sha256) VALUES (?, ?, ?, ?, ?, ?, ?)",
                 (cid, n, user_id, audit.now_iso(), digest, signature, sealed))
    conn.execute("UPDATE draft_versions SET approved = 1 WHERE consultation_id = ? AND n = ?",
                 (cid, n))
    conn.execute("UPDATE consultations SET status = 'approved' WHERE id = ?", (cid,))


def rehash_chain(conn: Any) -> None:
    """Recomputes every link of the audit chain, as someone hiding an edit would."""
    for trigger in ("audit_events_append_only_update",):
        conn.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    columns = ("id", "at", "user_id", "user_name", "action", "object_type", "object_id",
               "detail")
    prev = audit.GENESIS
    for row in conn.execute(f"SELECT {', '.join(columns)} FROM audit_events ORDER BY id"
                            ).fetchall():
        event = dict(zip(columns, row, strict=True))
        digest = audit.event_hash(prev, event)
        conn.execute("UPDATE audit_events SET prev_hash = ?, hash = ? WHERE id = ?",
                     (prev, digest, event["id"]))
        prev = digest


def forge_anchor(conn: Any, db_path: Path) -> None:
    """Rewrites the anchor file to the database's head, with the HMAC key read from inside the
    database (which the passphrase gives)."""
    key = bytes.fromhex(conn.execute(
        "SELECT value FROM store_meta WHERE key = 'anchor_key'").fetchone()[0])
    last_id, head = conn.execute(
        "SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1").fetchone()
    mac = hmac.new(key, f"{last_id}:{head}".encode(), hashlib.sha256).hexdigest()
    Path(str(db_path) + ".anker").write_text(
        json.dumps({"last_id": last_id, "hash": head, "mac": mac}), encoding="utf-8")
