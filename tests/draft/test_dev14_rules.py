"""Note rules behind what the fourteenth set's first run (eval/dev14, written blind) showed,
each from how Norwegian is spoken, each both ways. Synthetic sentences only.

- More ways of taking back what was just said: "hva sier je(g)", "nei, jeg sa feil", "nei,
  jeg husker feil", "nei, jeg tar feil", "unnskyld, jeg mente", "stryk det"; a marker that
  asks the speaker themselves ("hva sier jeg") counts after a pause too.
- An amount said again keeps its bound ("… det er over en måned"), and a day or a month
  in the singular is an amount ("en dag", "en måned": the pattern had only the plurals).
"""

from __future__ import annotations

import pytest

from scribe.draft.corrections import take_back_text


@pytest.mark.parametrize(("said", "written"), [
    ("Je har gått ned fem kilo ... hva sier je, sju kilo.", "Je har gått ned sju kilo."),
    ("Det var tirsdag, hva sier jeg, onsdag.", "Det var onsdag."),
    ("Blodtrykket er hundreogfemtito over nittifire ... nei, jeg sa feil, "
     "hundreogfemtiåtte over nittifire.", "Blodtrykket er hundreogfemtiåtte over nittifire."),
    ("Røntgen viser artrose i venstre hofteledd, nei, jeg tar feil, i høyre hofteledd.",
     "Røntgen viser artrose i høyre hofteledd."),
    ("Jeg har brukt den i to uker ... nei, jeg husker feil, det er over en måned.",
     "Jeg har brukt den i over en måned."),
    ("Det begynte for en dag siden, nei vent, det er to dager siden.",
     "Det begynte for to dager siden."),
    ("Verst på høyre hånd, stryk det, venstre hånd.", "Verst på venstre hånd."),
])
def test_a_correction_in_other_words_leaves_what_was_said_instead(said: str,
                                                                   written: str) -> None:
    assert take_back_text(said) == written


@pytest.mark.parametrize("said", [
    "Hva sier jeg til sjefen?",  # a question of its own, no pause or comma before it
    "Jeg mente at det var greit.",
    "Han sa feil navn på apoteket.",
])
def test_the_same_words_not_set_off_take_nothing_back(said: str) -> None:
    assert take_back_text(said) == said
