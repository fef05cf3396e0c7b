from __future__ import annotations

from scribe.domain import Transcript
from scribe.draft.drugs import extract_drugs, not_prescribed, prescriptions
from scribe.draft.extract import extract_durations, extract_measures, extract_sick_leave
from scribe.draft.lexicon import DrugLexicon
from scribe.text.numbers import numbers_in, spoken_to_digits, word_to_int
from scribe.text.sentences import split_segments


def test_spoken_numbers_become_norwegian_digits() -> None:
    assert spoken_to_digits("Jeg målte trettiåtte komma en i går") == "Jeg målte 38,1 i går"
    assert spoken_to_digits("hundre og førtiåtte over nittito") == "148/92"
    assert spoken_to_digits("ibuprofen 400 milligram tre ganger") == "ibuprofen 400 mg 3 ganger"
    assert spoken_to_digits("hundre prosent i fem dager") == "100 % i 5 dager"
    assert spoken_to_digits("temperaturen er 37.6") == "temperaturen er 37,6"


def test_number_words_alone_are_left_as_words() -> None:
    assert spoken_to_digits("du har en virusinfeksjon") == "du har en virusinfeksjon"
    assert word_to_int("trettiåtte") == 38
    assert word_to_int("hundre og tolv") == 112
    assert numbers_in("to til fire uker") == {"2", "4"}


def test_measures_find_vitals_with_units(back_pain: Transcript) -> None:
    facts = extract_measures(split_segments(back_pain.segments))
    found = {(f.name, f.value, f.unit) for f in facts}
    assert ("BT", "148/92", "mmHg") in found
    assert ("Temp", "37,2", "°C") in found
    assert all(f.evidence == ("s0008",) for f in facts if f.name in {"BT", "Temp"})


def test_lab_list_does_not_lend_values_across_items() -> None:
    from tests.draft.conftest import make_transcript

    t = make_transcript(("lege", "Jeg rekvirerer blodprøver: Hb, ferritin, B12 og TSH."))
    assert extract_measures(split_segments(t.segments)) == []


def test_prescribed_drug_is_told_apart_from_discussed(back_pain: Transcript,
                                                      lexicon: DrugLexicon) -> None:
    facts = extract_drugs(split_segments(back_pain.segments), lexicon)
    rx = prescriptions(facts)
    assert [(f.name, f.attr("strength")) for f in rx] == [("ibuprofen", "400 mg")]
    assert "tramadol" in not_prescribed(facts)


def test_sick_leave_days_and_grade(back_pain: Transcript) -> None:
    [fact] = extract_sick_leave(split_segments(back_pain.segments))
    assert fact.attr("days") == "5" and fact.attr("grade") == "100"
    assert fact.attr("status") == "issued" and fact.evidence == ("s0010",)


def test_durations_with_weekday(back_pain: Transcript) -> None:
    facts = extract_durations(split_segments(back_pain.segments))
    assert [f.value for f in facts] == ["siden mandag", "i 5 dager"]
