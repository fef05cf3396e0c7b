"""Setting right across turns and saying back, as dev18 showed them (synthetic sentences, each
rule both ways):

- "X, ikke Y" after another turn said Y ("Tolken her, jeg må rette min egen oversettelse: hun
  sa tre uker, ikke tre dager.", "Det er høyre, ikke venstre, …"): the earlier sentence says
  X, and the setting right goes unless it says more;
- counting again after a pause ("fire koppar ... nei, eg må telja på fingrane: ein til
  frukost, …") leaves the count, not the first guess;
- the doctor's check-back after the patient's answer ("Takk. Så trykk etter rundt to hundre
  meter i motbakke.") is history; "Så tar vi en blodprøve." is not;
- a relative who sets the patient right ("Arne, det stemmer itte. …") speaks of the matter,
  not of a topic of their own, and the denial itself is not for the note; a relative's own
  illness said with "e … sjøl" is not the patient's;
- "pH er fem komma null" is written "pH 5,0";
- a relative's turn that opens by calling the patient ("Arne, …", "Mamma, …") speaks to the
  patient: its "du" is the patient, not the doctor.
"""

from __future__ import annotations

from scribe.draft.classify import NONE, classify_rules
from scribe.draft.conversation import corrected, small_talk_turns, with_check_back
from scribe.draft.select import compact
from scribe.text.sentences import split_segments
from tests.draft.conftest import make_transcript


def _said(*turns: tuple[str, str]) -> list[str]:
    return [s.text for s in corrected(split_segments(make_transcript(*turns).segments))[0]]


def test_an_interpreter_setting_the_translation_right() -> None:
    said = _said(("lege", "Hvor lenge har du hatt det?"), ("parorende", "I tre dager."),
                 ("pasient", "Maya ... saddex toddobaad."),
                 ("parorende", "Tolken her, jeg må rette min egen oversettelse: hun sa tre "
                               "uker, ikke tre dager."))
    assert "I tre uker." in said and not any("dager" in s for s in said)


def test_a_side_set_right_keeps_what_else_is_said() -> None:
    said = _said(("pasient", "Det er vondt i venstre kne."),
                 ("parorende", "Det er høyre, ikke venstre, og det hovnet opp i går kveld "
                               "etter fotballtreningen."))
    assert said[0] == "Det er vondt i høyre kne."
    assert any("hovnet opp i går kveld" in s for s in said[1:])


def test_a_question_sets_nothing_right() -> None:
    said = _said(("pasient", "Jeg har hatt det i to uker."), ("lege", "Ikke to uker, men tre?"))
    assert said[0] == "Jeg har hatt det i to uker."


def test_counting_again_leaves_the_count() -> None:
    said = _said(("pasient", "Og kaffi, fire koppar ... nei, eg må telja på fingrane: ein til "
                             "frukost, to på jobb og ein til kvelds. Det blir fire."))
    assert not any("fire koppar" in s for s in said)
    plain = _said(("pasient", "Jeg må telle på fingrene: tre ganger i natt."))
    assert plain == ["Jeg må telle på fingrene: tre ganger i natt."]


def _labels(*turns: tuple[str, str]) -> dict[str, str]:
    sentences = split_segments(make_transcript(*turns).segments)
    return {s.text: lb.label for s, lb in zip(
        sentences, with_check_back(sentences, classify_rules(sentences)), strict=True)}


def test_the_doctors_check_back_is_history() -> None:
    said = _labels(("lege", "Hvor langt går du før det kommer?"),
                   ("pasient", "Til postkassa, to hundre meter."),
                   ("lege", "Takk. Så trykk etter rundt to hundre meter i motbakke."))
    assert said["Så trykk etter rundt to hundre meter i motbakke."] == "Anamnese"
    plan = _labels(("pasient", "Ja, det er greit."), ("lege", "Så tar vi en blodprøve."))
    assert plan["Så tar vi en blodprøve."] != "Anamnese"


def test_a_relative_setting_the_patient_right_is_no_small_talk() -> None:
    turns = (("lege", "Hvor langt går du før det kommer?"),
             ("pasient", "Jeg går to kilometer opp bakken."),
             ("parorende", "Arne, det stemmer itte. Du går bort til postkassa i bakken, og "
                           "der stopper du og tar sprayen."),
             ("pasient", "Ja ... det er vel postkassa. To hundre meter."),
             ("lege", "Takk. Så trykk etter rundt to hundre meter i motbakke."),
             ("pasient", "Ja."))
    sentences, _ = corrected(split_segments(make_transcript(*turns).segments))
    assert not {"s0003", "s0004", "s0005"} & small_talk_turns(sentences)
    labels = {s.text: lb.label for s, lb in zip(sentences, classify_rules(sentences),
                                                 strict=True)}
    assert labels["Arne, det stemmer itte."] == NONE


def test_a_relatives_own_illness_said_with_e() -> None:
    labels = classify_rules(split_segments(make_transcript(
        ("pasient", "Jeg glemmer tablettene."),
        ("parorende", "E har flimmer sjøl, så e veit kor viktig dosetten er.")).segments))
    assert labels[1].label == NONE


def test_ph_as_written() -> None:
    assert compact("pH er 5,0.") == "pH 5,0."
    assert compact("Ph-verdien er fin.") == "Ph-verdien er fin."


def test_a_question_in_the_same_order_sets_nothing_right() -> None:
    said = _said(("parorende", "I tre dager."),
                 ("lege", "Var det tre uker, ikke tre dager?"))
    assert said[0] == "I tre dager."


def test_a_relative_calling_the_patient_speaks_to_the_patient() -> None:
    said = _said(("lege", "Hei, Arne, kom inn."), ("pasient", "Jeg går to kilometer."),
                 ("parorende", "Arne, det stemmer itte. Du går bort til postkassa, og der "
                               "stopper du."))
    assert "Han går bort til postkassa, og der stopper han." in said
    mother = _said(("pasient", "Det husker jeg ikke."),
                   ("parorende", "Mamma, du sa det til meg i fjor sommer."))
    assert mother[-1] == "Mamma, hun sa det til meg i fjor sommer."


def test_a_relative_speaking_to_the_doctor_keeps_du() -> None:
    said = _said(("pasient", "Det husker jeg ikke."),
                 ("parorende", "Kan du se på ryggen hans også?"))
    assert said[-1] == "Kan du se på ryggen hans også?"
    # a name the doctor did not greet the patient by is no call to the patient
    named = _said(("lege", "Hei, kom inn."), ("parorende", "Kari, du må se på dette."))
    assert named[-1] == "Kari, du må se på dette."
