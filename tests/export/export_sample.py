"""A small approved note, as the export writers receive it (no store needed)."""

from __future__ import annotations

from datetime import UTC, datetime

from scribe.domain import CodeSuggestion, ContactType, Draft, Section, Statement, TakstLine
from scribe.export.model import ApprovedNote, Clinician

DOCTOR = Clinician("Kari Lege", "9144900")

DRAFT = Draft(
    template="allmennlege",
    author="qwen2.5-coder-1.5b",
    sections=(
        Section("Anamnese", (
            Statement("Hoste og feber i fem dager.", ("s0001",)),
            Statement("Tung pust siden i går.", ("s0003",)),
        )),
        Section("Funn", (
            Statement("Temp 38,4 °C. BT 148/92 mmHg.", ("s0007",)),
            Statement("Knatrelyder basalt høyre side. CRP 87.", ("s0008", "s0009")),
        )),
        Section("Vurdering", (Statement("Klinisk pneumoni høyre underlapp.", ("s0010",)),)),
        Section("Tiltak", (
            Statement("Penicillin V 1 g x 4 i 7 dager.", ("s0011",)),
            Statement("Kontroll ved forverring.", ("s0012",)),
        )),
        Section("Sykmelding", ()),
    ),
)

CODES = (
    CodeSuggestion("ICPC-2", "R81", "Lungebetennelse", 1, "CRP og funn", ("s0008",),
                   primary=True, status="accepted"),
)

TAKSTER = (
    TakstLine("2ad", 1, 194.0, 179.0, 15.0, "konsultasjon", status="accepted"),
    TakstLine("2cd", 1, 255.0, 0.0, 255.0, "28 min", ("2cd uten dokumentert tidsbruk",),
              status="accepted"),
    TakstLine("705k", 1, 53.0, 0.0, 53.0, "CRP tatt", status="accepted"),
)

NOTE = ApprovedNote(
    consultation_id=12,
    version=2,
    approved_at=datetime(2026, 11, 25, 10, 40, 5, tzinfo=UTC),
    approved_by=DOCTOR,
    doctor=DOCTOR,
    contact_type=ContactType.OPPMOTE,
    started_at=datetime(2026, 11, 25, 10, 0, 0, tzinfo=UTC),
    ended_at=datetime(2026, 11, 25, 10, 28, 0, tzinfo=UTC),
    draft=DRAFT,
    codes=CODES,
    takster=TAKSTER,
    sha256="ab" * 32,
    patient_ref="EPJ-4711",
)
