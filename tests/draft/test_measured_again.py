"""A measurement the doctor says was wrong and takes again (a rule of how GPs measure,
both ways; synthetic sentences only):

- in one turn, a value followed by what made it wrong ("Vent, det var visst mansjetten som
  satt utenpå skjorteermet", "Det kan ikke stemme") and then measured again: only the new
  value goes on the values line;
- a value measured twice with nothing said against the first (a second reading after rest)
  keeps both, as GPs write them;
- "Ny måling: …" with a value is a result for Funn, not a plan for Tiltak.
"""

from __future__ import annotations

from scribe.draft.lexicon import DrugLexicon
from scribe.draft.pipeline import Drafter
from tests.draft.conftest import make_transcript


def _sections(lexicon: DrugLexicon, measuring: str) -> dict[str, str]:
    draft = Drafter(lexicon).draft(make_transcript(
        ("lege", "Hei, du skulle fornye blodtrykksmedisinen?"),
        ("pasient", "Ja, og jeg har målt hjemme, det ligger rundt 135."),
        ("lege", measuring),
        ("pasient", "Greit."))).draft
    return {sec.name: " ".join(st.text for st in sec.statements) for sec in draft.sections}


def test_a_value_said_to_be_wrong_gives_way_to_the_new_one(lexicon: DrugLexicon) -> None:
    note = _sections(lexicon, "Da tar jeg blodtrykket. Hundreogsekstifire over nitti. Hm. Vent, "
                              "det var visst mansjetten som satt utenpå skjorteermet. Brett "
                              "opp ermet. Ny måling: hundreogtrettiåtte over åttiseks. Det er "
                              "greit.")
    assert "138/86" in note["Funn"] and "164/90" not in note["Funn"]
    assert "138/86" not in note.get("Tiltak", "")


def test_a_second_reading_with_nothing_against_the_first_keeps_both(
        lexicon: DrugLexicon) -> None:
    note = _sections(lexicon, "Da tar jeg blodtrykket. Hundreogsekstifire over nitti. Du får "
                              "sitte i fem minutter. Ny måling: hundreogførtiåtte over "
                              "åttiåtte. Det er litt høyt.")
    assert "164/90" in note["Funn"] and "148/88" in note["Funn"]


def test_it_cannot_be_right_takes_the_value_back(lexicon: DrugLexicon) -> None:
    note = _sections(lexicon, "Pulsen er hundreogførti. Det kan ikke stemme. Jeg kjenner på "
                              "nytt. Pulsen er sytti.")
    assert "70" in note["Funn"] and "140" not in note["Funn"]
