"""A drug started for a chronic disease names that disease as a problem handled, unless the
doctor assessed another problem the same drug treats: a statin in peripheral arterial disease
or after a stroke is secondary prevention of that disease, not a lipid disorder of its own
(``["også"]`` in ``indikasjoner.toml``). Checked both ways; synthetic sentences."""

from __future__ import annotations

from coding_helpers import make_transcript

from scribe.coding.icpc import suggest_icpc2
from scribe.coding.index import CodeIndex
from scribe.coding.suggestion import secondary_codes
from scribe.domain import ConsultationFacts, Fact


def _statin(segment: str) -> Fact:
    return Fact("drug", "atorvastatin", "atorvastatin", "", (segment,),
                (("status", "prescribed"), ("atc", "C10AA05")))


def _secondary(index: CodeIndex, *turns: tuple[str, str]) -> tuple[str, list[str]]:
    t = make_transcript(*turns)
    statin = next(s.id for s in t.segments if "atorvastatin" in s.text)
    out = suggest_icpc2(t, ConsultationFacts(facts=(_statin(statin),)), index=index)
    return out[0].code, secondary_codes(out)


def test_a_statin_for_the_arterial_disease_assessed_is_part_of_that_problem(
        index: CodeIndex) -> None:
    primary, secondary = _secondary(
        index,
        ("pasient", "Jeg får så vondt i leggen når jeg går, må stoppe etter hundre meter."),
        ("lege", "Ankeltrykket er lavt på venstre side."),
        ("lege", "Min vurdering er at du har perifer arteriell sykdom, åreforkalkning i "
                 "beina."),
        ("lege", "Jeg starter atorvastatin, førti milligram én gang daglig."))
    assert primary == "K92"
    assert "T93" not in secondary


def test_a_statin_for_high_cholesterol_beside_another_problem_is_a_problem_of_its_own(
        index: CodeIndex) -> None:
    primary, secondary = _secondary(
        index,
        ("pasient", "Det svir når jeg tisser, og jeg må tisse hele tiden."),
        ("lege", "Urinstiksen viser nitritt. Min vurdering er at du har en blærebetennelse."),
        ("lege", "Kolesterolet ditt fra forrige uke er for høyt, LDL er fem komma åtte."),
        ("lege", "Jeg starter atorvastatin, førti milligram én gang daglig."))
    assert primary == "U71"
    assert "T93" in secondary
