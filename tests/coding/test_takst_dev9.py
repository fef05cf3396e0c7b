"""Takst rules behind the ninth set's first run (eval/dev9, written blind): a sample named in the
definite form after the doctor said samples were taken before is one of those ("Vi tok
blodprøver for to uker siden … Da går vi gjennom blodprøvene": no 701a); the GP's ultrasound
said as the doctor's own doing needs no "nå" (108); tympanometry (325, "impedanseendring
tympanometri"); a wedge resection of an ingrown nail, radical with phenol (105); a swab from a
sore sent to a laboratory, a material of its own beside urine (701c); an ear found blocked and
"Skal vi skylle det nå?" (100). Each both ways. Synthetic sentences only."""

from __future__ import annotations

import pytest
from test_coding_takster_now import takster_for

from scribe.coding.reference import Reference

EARLIER = ("lege", "Vi tok blodprøver for to uker siden fordi du var så sliten.")


@pytest.mark.parametrize(("turns", "takst", "count"), [
    ((("lege", "Jeg vil se på leggen med ultralyd."),
      ("lege", "Venene lar seg klemme helt sammen, det er ingen blodpropp.")), "108", 1),
    ((("lege", "Trommehinnene er matte på begge sider."),
      ("lege", "Da gjør vi en tympanometri, en trykkmåling av øret.")), "325", 1),
    ((("lege", "Neglen har vokst inn i neglevolden på stortåa."),
      ("lege", "Nå legger jeg fenol mot neglerota i ett minutt.")), "105", 1),
    ((("lege", "Jeg tar en prøve fra et av blemmene med en pinne, den sendes til laboratoriet."),
      ("lege", "Urinprøven sender vi for klamydia.")), "701c", 1),
    ((("lege", "Jeg tar en prøve fra et av blemmene med en pinne, den sendes til laboratoriet."),
      ("lege", "Urinprøven sender vi for klamydia.")), "701a", 1),
    ((("lege", "Venstre øregang er tett av ørevoks. Skal vi skylle det nå?"),
      ("pasient", "Ja, gjerne."), ("lege", "Der kom proppen.")), "100", 1),
    # said before, then new samples taken now
    ((EARLIER, ("lege", "Nå tar jeg nye blodprøver, så vi ser om det har bedret seg.")),
     "701a", 1),
    # no earlier samples: the definite form is the sample of this visit
    ((("lege", "Blodprøvene sender jeg til laboratoriet."),), "701a", 1),
])
def test_what_was_done_here_is_billed(ref: Reference, turns: tuple[tuple[str, str], ...],
                                      takst: str, count: int) -> None:
    assert takster_for(*turns, ref=ref).get(takst) == count


@pytest.mark.parametrize(("turns", "takst"), [
    # the samples of two weeks ago, gone through now; a result of them read out
    ((EARLIER, ("lege", "Hjertet og lungene høres fine ut."),
      ("lege", "Da går vi gjennom blodprøvene."), ("lege", "Blodprosenten er fin, tretten.")),
     "701a"),
    ((("lege", "Jeg vil se på leggen med ultralyd om to uker, når hevelsen har gått ned."),),
     "108"),
    ((("lege", "Vi tar en kontroll om seks uker med ny trykkmåling av øret."),), "325"),
    # a pressure measured that is no ear's
    ((("lege", "Trykkmålingen av blodtrykket viser 150 over 90."),), "325"),
    ((("lege", "Neglen har vokst inn. Den beste behandlingen er en kilereseksjon."),
      ("lege", "Jeg henviser deg til kirurg for det.")), "105"),
    ((("lege", "Jeg tar en prøve fra et av blemmene med en pinne, den sendes til laboratoriet."),),
     "701c"),
    ((("lege", "Øregangen er tett av voks. Du kan skylle det med lunkent vann hjemme."),), "100"),
])
def test_what_only_resembles_it_is_not_billed(ref: Reference,
                                              turns: tuple[tuple[str, str], ...],
                                              takst: str) -> None:
    assert takst not in takster_for(*turns, ref=ref)
