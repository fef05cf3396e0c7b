"""A conclusion read with its turn: a positive test's next sentence names the diagnosis, and the
findings a conclusion refers back to ("sammen med …") are its grounds, not the primary."""

from __future__ import annotations

from coding_helpers import make_transcript

from scribe.coding.icpc import suggest_icpc2
from scribe.coding.index import CodeIndex


def test_the_sentence_after_a_positive_test_names_the_primary(index: CodeIndex) -> None:
    t = make_transcript(
        ("lege", "Hei, hva kan jeg hjelpe med?"),
        ("pasient", "Jeg har så vondt i halsen, det er vondt å svelge."),
        ("lege", "Jeg tar en strep A-test."),
        ("lege", "Den er positiv. Det er streptokokker."),
        ("lege", "Du får penicillin i fem dager."))
    assert suggest_icpc2(t, index=index)[0].code == "R72"


def test_a_negative_test_does_not_make_a_conclusion(index: CodeIndex) -> None:
    t = make_transcript(
        ("pasient", "Jeg har så vondt i halsen, det er vondt å svelge."),
        ("lege", "Testen er negativ. Det er ikke streptokokker."))
    assert "R72" not in [s.code for s in suggest_icpc2(t, index=index)][:1]


def test_findings_before_a_conclusion_that_refers_back_are_its_grounds(
        index: CodeIndex) -> None:
    t = make_transcript(
        ("lege", "Hvordan har du det?"),
        ("pasient", "Litt hovne bein, og hodepine de siste dagene."),
        ("lege", "Blodtrykket ditt er høyt, og du har protein i urinen. Sammen med hodepinen "
                 "passer det med svangerskapsforgiftning, preeklampsi."))
    assert suggest_icpc2(t, index=index)[0].code == "W81"
