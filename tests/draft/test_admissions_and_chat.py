"""Rules of spoken Norwegian behind what the sixteenth set's first run (eval/dev16, written
blind) showed, each both ways. Synthetic sentences only, none taken from the set.

- An error owned up to as a sentence of its own, opened by the word that corrects ("Nei, nå
  husker jeg feil.", "Å nei, jeg har rotet med datoene."), makes the speaker's next sentence
  stand for the one before it; a time corrected that way replaces the time, and a short
  phrase after the old time stays ("for to uker siden, med kikkhull").
- "Rettelse," / "Korreksjon," then why the value before was wrong ("vekten sto ikke på
  null") takes the value back; the reason is no history, and the next value stands.
- Greeting and chat before the opening question ("Du har fått ny jobb?" — "Ja, på en kafé.
  Jeg sparer til interrail, tolv land på fire uker.") are small talk: a frame ("du har
  fått") and a time unit ("uker") name no matter of the visit, and a new job, a trip, the
  summer farm are topics of chat.
"""

from __future__ import annotations

import pytest

from scribe.draft.conversation import small_talk_turns
from scribe.draft.corrections import take_back
from scribe.text.sentences import split_segments
from tests.draft.conftest import make_transcript


def _said(*turns: tuple[str, str]) -> list[str]:
    return [s.text for s in take_back(split_segments(make_transcript(*turns).segments))]


@pytest.mark.parametrize(("said", "stands"), [
    ("I fjor veide han sytti kilo. Nei, nå husker jeg feil. Åttito kilo.",
     "I fjor veide han åttito kilo."),
    ("Det begynte på mandag. Å nei, jeg har rotet med dagene. Det var på søndag.",
     "Det begynte på søndag."),
    ("Jeg ble operert for to uker siden, med kikkhull. Nei, jeg blandet datoene. Det var "
     "tirsdag i forrige uke.", "Jeg ble operert tirsdag i forrige uke, med kikkhull."),
    ("Hun tok to tabletter. Unnskyld, jeg oversatte feil. Hun tok fire tabletter.",
     "Hun tok fire tabletter."),
])
def test_an_error_owned_up_to_alone_lets_the_next_sentence_stand(said: str,
                                                                 stands: str) -> None:
    assert _said(("pasient", said)) == [stands]


@pytest.mark.parametrize("said", [
    "Jeg har tatt den i tre uker. Det ble feil. Så jeg sluttet.",  # an error told about
    "Jeg blander sammen navnene på barnebarna. Det er flaut. Men ellers husker jeg godt.",
    "Jeg husket feil dag på timen i fjor. Derfor kom jeg ikke.",
])
def test_an_error_told_about_takes_nothing_back(said: str) -> None:
    assert " ".join(_said(("pasient", said))) == said


def test_a_correction_named_then_why_takes_the_value_back() -> None:
    said = _said(("lege", "Vekten er sju komma en kilo. Rettelse, vekten sto ikke på null, "
                          "det lå et teppe der. Nå: seks komma åtte kilo."))
    assert said == ["Nå: seks komma åtte kilo."]
    # a correction that gives the value itself corrects as before
    assert _said(("lege", "Pulsen er åtti. Rettelse, nitti.")) == ["Pulsen er nitti."]
    # without a correction named, why a value is what it is takes nothing back
    assert _said(("lege", "Vekten er sju komma en kilo. Vekten sto på null, det lå et "
                          "teppe der.")) == ["Vekten er sju komma en kilo.",
                                            "Vekten sto på null, det lå et teppe der."]


def _chat(*turns: tuple[str, str]) -> set[str]:
    return small_talk_turns(split_segments(make_transcript(*turns).segments))


def test_chat_before_the_opening_question_is_small_talk() -> None:
    chat = _chat(("lege", "Hei, kom inn. Du har fått ny jobb, hørte jeg?"),
                 ("pasient", "Ja, på en kafé i sentrum. Jeg sparer til interrail i sommer, "
                             "ti land på fire uker."),
                 ("lege", "Så flott. Hva kan jeg hjelpe deg med i dag?"),
                 ("pasient", "Jeg har hatt vondt i halsen i fire dager."))
    assert {"s0001", "s0002"} <= chat and "s0004" not in chat


def test_a_complaint_before_the_opening_question_is_no_chat() -> None:
    chat = _chat(("lege", "Hei, kom inn. Du har fått vondt i ryggen, hørte jeg?"),
                 ("pasient", "Ja, det har vart i fire uker, og det stråler ned i beinet."),
                 ("lege", "Hva kan jeg hjelpe deg med i dag?"),
                 ("pasient", "Jeg vil ha hjelp med smertene."))
    assert "s0002" not in chat
