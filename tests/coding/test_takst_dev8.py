"""Procedures on Helfo's exhaustive lists the rules lacked, from the eighth set's first run
(eval/dev8): an abscess cut open and emptied (105, "Adekvat åpning av dyp abscess/flegmone"),
a bleeding vessel in the nose burnt or the nose packed (100, "behandling av recidiverende
epistaxis"), a skin scraping looked at in the office's microscope for scabies mites or fungus
(705i, with 701a for the sample), and the GP's ultrasound said as "Jeg vil se på den med
ultralyd". Each both ways. Synthetic sentences only."""

from __future__ import annotations

import pytest
from test_coding_takster_now import takster_for

from scribe.coding.reference import Reference


@pytest.mark.parametrize(("turns", "takst"), [
    ((("lege", "Det er en byll. Jeg bedøver og lager et lite snitt."),
      ("lege", "Der kommer det mye puss, og jeg legger inn en drensstrimmel.")), "105"),
    ((("lege", "Abscessen er moden, så jeg åpner og tømmer den nå."),), "105"),
    ((("lege", "Det blør fra et kar fremme på skilleveggen i nesen."),
      ("lege", "Nå brenner jeg karet med en sølvnitratpinne.")), "100"),
    ((("lege", "Jeg skraper litt av huden og ser i mikroskopet. Der er det en skabbmidd."),),
     "705i"),
    ((("lege", "Jeg skraper litt av huden og ser i mikroskopet. Der er det en skabbmidd."),),
     "701a"),
    ((("lege", "Det er en væskelomme i huden her på låret, jeg vil se på den med ultralyd nå."),),
     "108"),
])
def test_a_listed_procedure_done_here_is_billed(ref: Reference,
                                                turns: tuple[tuple[str, str], ...],
                                                takst: str) -> None:
    assert takster_for(*turns, ref=ref).get(takst) == 1


@pytest.mark.parametrize(("turns", "takst"), [
    # a cut that is a wound, not an abscess opened
    ((("lege", "Du har et snitt i fingeren etter kniven, det syr jeg."),), "105"),
    # talked about, not done: the nose is not treated here
    ((("lege", "Hvis det blør igjen, klem hardt på nesen i femten minutter."),), "100"),
    # a laboratory's microscope
    ((("lege", "Neglen sender jeg til laboratoriet for dyrking av sopp."),), "705i"),
])
def test_what_only_resembles_it_is_not_billed(ref: Reference,
                                              turns: tuple[tuple[str, str], ...],
                                              takst: str) -> None:
    assert takst not in takster_for(*turns, ref=ref)
