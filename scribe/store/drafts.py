"""Draft versions, their codes and takster, approvals and exports (functions of a connection).

An approved version is frozen twice over: the code refuses to change it, and triggers in the
schema abort any UPDATE or DELETE of it or of the codes and takster it was approved with.

An approval is signed with the approving doctor's key (Ed25519, unlocked by their password):
the signature covers consultation, version, signer, the consultation's doctor, "på vegne av",
the time and the sha256 of exactly what was approved. Each load checks it again, so a row
written with the passphrase alone, or content changed and re-hashed, is never "approved".

Clinical columns (the note body, the reasons and evidence of codes and takster) go through a
:class:`~scribe.store.envelope.Vault`. In an encrypted database an approval also covers a
*sealed digest*: the sha256 of the encrypted note plus the accepted codes and takster, so
billing and ``audit verify`` check it without the clinical key.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from scribe.consultation import Status
from scribe.domain import CodeSuggestion, Draft, Flag, Section, Statement, TakstLine
from scribe.errors import (
    ClinicalDataTampered,
    EmptyNote,
    ExportRefused,
    InvalidTransition,
    NotTheDoctor,
    StorageError,
    UnacknowledgedFlags,
)
from scribe.store import audit, signing
from scribe.store.consultations import set_status, status_of
from scribe.store.db import Connection
from scribe.store.envelope import Vault, vault_of


@dataclass(frozen=True)
class Approval:
    """Who approved which version when. ``user`` approved (and signed); ``on_behalf_of`` is
    the consultation's doctor when a colleague approved for them. ``signed``: the signature
    holds; ``legacy``: made before signing existed and listed then; ``content_ok``: the stored
    content still has the approved sha256. Only a ``verified`` approval counts."""

    consultation_id: int
    version: int
    user: str
    approved_at: datetime
    sha256: str
    on_behalf_of: str | None = None
    user_hpr: str | None = None
    signed: bool = False
    legacy: bool = False
    content_ok: bool = False
    sealed_sha256: str | None = None
    content_checked: bool = True  # False: made before encryption and read without the key

    @property
    def verified(self) -> bool:
        return self.content_ok and (self.signed or self.legacy)

    @property
    def problem(self) -> str | None:
        """Why this approval does not count, in Norwegian (no patient text)."""
        if not (self.signed or self.legacy):
            return "godkjenningen har ingen gyldig signatur fra legen"
        if not self.content_ok:
            return "innholdet er endret etter godkjenningen"
        return None


@dataclass(frozen=True)
class DraftVersion:
    consultation_id: int
    n: int
    draft: Draft
    created_at: datetime
    created_by: str | None
    codes: tuple[CodeSuggestion, ...] = ()
    takster: tuple[TakstLine, ...] = ()
    approval: Approval | None = None

    @property
    def approved(self) -> bool:
        """Has an approval row; see :attr:`approval_intact` for whether it holds."""
        return self.approval is not None

    @property
    def approval_intact(self) -> bool:
        return self.approval is not None and self.approval.verified


def draft_to_json(draft: Draft) -> str:
    return json.dumps({"sections": [
        {"name": s.name, "statements": [
            {"text": st.text, "evidence": list(st.evidence),
             "flags": [[f.kind, f.detail, f.acknowledged] for f in st.flags]}
            for st in s.statements]}
        for s in draft.sections]}, ensure_ascii=False)


def draft_from_json(text: str, template: str, author: str) -> Draft:
    data = json.loads(text)
    return Draft(template=template, author=author, sections=tuple(
        Section(s["name"], tuple(
            Statement(st["text"], tuple(st["evidence"]), tuple(Flag(*f) for f in st["flags"]))
            for st in s["statements"])) for s in data["sections"]))


def latest_version(conn: Connection, cid: int) -> int | None:
    row = conn.execute("SELECT max(n) FROM draft_versions WHERE consultation_id = ?",
                       (cid,)).fetchone()
    return None if row[0] is None else int(row[0])


def insert_version(conn: Connection, actor: audit.Actor, cid: int, draft: Draft,
                   vault: Vault | None = None) -> int:
    n = (latest_version(conn, cid) or 0) + 1
    body = (vault or vault_of(conn)).seal_text(draft_to_json(draft), "draft_versions",
                                               "body_json", cid, n)
    conn.execute(
        "INSERT INTO draft_versions (consultation_id, n, template, author, body_json, "
        "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (cid, n, draft.template, draft.author, body, actor.user_id, audit.now_iso()))
    return n


def save(conn: Connection, actor: audit.Actor, cid: int, draft: Draft,
         vault: Vault | None = None) -> int:
    """Stores ``draft`` as the next version; the consultation becomes (or stays) drafted."""
    vault = vault or vault_of(conn)
    vault.require()  # refuse before anything changes
    if status_of(conn, cid) is not Status.DRAFTED:
        set_status(conn, actor, cid, Status.DRAFTED)
    n = insert_version(conn, actor, cid, draft, vault)
    audit.append(conn, actor, "save_draft", "consultation", cid, version=n,
                 statements=sum(len(s.statements) for s in draft.sections))
    return n


def _is_approved(conn: Connection, cid: int, n: int) -> bool:
    row = conn.execute("SELECT approved FROM draft_versions WHERE consultation_id = ? AND n = ?",
                       (cid, n)).fetchone()
    if row is None:
        raise StorageError(f"Versjon {n} av konsultasjon {cid} finnes ikke.")
    return bool(row[0])


def _refuse_if_approved(conn: Connection, cid: int, n: int) -> None:
    if _is_approved(conn, cid, n):
        raise InvalidTransition(f"Versjon {n} er godkjent og kan ikke endres.",
                                "Lag en ny versjon for å redigere.")


def save_coding(conn: Connection, actor: audit.Actor, cid: int, n: int,
                codes: Sequence[CodeSuggestion], takster: Sequence[TakstLine],
                vault: Vault | None = None) -> None:
    _refuse_if_approved(conn, cid, n)
    conn.execute("DELETE FROM code_suggestions WHERE consultation_id = ? AND version = ?",
                 (cid, n))
    conn.execute("DELETE FROM takst_lines WHERE consultation_id = ? AND version = ?", (cid, n))
    _insert_coding(conn, cid, n, codes, takster, vault or vault_of(conn))
    audit.append(conn, actor, "save_coding", "consultation", cid, version=n, codes=len(codes),
                 takster=len(takster))


def _insert_coding(conn: Connection, cid: int, n: int, codes: Sequence[CodeSuggestion],
                   takster: Sequence[TakstLine], vault: Vault) -> None:
    def code_row(c: CodeSuggestion) -> tuple[object, ...]:
        at = ("code_suggestions", cid, n, c.system, c.code)
        return (cid, n, c.system, c.code, c.title, c.rank,
                vault.seal_text(c.reason, at[0], "reason", *at[1:]),
                vault.seal_text(json.dumps(list(c.evidence)), at[0], "evidence_json", *at[1:]),
                int(c.primary), c.status)

    def takst_row(t: TakstLine) -> tuple[object, ...]:
        at = ("takst_lines", cid, n, t.code)
        return (cid, n, t.code, t.count, t.fee, t.patient_share, t.refund,
                vault.seal_text(t.reason, at[0], "reason", *at[1:]),
                json.dumps(list(t.warnings), ensure_ascii=False),
                vault.seal_text(json.dumps(list(t.evidence)), at[0], "evidence_json", *at[1:]),
                t.status)
    conn.executemany(
        "INSERT INTO code_suggestions (consultation_id, version, system, code, title, rank, "
        "reason, evidence_json, is_primary, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [code_row(c) for c in codes])
    conn.executemany(
        "INSERT INTO takst_lines (consultation_id, version, code, count, fee, patient_share, "
        "refund, reason, warnings_json, evidence_json, status) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [takst_row(t) for t in takster])


def coding(conn: Connection, cid: int, n: int, vault: Vault | None = None
           ) -> tuple[tuple[CodeSuggestion, ...], tuple[TakstLine, ...]]:
    box = vault or vault_of(conn)

    def opened(value: str | bytes | None, table: str, column: str, *keys: object) -> str:
        return box.open_text(value, table, column, cid, n, *keys) or ""
    codes = tuple(
        CodeSuggestion(system=r[0], code=r[1], title=r[2], rank=r[3],
                       reason=opened(r[4], "code_suggestions", "reason", r[0], r[1]),
                       evidence=tuple(json.loads(opened(r[5], "code_suggestions",
                                                        "evidence_json", r[0], r[1]))),
                       primary=bool(r[6]), status=r[7])
        for r in conn.execute(
            "SELECT system, code, title, rank, reason, evidence_json, is_primary, status "
            "FROM code_suggestions WHERE consultation_id = ? AND version = ? ORDER BY rank",
            (cid, n)))
    takster = tuple(
        TakstLine(code=r[0], count=r[1], fee=r[2], patient_share=r[3], refund=r[4],
                  reason=opened(r[5], "takst_lines", "reason", r[0]),
                  warnings=tuple(json.loads(r[6])),
                  evidence=tuple(json.loads(opened(r[7], "takst_lines", "evidence_json",
                                                   r[0]))), status=r[8])
        for r in conn.execute(
            "SELECT code, count, fee, patient_share, refund, reason, warnings_json, "
            "evidence_json, status FROM takst_lines WHERE consultation_id = ? AND version = ? "
            "ORDER BY rowid", (cid, n)))
    return codes, takster


_APPROVAL = """
SELECT a.version, u.name, a.approved_at, a.sha256, a.signature, a.user_id, u.public_key, u.hpr,
       a.on_behalf_of, b.name, c.doctor_id, a.sealed_sha256
