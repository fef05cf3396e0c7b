"""Note rules behind what the sixth development set (eval/dev6, written blind) got wrong on
its first run: a value given in a sentence of its own ("Den er nittiseks.") after the test it
belongs to, decimals said digit by digit, counts of what is smoked or walked and estimates
("tre, fire ganger"), a correction whose own "unnskyld" is no correction, a time of day
corrected by another, and where a patient on a video call sits is no history. Each rule is
checked both ways; synthetic sentences only."""

from __future__ import annotations

import pytest

from scribe.domain import Speaker
from scribe.draft.classify import classify_rules
from scribe.draft.condense import condense
from scribe.draft.corrections import take_back, take_back_text
from scribe.draft.dialogue import PROCEDURAL, parse_question
from scribe.text.numbers import spoken_to_digits
from scribe.text.sentences import Sentence


def _sentences(*turns: tuple[Speaker, str], same_turn: bool = False) -> list[Sentence]:
    return [Sentence(f"g{0 if same_turn else i}.{i}", f"g{0 if same_turn else i}", who, text, i)
            for i, (who, text) in enumerate(turns)]


def _funn(*said: str, same_turn: bool = True) -> str:
    sentences = _sentences(*((Speaker.LEGE, t) for t in said), same_turn=same_turn)
    out = condense(sentences, classify_rules(sentences))
    return " ".join(st.text for st in out.get("Funn", []))


def test_a_value_in_a_sentence_of_its_own_belongs_to_the_test_before_it() -> None:
    assert "CRP 96" in _funn("Jeg tok en CRP i fingeren mens du ventet.", "Den er nittiseks.")
    # in another turn the pronoun may stand for anything: no value is made up
    assert "CRP" not in _funn("Jeg tok en CRP i fingeren mens du ventet.", "Den er nittiseks.",
                              same_turn=False)
    # a sentence that names its own value keeps it
    assert "P 72" in _funn("Jeg tok en CRP i fingeren.", "Det er fint, og pulsen er syttito.")


@pytest.mark.parametrize(("said", "written"), [
    ("Indeksen er null komma sju fem.", "Indeksen er 0,75."),
    ("Indeksen er null komma syvfem.", "Indeksen er 0,75."),
    ("Temperaturen er trettiåtte komma en.", "Temperaturen er 38,1."),
    # an article or a count after the decimal is no digit of it
    ("INR var tre komma fem en uke etter kuren.", "INR var 3,5 1 uke etter kuren."),
    ("Hb var ni komma fire to uker etter.", "Hb var 9,4 2 uker etter."),
    ("Jeg går sånn to hundre meter.", "Jeg går sånn 200 m."),
    ("Tolv sigaretter om dagen.", "12 sigaretter om dagen."),
    # two numbers in a row are an estimate: "to, tre dager" (not "to, ti ganger")
    ("Det har vart to, tre dager.", "Det har vart 2-3 dager."),
    ("Oppe fem, 6 ganger i natt.", "Oppe 5-6 ganger i natt."),
    ("Svarte to, ti ganger.", "Svarte to, 10 ganger."),
])
def test_decimals_said_digit_by_digit_and_counts_are_written_as_digits(said: str,
                                                                       written: str) -> None:
    assert spoken_to_digits(said) == written


def test_a_leading_correction_keeps_its_own_sorry() -> None:
    out = take_back(_sentences((Speaker.ANNEN, "To uker."),
                               (Speaker.ANNEN, "Nei, unnskyld, hun sier tre uker.")))
    assert [s.text for s in out] == ["Tre uker."]


@pytest.mark.parametrize(("said", "written"), [
    ("Han våknet klokka fire ... nei, det må ha vært rundt fem, for det var lyst, og hostet.",
     "Han våknet rundt klokka fem, og hostet."),
    ("Hun tok tabletten klokka sju, nei, klokka åtte.", "Hun tok tabletten klokka åtte."),
])
def test_a_time_of_day_corrected_by_another_keeps_the_later(said: str, written: str) -> None:
    assert take_back_text(said) == written


@pytest.mark.parametrize(("asked", "procedural"), [
    ("Fint. Du sitter ikke hjemme?", True),
    ("Hvor er du nå?", True),
    ("Kan du snakke fritt der du er?", True),
    ("Sitter du mye stille på jobben?", False),
    ("Du sitter ikke hjemme og har vondt i ryggen?", False),
])
def test_where_the_patient_sits_on_a_call_is_asked_to_run_the_call(asked: str,
                                                                    procedural: bool) -> None:
    assert (parse_question(asked).kind == PROCEDURAL) is procedural
