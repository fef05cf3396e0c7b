"""The patient's sex in coding: ICPC-2 keeps pregnancy and family planning (W) and the female
genital organs and breasts (X) for women, the male genital organs (Y) for men. A known sex
rules out the other sex's chapters; an unknown one rules out nothing. A title's sex word
("Kul i bryst IKA kvinne", "kul i bryst mann") is never said of the person in the room, so it
need not be said for the term to match. Real ICPC-2 reference data, synthetic sentences."""

from __future__ import annotations

from typing import Any

import pytest
from coding_helpers import make_transcript

from scribe.coding.evaluate import evaluate_case
from scribe.coding.icpc import fits_sex, suggest_icpc2
from scribe.coding.index import CodeIndex
from scribe.domain import ConsultationFacts, Sex
from scribe.text.transcripts import case_facts, sex_of

DISCHARGE = (("pasient", "Det svir når jeg tisser, og det har kommet litt utflod de siste "
                         "dagene."),
             ("lege", "Har du hatt ny partner den siste tiden?"),
             ("pasient", "Ja, for et par uker siden."),
             ("lege", "Da kan det være klamydia. Vi tar en urinprøve og tester for klamydia "
                      "og gonoré."))
LUMP = (("pasient", "Jeg har kjent en kul i brystet, på venstre side."),
        ("lege", "Jeg kjenner en liten, myk kul i venstre bryst. Vi tar en ultralyd for å se "
                 "hva det er."))


def _codes(index: CodeIndex, turns: tuple[tuple[str, str], ...],
           sex: Sex | None) -> list[str]:
    facts = ConsultationFacts(patient_sex=sex)
    return [s.code for s in suggest_icpc2(make_transcript(*turns), facts, index=index)]


@pytest.mark.parametrize(("said", "sex"), [("K", Sex.KVINNE), ("kvinne", Sex.KVINNE),
                                           ("M", Sex.MANN), (" Mann ", Sex.MANN),
                                           ("", None), (None, None), ("ukjent", None)])
def test_the_sex_is_read_from_letters_or_words(said: str | None, sex: Sex | None) -> None:
    assert Sex.parse(said) is sex


def test_a_known_sex_rules_out_the_other_sexs_chapters_and_nothing_else() -> None:
    assert not fits_sex("X", Sex.MANN) and not fits_sex("W", Sex.MANN)
    assert fits_sex("Y", Sex.MANN) and fits_sex("U", Sex.MANN)
    assert not fits_sex("Y", Sex.KVINNE)
    assert fits_sex("X", Sex.KVINNE) and fits_sex("W", Sex.KVINNE)
    assert all(fits_sex(chapter, None) for chapter in "AWXY")


def test_a_man_gets_no_code_for_a_womans_organs(index: CodeIndex) -> None:
    unknown = _codes(index, DISCHARGE, None)
    assert "X92" in unknown  # the words alone fit chlamydia in a woman
    man = _codes(index, DISCHARGE, Sex.MANN)
    assert man[0] == "U01"
    assert not [c for c in man if c[0] in "WX"]


def test_a_breast_lump_is_coded_for_the_patients_sex(index: CodeIndex) -> None:
    man = _codes(index, LUMP, Sex.MANN)
    woman = _codes(index, LUMP, Sex.KVINNE)
    assert man[0] == "Y16" and "X19" not in man
    assert woman[0] == "X19" and "Y16" not in woman


def test_an_evaluation_case_gives_its_patients_sex_to_coding(index: CodeIndex) -> None:
    case: dict[str, Any] = {
        "id": "syntetisk_kjonn", "contact": "oppmote", "duration_min": 15,
        "patient": {"age": 34, "sex": "M"},
        "transcript": [{"speaker": s, "text": t} for s, t in DISCHARGE],
        "gold": {"icpc2_primary": "U01", "icpc2_secondary": [],
                 "takster": [{"code": "2ad", "count": 1}]}}
    assert sex_of(case) is Sex.MANN and case_facts(case).patient_sex is Sex.MANN
    assert sex_of({"patient": "M"}) is None  # not a patient record: unknown
    scored = evaluate_case(case, index=index)
    assert not [c for c in scored["icpc2"] if c[0] in "WX"]
