"""Operations on a consultation's documents (henvisning, sykmelding, oppsummering til
pasienten): which apply, open, save, draft again, approve, export.

Each is one call into :class:`scribe.documents.service.DocumentService` or the document
exporter (``ctx.app.documents``, ``ctx.app.document_exporter``) for the task runner; nothing
here runs on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from scribe.documents.model import DocumentKind
from scribe.export.model import ExportFormat
from ui.context import Context
from ui.operations import Op

if TYPE_CHECKING:
    from scribe.export.documents import DocumentExport
    from scribe.store import DocumentVersion

CLIPBOARD = "utklippstavle"  # the destination recorded for a copy


def applicable(ctx: Context, cid: int) -> Op[tuple[DocumentKind, ...]]:
    """The documents the visit calls for, and any the doctor has already made, in order."""
    session = ctx.require_session()

    def job(_p: object, _c: object) -> tuple[DocumentKind, ...]:
        service = ctx.app.documents
        kinds = set(service.applicable(session, cid))
        kinds.update(ctx.app.store.document_kinds(session, cid))
        return tuple(k for k in DocumentKind if k in kinds)
    return Op(ctx, "Finner dokumentene", job)


def open_document(ctx: Context, cid: int, kind: DocumentKind) -> Op[DocumentVersion]:
    """The newest version, drafted from the transcript and the note the first time."""
    session = ctx.require_session()
    return Op(ctx, "Åpner dokumentet", lambda _p, _c: ctx.app.documents.open(
        session, cid, kind, anyway=True))


def redraft(ctx: Context, cid: int, kind: DocumentKind) -> Op[DocumentVersion]:
    """A new draft from the stored transcript and the newest note, as the next version."""
    session = ctx.require_session()
    return Op(ctx, "Lager nytt utkast", lambda _p, _c: ctx.app.documents.redraft(
        session, cid, kind, anyway=True))


def save_texts(ctx: Context, cid: int, kind: DocumentKind,
               texts: Mapping[str, str]) -> Op[DocumentVersion]:
    """The doctor's text for the changed fields (key → text) as a new version. With no
    texts it stores the newest version again unapproved («Ny versjon» after an approval)."""
    session = ctx.require_session()
    return Op(ctx, "Lagrer dokumentet", lambda _p, _c: ctx.app.documents.save_texts(
        session, cid, kind, dict(texts)))


def approve(ctx: Context, cid: int, kind: DocumentKind, password: str,
            texts: Mapping[str, str], *, on_behalf: bool = False) -> Op[DocumentVersion]:
    """Saves the changed fields (if any), then approves the newest version; the screen has
    made sure every flagged statement is ticked. Returns the approved version."""
    session = ctx.require_session()

    def job(_p: object, _c: object) -> DocumentVersion:
        service = ctx.app.documents
        if texts:
            service.save_texts(session, cid, kind, dict(texts))
        service.approve(session, cid, kind, password, checked=True, on_behalf=on_behalf)
        return service.open(session, cid, kind)
    return Op(ctx, "Godkjenner dokumentet", job)


def copy_document(ctx: Context, cid: int, kind: DocumentKind) -> Op[DocumentExport]:
    """The approved document as text for the clipboard; the export is recorded first."""
    session = ctx.require_session()
    return Op(ctx, "Eksporterer dokumentet", lambda _p, _c: ctx.app.document_exporter.export(
        session, cid, kind, ExportFormat.TEXT, destination=CLIPBOARD))


def save_document(ctx: Context, cid: int, kind: DocumentKind, path: Path,
                  fmt: ExportFormat) -> Op[DocumentExport]:
    """The approved document as a new file (text, or FHIR for the referral)."""
    session = ctx.require_session()
    return Op(ctx, "Lagrer dokumentet", lambda _p, _c: ctx.app.document_exporter.export_file(
        session, cid, kind, fmt, path))
