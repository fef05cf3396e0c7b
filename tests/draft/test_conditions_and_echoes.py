"""Rules of spoken Norwegian behind what the fifteenth set (eval/dev15) showed, each both ways.
Synthetic sentences only, none taken from the set.

- A doctor who sets a condition and then says "Da …" ("Hvis det begynner å renne, ringer du
  meg. Da skriver jeg ut øredråper.") means the second sentence under the condition too: it is
  a plan for then, not a prescription made today. So is "i så fall …".
- An echo of a value after a question of which one ("Hvilket øre?" — "Venstre. … Så det er
  fire dager siden." — "Fire dager.") repeats the time, not the answer: the side stands.
- The western and northern copula "e" after a definite noun ("Prøven e fin") is "er".
- When the note must be cut, a statement holding two kinds of fact (a drug given here) outweighs
  one holding a number said in passing; a side ("Venstre øre.") and a complaint the patient
  feels ("Blir kvalm") are facts.
"""

from __future__ import annotations

import pytest

from scribe.domain import Speaker, Statement
from scribe.draft.conversation import answered_conditions
from scribe.draft.lexicon import DrugLexicon
from scribe.draft.pipeline import Drafter
from scribe.draft.select import BASE_WORDS, PARTS, SHARE, fact_kinds, is_fact, select
from scribe.draft.spoken import standardise
from scribe.text.sentences import split_segments
from tests.draft.conftest import make_transcript


def _said(*turns: tuple[str, str]) -> list[str]:
    return [s.text for s in answered_conditions(split_segments(make_transcript(*turns).segments))]


def test_then_after_the_doctors_own_condition_keeps_the_condition() -> None:
    said = _said(("lege", "Hvis det begynner å verke, du får feber eller det renner, ringer du "
                          "meg. Da skriver jeg ut dråper."))
    assert said[-1] == "Hvis det begynner å verke, du får feber eller det renner, skriver jeg " \
                       "ut dråper."
    # a bidding closes the condition as well as a verb and its subject
    assert _said(("lege", "Hvis hosten varer, ring meg. Da tar vi et røntgenbilde."))[-1] == (
        "Hvis hosten varer, tar vi et røntgenbilde.")


def test_then_without_a_condition_before_it_is_a_decision_of_today() -> None:
    assert _said(("lege", "Dette er en bakteriell infeksjon. Da skriver jeg ut penicillin."))[
        -1] == "Da skriver jeg ut penicillin."
    # a condition said in another turn, or a question, sets nothing for this sentence
    assert _said(("lege", "Hvis du blir verre, ringer du meg."), ("pasient", "Ja."),
                 ("lege", "Da sees vi om en uke."))[-1] == "Da sees vi om en uke."
    assert _said(("lege", "Hvis det ikke hjelper, hva gjør du da? Da skriver jeg ut "
                          "penicillin."))[-1] == "Da skriver jeg ut penicillin."


def _prescribed(lexicon: DrugLexicon, *turns: tuple[str, str]) -> list[str]:
    section = Drafter(lexicon).draft(make_transcript(*turns)).draft.section("Resepter")
    return [st.text.lower() for st in (section.statements if section else ())]


def test_a_drug_for_then_is_no_prescription(lexicon: DrugLexicon) -> None:
    visit = [("lege", "Blodtrykket er hundreogførtiåtte over nittifire i dag."),
             ("pasient", "Må jeg ha medisin?")]
    later = _prescribed(lexicon, *visit, ("lege", "Ikke ennå. Men hvis det fortsatt er høyt "
                                                  "hjemme, ringer du meg. Da skriver jeg ut "
                                                  "Amlodipin fem milligram."))
    assert not any("amlodipin" in p for p in later)
    in_that_case = _prescribed(lexicon, *visit, ("lege", "Kanskje det holder seg høyt. I så "
                                                         "fall skriver jeg ut Amlodipin."))
    assert not any("amlodipin" in p for p in in_that_case)
    today = _prescribed(lexicon, *visit, ("lege", "Det er for høyt. Da skriver jeg ut "
                                                  "Amlodipin fem milligram."))
    assert any("amlodipin" in p for p in today)


