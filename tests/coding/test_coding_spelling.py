"""Latin and English spellings of a medical word meet its Norwegian spelling ("polymyalgia
rheumatica" in the code list, "polymyalgia revmatika" said; "pityriasis versicolor" /
"versikolor"; "cystocele" / "systocele"), on both sides of every match; a term given as an
abbreviation with its full form ("EM (erythema migrans)") is also its full form said alone.
Checked on the real ICPC-2 reference data; synthetic sentences only."""

from __future__ import annotations

import pytest
from coding_helpers import codes_for as _codes

from scribe.coding.index import CodeIndex
from scribe.text.normalise import spelling, stem, tokens


@pytest.mark.parametrize(("latin", "norwegian"), [
    ("rheumatica", "revmatika"),
    ("cholecystitt", "kolecystitt"),
    ("pharyngitt", "faryngitt"),
    ("versicolor", "versikolor"),
    ("cystocele", "systocele"),
    ("erythema", "erytema"),
])
def test_a_latin_spelling_stems_as_the_norwegian_one(latin: str, norwegian: str) -> None:
    assert stem(latin) == stem(norwegian)


@pytest.mark.parametrize("word", ["hoste", "blodtrykk", "kne", "smerter", "hjertebank"])
def test_a_norwegian_word_keeps_its_spelling(word: str) -> None:
    assert spelling(word) == word
    assert tokens(word) == [stem(word)]


def test_polymyalgia_said_the_norwegian_way_is_coded(index: CodeIndex) -> None:
    codes = _codes(index, ("pasient", "Jeg er så stiv og vond i skuldrene og hoftene om "
                                      "morgenen."),
                   ("lege", "Vurderingen min er at dette er polymyalgia revmatika, en "
                            "betennelsessykdom i musklene."))
    assert codes[0] == "L99"


def test_the_full_form_of_an_abbreviated_term_names_it(index: CodeIndex) -> None:
    codes = _codes(index, ("pasient", "Jeg har fått et rødt utslett etter et flåttbitt."),
                   ("lege", "Det er en borreliainfeksjon, erythema migrans."))
    assert codes[0] == "A78"
