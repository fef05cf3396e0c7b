"""The billing report for the practice manager and the accountant: no clinical text in it.

Per period and doctor: how many of each takst, the fee (honorar) they add up to, what Helfo
refunds and what patients paid, and the rule warnings the doctor approved anyway. Amounts on a
:class:`~scribe.domain.TakstLine` are per unit; a line counts ``count`` units. Sums are
computed in :class:`~decimal.Decimal` so øre never drift. A takst line's ``reason`` may quote
the consultation, so it is never part of the report.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Protocol

from scribe.export.files import write_new

ZERO = Decimal("0.00")
_CENT = Decimal("0.01")


class TakstAmounts(Protocol):
    """What the report needs of a takst line (``TakstLine`` and the store's billing rows)."""

    @property
    def code(self) -> str: ...
    @property
    def count(self) -> int: ...
    @property
    def fee(self) -> float: ...
    @property
    def refund(self) -> float: ...
    @property
    def patient_share(self) -> float: ...
    @property
    def warnings(self) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class BillingRow:
    """One approved consultation's accepted takster, the latest approved version only."""

    consultation_id: int
    doctor: str
    day: date
    takster: Sequence[TakstAmounts]
    hpr: str | None = None


@dataclass(frozen=True)
class BillingWarning:
    consultation_id: int
    day: date
    code: str
    text: str


@dataclass(frozen=True)
class TakstTotal:
    code: str
    count: int = 0
    fee: Decimal = ZERO
    refund: Decimal = ZERO
    patient_share: Decimal = ZERO


@dataclass(frozen=True)
class DoctorBilling:
    doctor: str
    hpr: str | None
    consultations: int
    takster: tuple[TakstTotal, ...]
    warnings: tuple[BillingWarning, ...]

    @property
    def total(self) -> TakstTotal:
        return _add_all("SUM", self.takster)


@dataclass(frozen=True)
class BillingReport:
    date_from: date
    date_to: date
    doctors: tuple[DoctorBilling, ...]

    @property
    def total(self) -> TakstTotal:
        return _add_all("SUM", tuple(d.total for d in self.doctors))


def _money(value: float, count: int) -> Decimal:
    return (Decimal(str(value)) * count).quantize(_CENT)


def _add(total: TakstTotal, line: TakstAmounts) -> TakstTotal:
    return TakstTotal(
        code=total.code, count=total.count + line.count,
        fee=total.fee + _money(line.fee, line.count),
        refund=total.refund + _money(line.refund, line.count),
        patient_share=total.patient_share + _money(line.patient_share, line.count))


def _add_all(code: str, totals: Iterable[TakstTotal]) -> TakstTotal:
    out = TakstTotal(code)
    for t in totals:
        out = TakstTotal(code, out.count + t.count, out.fee + t.fee, out.refund + t.refund,
                         out.patient_share + t.patient_share)
    return out


def _takst_key(code: str) -> tuple[int, str]:
    """Helfo order: by the leading number, then the letters (2ad, 2cd, 11ad, 705k)."""
    digits = len(code) - len(code.lstrip("0123456789"))
    return (int(code[:digits]) if digits else 10**6, code)


def _doctor(name: str, rows: list[BillingRow]) -> DoctorBilling:
    totals: dict[str, TakstTotal] = {}
    warnings: list[BillingWarning] = []
    for row in sorted(rows, key=lambda r: (r.day, r.consultation_id)):
        for line in row.takster:
            totals[line.code] = _add(totals.get(line.code, TakstTotal(line.code)), line)
            warnings += [BillingWarning(row.consultation_id, row.day, line.code, w)
                         for w in line.warnings]
    hpr = next((r.hpr for r in rows if r.hpr), None)
    ordered = tuple(totals[c] for c in sorted(totals, key=_takst_key))
    return DoctorBilling(name, hpr, len({r.consultation_id for r in rows}), ordered,
                         tuple(warnings))


def build_report(rows: Iterable[BillingRow], date_from: date, date_to: date) -> BillingReport:
    """Sums per doctor (alphabetical) over the approved consultations of the period."""
    by_doctor: dict[str, list[BillingRow]] = defaultdict(list)
    for row in rows:
        if date_from <= row.day <= date_to:
            by_doctor[row.doctor].append(row)
    return BillingReport(date_from, date_to,
                         tuple(_doctor(n, by_doctor[n]) for n in sorted(by_doctor)))


def combined(report: BillingReport, name: str) -> DoctorBilling:
    """Every doctor of ``report`` as one, called ``name``: the practice's totals per takst."""
    totals: dict[str, TakstTotal] = {}
    for doc in report.doctors:
        for t in doc.takster:
            totals[t.code] = _add_all(t.code, (totals.get(t.code, TakstTotal(t.code)), t))
    warnings = sorted((w for d in report.doctors for w in d.warnings),
                      key=lambda w: (w.day, w.consultation_id))
    return DoctorBilling(name, None, sum(d.consultations for d in report.doctors),
                         tuple(totals[c] for c in sorted(totals, key=_takst_key)),
                         tuple(warnings))


def kroner(value: Decimal) -> str:
    """``1234,50``: decimal comma, as Norwegian Excel reads amounts; no thousands separator."""
    return f"{value:.2f}".replace(".", ",")


CSV_HEADER = ("Fra", "Til", "Lege", "HPR", "Takst", "Antall", "Honorar", "Refusjon",
              "Egenandel", "Varsler")


def _csv_rows(report: BillingReport) -> list[list[str]]:
    """One row per doctor and takst, then the doctor's SUM row (its Varsler: how many)."""
    period = [report.date_from.isoformat(), report.date_to.isoformat()]
    rows: list[list[str]] = []
    for doc in report.doctors:
        for t in (*doc.takster, doc.total):
            warned = [w for w in doc.warnings if t.code in ("SUM", w.code)]
            texts = sorted({f"{w.code}: {w.text}" for w in warned})
            rows.append([*period, doc.doctor, doc.hpr or "", t.code, str(t.count),
                         kroner(t.fee), kroner(t.refund), kroner(t.patient_share),
                         " | ".join(texts) if t.code != "SUM" else str(len(warned))])
    return rows


def report_csv(report: BillingReport) -> bytes:
    """CSV for the accountant, as Norwegian Excel opens it without an import dialog.

    Semicolon-separated with a decimal comma (Excel in a Norwegian locale uses ";" as the list
    separator because "," is the decimal sign), UTF-8 with a byte-order mark (without it
    Excel reads the file as Windows-1252 and mangles æøå), CRLF line ends.
    """
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(_csv_rows(report))
    return "\ufeff".encode() + buf.getvalue().encode("utf-8")


def write_report_csv(report: BillingReport, path: Path) -> Path:
    """Writes the CSV atomically; an existing file is never overwritten."""
    return write_new(path, report_csv(report))


def report_text(report: BillingReport) -> str:
    """A plain table for the terminal."""
    lines = [f"Takster {report.date_from:%d.%m.%Y}–{report.date_to:%d.%m.%Y}"]
    if not report.doctors:
        lines.append("Ingen godkjente konsultasjoner med takster i perioden.")
    for doc in report.doctors:
        lines += ["", f"{doc.doctor} ({doc.consultations} konsultasjoner)",
                  f"  {'Takst':<8}{'Antall':>7}{'Honorar':>12}{'Refusjon':>12}{'Egenandel':>12}"]
        for t in (*doc.takster, doc.total):
            lines.append(f"  {t.code:<8}{t.count:>7}{kroner(t.fee):>12}"
                         f"{kroner(t.refund):>12}{kroner(t.patient_share):>12}")
        lines += [f"  Varsel, konsultasjon {w.consultation_id} ({w.day:%d.%m.%Y}) {w.code}: "
                  f"{w.text}" for w in doc.warnings]
    return "\n".join(lines) + "\n"
