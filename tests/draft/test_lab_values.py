"""Measured values as a GP reads them out: the blood tests beyond the vital signs (liver,
salts, lipids, urate, sedimentation), the value's name followed by where or when it was
taken ("CRP-en fra fingeren er nittifire"), and lengths in the units a note writes ("fem
millimeter" → 5 mm). Synthetic sentences only; each case is checked both ways."""

from __future__ import annotations

import pytest

from scribe.draft.condense import sentence_values
from scribe.text.numbers import spoken_to_digits


@pytest.mark.parametrize(("said", "values"), [
    ("CRP-en fra fingeren er nittifire.", ["CRP 94"]),
    ("Hemoglobinet i fingeren er tolv komma fire.", ["Hb 12,4"]),
    ("CRP fra i dag er 40.", ["CRP 40"]),
    ("Pulsen i hvile er sytti.", ["P 70"]),
    ("Og leververdien ALAT var hundreogførti.", ["ALAT 140"]),
    ("Kalium er fire komma en og natrium hundreogtrettiåtte.", ["Kalium 4,1", "Natrium 138"]),
    ("Kolesterolet er åtte komma ni, og LDL seks komma seks.", ["Kolesterol 8,9", "LDL 6,6"]),
    ("Urinsyra var fem hundre og tjue.", ["Urinsyre 520"]),
    ("Senkningen er tolv.", ["SR 12"]),
])
def test_lab_values_by_name_and_after_where_they_were_taken(said: str,
                                                            values: list[str]) -> None:
    assert sentence_values(said) == values


@pytest.mark.parametrize("said", [
    "Vi sjekker kalium og natrium om to uker.",  # ordered, no result
    "Vi tar kolesterol, kalium og kreatinin i dag.",
    "CRP i morgen er viktig.",  # a phrase of time, then no number
    "Han var tre uker i Spania.",
])
def test_a_test_named_without_a_result_gives_no_value(said: str) -> None:
    assert sentence_values(said) == []


@pytest.mark.parametrize(("said", "written"), [
    ("den er fem millimeter", "den er 5 mm"),
    ("hundre og femti meter", "150 m"),
    ("to kilometer", "2 km"),
    ("ti milliliter", "10 ml"),
])
def test_lengths_and_volumes_are_written_in_the_units_of_a_note(said: str,
                                                                written: str) -> None:
    assert spoken_to_digits(said) == written


def test_a_unit_word_without_a_number_stays_a_word() -> None:
    assert spoken_to_digits("noen meter unna") == "noen meter unna"
