"""Coding rules behind what the seventh development set (eval/dev7, written blind) missed on
its first run: a term whose abbreviation is also a little word the index drops ("AV-blokk")
is no term without it ("fingerblokk" is no heart block), a foreign body stuck in the skin said
in everyday words ("fiskekrok i fingeren", lekord S15), and what a test is to look for ("Da
kan vi sjekke for urinveisinfeksjon også") is no problem handled. Checked both ways;
synthetic sentences."""

from __future__ import annotations

from coding_helpers import make_transcript

from scribe.coding.icpc import suggest_icpc2
from scribe.coding.index import CodeIndex
from scribe.coding.suggestion import secondary_codes


def _terms(index: CodeIndex, sentence: str) -> set[str]:
    return {m.code for m in index.match_terms(sentence)}


def test_a_term_with_an_abbreviation_needs_the_abbreviation(index: CodeIndex) -> None:
    assert "K84" not in _terms(index, "Jeg setter bedøvelse ved roten av fingeren, en "
                                      "fingerblokk.")
    assert "K84" in _terms(index, "EKG-et viser en AV-blokk grad 1.")


def test_a_fish_hook_in_a_finger_is_a_foreign_body_in_the_skin(index: CodeIndex) -> None:
    out = suggest_icpc2(make_transcript(
        ("pasient", "Jeg har fått en fiskekrok i fingeren, den sitter fast."),
        ("lege", "Jeg bedøver fingeren og skyver kroken ut.")), index=index)
    assert out[0].code == "S15"
    # a hook on the line is no foreign body
    assert "S15" not in _terms(index, "Jeg byttet krok på snøret i går.")


_DISCHARGE = (
    ("pasient", "Jeg har fått utflod igjen, det lukter litt og klør."),
    ("lege", "Min vurdering er at det er utflod, kanskje en bakteriell vaginose."),
    ("lege", "Vi tar prøver i morgen."))


def test_what_a_test_is_to_look_for_is_no_problem_handled(index: CodeIndex) -> None:
    sought = suggest_icpc2(make_transcript(
        *_DISCHARGE, ("pasient", "En ting til, skal jeg levere en urinprøve?"),
        ("lege", "Ja, ta med en morgenurin, så tester vi for urinveisinfeksjon samtidig.")),
        index=index)
    assert "U71" not in secondary_codes(sought)
    treated = suggest_icpc2(make_transcript(
        *_DISCHARGE, ("lege", "Urinstiksen viser nitritt, så du har også en "
                              "urinveisinfeksjon."),
        ("lege", "Jeg skriver ut Selexid for urinveisinfeksjonen.")), index=index)
    assert "U71" in secondary_codes(treated)
