"""Takster from the facts added for issue 15: office analyses, minor procedures, interpreter,
pregnancy checks, sick notes refused or extended; every set checked against Helfo's table."""

from __future__ import annotations

from coding_helpers import make_transcript

from scribe.coding.reference import Reference
from scribe.coding.takster import check_takster, suggest_takster
from scribe.domain import ConsultationFacts, ContactType, DoctorProfile, Fact, TakstLine
from scribe.text.facts import detect_all
from scribe.text.sentences import split_segments

GP = DoctorProfile()


def codes(lines: list[TakstLine]) -> dict[str, int]:
    return {ln.code: ln.count for ln in lines}


def takster_for(*turns: tuple[str, str], contact: ContactType = ContactType.OPPMOTE,
                minutes: float = 15, ref: Reference) -> dict[str, int]:
    facts = ConsultationFacts(contact_type=contact, duration_min=minutes, facts=tuple(
        detect_all(split_segments(make_transcript(*turns).segments))))
    lines = suggest_takster(facts, GP, ref=ref)
    assert check_takster(lines, ref, facts=facts, profile=GP) == []
    return codes(lines)


def test_capillary_hba1c_and_interpreter(ref: Reference) -> None:
    got = takster_for(("lege", "Og du er tolken?"), ("annen", "Ja, jeg er tolk."),
                      ("lege", "Vi tok HbA1c i fingeren nå nettopp, og den er femtifem."),
                      ref=ref)
    assert got == {"2ad": 1, "7": 1, "701a": 1, "709": 1}


def test_nebuliser_is_100_and_elastic_bandage_10a(ref: Reference) -> None:
    assert takster_for(("lege", "Nå gir vi forstøverbehandling her, det tar ti minutter."),
                       ref=ref) == {"2ad": 1, "100": 1}
    assert takster_for(("lege", "Jeg legger på et elastisk bind nå."),
                       ref=ref) == {"2ad": 1, "10a": 1}


def test_a_planned_spirometry_gives_no_507c(ref: Reference) -> None:
    got = takster_for(("lege", "Vi tar en spirometri når du er frisk, om to-tre måneder. "
                               "Bestill time i luka."), ref=ref)
    assert got == {"2ad": 1}


def test_later_pregnancy_check_gives_217b_with_time(ref: Reference) -> None:
    got = takster_for(("lege", "La meg se på helsekortet, i dag er du 31 pluss 2."),
                      ("lege", "Symfyse-fundus-mål 29 centimeter. Hjertelyd på babyen er fin."),
                      minutes=25, ref=ref)
    assert got == {"2ad": 1, "2cd": 1, "217b": 1}


def test_video_sick_note_extended_gives_l1_and_l4(ref: Reference) -> None:
    got = takster_for(("lege", "Da forlenger jeg sykmeldingen, femti prosent, i tre uker til."),
                      ("lege", "Siden du passerer sju uker, fyller jeg ut utdypende "
                               "opplysninger til NAV i dag."),
                      contact=ContactType.VIDEO, ref=ref)
    assert got == {"2av": 1, "L1": 1, "L4": 1}


def test_telephone_sick_note_gives_l1(ref: Reference) -> None:
    got = takster_for(("lege", "Da skriver jeg en sykmelding på tre dager."),
                      contact=ContactType.TELEFON, ref=ref)
    assert got == {"2at": 1, "L1": 1}


def test_a_refused_sick_leave_fact_gives_no_l1(ref: Reference) -> None:
    facts = ConsultationFacts(duration_min=10, facts=(
        Fact(kind="sick_leave", name="sykmelding", attrs=(("status", "refused"),)),
        Fact(kind="nav_form", name="utdypende_opplysninger")))
    assert codes(suggest_takster(facts, GP, ref=ref)) == {"2ad": 1}


def test_l4_needs_a_sick_note(ref: Reference) -> None:
    facts = ConsultationFacts(duration_min=10, facts=(
        Fact(kind="sick_leave", name="sykmelding", attrs=(("status", "issued"),)),
        Fact(kind="nav_form", name="utdypende_opplysninger", evidence=("s0004",))))
    assert codes(suggest_takster(facts, GP, ref=ref)) == {"2ad": 1, "L1": 1, "L4": 1}
