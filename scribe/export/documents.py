"""Export of approved documents (henvisning, sykmelding, oppsummering til pasienten): text for
the clipboard or a file, and for the referral a FHIR ``ServiceRequest``.

The gate is the store's: the newest version of the kind must carry an approval whose signature
and content hash still hold (:meth:`Store.record_document_export` refuses otherwise). The
export is recorded (row + audit event) before its content is handed out; a file whose export
could not be recorded is removed again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from scribe.documents.model import DocumentKind
from scribe.documents.render import DocumentTemplates
from scribe.errors import ExportRefused
from scribe.export import files
from scribe.export.fhir import to_json
from scribe.export.fhir_documents import service_request_bundle
from scribe.export.model import Clinician, ExportFormat
from scribe.store import DocumentVersion, Session, Store
from scribe.store.documents import approval_problem

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ApprovedDocument:
    """Exactly what a doctor approved, with who, when, and the consultation around it."""

    consultation_id: int
    version: DocumentVersion
    approved_at: datetime
    approved_by: Clinician
    doctor: Clinician
    sha256: str
    patient_ref: str | None = None

    @property
    def kind(self) -> DocumentKind:
        return self.version.kind


@dataclass(frozen=True)
class DocumentExport:
    consultation_id: int
    kind: DocumentKind
    version: int
    format: ExportFormat
    destination: str
    export_id: int
    content: str
    path: Path | None = None


def _utc_now() -> datetime:
    return datetime.now(UTC)


class DocumentExporter:
    def __init__(self, store: Store, *, templates: DocumentTemplates | None = None,
                 clock: Callable[[], datetime] = _utc_now) -> None:
        self.store = store
        self.templates = templates or DocumentTemplates()
        self._clock = clock

    def approved(self, session: Session, cid: int, kind: DocumentKind) -> ApprovedDocument:
        """The newest version of ``kind`` if, and only if, it is approved and intact."""
        info = self.store.consultation(session, cid)
        version = self.store.document(session, cid, kind)
        problem = approval_problem(version)
        if problem is not None or version.approval is None:
            log.info("dokumenteksport avvist: konsultasjon %s %s", cid, kind.value)
            raise ExportRefused(f"{version.document.title} i konsultasjon {cid} (versjon "
                                f"{version.n}): {problem}. Ingenting er eksportert.",
                                "Les gjennom og godkjenn dokumentet før eksport.")
        a = version.approval
        return ApprovedDocument(cid, version, a.approved_at, Clinician(a.user, a.user_hpr),
                                Clinician(info.doctor, info.doctor_hpr), a.sha256,
                                info.patient_ref)

    def render(self, doc: ApprovedDocument, fmt: ExportFormat, *,
               at: datetime | None = None) -> str:
        if fmt is ExportFormat.TEXT:
            return self.templates.render_document(doc.version.document)
        if doc.kind is not DocumentKind.HENVISNING:
            raise ExportRefused("FHIR-eksport finnes bare for henvisningen.",
                                "Eksporter sykmeldingen og oppsummeringen som tekst.")
        text = self.templates.render_document(doc.version.document)
        return to_json(service_request_bundle(doc, text, timestamp=at or self._clock()))

    def export(self, session: Session, cid: int, kind: DocumentKind, fmt: ExportFormat, *,
               destination: str) -> DocumentExport:
        """The content for the clipboard or the terminal, recorded before it is handed out."""
        doc = self.approved(session, cid, kind)
        content = self.render(doc, fmt)
        export_id = self.store.record_document_export(session, cid, kind, fmt.value,
                                                      destination)
        return DocumentExport(cid, kind, doc.version.n, fmt, destination, export_id, content)

    def export_file(self, session: Session, cid: int, kind: DocumentKind, fmt: ExportFormat,
                    out: Path) -> DocumentExport:
        """One new file (never over an existing one); removed again if not recorded."""
        doc = self.approved(session, cid, kind)
        at = self._clock()
        content = self.render(doc, fmt, at=at)
        path = out / _name(doc, fmt, at) if out.is_dir() else out
        files.write_new(path, content.encode("utf-8"))
        try:
            export_id = self.store.record_document_export(session, cid, kind, fmt.value,
                                                          str(path))
        except BaseException:
            files.remove_quietly([path])
            raise
        return DocumentExport(cid, kind, doc.version.n, fmt, str(path), export_id, content,
                              path)


def _name(doc: ApprovedDocument, fmt: ExportFormat, at: datetime) -> str:
    stamp = at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return (f"{doc.kind.value}-{doc.consultation_id}-v{doc.version.n}-{stamp}"
            f"{files.SUFFIX[fmt]}")
