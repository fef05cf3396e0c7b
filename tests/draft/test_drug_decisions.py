"""What makes a drug the doctor names a prescription of this visit: the ways Norwegian GPs
say they start or switch a drug ("Jeg starter …", "bytte Ibux med …", "vil jeg at du bruker
…", "Behandlingen er …"), a whole regimen said with no word of history or doubt around it, and
a half said in a strength ("en halv milligram" is 0,5 mg). Each rule is checked both ways;
synthetic sentences only."""

from __future__ import annotations

import pytest

from scribe.draft.lexicon import DrugLexicon
from scribe.text.numbers import spoken_to_digits
from tests.draft.test_drug_doses import _prescribed

DRUGS_CSV = """name,kind,substance,atc,forms_strengths,prescription
Atorvastatin,substance,Atorvastatin,C10AA05,tab 10 mg,yes (C)
Albyl-E,brand,Acetylsalisylsyre,B01AC06,tab 75 mg,yes (C)
Naproksen,substance,Naproksen,M01AE02,tab 500 mg,yes (C)
Ibux,brand,Ibuprofen,M01AE01,tab 400 mg,partly (C)
Dikloksacillin,substance,Dikloksacillin,J01CF01,kaps 500 mg,yes (C)
Ovesterin,brand,Østriol,G03CA04,vagitorie 0.5 mg,yes (C)
Vermox,brand,Mebendazol,P02CA01,tab 100 mg,yes (C)
Vareniklin,substance,Vareniklin,N07BA03,tab 0.5 mg,yes (C)
"""



@pytest.mark.parametrize(("said", "drug", "strength"), [
    ("Jeg starter Albyl-E, syttifem milligram én gang daglig, og atorvastatin, førti "
     "milligram én gang daglig.", "atorvastatin", "40 mg"),
    ("Jeg starter Albyl-E, syttifem milligram én gang daglig.", "acetylsalisylsyre", "75 mg"),
    ("For smertene vil jeg bytte Ibux med naproksen, fem hundre milligram morgen og kveld.",
     "naproksen", "500 mg"),
    ("Fordi slimhinnen er tynn, vil jeg at du bruker Ovesterin vagitorier null komma fem "
     "milligram, én hver kveld.", "østriol", "0,5 mg"),
    ("Behandlingen er Vermox, hundre milligram, én tablett nå.", "mebendazol", "100 mg"),
    # a whole regimen, no verb of deciding at all
    ("Dikloksacillin, fem hundre milligram kapsler, to kapsler tre ganger daglig i ti dager.",
     "dikloksacillin", "500 mg"),
])
def test_ways_of_saying_a_drug_is_started_make_a_prescription(
        drugs: DrugLexicon, said: str, drug: str, strength: str) -> None:
    rx = _prescribed(drugs, ("lege", said))
    assert drug in rx
    assert rx[drug].attr("strength").startswith(strength)


@pytest.mark.parametrize("said", [
    "Du bruker Albyl-E, syttifem milligram én gang daglig, og det fortsetter du med.",
    "Ibux kan du ta ved behov.",  # advice, no prescription
    "Naproksen, fem hundre milligram morgen og kveld, har du brukt før.",  # told as history
    "Hvis prøven er positiv, starter vi med dikloksacillin, to kapsler tre ganger daglig i ti "
    "dager.",  # waits on a result
    "Dikloksacillin er et penicillin som virker på stafylokokker.",  # named, no regimen
    "Jeg starter ikke atorvastatin nå, vi ser på det neste gang.",
])
def test_a_drug_named_without_a_decision_of_this_visit_is_no_prescription(
        drugs: DrugLexicon, said: str) -> None:
    assert _prescribed(drugs, ("lege", said)) == {}


def test_what_the_patient_uses_is_no_prescription_what_the_doctor_wants_used_is(
        drugs: DrugLexicon) -> None:
    # "vil jeg at du bruker" is an instruction; "ser at du bruker" and "du bruker" history
    assert "østriol" in _prescribed(
        drugs, ("lege", "Jeg vil at du bruker Ovesterin, null komma fem milligram, én hver "
                        "kveld."))
    assert _prescribed(drugs, ("lege", "Jeg ser at du bruker Ovesterin hver kveld.")) == {}
    assert _prescribed(drugs, ("lege", "Du bruker Ovesterin hver kveld.")) == {}


@pytest.mark.parametrize(("said", "written"), [
    ("en halv milligram én gang om dagen", "0,5 mg én gang om dagen"),
    ("to og en halv milligram", "2,5 mg"),
    ("halvannen milligram", "1,5 mg"),
    ("en halv tablett", "en halv tablett"),  # not a strength: stays as said
    ("et halvt år", "et halvt år"),
    ("en og en halv time", "en og en halv time"),
])
def test_a_half_said_in_a_strength_is_written_as_a_decimal(said: str, written: str) -> None:
    assert spoken_to_digits(said) == written


def test_a_regimen_said_with_halves_gives_the_half_strength(drugs: DrugLexicon) -> None:
    rx = _prescribed(drugs, ("lege", "Du begynner med vareniklin i morgen, en halv milligram "
                                     "én gang om dagen i tre dager."))
    assert rx["vareniklin"].attr("strength") == "0,5 mg"