FROM approvals a JOIN users u ON u.id = a.user_id
JOIN consultations c ON c.id = a.consultation_id
LEFT JOIN users b ON b.id = a.on_behalf_of
WHERE a.consultation_id = ? AND a.version = ?
"""


def signed_payload(kind: str, cid: int, n: int, signer: int, doctor: int, on_behalf: bool,
                   at: str, digest: str, **more: object) -> bytes:
    """The exact bytes an approval of ``kind`` signs: consultation, version, signer, the
    consultation's doctor, "på vegne av", the time and the content hash (and ``more``). Note
    and document approvals (:mod:`scribe.store.documents`) are signed alike."""
    return signing.canonical({"kind": kind, "consultation": cid, "version": n,
                              "signer": signer, "doctor": doctor, "on_behalf": on_behalf,
                              "approved_at": at, "sha256": digest, **more})


def signature_holds(payload: bytes, signature: str | None, keys: Iterable[str | None], *,
                    signer: object, doctor: object, behalf: object) -> bool:
    """Whether an approval row's signature counts: made by one of ``keys`` over exactly
    ``payload``, and by the consultation's doctor, or for them (``behalf``, "på vegne av")."""
    consistent = (behalf == doctor) if behalf is not None else (signer == doctor)
    return consistent and any(signing.verify(key, payload, signature) for key in keys)


