"""Documents of a consultation (henvisning, sykmelding, oppsummering til pasienten): versions,
approvals and exports, as functions of a connection (issue 18).

Each kind of document has its own versions (``documents``, keyed by consultation, kind and
version number), its own approval and its own exports. An approval is signed exactly as a
note approval is (:mod:`scribe.store.drafts`): the doctor's Ed25519 key, unlocked by their
password, signs consultation, kind, version, signer, the consultation's doctor, "på vegne av",
the time and the sha256 of exactly what was approved; each load checks signature and content
again. An approved version never changes (triggers abort an UPDATE or DELETE), and only an
approved, intact version is exported. Every save, read, approval and export is in the audit
chain (ids, kinds and hashes only, never text).

The document's text is clinical: :func:`_seal_body` encrypts it under the practice's clinical
data key on its way into the database and :func:`_open_body` decrypts it on its way out
(:func:`scribe.store.envelope.seal_body`, bound to consultation, kind and version), so the
passphrase alone shows none of it and a session without the key is refused. Without the key an
approval is checked on its signature only: the ciphertext cannot be changed unnoticed (AES-GCM
under the row's identity), but the plain-text hash it was signed over needs the key.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from scribe.documents.model import Document, DocumentKind, document_from_json, document_to_json
from scribe.errors import (
    ClinicalDataTampered,
    EmptyNote,
    ExportRefused,
    InvalidTransition,
    StorageError,
    UnacknowledgedFlags,
)
from scribe.store import audit, drafts, envelope, signing
from scribe.store.db import Connection
from scribe.store.envelope import Vault, vault_of

TABLE = "documents"  # the body's associated data: table, "body", consultation, kind, version


def _seal_body(vault: Vault, body: str, cid: int, kind: DocumentKind, n: int) -> str | bytes:
    """The document text as stored: encrypted under the clinical data key (plain only in a
    database no doctor has turned encryption on for yet)."""
    return envelope.seal_body(vault, body, TABLE, cid, kind.value, n)


def _open_body(vault: Vault, stored: str | bytes, cid: int, kind: DocumentKind, n: int) -> str:
    """The document text as read back; ClinicalAccessDenied without the key,
    ClinicalDataTampered if it was changed or moved."""
    return envelope.open_body(vault, stored, TABLE, cid, kind.value, n)


@dataclass(frozen=True)
class DocumentApproval:
    """Who approved which version of which document when; only a ``verified`` one counts."""

    consultation_id: int
    kind: DocumentKind
    version: int
    user: str
    approved_at: datetime
    sha256: str
    on_behalf_of: str | None = None
    user_hpr: str | None = None
    signed: bool = False
    content_ok: bool = False

    @property
    def verified(self) -> bool:
        return self.signed and self.content_ok

    @property
    def problem(self) -> str | None:
        """Why this approval does not count, in Norwegian (no patient text)."""
        if not self.content_ok:
            return "innholdet er endret etter godkjenningen"
        if not self.signed:
            return "godkjenningen har ingen gyldig signatur fra legen"
        return None


@dataclass(frozen=True)
class DocumentVersion:
    consultation_id: int
    kind: DocumentKind
    n: int
    document: Document
    created_at: datetime
    created_by: str | None
    approval: DocumentApproval | None = None

    @property
    def approved(self) -> bool:
        return self.approval is not None

    @property
    def approval_intact(self) -> bool:
        return self.approval is not None and self.approval.verified


def latest_version(conn: Connection, cid: int, kind: DocumentKind) -> int | None:
    row = conn.execute("SELECT max(n) FROM documents WHERE consultation_id = ? AND kind = ?",
                       (cid, kind.value)).fetchone()
    return None if row[0] is None else int(row[0])


def save(conn: Connection, actor: audit.Actor, cid: int, document: Document,
         vault: Vault | None = None) -> int:
    """Stores ``document`` as the next version of its kind (``vault``: this transaction's
    access to clinical text; by default, the database's without a key)."""
    vault = vault or vault_of(conn)
    vault.require()
    if conn.execute("SELECT 1 FROM consultations WHERE id = ?", (cid,)).fetchone() is None:
        raise StorageError(f"Konsultasjon {cid} finnes ikke.")
    n = (latest_version(conn, cid, document.kind) or 0) + 1
    conn.execute(
        "INSERT INTO documents (consultation_id, kind, n, template, author, body, created_by, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (cid, document.kind.value, n, document.template, document.author,
         _seal_body(vault, document_to_json(document), cid, document.kind, n), actor.user_id,
         audit.now_iso()))
    audit.append(conn, actor, "save_document", "consultation", cid, kind=document.kind.value,
                 version=n, statements=len(document.statements()))
    return n


