"""A regimen that changes over time is one prescription with its later steps ("15 mg morgen og
kveld i 3 uker, deretter 20 mg 1 gang om dagen"; a taper; "fra dag 8"), the step said in the
next sentence too; "så" is a step only before a dose. How to use a drug told before the
prescribing sentence completes it; a dose said as "dosen skal være …" is a change, up or down
by the numbers; "tusen milligram" is 1000 mg. Synthetic sentences only; each rule both ways."""

from __future__ import annotations

import pytest

from scribe.draft.lexicon import DrugLexicon
from scribe.text.numbers import spoken_to_digits
from tests.draft.test_drug_doses import _prescribed

DRUGS_CSV = """name,kind,substance,atc,forms_strengths,prescription
Rivaroksaban,substance,Rivaroksaban,B01AF01,tab 15 mg,yes (C)
Vareniklin,substance,Vareniklin,N07BA03,tab 0.5 mg,yes (C)
Prednisolon,substance,Prednisolon,H02AB06,tab 5 mg,yes (C)
Betolvex,brand,Cyanokobalamin,B03BA01,tab 1 mg,yes (C)
Ovesterin,brand,Østriol,G03CA04,vagitorie 0.5 mg,yes (C)
Mometason,substance,Mometason,R01AD09,nesespray 50 mikrogram,yes (C)
Valaciklovir,substance,Valaciklovir,J05AB11,tab 500 mg,yes (C)
Microcid,brand,Hydrogenperoksid,D08AX01,krem 1 %,yes (C)
Eliquis,brand,Apixaban,B01AF02,tab 5 mg,yes (C)
Metformin,substance,Metformin,A10BA02,tab 500 mg,yes (C)
Cerazette,brand,Desogestrel,G03AC09,tab 75 mikrogram,yes (C)
"""



def _dosing(drugs: DrugLexicon, said: str, drug: str) -> str:
    rx = _prescribed(drugs, ("lege", said))
    assert drug in rx, rx
    return rx[drug].attr("dosing")


def test_the_next_step_said_in_the_next_sentence_is_part_of_the_prescription(
        drugs: DrugLexicon) -> None:
    dosing = _dosing(drugs, "Jeg starter rivaroksaban. Femten milligram morgen og kveld i tre "
                            "uker, sammen med mat. Deretter tjue milligram én gang om dagen.",
                     "rivaroksaban")
    assert dosing == "morgen og kveld, i 3 uker, deretter 20 mg 1 gang om dagen"


def test_steps_said_in_one_breath_each_become_a_step(drugs: DrugLexicon) -> None:
    dosing = _dosing(drugs, "Du begynner med vareniklin i morgen: en halv milligram én gang om "
                            "dagen i tre dager, så en halv milligram morgen og kveld til og med "
                            "dag sju, og fra dag åtte én milligram morgen og kveld.",
                     "vareniklin")
    assert dosing == ("1 gang om dagen, i 3 dager, deretter 0,5 mg morgen og kveld til og med "
                      "dag 7, fra dag 8 1 mg morgen og kveld")


def test_a_first_period_and_a_lower_dose_after_it(drugs: DrugLexicon) -> None:
    dosing = _dosing(drugs, "Du får Betolvex, én milligram. Ta to tabletter daglig den første "
                            "måneden, deretter én tablett daglig.", "cyanokobalamin")
    assert dosing == "daglig, den første måneden, deretter 1 tablett daglig"


def test_a_taper_is_written_as_one(drugs: DrugLexicon) -> None:
    dosing = _dosing(drugs, "Du får prednisolon, seksti milligram om morgenen i fem dager, så "
                            "trapper du ned med ti milligram hver dag.", "prednisolon")
    assert dosing == "om morgenen, i 5 dager, deretter nedtrapping med 10 mg hver dag"


def test_a_maintenance_frequency_after_a_start(drugs: DrugLexicon) -> None:
    dosing = _dosing(drugs, "Jeg vil at du bruker Ovesterin vagitorier null komma fem "
                            "milligram. Én hver kveld i to uker, og så to ganger i uka fast.",
                     "østriol")
    assert dosing == "hver kveld, i 2 uker, deretter 2 ganger i uka"


