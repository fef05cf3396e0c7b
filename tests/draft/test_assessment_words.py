"""A disease's "-itt" (bronkitt, sinusitt, epididymitt) marks the doctor's assessment; everyday
words that end the same way do not: "fritt" (free), "blitt" (become), "hvitt", "kvitt",
"skritt", "i gjennomsnitt". "Nakken beveger seg fritt" is a finding, not a conclusion.
Checked both ways; synthetic sentences only."""

from __future__ import annotations

import pytest

from scribe.draft.classify import score_sentence
from scribe.text.sentences import split_segments
from tests.draft.conftest import make_transcript


def _assessment(said: str) -> float:
    sentence = split_segments(make_transcript(("lege", said)).segments)[0]
    return score_sentence(sentence)["Vurdering"]


@pytest.mark.parametrize("said", [
    "Nakken beveger seg fritt.", "Skulderen kan beveges fritt til alle sider.",
    "Belegget på mandlene er hvitt.", "Det har blitt bedre med kneet siden sist.",
    "Du har gått ned to kilo i gjennomsnitt.", "Smertene går ned mot skritt og lyske.",
])
def test_everyday_words_ending_in_itt_are_no_assessment(said: str) -> None:
    assert _assessment(said) == 0.0


@pytest.mark.parametrize("said", [
    "Dette er en bihulebetennelse, en sinusitt.", "Du har fått en bronkitt.",
    "Det passer med epididymitt.",
])
def test_a_disease_ending_in_itt_is_the_assessment(said: str) -> None:
    assert _assessment(said) > 0.0
