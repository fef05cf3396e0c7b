"""What goes on the note's values and Resepter lines: a blood pressure said as a limit ("over
140/90"), a drug strength ("92/22 mikrogram") or an impossible pair is not a measurement; a
ventresept's condition is written in the third person."""

from __future__ import annotations

import pytest

from scribe.draft.condense import sentence_values


@pytest.mark.parametrize("text", [
    "Trykket har vært over hundreogførti over nitti to ganger nå.",
    "Målet er at det skal ligge under hundreogtretti over åtti.",
    "Vi vil ha det lavere enn 135/85 hjemme.",
])
def test_a_limit_is_not_a_value(text: str) -> None:
    assert sentence_values(text) == []


@pytest.mark.parametrize(("text", "value"), [
    ("Blodtrykket er hundreogfemtito over nittiåtte.", "BT 152/98"),
    ("Nei, 148 over 92.", "BT 148/92"),
    ("Trykket i dag er 138/86, det er fint.", "BT 138/86"),
])
def test_a_measurement_is_still_a_value(text: str, value: str) -> None:
    assert sentence_values(text) == [value]


@pytest.mark.parametrize("text", [
    "Du fortsetter med Relvar 92/22 mikrogram, ett drag om dagen.",
    "Det er den med 160/4,5 mikrogram.",
    "Tallene 45 over 80 gir ingen mening.",
])
def test_a_strength_or_an_impossible_pair_is_not_a_blood_pressure(text: str) -> None:
    assert sentence_values(text) == []


def test_a_ventresept_condition_is_third_person_in_the_note() -> None:
    from scribe.domain import Fact
    from scribe.draft.compose import prescription_lines

    fact = Fact("drug", "amoksicillin", "amoksicillin", evidence=("s1",),
                attrs=(("status", "prescribed"), ("strength", "500 mg"),
                       ("dosing", "ventresept, hentes hvis du fortsatt har feber om 3 dager")))
    [line] = prescription_lines([fact])
    assert "hvis pas. fortsatt har feber" in line.text and " du " not in line.text
