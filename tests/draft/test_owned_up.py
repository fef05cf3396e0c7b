"""Owning up to having said too little or too much, after a pause ("Jeg sover tre timer ...
nei, det er ikke helt ærlig."): what went before is taken back whole and the speaker's next
sentence says what stands. Synthetic sentences, both ways: the same words as an answer to a
question take nothing back.
"""

from __future__ import annotations

import pytest

from scribe.draft.corrections import take_back
from scribe.text.sentences import split_segments
from tests.draft.conftest import make_transcript


def _said(*turns: tuple[str, str]) -> list[str]:
    return [s.text for s in take_back(split_segments(make_transcript(*turns).segments))]


@pytest.mark.parametrize("owned", ["nei, det er ikke helt ærlig", "nei, nå overdriver jeg",
                                   "nei, det er ikkje heilt ærleg"])
def test_owning_up_after_a_pause_takes_the_sentence_back(owned: str) -> None:
    said = _said(("lege", "Hvordan sover du?"),
                 ("pasient", f"Jeg sover tre timer ... {owned}. Jeg dupper av innimellom, så "
                             "det blir vel fem timer til sammen."))
    assert said[1:] == ["Jeg dupper av innimellom, så det blir vel fem timer til sammen."]


def test_the_same_words_as_an_answer_take_nothing_back() -> None:
    said = _said(("pasient", "Jeg sover tre timer."), ("lege", "Er det helt ærlig?"),
                 ("pasient", "Nei, det er ikke helt ærlig."))
    assert said[0] == "Jeg sover tre timer."
