"""The questions a GP asks in a set form are written in that form, and what they became counts
as a fact when the note is cut to length: the suicide screening however the doctor puts it
("tanker om at livet ikke er verdt å leve, eller om å ta livet ditt"), a no written "Ingen
suicidaltanker"; the set forms of the phrasebook's topics and open questions weigh as facts;
"deg selv" / "meg selv" is the patient's own self ("skade seg selv"). Synthetic sentences
only; each rule is checked both ways."""

from __future__ import annotations

import pytest

from scribe.domain import Segment, Speaker, Transcript
from scribe.draft.answers import fold_answer
from scribe.draft.dialogue import parse_question
from scribe.draft.lexicon import DrugLexicon
from scribe.draft.person import third_person
from scribe.draft.pipeline import Drafter
from scribe.draft.select import is_fact

_WHO = {"lege": Speaker.LEGE, "pasient": Speaker.PASIENT}


@pytest.mark.parametrize("question", [
    "Har du hatt tanker om at livet ikke er verdt å leve, eller om å ta livet ditt?",
    "Har du noen gang hatt tanker om at livet ikke er verdt å leve, eller om å skade deg selv?",
    "Har du tenkt på selvmord?",
    "Har du hatt tanker om å ta ditt eget liv?",
])
def test_suicide_screening_said_no_is_written_in_the_set_form(question: str) -> None:
    assert fold_answer(question, "Nei. Aldri. Sånn er det ikke.").startswith(
        "Ingen suicidaltanker")


def test_a_question_listing_two_matters_is_still_a_list() -> None:
    """Only a topic whose cues name one matter holds across "eller": smoking or snus asked
    together is two questions, not the smoking topic."""
    q = parse_question("Røyker du, eller snuser du?")
    assert q.special is None
    q = parse_question("Har du hatt tanker om at livet ikke er verdt å leve, eller om å ta "
                       "livet ditt?")
    assert q.special is not None and q.special.name == "suicidal"


def test_a_life_question_that_is_not_about_suicide_has_no_such_topic() -> None:
    assert parse_question("Har livet ditt endret seg etter flyttingen?").special is None


@pytest.mark.parametrize("text", ["Ingen suicidaltanker.", "Ikke-røyker.", "Ikke gravid.",
                                  "Drikker ikke alkohol.", "Migrene i familien: mor.",
                                  "Søvn: dårlig.", "Bruker snus."])
def test_set_forms_of_the_phrasebook_are_facts(text: str) -> None:
    assert is_fact(text, lambda _: False)


@pytest.mark.parametrize("text", ["Liker å gå tur.", "Ingenting nytt på jobben.",
                                  "Suicidal er et ord."])
def test_other_statements_are_not_facts_by_form(text: str) -> None:
    assert not is_fact(text, lambda _: False)


def test_yourself_is_the_patients_own_self() -> None:
    assert "skade seg selv" in third_person(
        "Hvis du får tanker om å skade deg selv, ringer du meg.", "lege")
    assert third_person("Jeg er sint på meg selv.", "pasient") == "Er sint på seg selv."
    # without "selv" the doctor's "deg" is still the patient
    assert "seg" not in third_person("Jeg ringer deg i morgen.", "lege").split()


def test_the_note_of_a_low_patient_says_no_suicidal_thoughts(lexicon: DrugLexicon) -> None:
    turns = [("lege", "Hva kan jeg hjelpe deg med i dag?"),
             ("pasient", "Jeg har vært så nedfor de siste månedene, og sover dårlig."),
             ("lege", "Har du mistet gleden ved ting du pleide å like?"),
             ("pasient", "Ja, litt. Jeg orker ikke å trene lenger."),
             ("lege", "Har du hatt tanker om at livet ikke er verdt å leve, eller om å ta "
                      "livet ditt?"),
             ("pasient", "Nei. Nei, sånn er det ikke. Jeg har ungene."),
             ("lege", "Jeg tror dette er en lett depresjon. Vi snakker om det igjen om to "
                      "uker.")]
    transcript = Transcript(tuple(Segment(f"s{i + 1:04d}", float(i), float(i + 1), text,
                                          _WHO[who]) for i, (who, text) in enumerate(turns)))
    drafter = Drafter(lexicon)
    note = drafter.templates.render_note(drafter.draft(transcript).draft)
    assert "Ingen suicidaltanker" in note
    assert "ta livet" not in note


@pytest.mark.parametrize("text", ["Mensen: regelmessig, hver fjerde uke.",
                                  "Humøret: langt nede.", "Aldri røykt.",
                                  "Tar tablettene hver annen dag."])
def test_what_a_question_became_and_how_often_are_facts(text: str) -> None:
    assert is_fact(text, lambda _: False)


def test_a_source_before_a_colon_is_no_answer() -> None:
    assert not is_fact("Ifølge datter: glad i å gå tur.", lambda _: False)
