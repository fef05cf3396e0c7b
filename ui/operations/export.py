"""Operations that take something out of Scribe: an approved note (clipboard text or a
document) and the practice manager's billing report (on screen or as CSV)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from scribe.export import ExportFormat
from scribe.export.billing import BillingReport, write_report_csv
from ui.context import Context
from ui.operations import Op

if TYPE_CHECKING:
    from scribe.export.service import BillingReview, ExportResult


def copy_note(ctx: Context, cid: int, section: str | None) -> Op[ExportResult]:
    """The approved note (or one section) as text for the clipboard; the export is recorded."""
    session = ctx.require_session()
    return Op(ctx, "Eksporterer notatet", lambda _p, _c: ctx.app.exporter.export(
        session, cid, ExportFormat.TEXT, section=section))


def save_note(ctx: Context, cid: int, path: Path) -> Op[ExportResult]:
    """The approved note as a file: FHIR for ``.json``, else text."""
    session = ctx.require_session()
    fmt = ExportFormat.FHIR if path.suffix.lower() == ".json" else ExportFormat.TEXT
    return Op(ctx, "Lagrer dokumentet", lambda _p, _c: ctx.app.exporter.export_file(
        session, cid, fmt, out=path))


def billing_review(ctx: Context, date_from: date, date_to: date,
                   doctor: str | None) -> Op[BillingReview]:
    session = ctx.require_session()
    return Op(ctx, "Henter oppgjørsdata", lambda _p, _c: ctx.app.exporter.billing_review(
        session, date_from, date_to, doctor))


def save_billing_csv(ctx: Context, report: BillingReport, path: Path) -> Op[Path]:
    return Op(ctx, "Lagrer CSV", lambda _p, _c: write_report_csv(report, path))
