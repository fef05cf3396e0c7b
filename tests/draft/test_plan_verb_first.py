"""The doctor's step of the plan said with the verb first after "da"/"så", as Norwegian word
order has it ("Da skriver jeg ut Primolut N, det heter noretisteron, fem milligram.", "Så får
du en krem som heter Mildison.") is the plan, as "Jeg skriver ut …" is: the name the drug
"heter" is no diagnosis named. The same word order names the assessment ("Da har du en
frossen skulder.", "Så er det nok en virusinfeksjon."), as "du har en …" and "det er en …"
do; a time ago ("Da er det en stund siden sist.") is none. Synthetic sentences only."""

from __future__ import annotations

import pytest

from scribe.draft.classify import classify_rules
from scribe.text.sentences import split_segments
from tests.draft.conftest import make_transcript


def _label(said: str) -> str:
    return classify_rules(split_segments(make_transcript(("lege", said)).segments))[0].label


@pytest.mark.parametrize("said", [
    "Da skriver jeg ut Primolut N, det heter noretisteron, fem milligram.",
    "Så får du en krem som heter Mildison.",
    "Da sender jeg en henvisning til fysioterapeut, det heter manuellterapi.",
])
def test_the_plan_said_verb_first_is_the_plan(said: str) -> None:
    assert _label(said) == "Tiltak"


@pytest.mark.parametrize("said", [
    "Da har du en frossen skulder.",
    "Da er det en helvetesild, det som heter herpes zoster.",
    "Så er det nok en virusinfeksjon.",
])
def test_the_assessment_said_verb_first_is_the_assessment(said: str) -> None:
    assert _label(said) == "Vurdering"


def test_a_time_ago_said_verb_first_is_no_assessment() -> None:
    assert _label("Da er det en stund siden sist.") != "Vurdering"
