"""Telegraphic note Norwegian: the patient's subject and auxiliary go, conditions take "ved"."""

from __future__ import annotations

import pytest

from scribe.draft.select import compact
from scribe.draft.telegraphic import telegraphic


@pytest.mark.parametrize(("said", "written"), [
    ("Har hatt vondt i halsen i 3 dager.", "Vondt i halsen i 3 dager."),
    ("Er tett i nesa og har fått litt hoste.", "Tett i nesa og litt hoste."),
    ("Har gått ned 4 kg.", "Gått ned 4 kg."),
    ("Har ikke lyst til noe, og er sliten hele tida.", "Ikke lyst til noe, og sliten hele tida."),
    ("Har så mye hodepine.", "Mye hodepine."),
    ("Har så ryggsmerter.", "Ryggsmerter."),
    ("Har en ørevoksplugg på høyre side.", "Ørevoksplugg på høyre side."),
    ("Har vært vegetarianer i 2 år.", "Vegetarianer i 2 år."),
    ("Er ikke slapp.", "Ikke slapp."),
    ("Har vært skikkelig dårlig siden natt til tirsdag.", "Dårlig siden natt til tirsdag."),
])
def test_the_patients_subject_and_auxiliary_go(said: str, written: str) -> None:
    assert telegraphic(said) == written


@pytest.mark.parametrize(("said", "written"), [
    ("Kontakt legevakt hvis pas. får nummenhet i skrittet eller lammelser.",
     "Kontakt legevakt ved nummenhet i skrittet eller lammelser."),
    ("Ny kontakt hvis pas. ikke er bedre om 1 uke.", "Ny kontakt ved manglende bedring om 1 uke."),
    ("Ny time hvis det ikke blir bedre.", "Ny time ved manglende bedring."),
    ("Ring legevakt hvis han blir verre.", "Ring legevakt ved forverring."),
    ("Ibuprofen i tillegg hvis pas. trenger det.", "Ibuprofen i tillegg ved behov."),
    ("Vil se pas. igjen om 2 uker.", "Kontroll om 2 uker."),
    ("Anbefaler at pas. starter med amlodipin 5 mg x 1.", "Starter med amlodipin 5 mg x 1."),
])
def test_a_condition_of_the_plan_is_written_with_ved(said: str, written: str) -> None:
    assert telegraphic(said) == written


@pytest.mark.parametrize("said", [
    "Har det godt utenfor jobben.",          # "det" is the subject of the state
    "Har med seg blodtrykksmålingene.",      # what is had is not a state
    "Er det fint å sjekke lungene.",         # a question's word order
    "Har vært der 4 ganger.",                # "der" is a place, not a state
    "Er Ottawa-reglene negative.",           # a name follows: not the patient
    "Nå har pas. så vondt i hofta at pas. nesten ikke klarer å gå.",  # "så … at" stays
    "Ikke så mye at det plager pas.",
    "Går gjennom reglene for å se om pas. trenger røntgen.",  # "om" = whether
    "Hvis pas. får lov av arbeidsgiver, jobber hjemmefra.",   # "får lov" is no complaint
    "Mor har migrene.",
])
def test_what_is_not_the_patients_state_keeps_its_frame(said: str) -> None:
    assert telegraphic(said) == said


def test_numbers_negations_and_drugs_are_kept() -> None:
    said = "Har ikke tatt paracetamol, 1 g x 4, de siste 2 dagene."
    out = telegraphic(said).lower()
    for kept in ("ikke", "paracetamol", "1 g x 4", "2 dagene"):
        assert kept in out


def test_the_note_uses_it() -> None:
    assert compact("Har hatt feber i 3 dager.") == "Feber i 3 dager."