def load(conn: Connection, cid: int, kind: DocumentKind, n: int | None = None,
         vault: Vault | None = None) -> DocumentVersion:
    """One version, decrypted (the vault must open it), with its approval checked."""
    vault = vault or vault_of(conn)
    n = latest_version(conn, cid, kind) if n is None else n
    row = None if n is None else conn.execute(
        "SELECT d.body, d.created_at, u.name FROM documents d LEFT JOIN users u "
        "ON u.id = d.created_by WHERE d.consultation_id = ? AND d.kind = ? AND d.n = ?",
        (cid, kind.value, n)).fetchone()
    if row is None or n is None:
        raise StorageError(f"Konsultasjon {cid} har ingen {kind.value}"
                           + (f" med versjon {n}." if n is not None else "."))
    body = _open_body(vault, row[0], cid, kind, n)
    version = DocumentVersion(cid, kind, n, document_from_json(body),
                              datetime.fromisoformat(row[1]), row[2])
    found = approval(conn, cid, kind, n)
    if found is None:
        return version
    return replace(version, approval=replace(found,
                                             content_ok=document_hash(version) == found.sha256))


def kinds_stored(conn: Connection, cid: int) -> list[DocumentKind]:
    rows = conn.execute("SELECT DISTINCT kind FROM documents WHERE consultation_id = ?",
                        (cid,)).fetchall()
    return sorted((DocumentKind(r[0]) for r in rows), key=list(DocumentKind).index)


def canonical_payload(version: DocumentVersion) -> dict[str, Any]:
    """Exactly what a document approval covers: kind, version, template and every field's
    text (evidence and flags are the doctor's working material, not the document)."""
    return {"consultation": version.consultation_id, "kind": version.kind.value,
            "version": version.n, "template": version.document.template,
            "fields": [[f.key, [st.text for st in f.statements]]
                       for f in version.document.fields]}


def document_hash(version: DocumentVersion) -> str:
    return signing.digest(canonical_payload(version))


def approval_payload(cid: int, kind: str, n: int, signer: int, doctor: int, on_behalf: bool,
                     at: str, digest: str) -> bytes:
    """The exact bytes a document approval's signature covers."""
    return drafts.signed_payload("document_approval", cid, n, signer, doctor, on_behalf, at,
                                 digest, document=kind)


_APPROVAL = """
SELECT a.version, u.name, a.approved_at, a.sha256, a.signature, a.user_id, u.public_key, u.hpr,
       a.on_behalf_of, b.name, c.doctor_id
FROM document_approvals a JOIN users u ON u.id = a.user_id
JOIN consultations c ON c.id = a.consultation_id
LEFT JOIN users b ON b.id = a.on_behalf_of
WHERE a.consultation_id = ? AND a.kind = ? AND a.version = ?
"""


def approval(conn: Connection, cid: int, kind: DocumentKind, n: int) -> DocumentApproval | None:
    """The approval of a version, its signature checked (not yet its content)."""
    row = conn.execute(_APPROVAL, (cid, kind.value, n)).fetchone()
    if row is None:
        return None
    version, user, at, digest, signature, signer, public, hpr, behalf, behalf_name, doctor = row
    payload = approval_payload(cid, kind.value, int(version), int(signer), int(doctor),
                               behalf is not None, str(at), str(digest))
    signed = drafts.signature_holds(payload, signature,
                                     audit.keys_at(conn, int(signer), public, str(at)),
                                     signer=signer, doctor=doctor, behalf=behalf)
    return DocumentApproval(cid, kind, int(version), str(user), datetime.fromisoformat(at),
                            str(digest), on_behalf_of=behalf_name, user_hpr=hpr, signed=signed)


def _check_approvable(version: DocumentVersion) -> None:
    if version.approval is not None:
        raise InvalidTransition(f"Versjon {version.n} av dokumentet er allerede godkjent.",
                                "Lagre en endring for å lage en ny versjon.")
    if not version.document.statements():
        raise EmptyNote("Dokumentet er tomt og kan ikke godkjennes.")
    unchecked = version.document.unacknowledged_flags()
    if unchecked:
        raise UnacknowledgedFlags(f"{unchecked} merknader i dokumentet er ikke kontrollert. "
                                  "Dokumentet er ikke godkjent.")


