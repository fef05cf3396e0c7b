"""Export of approved notes (clipboard text, FHIR R4 document, files) and billing reports.

Only what a doctor approved leaves Scribe: :class:`ExportService` checks the approval hash
against the stored content before anything is rendered, and records every export. The
writers in :mod:`~scribe.export.text`, :mod:`~scribe.export.fhir`,
:mod:`~scribe.export.files` and :mod:`~scribe.export.billing` are pure functions of plain
values, usable and testable without a database.
"""

from __future__ import annotations

from scribe.export.billing import BillingReport, BillingRow, build_report, report_csv
from scribe.export.fhir import document_bundle
from scribe.export.model import ApprovedNote, Clinician, ExportFormat
from scribe.export.service import CLIPBOARD, ExportResult, ExportService, export_folder
from scribe.export.text import note_text, section_text, takst_line

__all__ = [
    "CLIPBOARD",
    "ApprovedNote",
    "BillingReport",
    "BillingRow",
    "Clinician",
    "ExportFormat",
    "ExportResult",
    "ExportService",
    "build_report",
    "document_bundle",
    "export_folder",
    "note_text",
    "report_csv",
    "section_text",
    "takst_line",
]
