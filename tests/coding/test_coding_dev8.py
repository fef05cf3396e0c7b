"""Coding rules behind what the eighth set (eval/dev8, written blind) got wrong on its first
run: a conclusion followed by its reasons ("Vurderingen min er at dette er en epididymitt. Det
passer med at det kom gradvis …") stays the conclusion (only findings said before such a
sentence are its grounds), and a diagnosis denied across the little words of a denial ("Jeg
tror ikke det er en testikkeltorsjon") is not coded, while "ikke farlig, men det er en …"
still is. Each both ways; real ICPC-2 reference data, synthetic sentences."""

from __future__ import annotations

from coding_helpers import codes_for as _codes

from scribe.coding.index import CodeIndex


def test_a_conclusion_followed_by_its_reasons_stays_the_conclusion(index: CodeIndex) -> None:
    codes = _codes(index, ("pasient", "Jeg har fått vondt i pungen på høyre side."),
                   ("lege", "Vurderingen min er at dette er en betennelse i bitestikkelen, "
                            "epididymitt. Det passer med at det kom gradvis og at det lindrer "
                            "når jeg løfter. Hos unge menn er årsaken ofte klamydia."))
    assert codes[0] == "Y74"


def test_findings_before_a_sentence_that_sums_them_up_are_its_grounds(
        index: CodeIndex) -> None:
    codes = _codes(index, ("pasient", "Jeg har hatt hodepine og hovne bein."),
                   ("lege", "Blodtrykket er høyt og det er protein i urinen. Det passer med "
                            "svangerskapsforgiftning, preeklampsi."))
    assert codes[0] == "W81"


def test_a_diagnosis_denied_across_the_little_words_of_a_denial_is_not_coded(
        index: CodeIndex) -> None:
    codes = _codes(index, ("pasient", "Testikkelen er hoven og øm."),
                   ("lege", "Jeg tror ikke det er en testikkeltorsjon, for da kommer det brått."))
    assert "Y99" not in codes


def test_a_diagnosis_after_but_is_not_denied_by_what_came_before(index: CodeIndex) -> None:
    codes = _codes(index, ("pasient", "Testikkelen er hoven og øm."),
                   ("lege", "Det er ikke farlig nå, men det er en testikkeltorsjon, og du må "
                            "til sykehuset med en gang."))
    assert "Y99" in codes
