"""Documents under the clinical envelope (issue 19): their text is encrypted with the clinical
data key, so the passphrase alone shows none of it, a doctor works with them as before, the
practice manager is refused, and a database made before encryption has them encrypted by the
first doctor's login."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import sqlcipher3
from docworld import KDF_ITER, PASSPHRASE, PASSWORD

from scribe.documents.drafting import DocumentDrafter, Visit
from scribe.documents.model import Document, DocumentKind
from scribe.errors import ClinicalAccessDenied, ClinicalDataTampered
from scribe.export.documents import DocumentExporter
from scribe.export.model import ExportFormat
from scribe.store import Session, Store, audit, consultations, users
from scribe.store import documents as docstore
from scribe.store.db import open_connection, transaction
from scribe.store.migrations import migrate

KIND = DocumentKind.HENVISNING
MARKER = "Qvistrupmerket"  # a word no template or table name holds
LEADER_PW = "regnskap-og-lønn-7"


@contextmanager
def raw(path: Path) -> Iterator[Any]:
    """What someone with the passphrase alone can read: every table, through SQL."""
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    try:
        conn.execute(f"PRAGMA key = '{PASSPHRASE}'")
        conn.execute(f"PRAGMA kdf_iter = {KDF_ITER}")
        conn.execute("PRAGMA busy_timeout = 5000")
        yield conn
    finally:
        conn.close()


def marker_hits(path: Path) -> list[str]:
    """Every table.column where the marker can be read with the passphrase."""
    hits = []
    with raw(path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = "
                                             "'table' AND name NOT LIKE 'sqlite_%'")]
        for table in tables:
            cur = conn.execute(f"SELECT * FROM {table}")
            names = [d[0] for d in cur.description]
            for row in cur.fetchall():
                for name, value in zip(names, row, strict=True):
                    data = value if isinstance(value, bytes) else str(value).encode("utf-8")
                    if MARKER.encode("utf-8") in data:
                        hits.append(f"{table}.{name}")
    return hits


def marked(documents_drafter: DocumentDrafter, visit: Visit) -> Document:
    doc = documents_drafter.draft(visit, KIND).with_flags_acknowledged()
    key = doc.fields[-1].key
    return doc.with_field_text(key, f"{doc.text_of(key)} {MARKER} er avtalt.", author="dr.berg")


def stored(store: Store, doctor: Session, doc: Document) -> int:
    cid = store.create_consultation(doctor, patient_ref="EPJ-7")
    store.transition(doctor, cid, "transcribed")
    store.save_document(doctor, cid, doc)
    return cid


def test_the_passphrase_alone_shows_no_document_text_and_the_doctor_works_as_before(
        store: Store, doctor: Session, visit: Visit, documents: DocumentDrafter) -> None:
    doc = marked(documents, visit)
    cid = stored(store, doctor, doc)
    assert marker_hits(store.path) == []
    with raw(store.path) as conn:
        [(body,)] = conn.execute("SELECT body FROM documents").fetchall()
    assert isinstance(body, bytes) and body.startswith(b"SE1")
    assert MARKER in store.document(doctor, cid, KIND).document.text_of(doc.fields[-1].key)
    approval = store.approve_document(doctor, cid, KIND, PASSWORD)
    assert approval.verified and store.document(doctor, cid, KIND).approval_intact
    result = DocumentExporter(store).export(doctor, cid, KIND, ExportFormat.TEXT,
                                            destination="stdout")
    assert MARKER in result.content
    assert store.audit_verify().ok and not store.document_problems(cid)
    assert marker_hits(store.path) == []  # approval and export wrote no text either


def test_the_practice_manager_is_refused_the_document(
        store: Store, doctor: Session, visit: Visit, documents: DocumentDrafter) -> None:
    cid = stored(store, doctor, marked(documents, visit))
    store.create_user("leder", "daglig_leder", LEADER_PW,
                      session=store.authenticate("admin", PASSWORD))
    leader = store.authenticate("leder", LEADER_PW)
    with pytest.raises(ClinicalAccessDenied, match="bare leses av leger"):
        store.document(leader, cid, KIND)
    with raw(store.path) as conn:
        reads = conn.execute("SELECT count(*) FROM audit_events WHERE action = "
                             "'read_document'").fetchone()[0]
    assert reads == 0


def test_a_reopened_store_needs_a_doctors_login_to_read_and_checks_signatures_without_one(
        store: Store, doctor: Session, visit: Visit, documents: DocumentDrafter) -> None:
    cid = stored(store, doctor, marked(documents, visit))
    store.approve_document(doctor, cid, KIND, PASSWORD)
    n = store.save_document(doctor, cid, store.document(doctor, cid, KIND).document)
    store.close()
    with raw(store.path) as conn:  # the forger copies the old approval onto the new version
        old = conn.execute("SELECT user_id, approved_at, sha256, signature FROM "
                           "document_approvals WHERE consultation_id = ?", (cid,)).fetchone()
        conn.execute("INSERT INTO document_approvals (consultation_id, kind, version, user_id, "
                     "approved_at, sha256, signature) VALUES (?, ?, ?, ?, ?, ?, ?)",
                     (cid, KIND.value, n, *old))
        conn.execute("UPDATE documents SET approved = 1 WHERE consultation_id = ? AND n = ?",
                     (cid, n))
    with Store.open(store.path, PASSPHRASE, kdf_iter=KDF_ITER) as fresh:  # no key in memory
        problems = fresh.document_problems(cid)
        assert problems == [f"Konsultasjon {cid}, henvisning versjon {n}: godkjenningen har "
                            "ingen gyldig signatur fra legen."]
        assert not fresh.audit_verify().ok
        again = fresh.authenticate("dr.berg", PASSWORD)
        assert fresh.document(again, cid, KIND, 1).approval_intact


def test_ciphertext_moved_onto_an_approved_version_is_caught(
        store: Store, doctor: Session, visit: Visit, documents: DocumentDrafter) -> None:
    cid = stored(store, doctor, marked(documents, visit))
    store.approve_document(doctor, cid, KIND, PASSWORD)
    store.save_document(doctor, cid, documents.draft(visit, KIND).with_flags_acknowledged())
    with raw(store.path) as conn:  # valid ciphertext, but of version 2
        conn.execute("DROP TRIGGER documents_frozen")
        conn.execute("UPDATE documents SET body = (SELECT body FROM documents WHERE n = 2) "
                     "WHERE consultation_id = ? AND n = 1", (cid,))
    with pytest.raises(ClinicalDataTampered) as err:
        store.document(doctor, cid, KIND, 1)
    assert MARKER not in err.value.show()
    assert store.document_problems(cid) == [
        f"Konsultasjon {cid}, henvisning versjon 1: innholdet er endret etter godkjenningen."]


def test_the_first_doctor_login_encrypts_documents_stored_before_encryption(
        tmp_path: Path, visit: Visit, documents: DocumentDrafter) -> None:
    path = tmp_path / "gammel.db"
    doc = marked(documents, visit)
    conn = open_connection(path, PASSPHRASE, create=True, kdf_iter=KDF_ITER)
    migrate(conn)
    with transaction(conn):  # stored as a version without clinical encryption did: plain
        key, signer = users.new_key(PASSWORD)
        users.insert_user(conn, "dr.berg", users.Role.LEGE, users.hash_password(PASSWORD),
                          "9144889", audit.SYSTEM_ACTOR, key)
        actor = audit.Actor(1, "dr.berg")
        cid = consultations.create(conn, actor, "oppmote", "EPJ-7")
        docstore.save(conn, actor, cid, doc)
        docstore.approve(conn, actor, cid, KIND, signer)
        docstore.save(conn, actor, cid, doc)
    conn.close()
    assert marker_hits(path) == ["documents.body", "documents.body"]
    with Store.open(path, PASSPHRASE, kdf_iter=KDF_ITER) as s:
        doctor = s.authenticate("dr.berg", PASSWORD)
        assert s.clinical_encrypted() and marker_hits(path) == []
        approved = s.document(doctor, cid, KIND, 1)
        assert approved.approval_intact and approved.document == doc
        assert s.document(doctor, cid, KIND).document == doc
        assert s.audit_verify().ok and not s.document_problems()
    # the approved version is frozen again
    with raw(path) as conn, pytest.raises(sqlcipher3.DatabaseError, match="immutable"):
        conn.execute("UPDATE documents SET body = x'00' WHERE n = 1")


def test_a_document_approved_before_a_password_reset_still_verifies(
        store: Store, doctor: Session, visit: Visit, documents: DocumentDrafter) -> None:
    admin = store.authenticate("admin", PASSWORD)
    recovery = store.take_recovery_key(admin)
    assert recovery is not None
    cid = stored(store, doctor, marked(documents, visit))
    store.approve_document(doctor, cid, KIND, PASSWORD)
    store.reset_password(admin, "dr.berg", recovery, "nytt-passord-etter-glemt-3")
    back = store.authenticate("dr.berg", "nytt-passord-etter-glemt-3")
    assert store.document(back, cid, KIND).approval_intact  # signed with the retired key
    assert not store.document_problems(cid) and store.audit_verify().ok
