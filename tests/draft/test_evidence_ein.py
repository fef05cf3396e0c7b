"""A prescription line cites where every part of its dose was said (the instruction told
before "sender jeg resept på …" too), so the check for numbers not in the source finds them;
"ein" and "eitt", one in nynorsk and most dialects, are a number before a unit as "en" is.
Synthetic sentences only."""

from __future__ import annotations

import pytest

from scribe.draft.drugs import extract_drugs, prescriptions
from scribe.draft.lexicon import DrugLexicon
from scribe.text.numbers import numbers_in, spoken_to_digits
from scribe.text.sentences import split_segments
from tests.draft.conftest import make_transcript

DRUGS_CSV = """name,kind,substance,atc,forms_strengths,prescription
Microcid,brand,Hydrogenperoksid,D08AX01,krem 1 %,yes (C)
"""



def test_the_line_cites_the_instruction_it_took_its_dose_from(drugs: DrugLexicon) -> None:
    transcript = make_transcript(
        ("lege", "Den heter Microcid. Du smører et tynt lag tre ganger om dagen. I sju dager."),
        ("pasient", "Ja."),
        ("lege", "Da sender jeg resept på Microcid til apoteket."))
    rx = prescriptions(extract_drugs(split_segments(transcript.segments), drugs))
    assert len(rx) == 1
    cited = " ".join(s.text for s in transcript.segments if s.id in rx[0].evidence)
    assert "tre ganger" in cited and "resept" in cited
    assert {"3", "7"} <= numbers_in(cited)


@pytest.mark.parametrize(("said", "written"), [
    ("Ein time, minst.", "1 time, minst."),
    ("eitt år", "1 år"),
    ("ein tablett på tusen morgon og kveld", "1 tablett på tusen morgon og kveld"),
    ("Ein pakke", "Ein pakke"),  # not a unit: stays as said
])
def test_one_in_nynorsk_and_dialect_is_a_number_before_a_unit(said: str, written: str) -> None:
    assert spoken_to_digits(said) == written


def test_one_in_dialect_counts_as_a_number_of_the_source() -> None:
    assert "1" in numbers_in("Ein pakke om dagen.")
