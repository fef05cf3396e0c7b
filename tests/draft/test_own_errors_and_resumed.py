"""Rules of spoken Norwegian behind what the fifteenth set's first run (eval/dev15, written
blind) showed, each both ways. Synthetic sentences only, none taken from the set.

- A speaker owning up to an error in their own words, set off by a pause or a comma and
  followed by a colon or a comma ("… vent, jeg husket feil: …", "… oi, det ble feil, …",
  "… feil av meg, …", "… la meg rette på det: …"), takes back what went before as the set
  markers do; "… nei, jeg må ta det om igjen, …" takes back the whole sentence before it.
- A relative named first and taken up again by a pronoun ("Søstera mi, hun har diabetes")
  is the subject: the pronoun no longer stands for the patient ("pas. har diabetes").
"""

from __future__ import annotations

import pytest

from scribe.draft.corrections import take_back, take_back_text
from scribe.draft.lexicon import DrugLexicon
from scribe.draft.person import third_person
from scribe.draft.pipeline import Drafter
from scribe.text.sentences import split_segments
from tests.draft.conftest import make_transcript


@pytest.mark.parametrize(("said", "written"), [
    ("Det gjorde vondt i høyre skulder ... vent, jeg husket feil: venstre skulder.",
     "Det gjorde vondt i venstre skulder."),
    ("Det begynte på tirsdag, oi, det ble feil, onsdag.", "Det begynte på onsdag."),
    ("Pulsen er nittiåtte ... feil av meg, åttiniogtretti.", "Pulsen er åttiniogtretti."),
    ("Vekta er sytti kilo, la meg rette på det: sekstiåtte kilo.", "Vekta er sekstiåtte kilo."),
    ("Eg hadde det i tre veker, nei, eg sa feil: fire veker.", "Eg hadde det i fire veker."),
])
def test_owning_up_to_an_error_takes_back_what_went_before(said: str, written: str) -> None:
    assert take_back_text(said) == written


def test_saying_it_all_again_takes_back_the_whole_sentence() -> None:
    said = ("Jeg fikk den for ti år siden hos tannlegen ... nei, jeg må ta det om igjen, "
            "det var i militæret.")
    assert take_back_text(said) == "Det var i militæret."


@pytest.mark.parametrize("said", [
    "Det ble feil medisin på apoteket, så jeg byttet.",  # an error told, not owned up to
    "Jeg tror jeg sa feil til sjefen, så hun ble sur.",
    "Vi tar det om igjen, sa treneren.",
    "Det var feil av meg å vente så lenge.",
])
def test_an_error_told_about_takes_nothing_back(said: str) -> None:
    assert take_back_text(said) == said


@pytest.mark.parametrize(("said", "speaker", "relation", "written"), [
    ("Søstera mi, hun har diabetes.", "pasient", None, "Søster har diabetes."),
    ("Mora mi, ho fekk brystkreft da ho var femti.", "pasient", None,
     "Mor fikk brystkreft da hun var femti."),
    ("Kusina hennes, dotter til broren min, hun har astma.", "annen", "mor",
     "Ifølge mor: kusine, dotter til bror har astma."),
])
def test_a_relative_taken_up_by_a_pronoun_is_the_subject(said: str, speaker: str,
                                                         relation: str | None,
                                                         written: str) -> None:
    assert third_person(said, speaker, relation=relation) == written


def test_a_pronoun_alone_still_stands_for_the_patient() -> None:
    assert third_person("Hun har vondt i magen.", "annen",
                        relation="mor") == "Ifølge mor har pas. vondt i magen."
    # a relative addressed, not named as the subject: "Mamma, hun …" said to the doctor
    # about the patient is not that construction when the relative is the one who speaks
    assert "pas." in third_person("Jeg er mora hennes, og hun har hatt feber.", "annen",
                                  relation="mor")


def test_owning_up_at_the_start_of_the_next_sentence_corrects_the_one_before() -> None:
    def said(answer: str) -> str:
        sentences = split_segments(make_transcript(
            ("lege", "Når skjedde det?"), ("pasient", answer)).segments)
        return " ".join(s.text for s in take_back(sentences))
    corrected = said("Det var for tre dager siden. Oi, det ble feil: det var på fredag.")
    assert "tre dager" not in corrected and "fredag" in corrected
    # an error told about at the start of a sentence corrects nothing
    told = said("Det var for tre dager siden. Det ble feil dose på apoteket.")
    assert "tre dager" in told


def test_a_condition_asked_holds_for_the_doctors_answer(lexicon: DrugLexicon) -> None:
    def tiltak(*turns: tuple[str, str]) -> str:
        draft = Drafter(lexicon).draft(make_transcript(*turns)).draft
        return " ".join(st.text for sec in draft.sections if sec.name == "Tiltak"
                        for st in sec.statements)
    visit = [("lege", "Vi tar en blodprøve for cøliaki i dag."),
             ("pasient", "Og om prøven er positiv?")]
    conditional = tiltak(*visit, ("lege", "Da henviser jeg deg til barnelege."))
    assert "Hvis prøven er positiv" in conditional and "barnelege" in conditional
    # an answer that does not open with "da" is no answer to the condition
    plain = tiltak(*visit, ("lege", "Jeg henviser deg til barnelege uansett."))
    assert "Hvis prøven" not in plain


def test_an_error_told_as_a_sentence_of_its_own_takes_nothing_back() -> None:
    sentences = split_segments(make_transcript(
        ("lege", "Hva skjedde?"),
        ("pasient", "Jeg tok dobbel dose i går. Det ble feil. Så jeg ringte apoteket.")).segments)
    said = " ".join(s.text for s in take_back(sentences))
    assert "dobbel dose" in said and "ringte apoteket" in said


def test_they_after_a_relative_are_others() -> None:
    # "de" after a relative is who told her, not the relative taken up again
    said = third_person("Mamma, de sa på sykehuset at hun må hvile.", "pasient")
    assert "Mor sa på sykehuset" not in said
