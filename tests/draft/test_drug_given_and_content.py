"""Drug decisions from the ninth set's first run (eval/dev9, written blind): a dose given in
the office now ("Du får en Voltaren stikkpille på hundre milligram nå") is no prescription, and
its strength stays in the note; what a form holds ("en nesespray med kortison, … Avamys") is
no drug of its own when the product is named after it; the strength the doctor tells the
patient to take ("skal du ta Aerius, fem milligram") completes the prescription sent after it.
Each checked both ways; synthetic sentences only."""

from __future__ import annotations

from scribe.domain import Fact
from scribe.draft.drugs import extract_drugs, not_prescribed, prescriptions
from scribe.draft.lexicon import DrugLexicon
from scribe.text.sentences import split_segments
from tests.draft.conftest import make_transcript

DRUGS_CSV = """name,kind,substance,atc,forms_strengths,prescription
Voltaren,brand,Diklofenak,M01AB05,tab 50 mg,yes (C)
Kortison,substance,Kortison,H02AB10,tab 25 mg,yes (C)
Avamys,brand,Flutikasonfuroat,R01AD12,nesespray 27.5 mikrog,yes (C)
Aerius,brand,Desloratadin,R06AX27,tab 5 mg,yes (C)
Zyrtec,brand,Cetirizin,R06AE07,tab 10 mg,partly (C)
"""



def _facts(drugs: DrugLexicon, *turns: tuple[str, str]) -> list[Fact]:
    return extract_drugs(split_segments(make_transcript(*turns).segments), drugs)


def _lines(facts: list[Fact]) -> dict[str, str]:
    return {f.name.lower(): f.attr("strength") for f in prescriptions(facts)}


def test_a_dose_given_here_now_is_no_prescription(drugs: DrugLexicon) -> None:
    facts = _facts(drugs, ("lege", "Du får en Voltaren stikkpille på hundre milligram nå."),
                   ("lege", "Hjemme tar du Voltaren femti milligram, én tablett tre ganger om "
                            "dagen ved behov, i inntil fem dager."))
    assert _lines(facts) == {"diklofenak": "50 mg, 1 tablett"}
    assert facts[0].attr("status") == "given"
    assert "voltaren" not in not_prescribed(facts)  # the 100 mg given stays in the note


def test_a_drug_given_with_a_prescription_named_is_prescribed(drugs: DrugLexicon) -> None:
    facts = _facts(drugs, ("lege", "Du får resept på Voltaren femti milligram nå."))
    assert _lines(facts) == {"diklofenak": "50 mg"}


def test_what_a_form_holds_is_no_drug_of_its_own_before_the_product(drugs: DrugLexicon) -> None:
    facts = _facts(drugs, ("lege", "Jeg skriver ut en nesespray med kortison, Avamys."))
    assert set(_lines(facts)) == {"flutikasonfuroat"}
    alone = _facts(drugs, ("lege", "Jeg skriver ut en krem med kortison."))
    assert set(_lines(alone)) == {"kortison"}  # no product named: the content is all there is


def test_the_strength_told_before_the_prescription_completes_it(drugs: DrugLexicon) -> None:
    facts = _facts(drugs, ("lege", "I stedet for Zyrtec skal du ta Aerius, fem milligram."),
                   ("lege", "Jeg sender e-resept på Aerius nå."))
    assert _lines(facts) == {"desloratadin": "5 mg"}