def approval_payload(cid: int, n: int, signer: int, doctor: int, on_behalf: bool, at: str,
                     digest: str, sealed: str | None = None) -> bytes:
    """The exact bytes an approval signature covers (``sealed``: the sealed digest, in an
    encrypted database; approvals made before encryption have none)."""
    more = {} if sealed is None else {"sealed_sha256": sealed}
    return signed_payload("approval", cid, n, signer, doctor, on_behalf, at, digest, **more)


def sealed_digest(conn: Connection, cid: int, n: int) -> str | None:
    """sha256 over the encrypted note body and the accepted codes and takster (plain billing
    fields): what an approval in an encrypted database covers besides the plain-text hash.
    None when the body is not encrypted."""
    row = conn.execute("SELECT body_json FROM draft_versions WHERE consultation_id = ? "
                       "AND n = ?", (cid, n)).fetchone()
    if row is None or isinstance(row[0], str):
        return None
    codes = conn.execute(
        "SELECT system, code, title, is_primary FROM code_suggestions WHERE consultation_id = ? "
        "AND version = ? AND status = 'accepted' ORDER BY rank, system, code", (cid, n))
    takster = conn.execute(
        "SELECT code, count, fee FROM takst_lines WHERE consultation_id = ? AND version = ? "
        "AND status = 'accepted' ORDER BY rowid", (cid, n))
    return signing.digest({
        "consultation": cid, "version": n,
        "body": hashlib.sha256(bytes(row[0])).hexdigest(),
        "codes": [[r[0], r[1], r[2], bool(r[3])] for r in codes],
        "takster": [[r[0], int(r[1]), round(float(r[2]), 2)] for r in takster],
    })


