"""Coding rules behind what the ninth set (eval/dev9, written blind) got wrong on its first run:
a lack said with "på" is the code list's compound ("mangel på D-vitamin" → "vitaminmangel");
"genital herpes" and "kjønnsherpes" are everyday names of the genital herpes codes; a further
complaint whose cause the doctor then finds and names in the same chapter is coded as that
diagnosis ("hører dårlig" → "tett av ørevoks": H81, not H02). Each both ways; real ICPC-2
reference data, synthetic sentences."""

from __future__ import annotations

from coding_helpers import make_transcript

from scribe.coding.icpc import suggest_icpc2
from scribe.coding.index import CodeIndex, with_synonyms
from scribe.coding.suggestion import secondary_codes
from scribe.domain import ConsultationFacts, Sex


def test_a_lack_said_with_pa_is_the_compound_the_code_list_writes(index: CodeIndex) -> None:
    assert "vitaminmangel" in with_synonyms("Du har mangel på D-vitamin.")
    assert "jernmangel" in with_synonyms("Det er mangel på jern.")
    assert with_synonyms("Det er ingen mangel her.") == "Det er ingen mangel her."
    codes = [s.code for s in suggest_icpc2(make_transcript(
        ("pasient", "Jeg er så sliten og har vondt i kroppen."),
        ("lege", "Vurderingen min er at du har alvorlig mangel på D-vitamin.")), index=index)]
    assert codes[0] == "T91"


def test_genital_herpes_in_everyday_words_is_coded_for_the_patients_sex(
        index: CodeIndex) -> None:
    turns = (("pasient", "Jeg har fått vonde sår nedentil."),
             ("lege", "Vurderingen min er at dette er genital herpes, et første utbrudd."))
    for sex, code in ((Sex.KVINNE, "X90"), (Sex.MANN, "Y72")):
        codes = [s.code for s in suggest_icpc2(make_transcript(*turns),
                                               ConsultationFacts(patient_sex=sex), index=index)]
        assert codes[0] == code


BLOCKED_EAR = (
    ("pasient", "Jeg kommer for å sjekke blodtrykket."),
    ("lege", "Blodtrykket er 152 over 96. Vurderingen min er at du har høyt blodtrykk, "
             "hypertensjon, og vi starter med en tablett."),
    ("pasient", "Forresten, jeg hører dårlig på høyre øre. Det har vært tett en uke."),
)


def test_a_further_complaint_whose_cause_is_found_is_coded_as_the_cause(
        index: CodeIndex) -> None:
    found = secondary_codes(suggest_icpc2(make_transcript(
        *BLOCKED_EAR, ("lege", "Høyre øregang er helt tett av ørevoks. Det skyller vi nå.")),
        index=index))
    assert "H81" in found and "H02" not in found


def test_a_further_complaint_without_a_cause_found_keeps_its_symptom_code(
        index: CodeIndex) -> None:
    found = secondary_codes(suggest_icpc2(make_transcript(
        *BLOCKED_EAR, ("lege", "Trommehinnen ser fin ut. Vi sjekker hørselen neste gang.")),
        index=index))
    assert "H02" in found and "H81" not in found
