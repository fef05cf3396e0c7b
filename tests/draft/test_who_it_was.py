"""Issue 14: who it was, put right ("Far min hadde tarmkreft ... nei, det var onkel, farbroren
min.", "Mor mi hadde brystkreft ... næh, det va tanta mi, mor si søster."): the relative named
again takes the place of the one the sentence began with, so the family history is the
uncle's, not the father's. A value owned up to as misread after a pause, in any dialect's
words ("Eg målte trettiåtte komma to i natt ... nei, eg las feil. Det var trettisju komma
åtte."), is taken back, and the next sentence says what stands. Seen in dev20 (written
blind); synthetic sentences, each rule both ways."""

from __future__ import annotations

from scribe.draft.conversation import corrected
from scribe.draft.corrections import take_back_text
from scribe.text.sentences import split_segments
from tests.draft.conftest import make_transcript


def _said(*turns: tuple[str, str]) -> list[str]:
    return [s.text for s in corrected(split_segments(make_transcript(*turns).segments))[0]]


def test_the_relative_named_again_is_who_it_was() -> None:
    assert take_back_text("Far min hadde tarmkreft ... nei, det var onkel, farbroren min.") == (
        "Onkel, farbroren min, hadde tarmkreft.")
    assert take_back_text("Mor mi hadde brystkreft ... næh, det va tanta mi.") == (
        "Tanta mi hadde brystkreft.")
    # a disease put right, not who had it, is left to the other rules
    assert "onkel" not in take_back_text(
        "Far min hadde diabetes ... nei, det var høyt blodtrykk.").lower()


def test_a_value_owned_up_to_as_misread_after_a_pause_is_taken_back() -> None:
    said = _said(("lege", "Har du hatt feber?"),
                 ("pasient", "Eg målte trettiåtte komma to i natt ... nei, eg las feil. Det "
                             "var trettisju komma åtte."))
    assert not any("trettiåtte komma to" in s for s in said)
    assert any("trettisju komma åtte" in s for s in said)
    # an admission of its own still takes back the sentence before and keeps what follows
    alone = _said(("pasient", "Det begynte på mandag. Nei, jeg husker feil. Det var tirsdag."))
    assert not any("mandag" in s for s in alone)
    assert any("tirsdag" in s for s in alone)
