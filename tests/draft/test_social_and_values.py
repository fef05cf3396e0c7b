"""Small talk told by its topic, questions about a video or phone connection, and a lab value
named with a lay apposition ("ferritin, jernlageret, er bare seks").

All sentences are synthetic Norwegian written for these tests."""

from __future__ import annotations

import pytest

from scribe.domain import Speaker
from scribe.draft.condense import sentence_values
from scribe.draft.dialogue import PROCEDURAL, SOCIAL, parse_question
from scribe.draft.lexicon import DrugLexicon
from scribe.draft.pipeline import Drafter
from scribe.draft.rewrite import fold_answer

from .conftest import make_transcript


# --- small talk by its topic --------------------------------------------------------------
@pytest.mark.parametrize("question", [
    "Har dere fått snø der du bor?",
    "Har dere fått mye snø?",
    "Er det glatt ute i dag?",
    "Er det dårlig vær der du bor?",
    "Har dere hatt en fin jul?",
    "Skal dere på hytta i påsken?",
    "Hvordan var turen til Kreta?",
    "Så du kampen i går?",
    "Heier du på Rosenborg?",
    "Har dere fått valp?",
    "Var det mye trafikk på veien hit?",
])
def test_a_question_about_weather_holidays_sport_or_pets_is_social(question: str) -> None:
    assert parse_question(question).kind == SOCIAL


@pytest.mark.parametrize("question", [
    "Har du vært ute og reist nylig?",      # travel as exposure
    "Har du vært på reise nylig?",
    "Har du vært i Syden?",
    "Går du på ski fortsatt?",              # function
    "Spiller du fotball?",                  # activity
    "Skjedde det på ski?",                  # mechanism of injury
    "Har du vondt etter skituren?",         # a symptom
    "Har det vært sånn siden jul?",         # a holiday that only dates it
    "Har det vært sånn hele helga?",
    "Er det verst i sesongen?",
    "Var du dårlig i jula?",
    "Har du vært mye i sola?",              # sun exposure
    "Kjennes det varmt?",
    "Har dere katt hjemme?",
    "Har du spist noe rart på ferien?",
    "Har du hatt feber?",
])
def test_the_same_words_in_a_clinical_sense_stay_clinical(question: str) -> None:
    assert parse_question(question).kind not in {SOCIAL, PROCEDURAL}


def test_the_snow_question_and_its_answer_leave_nothing_for_the_note() -> None:
    assert fold_answer("Har dere fått snø der du bor?",
                       "Ja, masse! Ungene har bygd snøhule i hagen.") is None


def test_a_clinical_answer_to_small_talk_is_still_kept() -> None:
    out = fold_answer("Har dere fått snø der du bor?",
                      "Nei, men jeg har hatt vondt i ryggen etter måkingen.")
    assert out is not None and "vondt i ryggen" in out


# --- the connection on video or phone -----------------------------------------------------
@pytest.mark.parametrize("question", [
    "Hører og ser du meg godt?",
    "Hei, Nina. Hører og ser du meg godt?",
    "Ser du meg?",
    "Hører du meg nå?",
    "Kan du høre meg?",
    "Hører du?",
    "Er lyden grei?",
    "Fungerer lyden?",
    "Fungerer bildet nå?",
    "Har du lyd?",
    "Er forbindelsen dårlig?",
    "Er du der?",
])
def test_a_connection_check_is_procedural(question: str) -> None:
    assert parse_question(question).kind == PROCEDURAL


@pytest.mark.parametrize("question", [
    "Hører du dårlig på venstre øre?",
    "Hører du en susende lyd?",
    "Er lyden konstant?",
    "Ser du dobbelt?",
    "Ser du dårligere enn før?",
])
def test_hearing_and_seeing_as_symptoms_stay_clinical(question: str) -> None:
    assert parse_question(question).kind not in {SOCIAL, PROCEDURAL}


def test_the_answer_to_a_connection_check_leaves_nothing_for_the_note() -> None:
    assert fold_answer("Hører og ser du meg godt?",
                       "Ja, hei! Nå er det fint.") is None


# --- a lab value with a lay apposition ----------------------------------------------------
@pytest.mark.parametrize(("text", "values"), [
    ("Og ferritin, jernlageret, er bare seks.", ["Ferritin 6"]),
    ("Blodprosenten, hemoglobin, er ti komma to.", ["Hb 10,2"]),
    ("HbA1c, langtidsblodsukkeret, var 54.", ["HbA1c 54"]),
    ("HbA1c, langtidsblodsukkeret, var femtifire.", ["HbA1c 54"]),
    ("TSH, stoffskiftet, er to komma en.", ["TSH 2,1"]),
    ("Ferritinet, altså jernlageret ditt, er nå tolv.", ["Ferritin 12"]),
    ("Ferritinet er fortsatt bare ni.", ["Ferritin 9"]),
    ("Kreatinin, nyrefunksjonen, var 80 i dag.", ["Kreatinin 80"]),
])
def test_a_value_named_with_an_apposition_is_read(text: str, values: list[str]) -> None:
    assert sentence_values(text) == values


@pytest.mark.parametrize("text", [
    "Ferritin, vi sjekker det, om seks uker.",      # a clause, then a time
    "Ferritin, jernlageret, sjekker vi om to uker.",
])
def test_an_apposition_lends_no_number_that_is_not_the_value(text: str) -> None:
    assert sentence_values(text) == []


def test_both_lab_values_go_in_and_the_small_talk_stays_out(lexicon: DrugLexicon) -> None:
    t = make_transcript(
        ("lege", "Hei, Nina. Hører og ser du meg godt?"),
        ("pasient", "Ja, hei! Nå er det fint. Jeg sitter på kontoret, så det er litt dårlig lys."),
        ("lege", "Hva kan jeg hjelpe deg med?"),
        ("pasient", "Jeg har vært veldig sliten i over en måned."),
        ("lege", "Blodprosenten, hemoglobin, er ti komma to. "
                 "Og ferritin, jernlageret, er bare seks."),
        ("lege", "Jeg skriver ut jerntabletter, og vi tar nye prøver om tre måneder."),
        ("lege", "Godt. Ring hvis du blir svimmel eller mye mer slapp. "
                 "Har dere fått snø der du bor?"),
        ("pasient", "Ja, masse! Ungene har bygd snøhule i hagen."),
    )
    draft = Drafter(lexicon).draft(t).draft
    funn = " ".join(st.text for sec in draft.sections if sec.name == "Funn"
                    for st in sec.statements)
    note = " ".join(st.text for sec in draft.sections for st in sec.statements).lower()
    assert "Hb 10,2" in funn and "Ferritin 6" in funn
    assert "snø" not in note
    assert "hører" not in note and "ser lege" not in note
    assert "sliten" in note


def test_asker_does_not_change_a_social_topic() -> None:
    assert parse_question("Har dere fått snø der du bor?", Speaker.PASIENT).kind == SOCIAL
