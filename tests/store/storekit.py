"""Shared values for the store tests (imported by conftest and the test modules)."""

from __future__ import annotations

from scribe.domain import CodeSuggestion, Draft, Section, Segment, Speaker, Statement, TakstLine
from scribe.store import Session, Store

KDF_ITER = 1000
PASSPHRASE = "riktig hest batteri stift"
DOCTOR_PW = "lege-passord-1"
LEADER_PW = "leder-passord-1"
ADMIN_PW = "admin-passord-1"

SEGMENTS = (
    Segment("s0001", 0.0, 3.2, "Jeg har hatt vondt i halsen i tre dager.", Speaker.PASIENT),
    Segment("s0002", 3.4, 6.0, "Temperaturen er 38,4 grader.", Speaker.LEGE),
)

DRAFT = Draft(
    template="allmennlege",
    author="qwen2.5-coder-1.5b",
    sections=(
        Section("Anamnese", (Statement("Sår hals i tre dager.", ("s0001",)),)),
        Section("Funn", (Statement("Temp 38,4 °C.", ("s0002",)),)),
    ),
)

CODES = (
    CodeSuggestion("ICPC-2", "R74", "Akutt øvre luftveisinfeksjon", 1, "sår hals, feber",
                   ("s0001",), primary=True, status="accepted"),
    CodeSuggestion("ICPC-2", "R21", "Symptomer/plager hals", 2, "sår hals", ("s0001",)),
)

TAKSTER = (
    TakstLine("2ad", 1, 203.0, 167.0, 36.0, "konsultasjon", status="accepted"),
    TakstLine("2cd", 1, 166.0, 0.0, 166.0, "tidstakst", ("mangler minutter",)),
)

PATIENT_TEXTS = ("vondt i halsen", "Temperaturen er", "Sår hals", "Temp 38,4", "EPJ-42")


def drafted_consultation(store: Store, doctor: Session) -> int:
    """A consultation with audio, transcript, a draft and coding: ready to approve."""
    cid = store.create_consultation(doctor, patient_ref="EPJ-42")
    store.add_audio_chunk(cid, 0, 0.0, b"\x01\x00" * 16000)
    store.add_segments(cid, SEGMENTS)
    store.transition(doctor, cid, "transcribed")
    n = store.save_draft(doctor, cid, DRAFT)
    store.save_coding(doctor, cid, n, CODES, TAKSTER)
    return cid
