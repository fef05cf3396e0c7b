"""The export gate: only what a doctor approved leaves Scribe, exactly as approved.

Every export goes through :meth:`ExportService.approved_note`, which loads the latest version
and refuses unless it is approved, its approval hash, recomputed from the stored content with
the store's own canonical serialisation, still matches, *and* the approval carries the
approving doctor's valid signature (a row written with the passphrase alone has none). Only then
is anything rendered.
A successful export is recorded by the store (export row + audit event) in one transaction;
an export that fails records nothing, and a file whose export could not be recorded is removed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from scribe.config import EXPORT_DIR_ENV, Settings, export_dir_from_env
from scribe.consultation import Status
from scribe.errors import ExportRefused
from scribe.export import billing, fhir, files, text
from scribe.export.model import ApprovedNote, Clinician, ExportFormat
from scribe.store import Approval, ConsultationInfo, DraftVersion, Session, Store
from scribe.store import BillingRow as StoreBillingRow
from scribe.store.drafts import approval_hash

log = logging.getLogger(__name__)

CLIPBOARD = "utklippstavle"
_Written = tuple[ExportFormat, Path, str]  # format, file, content


def export_folder(settings: Settings, env: Mapping[str, str] | None = None) -> Path:
    """The folder EPJ imports read: ``SCRIBE_EXPORT_DIR``, else the ``export_dir`` setting,
    else ``eksport`` in the data dir."""
    return export_dir_from_env(env) or settings.export_dir or settings.data_dir / "eksport"


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class ExportResult:
    consultation_id: int
    version: int
    format: ExportFormat
    destination: str
    export_id: int
    content: str
    path: Path | None = None


@dataclass(frozen=True)
class BillingReview:
    """What the practice manager's page shows: one row per approved consultation (no
    clinical text) and the report with the sums."""

    rows: tuple[StoreBillingRow, ...]
    report: billing.BillingReport


class ExportService:
    """Exports approved notes (text, FHIR, files) and builds billing reports."""

    def __init__(self, store: Store, *, folder: Path,
                 clock: Callable[[], datetime] = _utc_now) -> None:
        self.store = store
        self.folder = folder
        self._clock = clock

    # --- the gate ----------------------------------------------------------------------------
    def approved_note(self, session: Session, cid: int) -> ApprovedNote:
        """The latest version if, and only if, it is approved and unchanged since approval."""
        info = self.store.consultation(session, cid)
        version = self.store.draft(session, cid)
        if version.approval is None or info.status not in (Status.APPROVED, Status.EXPORTED):
            raise ExportRefused(
                f"Konsultasjon {cid} har ingen godkjent versjon, så ingenting er eksportert.",
                "Les gjennom notatet og godkjenn det før eksport.")
        if approval_hash(version) != version.approval.sha256:
            log.warning("godkjenningen stemmer ikke: konsultasjon %s versjon %s", cid, version.n)
            raise ExportRefused(
                f"Notatet i konsultasjon {cid} (versjon {version.n}) er endret etter at det "
                "ble godkjent. Ingenting er eksportert.",
                "Innholdet stemmer ikke med godkjenningen. Kontroller notatet, lag en ny "
                "versjon og godkjenn den, og meld fra til den som har ansvaret for databasen.")
        if not version.approval.verified:
            log.warning("godkjenningen har ingen gyldig signatur: konsultasjon %s versjon %s",
                        cid, version.n)
            raise ExportRefused(
                f"Godkjenningen av konsultasjon {cid} (versjon {version.n}) har ingen gyldig "
                "signatur fra legen. Ingenting er eksportert.",
                "Godkjenningen kan være lagt inn utenom Scribe. Kontroller notatet, lag en ny "
                "versjon og godkjenn den, og meld fra til den som har ansvaret for databasen.")
        return _note(info, version, version.approval)

    # --- exports -----------------------------------------------------------------------------
    def render(self, note: ApprovedNote, fmt: ExportFormat, section: str | None = None,
               *, at: datetime | None = None) -> str:
        """The exported content of an already checked note (no recording)."""
        if fmt is ExportFormat.TEXT:
            return text.note_text(note) if section is None else text.section_text(note, section)
        if section is not None:
            raise ExportRefused("En enkelt del av notatet kan bare eksporteres som tekst.",
                                "Velg tekstformat (--format text) for å eksportere én del.")
        return fhir.to_json(fhir.document_bundle(note, timestamp=at or self._clock()))

    def export(self, session: Session, cid: int, fmt: ExportFormat, *,
               section: str | None = None, destination: str = CLIPBOARD) -> ExportResult:
        """Content for the clipboard or the terminal; recorded before it is handed out."""
        note = self.approved_note(session, cid)
        content = self.render(note, fmt, section)
        export_id = self.store.record_export(session, cid, _fmt_label(fmt, section),
                                             destination)
        log.info("eksportert: konsultasjon %s versjon %s som %s", cid, note.version, fmt)
        return ExportResult(cid, note.version, fmt, destination, export_id, content)

    def export_file(self, session: Session, cid: int, fmt: ExportFormat, *,
                    section: str | None = None, out: Path | None = None) -> ExportResult:
        """One file: ``out``, a new name inside ``out`` if it is a folder, or the export folder.

        An existing file is never overwritten. If the export cannot be recorded, the file is
        removed again, so no file exists that the log does not show as exported.
        """
        note = self.approved_note(session, cid)
        at = self._clock()
        content = self.render(note, fmt, section, at=at)
        path = self._target(note, fmt, at, out)
        files.write_new(path, content.encode("utf-8"))
        return self._record(session, note, section, [(fmt, path, content)])[0]

    def export_to_folder(self, session: Session, cid: int) -> list[ExportResult]:
        """Text and FHIR JSON into the configured folder, for EPJs that import files."""
        note = self.approved_note(session, cid)
        at = self._clock()
        written: list[_Written] = []
        try:
            for fmt in (ExportFormat.TEXT, ExportFormat.FHIR):
                content = self.render(note, fmt, at=at)
                path = files.write_new(self._target(note, fmt, at, None),
                                       content.encode("utf-8"))
                written.append((fmt, path, content))
        except BaseException:
            files.remove_quietly([path for _, path, _ in written])
            raise
        return self._record(session, note, None, written)

    def _target(self, note: ApprovedNote, fmt: ExportFormat, at: datetime,
                out: Path | None) -> Path:
        if out is not None and not out.is_dir():
            return out
        folder = self.folder if out is None else out
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ExportRefused(
                f"Eksportmappen {folder} kan ikke opprettes: {files.reason(exc)}. "
                "Ingenting er eksportert.",
                f"Sjekk stien til eksportmappen ({EXPORT_DIR_ENV}).") from None
        return folder / files.export_name(note, fmt, at)

    def _record(self, session: Session, note: ApprovedNote, section: str | None,
                written: list[_Written]) -> list[ExportResult]:
        """Records each written file; files not recorded when one fails are taken back."""
        results: list[ExportResult] = []
        for i, (fmt, path, content) in enumerate(written):
            try:
                export_id = self.store.record_export(session, note.consultation_id,
                                                     _fmt_label(fmt, section), str(path))
            except BaseException:
                files.remove_quietly([p for _, p, _ in written[i:]])
                raise
            log.info("eksportert til fil: konsultasjon %s versjon %s som %s",
                     note.consultation_id, note.version, fmt)
            results.append(ExportResult(note.consultation_id, note.version, fmt, str(path),
                                        export_id, content, path))
        return results

    # --- billing -----------------------------------------------------------------------------
    def billing_report(self, session: Session, date_from: date, date_to: date,
                       doctor: str | None = None) -> billing.BillingReport:
        """Takster per doctor for the period (days inclusive); no clinical text."""
        return self.billing_review(session, date_from, date_to, doctor).report

    def billing_review(self, session: Session, date_from: date, date_to: date,
                       doctor: str | None = None) -> BillingReview:
        """The period's approved consultations (the billing rows) and the report over them."""
        if date_to < date_from:
            raise ExportRefused("Perioden slutter før den begynner.",
                                "Bruk --from for første dag og --to for siste dag.")
        rows = self.store.billing_rows(session, date_from, date_to, doctor)
        report = billing.build_report(
            (billing.BillingRow(r.consultation_id, r.doctor, r.date, r.takster, r.hpr)
             for r in rows), date_from, date_to)
        return BillingReview(tuple(rows), report)


def _note(info: ConsultationInfo, version: DraftVersion, approval: Approval) -> ApprovedNote:
    # The consultation's doctor and the approver, each with their own HPR number: the same
    # person unless a colleague approved "på vegne av" the doctor.
    return ApprovedNote(
        consultation_id=info.id, version=version.n, approved_at=approval.approved_at,
        approved_by=Clinician(approval.user, approval.user_hpr),
        doctor=Clinician(info.doctor, info.doctor_hpr),
        contact_type=info.contact_type, started_at=info.started_at, ended_at=info.ended_at,
        draft=version.draft,
        codes=tuple(c for c in version.codes if c.status == "accepted"),
        takster=tuple(t for t in version.takster if t.status == "accepted"),
        sha256=approval.sha256, patient_ref=info.patient_ref)


def _fmt_label(fmt: ExportFormat, section: str | None) -> str:
    """What the export record says was exported: ``text``, ``text:Funn`` or ``fhir``."""
    return fmt.value if section is None else f"{fmt.value}:{section}"
