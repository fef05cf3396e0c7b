"""Coding rules behind what the sixteenth set's first run (eval/dev16, written blind) showed,
each both ways (real ICPC-2 reference data, synthetic sentences, none taken from the set):

- an everyday phrase written with c, ch, ph, th or rh ("celleforandringer", "cannabis",
  "munntørrhet") is found when said: the index keeps its terms in Norwegian medical spelling
  ("selleforandring"), and the words said are now compared in it too;
- lay rows for a wound infection after an operation (A87), fear of pregnancy (W02) and an
  abnormal cervical smear (X86).
"""

from __future__ import annotations

import pytest
from coding_helpers import codes_for as _codes

from scribe.coding.index import CodeIndex


def _found(index: CodeIndex, sentence: str) -> dict[str, str]:
    return {m.code: m.term for m in index.match_terms(sentence)}


@pytest.mark.parametrize(("said", "code"), [
    ("Svaret viser lette celleforandringer.", "X86"),
    ("Jeg røyker cannabis hver kveld.", "P19"),
    ("Jeg plages med munntørrhet om natten.", "D20"),
])
def test_an_everyday_phrase_with_latin_letters_is_found(index: CodeIndex, said: str,
                                                        code: str) -> None:
    assert code in _found(index, said)


def test_a_phrase_not_said_whole_is_not_found(index: CodeIndex) -> None:
    # the words apart, or another word that begins alike, are no whole phrase
    assert "X86" not in _found(index, "Cellene i blodet har forandret seg litt.")
    assert "P19" not in _found(index, "Han heter Cannabo til etternavn.")



def test_a_wound_infection_after_an_operation_is_a_complication(index: CodeIndex) -> None:
    codes = _codes(index, ("pasient", "Jeg ble operert for ti dager siden, og nå er såret "
                                      "rødt."),
                   ("lege", "Det er en sårinfeksjon etter operasjonen."))
    assert "A87" in codes[:3]
    # an infected cut that no operation caused is no complication of treatment
    cut = _codes(index, ("pasient", "Jeg kuttet meg på en kniv for ti dager siden, og nå er "
                                    "såret rødt."),
                 ("lege", "Det er en sårinfeksjon."))
    assert "A87" not in cut[:3]


def test_fear_of_pregnancy_said_in_everyday_words(index: CodeIndex) -> None:
    codes = _codes(index, ("pasient", "Mensen er sen, og jeg er redd for at jeg er gravid."))
    assert "W02" in codes[:3]
    planned = _codes(index, ("pasient", "Vi prøver å bli gravide, og mensen er sen."))
    assert "W02" not in planned[:3]


def test_a_second_matter_raised_in_dialect_is_a_complaint(index: CodeIndex) -> None:
    def suggested(opener: str) -> list[str]:
        return _codes(index, ("lege", "Du skulle fornye blodtrykksmedisinen?"),
                      ("pasient", "Ja, amlodipin. Det går fint med den."),
                      ("lege", "Blodtrykket er hundreogtretti over åtti. Det er fint."),
                      ("pasient", opener), ("lege", "Ja?"),
                      ("pasient", "Sea i går ser eg svarte prikkar på høgre auga."))
    assert "F04" in suggested("Og så var det ein ting te.")[:2]
    assert "F04" in suggested("Og så var det en ting til.")[:2]


def test_lay_words_for_floaters_and_upper_belly_pain(index: CodeIndex) -> None:
    assert "F04" in _found(index, "Jeg ser svarte prikker på det ene øyet.")
    assert "D02" in _found(index, "Det brenner øverst på magen.")
    # dots on the skin, and a belly that only hurts low down, are neither
    assert "F04" not in _found(index, "Han har fått røde prikker på armen.")
    assert "D02" not in _found(index, "Det er vondt nederst i magen.")