def approval(conn: Connection, cid: int, n: int) -> Approval | None:
    """The approval row of a version, its signature checked (not yet its content)."""
    row = conn.execute(_APPROVAL, (cid, n)).fetchone()
    if row is None:
        return None
    (version, user, at, digest, signature, signer, public, hpr, behalf, behalf_name, doctor,
     sealed) = row
    payload = approval_payload(cid, int(version), int(signer), int(doctor), behalf is not None,
                               str(at), str(digest), None if sealed is None else str(sealed))
    signed = signature_holds(payload, signature,
                             audit.keys_at(conn, int(signer), public, str(at)),
                             signer=signer, doctor=doctor, behalf=behalf)
    legacy = not signature and (cid, int(version), str(digest)) in audit.legacy_approvals(conn)
    return Approval(cid, int(version), str(user), datetime.fromisoformat(at), str(digest),
                    on_behalf_of=behalf_name, user_hpr=hpr, signed=signed, legacy=legacy,
                    sealed_sha256=None if sealed is None else str(sealed))



def load(conn: Connection, cid: int, n: int | None, vault: Vault | None = None) -> DraftVersion:
    """One version, decrypted (the vault must open it), with its approval checked."""
    vault = vault or vault_of(conn)
    n = latest_version(conn, cid) if n is None else n
    row = None if n is None else conn.execute(
        "SELECT d.template, d.author, d.body_json, d.created_at, u.name FROM draft_versions d "
        "LEFT JOIN users u ON u.id = d.created_by WHERE d.consultation_id = ? AND d.n = ?",
        (cid, n)).fetchone()
    if row is None or n is None:
        raise StorageError(f"Konsultasjon {cid} har ikke noe utkast"
                           + (f" med versjon {n}." if n is not None else "."))
    codes, takster = coding(conn, cid, n, vault)
    body = vault.open_text(row[2], "draft_versions", "body_json", cid, n) or ""
    version = DraftVersion(cid, n, draft_from_json(body, row[0], row[1]),
                           datetime.fromisoformat(row[3]), row[4], codes, takster)
    found = approval(conn, cid, n)
    if found is None:
        return version
    sealed_ok = found.sealed_sha256 is None or sealed_digest(conn, cid, n) == found.sealed_sha256
    return replace(version, approval=replace(
        found, content_ok=sealed_ok and approval_hash(version) == found.sha256))


