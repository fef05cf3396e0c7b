"""What the doctor says only to admire or agree ("Det er en skikkelig fisk.", "Det er en flott
tur.", "Det er en avtale.") and the doctor naming who calls ("Hallo, dette er legen på
legesenteret.") are no statements of the note, though "det er en" and "dette er" open an
assessment. Checked both ways: the same openings with a clinical word stay the assessment.
Synthetic sentences only."""

from __future__ import annotations

import pytest

from scribe.draft.classify import NONE, classify_rules
from scribe.text.sentences import split_segments
from tests.draft.conftest import make_transcript


def _label(said: str, speaker: str = "lege") -> str:
    return classify_rules(split_segments(make_transcript((speaker, said)).segments))[0].label


@pytest.mark.parametrize("said", [
    "Det er en skikkelig fisk.",
    "Å, det er en flott tur.",
    "Det er et nydelig bilde, det.",
    "Det er en avtale.",
    "Hallo, dette er legen på legesenteret.",
    "Hei, det er doktor Berg som ringer.",
])
def test_a_remark_an_announcement_and_the_caller_are_not_the_note(said: str) -> None:
    assert _label(said) == NONE


@pytest.mark.parametrize("said", [
    "Det er en betennelse i mellomøret.",
    "Det er en vanlig forkjølelse.",
    "Dette er en forstuving av det indre sideleddbåndet.",
    "Så dette er vurderingen min: du har en lungebetennelse.",
    "Det er en stor og hard kul.",
])
def test_the_same_openings_with_something_clinical_stay_the_assessment(said: str) -> None:
    assert _label(said) != NONE