def _history(lexicon: DrugLexicon, echo: str, question: str = "Hvilket øre?") -> str:
    draft = Drafter(lexicon).draft(make_transcript(
        ("lege", "Hva har skjedd?"),
        ("pasient", "Jeg stakk en bomullspinne inn i øret, og nå hører jeg dårlig."),
        ("lege", f"Au. {question}"),
        ("pasient", "Venstre. Det skjedde for fire dager siden."),
        ("lege", f"{echo} Blødde det?"),
        ("pasient", "Nei, ikke noe blod."))).draft
    return " ".join(st.text for sec in draft.sections if sec.name == "Anamnese"
                    for st in sec.statements)


def test_an_echo_of_the_time_is_no_answer_to_which_side(lexicon: DrugLexicon) -> None:
    history = _history(lexicon, "Fire dager.")
    assert "Venstre øre" in history and "Øre: 4 dager" not in history
    # an echo that names what was asked about stands for the answer
    assert "Venstre øre" in _history(lexicon, "Venstre øre, ja.")
    # after a question of how long, the echo of the time is the answer
    assert "Øre" not in _history(lexicon, "Fire dager.", question="Hvor lenge siden?")


def test_speaker_of_a_condition_asked_is_not_the_doctor() -> None:
    # the patient's own "Hvis …" statement followed by the doctor's "Da …" sets no condition
    said = answered_conditions(split_segments(make_transcript(
        ("pasient", "Hvis jeg får vondt, tar jeg en Paracet."),
        ("lege", "Da gjør vi det sånn.")).segments))
    assert said[-1].text == "Da gjør vi det sånn."
    assert said[-1].speaker == Speaker.LEGE


@pytest.mark.parametrize(("said", "written"), [
    ("Blodprøven e fin.", "Blodprøven er fin."),
    ("Kneet e hovent.", "Kneet er hovent."),
    ("Nei, vekta e som før.", "Nei, vekta er som før."),
    ("Vi e litt bekymra.", "Vi er litt bekymra."),
    ("Dette e ikkje bra.", "Dette er ikke bra."),
])
def test_the_dialect_copula_e_is_er(said: str, written: str) -> None:
    assert standardise(said) == written


@pytest.mark.parametrize("said", ["Send meg en e-post.", "Vitamin e og vitamin d.",
                                  "Hepatitt E er sjelden.",
                                  # "e" as "I" after a verb in -a, in the same dialects
                                  "Då jobba e natt på fabrikken."])
def test_a_lone_letter_e_is_no_copula(said: str) -> None:
    assert standardise(said).count(" er ") == said.count(" er ")


def _kept(texts: list[str], budget_words: int, drugs: tuple[str, ...] = ()) -> list[str]:
    def is_drug(text: str) -> bool:
        return any(d in text.lower() for d in drugs)
    sections = {"Tiltak": [Statement(t) for t in texts]}
    # the budget is BASE_WORDS + SHARE * spoken; Tiltak gets its part of it
    spoken = round((budget_words / PARTS["Tiltak"] - BASE_WORDS) / SHARE)
    return [st.text for st in select(sections, spoken_words=spoken,
                                     is_drug=is_drug)["Tiltak"]]


def test_a_statement_with_two_kinds_of_fact_outweighs_one_with_a_number() -> None:
    plan = ["Prednisolon i 3 dager.",
            "Gir forstøverbehandling her med Ventoline og maske.",
            "Det tar ca. 10 min."]
    kept = _kept(plan, 12, drugs=("ventoline", "prednisolon"))
    assert "Gir forstøverbehandling her med Ventoline og maske." in kept
    assert "Det tar ca. 10 min." not in kept
    assert fact_kinds("Gir forstøverbehandling her med Ventoline.", lambda t: "ventoline" in (
        t.lower())) == 2
    assert fact_kinds("Det tar ca. 10 min.", lambda _: False) == 1


def test_a_side_and_a_felt_complaint_are_facts() -> None:
    assert is_fact("Venstre øre.", lambda _: False)
    assert is_fact("Blir kvalm og kaster opp av og til.", lambda _: False)
    assert not is_fact("Høres ut som en god plan.", lambda _: False)
    assert not is_fact("Rød bil.", lambda _: False)  # an everyday word alone is no complaint


def test_om_as_a_time_sets_no_condition() -> None:
    said = _said(("lege", "Om kvelden, ta to tabletter. Da sover du bedre."))
    assert said[-1] == "Da sover du bedre."
    assert _said(("lege", "Om du får feber, ring legevakten. Da får du hjelp der."))[-1] == (
        "Hvis du får feber, får du hjelp der.")