@pytest.mark.parametrize(("said", "drug", "dosing"), [
    # "så" that means "so": no step
    ("Så får du mometason, to spray i hvert nesebor én gang daglig. Den bruker noen dager før "
     "den virker, så bruk den hver dag gjennom hele sesongen.", "mometason", "1 gang daglig"),
    ("Du får valaciklovir, ett gram tre ganger daglig i sju dager. Tablettene er på fem hundre "
     "milligram, så det blir to tabletter tre ganger om dagen.", "valaciklovir",
     "3 ganger daglig, i 7 dager"),
    # a strength alone is no step to follow: what comes next completes the one dose
    ("Jeg skriver ut prednisolon, fem milligram. Så tar du to tabletter om morgenen.",
     "prednisolon", "om morgenen"),
])
def test_so_that_is_no_next_step_adds_no_step(drugs: DrugLexicon, said: str, drug: str,
                                              dosing: str) -> None:
    assert _dosing(drugs, said, drug) == dosing


def test_a_period_said_of_a_side_effect_is_no_length(drugs: DrugLexicon) -> None:
    dosing = _dosing(drugs, "Jeg skriver ut Microcid, et tynt lag én gang om kvelden. Den kan "
                            "svi de første ukene.", "hydrogenperoksid")
    assert dosing == "1 gang om kvelden"


def test_how_to_use_it_told_before_the_prescribing_sentence_completes_it(
        drugs: DrugLexicon) -> None:
    rx = _prescribed(drugs, ("lege", "Den heter Microcid. Først vasker du bort skorpene, og så "
                                     "smører du et tynt lag tre ganger om dagen. I sju dager."),
                     ("pasient", "Ja."),
                     ("lege", "Da sender jeg resept på Microcid til apoteket."))
    assert rx["hydrogenperoksid"].attr("dosing") == "3 ganger om dagen, i 7 dager"


def test_a_strength_recited_without_a_cue_is_the_dose_in_use_not_the_new_one(
        drugs: DrugLexicon) -> None:
    rx = _prescribed(drugs, ("lege", "Eliquis fem milligram morgen og kveld, mot blodpropp. Du "
                                     "er over åtti år. Da skal dosen være to komma fem "
                                     "milligram morgen og kveld. Den reduserer vi."))
    assert rx["apixaban"].attr("strength") == "2,5 mg (redusert fra 5 mg)"


def test_a_change_up_is_read_from_the_numbers(drugs: DrugLexicon) -> None:
    rx = _prescribed(drugs, ("lege", "Du bruker metformin fem hundre milligram morgen og kveld."),
                     ("pasient", "Ja."),
                     ("lege", "Vi øker metformin til tusen milligram morgen og kveld."))
    assert rx["metformin"].attr("strength") == "1000 mg (økt fra 500 mg)"


def test_the_drug_chosen_said_as_it_will_be(drugs: DrugLexicon) -> None:
    assert "desogestrel" in _prescribed(
        drugs, ("lege", "Da blir det Cerazette, desogestrel, én tablett hver dag."))
    assert _prescribed(drugs, ("lege", "Det blir ikke Cerazette, den passer ikke for deg.")) == {}


@pytest.mark.parametrize(("said", "written"), [
    ("tusen milligram", "1000 mg"),
    ("to tusen milligram", "2000 mg"),
    ("tusen fem hundre meter", "1500 m"),
    ("tre tusen to hundre og femti meter", "3250 m"),
    ("fire tusen hertz", "4000 Hz"),
    ("femti desibel", "50 dB"),
    ("tusen takk", "tusen takk"),  # not before a unit: stays as said
    ("Tusen morgen og kveld.", "Tusen morgen og kveld."),
])
def test_thousands_before_a_unit_are_digits(said: str, written: str) -> None:
    assert spoken_to_digits(said) == written
