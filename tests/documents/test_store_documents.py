"""Documents in the encrypted store: versions, their own signed approval in the audit chain,
export refused until approved, an approved version immutable."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlcipher3
from docworld import KDF_ITER, PASSPHRASE, PASSWORD, transcript

from scribe.documents.drafting import DocumentDrafter, Visit
from scribe.documents.model import DocumentKind
from scribe.documents.render import DocumentTemplates
from scribe.errors import AccessDenied, ExportRefused, NotTheDoctor, UnacknowledgedFlags
from scribe.export.documents import DocumentExporter
from scribe.export.model import ExportFormat
from scribe.store import Session, Store

KIND = DocumentKind.HENVISNING


def _stored(store: Store, doctor: Session, visit: Visit, documents: DocumentDrafter) -> int:
    cid = store.create_consultation(doctor, patient_ref="EPJ-7")
    store.add_segments(cid, visit.transcript.segments)
    store.transition(doctor, cid, "transcribed")
    doc = documents.draft(visit, KIND).with_flags_acknowledged()
    store.save_document(doctor, cid, doc)
    return cid


def _actions(store: Store) -> list[str]:
    with sqlcipher3.connect(str(store.path)) as conn:
        conn.execute(f"PRAGMA key = '{PASSPHRASE}'")
        conn.execute(f"PRAGMA kdf_iter = {KDF_ITER}")
        return [r[0] for r in conn.execute("SELECT action FROM audit_events ORDER BY id")]


def test_export_is_refused_until_the_document_is_approved(
        store: Store, doctor: Session, visit: Visit, documents: DocumentDrafter) -> None:
    cid = _stored(store, doctor, visit, documents)
    exporter = DocumentExporter(store)
    with pytest.raises(ExportRefused, match="ikke godkjent"):
        exporter.export(doctor, cid, KIND, ExportFormat.TEXT, destination="stdout")
    with pytest.raises(ExportRefused):
        store.record_document_export(doctor, cid, KIND, "text", "stdout")
    assert "export_document" not in _actions(store)


def test_approval_is_signed_audited_and_lets_the_document_out(
        store: Store, doctor: Session, visit: Visit, documents: DocumentDrafter) -> None:
    cid = _stored(store, doctor, visit, documents)
    with pytest.raises(AccessDenied, match="Feil passord"):
        store.approve_document(doctor, cid, KIND, "feil-passord-1")
    approval = store.approve_document(doctor, cid, KIND, PASSWORD)
    assert approval.signed and approval.verified and approval.user == "dr.berg"
    version = store.document(doctor, cid, KIND)
    assert version.approval_intact and version.approval.sha256 == approval.sha256  # type: ignore[union-attr]
    result = DocumentExporter(store).export(doctor, cid, KIND, ExportFormat.TEXT,
                                            destination="stdout")
    assert result.content.startswith("HENVISNING") and "Fysioterapeut" in result.content
    actions = _actions(store)
    for action in ("save_document", "approve_document_failed", "approve_document",
                   "export_document"):
        assert action in actions
    assert actions[actions.index("approve_document") + 1] == "checkpoint"
    assert store.audit_verify().ok and not store.document_problems(cid)
    # the note's approval is untouched: documents are approved on their own
    assert store.consultation(doctor, cid).status == "transcribed"


def test_the_referral_goes_out_as_a_fhir_service_request(
        store: Store, doctor: Session, visit: Visit, documents: DocumentDrafter,
        tmp_path: Path) -> None:
    import json

    cid = _stored(store, doctor, visit, documents)
    store.approve_document(doctor, cid, KIND, PASSWORD)
    out = DocumentExporter(store).export_file(doctor, cid, KIND, ExportFormat.FHIR, tmp_path)
    bundle = json.loads(out.path.read_text(encoding="utf-8"))  # type: ignore[union-attr]
    request = bundle["entry"][0]["resource"]
    assert request["resourceType"] == "ServiceRequest" and request["intent"] == "order"
    assert request["performerType"]["text"].startswith("Fysioterapeut")
    assert "priority" not in request  # no urgency was said
    kinds = {e["resource"]["resourceType"] for e in bundle["entry"]}
    assert kinds == {"ServiceRequest", "Practitioner", "Patient", "Provenance"}
    with pytest.raises(ExportRefused, match="bare for henvisningen"):
        sick = documents.draft(visit, DocumentKind.SYKMELDING).with_flags_acknowledged()
        store.save_document(doctor, cid, sick)
        store.approve_document(doctor, cid, DocumentKind.SYKMELDING, PASSWORD)
        DocumentExporter(store).export(doctor, cid, DocumentKind.SYKMELDING,
                                       ExportFormat.FHIR, destination="stdout")


def test_an_approved_version_never_changes_and_a_forged_approval_does_not_count(
        store: Store, doctor: Session, visit: Visit, documents: DocumentDrafter) -> None:
    cid = _stored(store, doctor, visit, documents)
    store.approve_document(doctor, cid, KIND, PASSWORD)
    with sqlcipher3.connect(str(store.path)) as conn:
        conn.execute(f"PRAGMA key = '{PASSPHRASE}'")
        conn.execute(f"PRAGMA kdf_iter = {KDF_ITER}")
        with pytest.raises(sqlcipher3.DatabaseError, match="immutable"):
            conn.execute("UPDATE documents SET body = '{}' WHERE consultation_id = ?", (cid,))
    # a new version is a new document to approve; its forged approval row is refused
    n = store.save_document(doctor, cid, store.document(doctor, cid, KIND).document)
    with sqlcipher3.connect(str(store.path)) as conn:
        conn.execute(f"PRAGMA key = '{PASSPHRASE}'")
        conn.execute(f"PRAGMA kdf_iter = {KDF_ITER}")
        old = conn.execute("SELECT user_id, approved_at, sha256, signature FROM "
                           "document_approvals WHERE consultation_id = ?", (cid,)).fetchone()
        conn.execute("INSERT INTO document_approvals (consultation_id, kind, version, user_id, "
                     "approved_at, sha256, signature) VALUES (?, ?, ?, ?, ?, ?, ?)",
                     (cid, KIND.value, n, *old))
        conn.execute("UPDATE documents SET approved = 1 WHERE consultation_id = ? AND n = ?",
                     (cid, n))
    assert not store.document(doctor, cid, KIND).approval_intact
    assert store.document_problems(cid)
    with pytest.raises(ExportRefused):
        DocumentExporter(store).export(doctor, cid, KIND, ExportFormat.TEXT, destination="x")


def test_only_the_consultations_doctor_approves_and_flags_must_be_checked(
        store: Store, doctor: Session, visit: Visit, documents: DocumentDrafter) -> None:
    cid = _stored(store, doctor, visit, documents)
    colleague = store.authenticate("dr.lie", PASSWORD)
    with pytest.raises(NotTheDoctor):
        store.approve_document(colleague, cid, KIND, PASSWORD)
    flagged = documents.draft(Visit(transcript(), visit.extraction, visit.draft),
                              DocumentKind.PASIENT)
    flagged = flagged.with_field_text("avtalt", "Ta 9 tabletter.", author="dr.berg")
    from dataclasses import replace

    from scribe.domain import Flag
    marked = replace(flagged, fields=tuple(
        replace(f, statements=tuple(replace(st, flags=(Flag("weak_support", "test"),))
                                    for st in f.statements)) for f in flagged.fields))
    store.save_document(doctor, cid, marked)
    with pytest.raises(UnacknowledgedFlags):
        store.approve_document(doctor, cid, DocumentKind.PASIENT, PASSWORD)
    text = DocumentTemplates().render_document(marked, show_flags=True)
    assert "[?weak_support]" in text