def approval_state(conn: Connection, cid: int, n: int, vault: Vault) -> Approval | None:
    """The approval of a version with its content checked as far as ``vault`` allows: fully
    with the key (or in a plain database); without it, through the sealed digest. An approval
    made before encryption cannot be content-checked without the key: it counts on its
    signature alone then, marked ``content_checked=False``."""
    if vault.can_open:
        try:
            return load(conn, cid, n, vault).approval
        except ClinicalDataTampered:  # changed or moved under the key: not what was approved
            found = approval(conn, cid, n)
            return None if found is None else replace(found, content_ok=False)
    found = approval(conn, cid, n)
    if found is None:
        return None
    if found.sealed_sha256 is not None:
        return replace(found, content_ok=sealed_digest(conn, cid, n) == found.sealed_sha256)
    return replace(found, content_ok=True, content_checked=False)


def canonical_payload(version: DraftVersion) -> dict[str, Any]:
    """Exactly what an approval covers: note text, accepted codes and accepted takster."""
    return {
        "consultation": version.consultation_id,
        "version": version.n,
        "template": version.draft.template,
        "note": [[s.name, [st.text for st in s.statements]] for s in version.draft.sections],
        "codes": [[c.system, c.code, c.title, c.primary] for c in version.codes
                  if c.status == "accepted"],
        "takster": [[t.code, t.count, round(t.fee, 2)] for t in version.takster
                    if t.status == "accepted"],
    }


def approval_hash(version: DraftVersion) -> str:
    return signing.digest(canonical_payload(version))


def _check_approvable(version: DraftVersion) -> None:
    if not any(st.text.strip() for s in version.draft.sections for st in s.statements):
        raise EmptyNote("Notatet er tomt og kan ikke godkjennes.")
    unchecked = version.draft.unacknowledged_flags()
    if unchecked:
        raise UnacknowledgedFlags(f"{unchecked} merknader i notatet er ikke kontrollert. "
                                  "Notatet er ikke godkjent.")


def _doctor_of(conn: Connection, cid: int) -> tuple[int, str]:
    row = conn.execute("SELECT c.doctor_id, u.name FROM consultations c JOIN users u "
                       "ON u.id = c.doctor_id WHERE c.id = ?", (cid,)).fetchone()
    if row is None:
        raise StorageError(f"Konsultasjon {cid} finnes ikke.")
    return int(row[0]), str(row[1])


def approver(conn: Connection, actor: audit.Actor, cid: int, *, on_behalf: bool,
             what: str) -> tuple[int, int | None]:
    """The consultation's doctor, and whom ``actor`` approves for (None: their own).
    NotTheDoctor unless ``actor`` is that doctor or approves ``on_behalf`` of them; ``what``:
    the thing approved as the message names it ("notatet", "dokumentet")."""
    doctor, doctor_name = _doctor_of(conn, cid)
    if doctor != actor.user_id and not on_behalf:
        raise NotTheDoctor(f"Konsultasjon {cid} er legen {doctor_name} sin; {what} er ikke "
                           "godkjent.")
    return doctor, (doctor if doctor != actor.user_id else None)


