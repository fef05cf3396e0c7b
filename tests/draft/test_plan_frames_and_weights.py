"""Note rules from how Norwegian GPs speak, each both ways. Synthetic sentences only.

- A plan announced before a colon ("Da gjør vi sånn: …", "Planen er slik: …"): the
  announcement is no part of the note (it had left "Gjør I dag skal han …").
- "Hvilken fot er det?" — "Venstre." is "Venstre fot" (it had been "Fot: venstre").
- "Går det ut noe sted?" asks where a pain spreads: "Utstråling: …" / "Ingen utstråling";
  a question that names the place ("Stråler det ned i beinet?") stays a yes/no question.
- A dose left out or changed is a drug decision of its own, and weighs as one when the plan
  is cut to its budget.
- A word that also describes everyday things ("press", "tett", "stiv") names a complaint
  when it is placed on the body ("et press midt i brystet").
"""

from __future__ import annotations

import pytest

from scribe.draft.answers import fold_answer
from scribe.draft.person import third_person
from scribe.draft.select import is_fact, weight
from scribe.draft.spoken import strip_fillers


def _doctor(said: str) -> str:
    return third_person(strip_fillers(said), "lege")


@pytest.mark.parametrize(("said", "written"), [
    ("Da gjør vi sånn: I dag skal han hoppe over dosen.", "I dag skal han hoppe over dosen."),
    ("Da er planen sånn: Han skal ha prednisolon i tre dager.",
     "Han skal ha prednisolon i tre dager."),
    ("Planen er: blodprøver i dag.", "Blodprøver i dag."),
    ("Men du har en del plager, så vi gjør sånn: Du får en nesespray.",
     "Har en del plager, får en nesespray."),
])
def test_a_plan_announced_before_a_colon_is_the_plan(said: str, written: str) -> None:
    assert _doctor(said) == written


@pytest.mark.parametrize("said", [
    "Vi gjør det sånn at du tar prøven.",  # no colon: no announcement, the manner is said
    "Planen er at du kommer tilbake om to uker.",
])
def test_a_plan_said_without_a_colon_keeps_its_words(said: str) -> None:
    note = _doctor(said)
    assert "sånn at" in note or "Planen er at" in note


@pytest.mark.parametrize(("asked", "answer", "written"), [
    ("Hvilken fot er det?", "Venstre.", "Venstre fot."),
    ("Hvilket øre er det?", "Det høyre.", "Høyre øre."),
    ("Hvilken side?", "På venstre side.", "Venstre side."),
])
def test_a_side_answered_goes_before_what_was_asked_about(asked: str, answer: str,
                                                          written: str) -> None:
    assert fold_answer(asked, answer) == written


def test_another_answer_to_which_keeps_the_topic_first() -> None:
    assert fold_answer("Hvilken fot er det?", "Den jeg sparker med.") != (
        "Den jeg sparker med fot.")
    assert fold_answer("Hvilket øre er det?", "Begge.").lower().startswith("øre")


@pytest.mark.parametrize(("asked", "answer", "written"), [
    ("Går det ut noe sted?", "Opp i kjeven, og litt ut i venstre arm.",
     "Utstråling: opp i kjeven, og litt ut i venstre arm."),
    ("Går det ut noe sted?", "Nei.", "Ingen utstråling."),
    ("Stråler det noe sted?", "Ja, bak i ryggen.", "Utstråling: bak i ryggen."),
])
def test_where_a_pain_spreads(asked: str, answer: str, written: str) -> None:
    assert fold_answer(asked, answer) == written


def test_a_spread_asked_to_one_place_stays_that_question() -> None:
    assert fold_answer("Stråler det ned i beinet?", "Nei.") == "Stråler ikke ned i beinet."


@pytest.mark.parametrize("text", [
    "I dag skal han hoppe over dosen, ingen i kveld.",
    "Vi reduserer dosen fra neste uke.",
    "Trapper ned over to uker.",
])
def test_a_dose_left_out_or_changed_is_a_decision(text: str) -> None:
    assert is_fact(text, lambda _: False)


def test_talk_about_a_dose_is_no_decision() -> None:
    assert not is_fact("Han var flink med det han tok.", lambda _: False)


def test_an_everyday_word_placed_on_the_body_is_a_complaint() -> None:
    assert weight("Tett i nesa.") > weight("Tett i trafikken.")
    assert weight("Et trykk i panna.") > weight("Et trykk i avisa.")


@pytest.mark.parametrize(("said", "written"), [
    ("Det jeg tror, er at det er en virusinfeksjon.", "Trolig virusinfeksjon."),
    ("Du har noe som kalles tubekatarr.", "Har tubekatarr."),
    ("Det er det vi kaller en forstuing.", "Det er en forstuing."),
])
def test_the_name_put_on_it_and_a_cleft_assessment(said: str, written: str) -> None:
    assert _doctor(said) == written


def test_a_cleft_about_something_else_is_no_assessment() -> None:
    assert "Trolig" not in _doctor("Det jeg tror på, er at trening hjelper.")
    assert "kaller" in _doctor("Hva kaller dere det hjemme?")


def test_values_named_together_are_read_by_their_units() -> None:
    from scribe.draft.values import find_values
    from scribe.text.numbers import spoken_to_digits
    said = spoken_to_digits("Først vekt og høyde ... tjuesju komma fire kilo, og hundreogtrettien "
                            "centimeter.")
    assert [w for _, _, w in find_values(said)] == ["vekt 27,4 kg", "høyde 131 cm"]
    # a number said with the other value's unit is not this value ("høyde … 27,4 kg")
    assert all("høyde 27" not in w for _, _, w in find_values(said))
    # a change in weight is no weight
    assert find_values(spoken_to_digits("Vekta har gått ned fem kilo.")) == []


def _label(said: str) -> str:
    from scribe.domain import Speaker
    from scribe.draft.classify import score_sentence
    from scribe.text.sentences import Sentence
    scores = score_sentence(Sentence("s1.1", "s1", Speaker.LEGE, said, 0))
    return max(scores, key=lambda k: scores[k])


def test_a_rest_tremor_is_no_advice_to_rest() -> None:
    assert _label("Jeg ser en hvileskjelving i høyre hånd.") == "Funn"
    assert _label("Du må hvile de neste dagene.") == "Tiltak"


def test_what_the_examination_showed_concluded_is_the_assessment() -> None:
    assert _label("Det jeg finner, er tegn som ligner parkinsonisme.") == "Vurdering"
    assert _label("Det jeg finner i øret, skyller vi ut.") != "Vurdering"


def test_a_value_after_two_appositions() -> None:
    from scribe.draft.values import find_values
    said = "Langtidsblodsukkeret, HbA1c, som vi tok i fingeren da du kom, er sekstien."
    assert [w for _, _, w in find_values(said)] == ["HbA1c 61"]
    # a list of tests is no apposition
    assert find_values("Hb, ferritin og TSH, som vi tok sist, er fine.") == []
