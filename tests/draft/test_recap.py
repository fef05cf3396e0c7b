"""The doctor's recap at the end ("Så oppsummerer jeg: …", "For å oppsummere: …", "Kort
oppsummert …"), a habit of general practice: it says again what the note already holds, so
what it repeats is not written twice, and what it adds (a decision said only there, a drug
switched from) stays. Synthetic sentences, both ways."""

from __future__ import annotations

import pytest

from scribe.draft.lexicon import DrugLexicon
from scribe.draft.pipeline import Drafter
from tests.draft.conftest import make_transcript

_VISIT = (
    ("lege", "Hva kan jeg hjelpe deg med?"),
    ("pasient", "Jeg tråkket over på høyre ankel på fotballtreninga i går kveld, og den er "
                "hoven og vond."),
    ("lege", "Kan du gå på den?"),
    ("pasient", "Ja, men det gjør vondt."),
    ("lege", "Da undersøker jeg. Hevelse og ømhet foran utsiden av ankelen, ikke ømt over "
             "knokene. Du kan stå på foten. Dette er en forstuing av ankelen, ikke brudd."),
    ("lege", "Du kan ta Ibux fire hundre milligram tre ganger om dagen i fem dager. Hold "
             "foten høyt og bruk is. Kontroll om to uker hvis det ikke er bedre."),
    ("pasient", "Greit."),
)


def _note(lexicon: DrugLexicon, *last: tuple[str, str]) -> dict[str, list[str]]:
    draft = Drafter(lexicon).draft(make_transcript(*_VISIT, *last)).draft
    return {sec.name: [st.text for st in sec.statements] for sec in draft.sections}


def _all(note: dict[str, list[str]]) -> str:
    return " ".join(t for name in ("Anamnese", "Funn", "Vurdering", "Tiltak")
                    for t in note.get(name, []))


@pytest.mark.parametrize("recap", [
    "Så oppsummerer jeg: forstuing av høyre ankel, ikke brudd. Ibux fire hundre milligram "
    "tre ganger om dagen i fem dager, foten høyt og is. Kontroll om to uker hvis det ikke er "
    "bedre.",
    "Fint. For å oppsummere: forstuing av ankelen, ikke brudd. Ibux tre ganger om dagen i fem "
    "dager, is og foten høyt.",
    "Kort oppsummert: forstuing, ikke brudd, Ibux i fem dager.",
])
def test_what_the_recap_says_again_is_written_once(lexicon: DrugLexicon, recap: str) -> None:
    note = _note(lexicon, ("lege", recap), ("pasient", "Takk skal du ha."))
    text = _all(note)
    assert text.count("Ibux") == 1, text
    assert "ppsummer" not in text
    assert "Forstuing" in text or "forstuing" in text


def test_a_decision_said_only_in_the_recap_stays(lexicon: DrugLexicon) -> None:
    note = _note(lexicon, ("lege", "Så oppsummerer jeg: forstuing, Ibux i fem dager. Og så "
                                   "skriver jeg en henvisning til fysioterapeut for "
                                   "balansetrening."),
                 ("pasient", "Takk."))
    assert "fysioterapeut" in _all(note)


def test_a_drug_switched_from_said_only_in_the_recap_stays(lexicon: DrugLexicon) -> None:
    note = _note(lexicon, ("lege", "Så oppsummerer jeg: du slutter med Paracetamol og tar "
                                   "Ibux i fem dager i stedet."),
                 ("pasient", "Takk."))
    assert "Paracetamol" in _all(note)