def approve(conn: Connection, actor: audit.Actor, cid: int, signer: signing.Signer, *,
            on_behalf: bool = False, vault: Vault | None = None) -> Approval:
    """Approves the latest version, signed by ``signer`` (the actor's unlocked key).

    Only the consultation's doctor approves, unless ``on_behalf``: then a colleague approves
    for that doctor, and the row, the signature and the audit event all say so.
    """
    vault = vault or vault_of(conn)
    version = load(conn, cid, None, vault)
    _check_approvable(version)
    doctor, behalf = approver(conn, actor, cid, on_behalf=on_behalf, what="notatet")
    set_status(conn, actor, cid, Status.APPROVED)  # raises unless drafted
    digest, at = approval_hash(version), audit.now_iso()
    sealed = sealed_digest(conn, cid, version.n)
    signature = signer.sign(approval_payload(cid, version.n, int(actor.user_id or 0), doctor,
                                             behalf is not None, at, digest, sealed))
    conn.execute("INSERT INTO approvals (consultation_id, version, user_id, approved_at, "
                 "sha256, signature, on_behalf_of, sealed_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                 (cid, version.n, actor.user_id, at, digest, signature, behalf, sealed))
    conn.execute("UPDATE draft_versions SET approved = 1 WHERE consultation_id = ? AND n = ?",
                 (cid, version.n))
    audit.append(conn, actor, "approve", "consultation", cid, version=version.n,
                 sha256=digest, on_behalf_of=behalf)
    audit.checkpoint(conn, actor, signer)
    found = approval(conn, cid, version.n)
    assert found is not None
    return replace(found, content_ok=True)


def new_version(conn: Connection, actor: audit.Actor, cid: int,
                vault: Vault | None = None) -> int:
    """Copies the approved latest version (with its coding) as n+1; status back to drafted."""
    vault = vault or vault_of(conn)
    current = load(conn, cid, None, vault)
    if current.approval is None:
        raise InvalidTransition("Den siste versjonen er ikke godkjent; rediger den direkte.")
    set_status(conn, actor, cid, Status.DRAFTED)
    n = insert_version(conn, actor, cid, current.draft, vault)
    _insert_coding(conn, cid, n, current.codes, current.takster, vault)
    audit.append(conn, actor, "new_version", "consultation", cid, version=n,
                 copied_from=current.n)
    return n


def record_export(conn: Connection, actor: audit.Actor, cid: int, fmt: str,
                  destination: str, vault: Vault | None = None) -> int:
    status = status_of(conn, cid)
    n = latest_version(conn, cid)
    if status not in (Status.APPROVED, Status.EXPORTED) or n is None \
            or not _is_approved(conn, cid, n):
        raise ExportRefused("Bare en godkjent versjon kan eksporteres.",
                            "Les gjennom og godkjenn notatet først.")
    problem = approval_problem(load(conn, cid, n, vault or vault_of(conn)))
    if problem is not None:
        raise ExportRefused(f"Konsultasjon {cid}, versjon {n}: {problem}. Ingenting er "
                            "eksportert.")
    if status is Status.APPROVED:
        set_status(conn, actor, cid, Status.EXPORTED)
    cur = conn.execute("INSERT INTO exports (consultation_id, version, user_id, format, "
                       "destination, exported_at) VALUES (?, ?, ?, ?, ?, ?)",
                       (cid, n, actor.user_id, fmt, destination, audit.now_iso()))
    audit.append(conn, actor, "export", "consultation", cid, version=n, format=fmt)
    return int(cur.lastrowid)


def approval_problem(version: DraftVersion) -> str | None:
    """Why an approved-looking version is not one that counts (None if it counts)."""
    if version.approval is None:
        return "versjonen har ingen godkjenning"
    return version.approval.problem


def approval_problems(conn: Connection, cid: int | None = None,
                      vault: Vault | None = None) -> list[str]:
    """Every approval (of consultation ``cid``, or all) that does not hold, and every version
    marked approved without an approval row, in Norwegian (ids only). Without the clinical key
    the content is checked through the sealed digest (see :func:`approval_state`)."""
    vault = vault or vault_of(conn)
    problems: list[str] = []
    rows = conn.execute(
        "SELECT d.consultation_id, d.n, a.id IS NOT NULL FROM draft_versions d "
        "LEFT JOIN approvals a ON a.consultation_id = d.consultation_id AND a.version = d.n "
        "WHERE (d.approved = 1 OR a.id IS NOT NULL) AND (? IS NULL OR d.consultation_id = ?) "
        "ORDER BY d.consultation_id, d.n", (cid, cid)).fetchall()
    for cid, n, has_row in rows:
        found = approval_state(conn, int(cid), int(n), vault) if has_row else None
        problem = "merket godkjent uten godkjenning" if found is None else found.problem
        if problem is not None:
            problems.append(f"Konsultasjon {cid}, versjon {n}: {problem}.")
    return problems
