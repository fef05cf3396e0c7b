"""What the doctor tells the patient to do while examining, a pause, and what it showed
("Strekk armene fram og lukk øynene ... ingen drift") is a finding, with the instruction as
what was tested. Advice in the same mood after the assessment ("Hold foten høyt de første
dagene") is the plan, not the assessment. Synthetic sentences only."""

from __future__ import annotations

from scribe.draft.lexicon import DrugLexicon
from scribe.draft.person import starts_with_instruction
from scribe.draft.pipeline import Drafter
from tests.draft.conftest import make_transcript


def _note(lexicon: DrugLexicon, *turns: tuple[str, str]) -> dict[str, str]:
    draft = Drafter(lexicon).draft(make_transcript(*turns)).draft
    return {sec.name: " ".join(st.text for st in sec.statements) for sec in draft.sections}


def test_a_finding_said_after_the_instruction_is_a_finding(lexicon: DrugLexicon) -> None:
    note = _note(lexicon,
                 ("lege", "Hva er det som har skjedd?"),
                 ("pasient", "Jeg ble plutselig nummen i venstre hånd i går kveld, i en halv "
                             "time."),
                 ("lege", "Strekk armene fram og lukk øynene ... ingen drift. Klem "
                          "fingrene mine ... lik kraft."),
                 ("lege", "Det kan ha vært et drypp. Du blir innlagt i dag."))
    # the instruction says what was tested, the words after the pause what it showed
    assert "Strekk armene fram og lukk øynene: ingen drift." in note["Funn"]
    assert "Klem fingrene: lik kraft." in note["Funn"]
    assert "Strekk armene" not in note["Anamnese"]


def test_advice_in_the_same_mood_is_the_plan(lexicon: DrugLexicon) -> None:
    note = _note(lexicon,
                 ("lege", "Hva har skjedd med foten?"),
                 ("pasient", "Jeg tråkket over på vei ned trappa i morges, og nå er ankelen "
                             "hoven."),
                 ("lege", "Det er en forstuing av ankelen. Hold foten høyt de første dagene "
                          "og legg på kulde."))
    assert "Hold foten høyt" in note["Tiltak"]


def test_an_instruction_is_told_from_a_verb_in_the_past_and_from_comfort() -> None:
    assert starts_with_instruction("Og løft armen mot hånda mi.")
    assert starts_with_instruction("Pust dypt inn gjennom munnen.")
    assert not starts_with_instruction("Løftet en tung kasse i går.")
    assert not starts_with_instruction("Bra, da er vi ferdige.")
