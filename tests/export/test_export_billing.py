"""The billing report: counts and sums per doctor, warnings, and the accountant's CSV."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from export_sample import TAKSTER

from scribe.domain import TakstLine
from scribe.errors import ExportRefused
from scribe.export.billing import (
    BillingRow,
    build_report,
    combined,
    report_csv,
    report_text,
    write_report_csv,
)

D1, D2 = date(2026, 11, 2), date(2026, 11, 3)
ROWS = [
    BillingRow(1, "Kari Lege", D1, TAKSTER, hpr="9144900"),
    BillingRow(2, "Kari Lege", D2, (TakstLine("2ad", 1, 194.0, 179.0, 15.0,
                                              "Pasienten hostet blod"),)),
    BillingRow(3, "Anne Allmenn", D2, (TakstLine("2cd", 2, 255.0, 0.0, 255.0, ""),
                                       TakstLine("2ad", 1, 194.1, 179.05, 15.05, ""))),
    BillingRow(4, "Kari Lege", date(2026, 12, 1), TAKSTER),  # outside the period
]


def test_counts_and_sums_per_doctor_and_takst() -> None:
    report = build_report(ROWS, date(2026, 11, 1), date(2026, 11, 30))
    assert [d.doctor for d in report.doctors] == ["Anne Allmenn", "Kari Lege"]
    kari = report.doctors[1]
    assert kari.consultations == 2
    assert [(t.code, t.count) for t in kari.takster] == [("2ad", 2), ("2cd", 1), ("705k", 1)]
    assert kari.takster[0].fee == Decimal("388.00")
    assert kari.takster[0].refund == Decimal("30.00")
    assert kari.takster[0].patient_share == Decimal("358.00")
    assert kari.total.fee == Decimal("696.00")


def test_sums_are_exact_in_ore() -> None:
    anne = build_report(ROWS, D1, D2).doctors[0]
    assert anne.total.fee == Decimal("704.10")
    assert anne.total.refund == Decimal("525.05")
    assert anne.total.patient_share == Decimal("179.05")


def test_rule_warnings_name_the_consultation_and_takst() -> None:
    kari = build_report(ROWS, D1, D2).doctors[1]
    assert [(w.consultation_id, w.code, w.text) for w in kari.warnings] == [
        (1, "2cd", "2cd uten dokumentert tidsbruk")]


def test_one_doctor_can_be_chosen_by_filtering_rows() -> None:
    report = build_report([r for r in ROWS if r.doctor == "Anne Allmenn"], D1, D2)
    assert [d.doctor for d in report.doctors] == ["Anne Allmenn"]


def test_the_csv_is_what_norwegian_excel_opens() -> None:
    data = report_csv(build_report(ROWS, D1, D2))
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[0] == "Fra;Til;Lege;HPR;Takst;Antall;Honorar;Refusjon;Egenandel;Varsler"
    assert "2026-11-02;2026-11-03;Kari Lege;9144900;2ad;2;388,00;30,00;358,00;" in lines
    assert ("2026-11-02;2026-11-03;Kari Lege;9144900;2cd;1;255,00;255,00;0,00;"
            "2cd: 2cd uten dokumentert tidsbruk") in lines
    assert "2026-11-02;2026-11-03;Anne Allmenn;;SUM;3;704,10;525,05;179,05;0" in lines


def test_no_clinical_text_reaches_the_report() -> None:
    report = build_report(ROWS, D1, D2)
    for text in (report_csv(report).decode("utf-8-sig"), report_text(report)):
        assert "hostet blod" not in text
        assert "CRP tatt" not in text


def test_the_csv_file_is_never_overwritten(tmp_path: Path) -> None:
    report = build_report(ROWS, D1, D2)
    path = write_report_csv(report, tmp_path / "takster.csv")
    assert path.read_bytes() == report_csv(report)
    with pytest.raises(ExportRefused, match="finnes allerede"):
        write_report_csv(report, path)


def test_an_empty_period_says_so() -> None:
    report = build_report(ROWS, date(2025, 1, 1), date(2025, 1, 31))
    assert report.doctors == ()
    assert "Ingen godkjente konsultasjoner" in report_text(report)
    assert report_csv(report).decode("utf-8-sig").count("\r\n") == 1


def test_all_doctors_combined_sum_each_takst_as_one_report_over_every_row_would() -> None:
    report = build_report(ROWS, D1, D2)
    everyone = [BillingRow(r.consultation_id, "Alle", r.day, r.takster) for r in ROWS]
    [expected] = build_report(everyone, D1, D2).doctors
    practice = combined(report, "Alle")
    assert practice == expected
    assert [(t.code, t.count) for t in practice.takster] == [("2ad", 3), ("2cd", 3),
                                                             ("705k", 1)]
    assert practice.total.fee == report.total.fee
