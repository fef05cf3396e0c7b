"""Where a doctor's sentence belongs and what a chat takes with it: a follow-up set as a time
from now in any number ("om seks uker"), or said as "ser vi deg igjen", and when a child may go
back to the kindergarten are the plan; the condition named for the patient ("det kalles
atrofi", "den typiske bjeffende hosten", "et forstadium") is the assessment. A question whose
answer is small talk goes with the chat, not into the history; the answer to the doctor's
question about the matter stays history when it has something clinical in it, even if it
names a partner. Checked both ways; synthetic sentences only."""

from __future__ import annotations

import pytest

from scribe.draft.classify import classify_rules
from scribe.draft.condense import condense
from scribe.draft.conversation import corrected, small_talk_turns
from scribe.text.sentences import Sentence, split_segments
from tests.draft.conftest import make_transcript


def _sentences(*turns: tuple[str, str]) -> list[Sentence]:
    return split_segments(make_transcript(*turns).segments)


def _label(said: str) -> str:
    sentences = _sentences(("lege", said))
    return classify_rules(sentences)[0].label


@pytest.mark.parametrize("said", [
    "Så ser vi deg igjen om seks uker.",
    "Vi snakkes om ti dager.",
    "Han kan gå i barnehagen igjen når han har brukt kremen i to døgn.",
    "Hun kan gå på skolen når hun orker.",
])
def test_a_follow_up_in_any_number_and_a_return_to_school_are_the_plan(said: str) -> None:
    assert _label(said) == "Tiltak"


@pytest.mark.parametrize("said", [
    "Slimhinnen er tynn og tørr, det kalles atrofi.",
    "Ja, det er den typiske bjeffende hosten.",
    "Så du ligger i et forstadium.",
])
def test_the_condition_named_for_the_patient_is_the_assessment(said: str) -> None:
    assert _label(said) == "Vurdering"


@pytest.mark.parametrize("said", [
    "Hun kan gå tur i skogen med hunden.",  # no return to school or work
    "Det er seks uker siden sist.",  # a time ago, not from now
])
def test_words_like_them_that_plan_nothing_are_not_the_plan(said: str) -> None:
    assert _label(said) != "Tiltak"


def _history(*turns: tuple[str, str]) -> str:
    sentences = _sentences(*turns)
    out = condense(sentences, classify_rules(sentences),
                   small_talk=small_talk_turns(sentences))
    return " ".join(st.text for st in out["Anamnese"]).lower()


def test_a_question_answered_with_small_talk_goes_with_the_chat() -> None:
    note = _history(("lege", "Hvor lenge har han hatt sårene?"),
                    ("parorende", "I fem dager."),
                    ("lege", "Er dere mye ute nå i vinter?"),
                    ("parorende", "Ja, vi var på isfiske i helga, han og jeg. Han fikk sin "
                                  "første røye!"),
                    ("pasient", "Stor fisk!"),
                    ("lege", "Da sender jeg resept på kremen."))
    assert "5 dager" in note
    assert "isfiske" not in note and "vinter" not in note


def test_an_answer_about_the_matter_that_names_a_partner_stays_history() -> None:
    note = _history(("lege", "Hvor lenge har det klødd?"),
                    ("pasient", "I fire uker."),
                    ("lege", "Har noen rundt deg det samme?"),
                    ("pasient", "Kjæresten min har begynt å klø på hendene også."),
                    ("lege", "Har du prøvd noe?"),
                    ("pasient", "En hydrokortisonkrem, det hjalp ikke."))
    assert "kjæreste" in note


def test_an_answer_with_nothing_clinical_about_a_partner_is_small_talk() -> None:
    note = _history(("lege", "Hvor lenge har det klødd?"),
                    ("pasient", "I fire uker."),
                    ("lege", "Hvordan går det ellers?"),
                    ("pasient", "Kjæresten min og jeg skal på konsert i helga."),
                    ("lege", "Så hyggelig."),
                    ("lege", "Da skriver jeg resept på en krem."))
    assert "konsert" not in note and "kjæreste" not in note


def _kept(*turns: tuple[str, str]) -> list[str]:
    return [s.text for s in corrected(_sentences(*turns))[0]]


def test_the_chat_set_aside_as_not_why_the_patient_came_is_left_out() -> None:
    kept = _kept(("lege", "Hei, Anders. Kom inn. Ble det eplemost av all frukten i år?"),
                 ("pasient", "Ja, vi pressa heile helga, tre hundre liter. Men det er ikkje "
                             "difor eg kom. Det er auget."),
                 ("lege", "Fortell."),
                 ("pasient", "Venstre auge har vorte raudt og vondt."))
    assert not any("eplemost" in t or "liter" in t or "difor" in t for t in kept)
    assert "Det er auget." in kept and "Venstre auge har vorte raudt og vondt." in kept


def test_what_is_clinical_before_not_why_i_came_stays() -> None:
    kept = _kept(("lege", "Hvordan går det med kneet?"),
                 ("pasient", "Kneet er mye bedre, det verker nesten ikke. Men det er ikke "
                             "derfor jeg kom. Det er hosten."))
    assert any("verker" in t for t in kept)
    assert "Hvordan går det med kneet?" in kept
