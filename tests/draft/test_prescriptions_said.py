"""What is and is not a prescription, as the seventeenth set's first run (eval/dev17, written
blind) showed it read wrong; synthetic sentences, each rule both ways:

- a drug named and then said not to be covered ("… dekkes heller ikke på blå resept") is no
  prescription, the word "resept" after it notwithstanding;
- "Jeg kan skrive ut …" with the drug and its dose is the doctor writing it.
"""

from __future__ import annotations

from scribe.draft.lexicon import DrugLexicon
from scribe.draft.pipeline import Drafter
from tests.draft.conftest import make_transcript

DRUGS_CSV = """name,kind,substance,atc,forms_strengths,prescription
Wegovy,brand,Semaglutid,A10BJ06,inj 0.25 mg,yes (C)
Zopiklon,substance,Zopiklon,N05CF01,tab 5 mg,yes (C)
"""


def _prescribed(drugs: DrugLexicon, *turns: tuple[str, str]) -> list[str]:
    section = Drafter(drugs).draft(make_transcript(*turns)).draft.section("Resepter")
    return [st.text.lower() for st in (section.statements if section else ())]


ASKED = ("pasient", "En kollega har fått Wegovy. Kan ikke jeg få det?")


def test_what_a_drug_is_not_covered_by_is_no_prescription(drugs: DrugLexicon) -> None:
    refused = _prescribed(drugs, ASKED, ("lege", "Jeg vil vente med det. Wegovy dekkes "
                                                   "heller ikke på blå resept."))
    assert not any("wegovy" in p for p in refused)
    written = _prescribed(drugs, ASKED, ("lege", "Ja. Wegovy, resept sendes i dag, 0,25 "
                                                   "milligram én gang i uka."))
    assert any("wegovy" in p for p in written)


def test_i_can_write_out_with_a_dose_is_a_prescription(drugs: DrugLexicon) -> None:
    sleep = ("pasient", "Jeg sover nesten ikke.")
    written = _prescribed(drugs, sleep, ("lege", "Jeg kan skrive ut noen få sovetabletter, "
                                                   "zopiklon fem milligram, ti tabletter."))
    assert any("zopiklon" in p for p in written)
    told = _prescribed(drugs, sleep, ("lege", "Noen bruker zopiklon, men det blir man fort "
                                                "vant til."))
    assert not any("zopiklon" in p for p in told)
