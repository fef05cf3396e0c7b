"""What the doctor decided against or ruled out is written as a GP writes it: "Så jeg
sykmelder deg ikke nå." → "Ikke sykmeldt nå.", "henviser ikke" → "Ikke henvist", "men det
ser ikke ut som en depresjon" → "men ikke depresjon". How someone looks ("Han ser ikke ut som
han har det vondt") and what does not seem to work ("Det ser ikke ut til å hjelpe") are left
as they are. Synthetic sentences only."""

from __future__ import annotations

import pytest

from scribe.draft.select import compact


@pytest.mark.parametrize(("said", "written"), [
    ("Så jeg sykmelder deg ikke nå.", "Ikke sykmeldt nå."),
    ("Sykmelder ikke nå.", "Ikke sykmeldt nå."),
    ("Jeg henviser deg ikke til fysioterapi nå.", "Ikke henvist til fysioterapi nå."),
    ("Du har tydelige plager, men det ser ikke ut som en depresjon.",
     "Du har tydelige plager, men ikke depresjon."),
    ("Det ser ikke ut som et brudd.", "Ikke brudd."),
])
def test_a_decision_against_and_a_diagnosis_ruled_out(said: str, written: str) -> None:
    assert compact(said) == written


@pytest.mark.parametrize("said", [
    "Han ser ikke ut som han har det vondt.",
    "Det ser ikke ut til å hjelpe.",
    "Jeg sykmelder deg i fem dager.",
])
def test_other_sentences_with_the_same_words_are_left_alone(said: str) -> None:
    assert "Ikke sykmeldt" not in compact(said) and not compact(said).startswith("Ikke")
