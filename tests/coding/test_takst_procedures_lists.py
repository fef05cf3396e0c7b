"""Procedures on Helfo's exhaustive lists that a GP does in the office and the rules lacked:
blood-letting for haemochromatosis or polycythaemia (105), an IUD inserted or changed (105), a
foreign body stuck in or under the skin removed (105), a joint tapped (105), the GP's own
ultrasound (108), pure-tone audiometry (322), and an injection into a tendon sheath said in
other words (100). Each is billed where the doctor does it here, not where it is only talked
about, ordered or planned. Synthetic sentences only."""

from __future__ import annotations

import pytest
from test_coding_takster_now import takster_for

from scribe.coding.reference import Reference


@pytest.mark.parametrize(("turns", "takst"), [
    ((("lege", "Ferritinet er fortsatt over tre hundre, hemokromatosen krever mer."),
      ("lege", "Det er høyt nok til at vi tapper i dag, fire hundre og femti milliliter.")),
     "105"),
    ((("lege", "Nå setter jeg inn den nye hormonspiralen."),), "105"),
    ((("lege", "Jeg setter bedøvelse i huden rundt."),
      ("lege", "Så trekker jeg splinten ut med pinsetten … sånn, den er hel.")), "105"),
    ((("lege", "Kneet er hovent og varmt."),
      ("lege", "Jeg tapper kneet nå, og sender væsken til undersøkelse.")), "105"),
    ((("lege", "Jeg har ultralyd her på kontoret, så vi ser på venene i leggen med en gang."),),
     "108"),
    ((("lege", "Vi tok en hørselstest her i dag, og den viser et fall ved fire tusen hertz."),),
     "322"),
    ((("lege", "Jeg vasker huden … et lite stikk nå … jeg sprøyter inn i seneskjeden."),),
     "100"),
])
def test_a_listed_procedure_done_here_is_billed(ref: Reference,
                                                turns: tuple[tuple[str, str], ...],
                                                takst: str) -> None:
    assert takster_for(*turns, ref=ref).get(takst) == 1


@pytest.mark.parametrize(("turns", "takst"), [
    # planned for next time or only ordered
    ((("lege", "Hemokromatosen: neste tapping om to uker."),), "105"),
    ((("lege", "Jeg henviser deg til ultralyd av leveren på sykehuset."),), "108"),
    ((("lege", "Jeg bestiller en hørselstest hos øre-nese-hals-legen."),), "322"),
    # without the disease it is for, "tapper" is not blood-letting
    ((("lege", "Jeg tapper litt vann i koppen til urinprøven."),), "105"),
    # an option talked about
    ((("lege", "Vi kan sette en kortisonsprøyte i seneskjeden hvis det ikke går over."),),
     "100"),
])
def test_a_listed_procedure_not_done_here_is_not_billed(ref: Reference,
                                                        turns: tuple[tuple[str, str], ...],
                                                        takst: str) -> None:
    assert takst not in takster_for(*turns, ref=ref)


def test_blood_and_a_urine_sample_sent_are_two_materials(ref: Reference) -> None:
    got = takster_for(("lege", "Vi tar blodprøver nå, nyrefunksjon og kolesterol, og en "
                               "urinprøve for albumin. Begge sendes til laboratoriet."), ref=ref)
    assert got.get("701a") == 1 and got.get("701c") == 1


def test_a_urine_sample_tested_here_is_no_sample_sent(ref: Reference) -> None:
    got = takster_for(("lege", "Du har levert en urinprøve, og stiksen viser ingen nitritt."),
                      ref=ref)
    assert "701a" not in got and "701c" not in got
