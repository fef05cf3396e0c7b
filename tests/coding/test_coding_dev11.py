"""Coding rules behind what the eleventh set (eval/dev11, written blind) got wrong on its first
run, each from how Norwegian is spoken: the doctor's "Det høres veldig ut som …" (a word of how
much inside "høres ut som") is the assessment; a number said after a word of a term ("type
1-diabetesen") rules out the term with another number there ("Diabetes mellitus type 2").
Each both ways; real ICPC-2 reference data, synthetic sentences."""

from __future__ import annotations

from coding_helpers import codes_for as _codes

from scribe.coding.index import CodeIndex


def _matched(index: CodeIndex, sentence: str) -> set[str]:
    return {m.code for m in index.match_terms(sentence)}


RASH = (("lege", "Du skrev at datteren din har fått utslett?"),
        ("annen", "Ja, små røde prikker på magen, og nå er det blemmer."))


def test_sounds_very_much_like_is_the_assessment(index: CodeIndex) -> None:
    assert _codes(index, *RASH, ("lege", "Det høres veldig ut som vannkopper. Har hun feber?"),
                  ("annen", "Litt."))[0] == "A72"
    # named only as what goes round the kindergarten, it does not lead
    assert _codes(index, *RASH, ("annen", "Det går vannkopper i barnehagen."))[0] != "A72"


def test_a_number_said_after_a_word_of_a_term_rules_out_another_number(
        index: CodeIndex) -> None:
    one = _matched(index, "kontroll av type 1-diabetesen i dag")
    assert "T89" in one and "T90" not in one
    two = _matched(index, "kontroll av type 2-diabetesen i dag")
    assert "T90" in two and "T89" not in two
    both = _matched(index, "kontroll av diabetesen i dag")
    assert {"T89", "T90"} <= both
