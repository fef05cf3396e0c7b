"""Coding rules behind what the twelfth set (eval/dev12, written blind) got wrong on its first
run. A further matter the patient raises ("Forresten, kan du se på en føflekk?") does not
become the visit's reason because the doctor names it plainly: the complaint told before it
is the primary, in its own chapter as in another. Lay words patients use for breathlessness
("hiver etter pusten"), heavy periods and genital warts find their codes, the sex deciding
between the warts' two. Each both ways; real ICPC-2 reference data, synthetic sentences."""

from __future__ import annotations

from coding_helpers import codes_for as _codes

from scribe.coding.index import CodeIndex
from scribe.domain import Sex

BURN = (("lege", "Hei. Hva var det som skjedde?"),
        ("pasient", "Jeg skåldet meg på hånda med kokende vann fra vannkokeren i går."),
        ("lege", "Det er en overfladisk brannskade med blemmer. Jeg legger på en bandasje, "
                 "og sykepleieren skifter den om tre dager."))
MOLE = (("pasient", "Forresten, kan du se på en føflekk på leggen min? Den klør litt."),
        ("lege", "Den er rund og jevn i fargen. Det er en vanlig føflekk, en godartet nevus."))



def test_a_further_matter_in_the_same_chapter_does_not_lead(index: CodeIndex) -> None:
    codes = _codes(index, *BURN, *MOLE)
    assert codes[0] == "S14" and "S82" in codes[:3]
    # raised first, the mole is the visit's reason
    assert _codes(index, ("lege", "Hei. Hva kan jeg hjelpe deg med?"),
                  ("pasient", "Jeg vil gjerne at du ser på en føflekk på leggen min."),
                  MOLE[1])[0] == "S82"


def test_a_further_matter_in_another_chapter_does_not_lead(index: CodeIndex) -> None:
    opening = (("lege", "Hei, hva gjelder det i dag?"),
               ("pasient", "Jeg hiver etter pusten når jeg trener i kulda, og så hoster jeg "
                           "etterpå."),
               ("lege", "Lungene høres fine ut. Du får en spray å prøve før trening."))
    acne = (("pasient", "Forresten, kan du se på kvisene mine?"),
            ("lege", "Du har en del betente kviser i pannen. Det er moderat akne, og du får "
                     "en gel."))
    codes = _codes(index, *opening, *acne)
    assert codes[0] == "R02" and "S96" in codes
    assert _codes(index, ("lege", "Hei, hva gjelder det i dag?"),
                  ("pasient", "Kan du se på kvisene mine?"), acne[1])[0] == "S96"


def test_lay_words_for_heavy_periods_and_warts_find_their_codes(index: CodeIndex) -> None:
    assert "X06" in {m.code for m in index.match_terms("jeg blør så mye når jeg har mens")}
    assert "X06" not in {m.code for m in index.match_terms("jeg blør mye fra nesen")}
    warts = (("pasient", "Jeg har fått noen små kuler nedentil."),
             ("lege", "Dette er kjønnsvorter. Vi fryser dem i dag."))
    assert _codes(index, *warts, sex=Sex.MANN)[0] == "Y76"
    assert _codes(index, *warts, sex=Sex.KVINNE)[0] == "X91"