def approve(conn: Connection, actor: audit.Actor, cid: int, kind: DocumentKind,
            signer: signing.Signer, *, on_behalf: bool = False,
            vault: Vault | None = None) -> DocumentApproval:
    """Approves the latest version of ``kind``, signed by ``signer`` (the actor's key).
    Only the consultation's doctor approves, unless ``on_behalf`` (a colleague for them)."""
    version = load(conn, cid, kind, None, vault)
    _check_approvable(version)
    doctor, behalf = drafts.approver(conn, actor, cid, on_behalf=on_behalf, what="dokumentet")
    digest, at = document_hash(version), audit.now_iso()
    signature = signer.sign(approval_payload(cid, kind.value, version.n,
                                             int(actor.user_id or 0), doctor,
                                             behalf is not None, at, digest))
    conn.execute("INSERT INTO document_approvals (consultation_id, kind, version, user_id, "
                 "approved_at, sha256, signature, on_behalf_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                 (cid, kind.value, version.n, actor.user_id, at, digest, signature, behalf))
    conn.execute("UPDATE documents SET approved = 1 WHERE consultation_id = ? AND kind = ? "
                 "AND n = ?", (cid, kind.value, version.n))
    audit.append(conn, actor, "approve_document", "consultation", cid, kind=kind.value,
                 version=version.n, sha256=digest, on_behalf_of=behalf)
    audit.checkpoint(conn, actor, signer)
    found = approval(conn, cid, kind, version.n)
    assert found is not None
    return replace(found, content_ok=True)


def record_export(conn: Connection, actor: audit.Actor, cid: int, kind: DocumentKind, fmt: str,
                  destination: str, vault: Vault | None = None) -> int:
    """Records an export of the latest version; refuses one that is not approved and intact."""
    version = load(conn, cid, kind, None, vault)
    problem = approval_problem(version)
    if problem is not None:
        raise ExportRefused(f"Konsultasjon {cid}, {kind.value} versjon {version.n}: {problem}. "
                            "Ingenting er eksportert.",
                            "Les gjennom og godkjenn dokumentet først.")
    cur = conn.execute("INSERT INTO document_exports (consultation_id, kind, version, user_id, "
                       "format, destination, exported_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                       (cid, kind.value, version.n, actor.user_id, fmt, destination,
                        audit.now_iso()))
    audit.append(conn, actor, "export_document", "consultation", cid, kind=kind.value,
                 version=version.n, format=fmt)
    return int(cur.lastrowid)


def approval_problem(version: DocumentVersion) -> str | None:
    if version.approval is None:
        return "dokumentet er ikke godkjent"
    return version.approval.problem


def approval_state(conn: Connection, cid: int, kind: DocumentKind, n: int,
                   vault: Vault) -> DocumentApproval | None:
    """The approval of a version with its content checked as far as ``vault`` allows: fully
    with the key (or in a plain database); without it, on its signature alone (the body is
    ciphertext bound to its row, so it cannot be swapped, but it cannot be hashed either)."""
    if vault.can_open:
        try:
            return load(conn, cid, kind, n, vault).approval
        except ClinicalDataTampered:  # changed or moved under the key: not what was approved
            found = approval(conn, cid, kind, n)
            return None if found is None else replace(found, content_ok=False)
    found = approval(conn, cid, kind, n)
    return None if found is None else replace(found, content_ok=True)


def approval_problems(conn: Connection, cid: int | None = None,
                      vault: Vault | None = None) -> list[str]:
    """Every document approval (of consultation ``cid``, or all) that does not hold, and every
    version marked approved without one, in Norwegian (ids and kinds only). Without the
    clinical key the content is not checked (see :func:`approval_state`)."""
    vault = vault or vault_of(conn)
    problems: list[str] = []
    rows = conn.execute(
        "SELECT d.consultation_id, d.kind, d.n, a.id IS NOT NULL FROM documents d "
        "LEFT JOIN document_approvals a ON a.consultation_id = d.consultation_id "
        "AND a.kind = d.kind AND a.version = d.n "
        "WHERE (d.approved = 1 OR a.id IS NOT NULL) AND (? IS NULL OR d.consultation_id = ?) "
        "ORDER BY d.consultation_id, d.kind, d.n", (cid, cid)).fetchall()
    for c, kind, n, has_row in rows:
        found = approval_state(conn, int(c), DocumentKind(kind), int(n), vault) \
            if has_row else None
        problem = "merket godkjent uten godkjenning" if found is None else found.problem
        if problem is not None:
            problems.append(f"Konsultasjon {c}, {kind} versjon {n}: {problem}.")
    return problems
