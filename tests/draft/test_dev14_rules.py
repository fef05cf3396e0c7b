"""Note rules behind what the fourteenth set's first run (eval/dev14, written blind) showed,
each from how Norwegian is spoken, each both ways. Synthetic sentences only.

- More ways of taking back what was just said: "hva sier je(g)", "nei, jeg sa feil", "nei,
  jeg husker feil", "nei, jeg tar feil", "unnskyld, jeg mente", "stryk det"; a marker that
  asks the speaker themselves ("hva sier jeg") counts after a pause too.
- Greeting and chat before the opening question may carry one clinical-looking word when it
  is on a topic of its own ("Uff, for et vær. Eg kom på sykkel …"), and the words that only
  say when ("tjueåtte dager på rad" of rain, "på radioen i morges") are no clinical words.
- The answer to the visit's opening question is the matter however it starts ("Hva kan jeg
  hjelpe deg med i dag?" — "Det er hjertet.", "Jo, det er denne skuldra …"): it had become
  "Hjelpe pas. med i dag er hjertet."
- "Det ligner mest på karpaltunnelsyndrom …" is the assessment, and kept in Vurdering.
- "Noe i bena, …?" — "Nei." asks about complaints in a place: "Ingen plager i bena, …" (it
  had been "Ingen i bena"); an answer whose first sentence only echoes the question ("Ingen
  faste. Ibux når …") goes on from what it adds.
- An amount said again keeps its bound ("… det er over en måned"), and a day or a month
  in the singular is an amount ("en dag", "en måned": the pattern had only the plurals).
"""

from __future__ import annotations

import pytest

from scribe.draft.answers import fold_answer
from scribe.draft.corrections import take_back_text
from scribe.draft.lexicon import DrugLexicon
from scribe.draft.pipeline import Drafter
from tests.draft.conftest import make_transcript


@pytest.mark.parametrize(("said", "written"), [
    ("Je har gått ned fem kilo ... hva sier je, sju kilo.", "Je har gått ned sju kilo."),
    ("Det var tirsdag, hva sier jeg, onsdag.", "Det var onsdag."),
    ("Blodtrykket er hundreogfemtito over nittifire ... nei, jeg sa feil, "
     "hundreogfemtiåtte over nittifire.", "Blodtrykket er hundreogfemtiåtte over nittifire."),
    ("Røntgen viser artrose i venstre hofteledd, nei, jeg tar feil, i høyre hofteledd.",
     "Røntgen viser artrose i høyre hofteledd."),
    ("Jeg har brukt den i to uker ... nei, jeg husker feil, det er over en måned.",
     "Jeg har brukt den i over en måned."),
    ("Det begynte for en dag siden, nei vent, det er to dager siden.",
     "Det begynte for to dager siden."),
    ("Verst på høyre hånd, stryk det, venstre hånd.", "Verst på venstre hånd."),
])
def test_a_correction_in_other_words_leaves_what_was_said_instead(said: str,
                                                                   written: str) -> None:
    assert take_back_text(said) == written


@pytest.mark.parametrize("said", [
    "Hva sier jeg til sjefen?",  # a question of its own, no pause or comma before it
    "Jeg mente at det var greit.",
    "Han sa feil navn på apoteket.",
])
def test_the_same_words_not_set_off_take_nothing_back(said: str) -> None:
    assert take_back_text(said) == said


def _anamnese(lexicon: DrugLexicon, *turns: tuple[str, str]) -> str:
    draft = Drafter(lexicon).draft(make_transcript(*turns)).draft
    return " ".join(st.text for sec in draft.sections if sec.name == "Anamnese"
                    for st in sec.statements)


def test_chat_before_the_opening_question_is_small_talk(lexicon: DrugLexicon) -> None:
    visit = [("lege", "Vi klager, og så går vi ut. Hva kan jeg hjelpe deg med i dag?"),
             ("pasient", "Det er hjertet. Det hopper over et slag, flere ganger om dagen."),
             ("lege", "Hvor lenge har du hatt det?"),
             ("pasient", "I snart tre uker.")]
    chat = [("lege", "Hei, kom inn."),
            ("pasient", "Takk. Uff, for et vær. Eg kom på sykkel, og eg er heilt klissvåt."),
            ("lege", "Ja, det har vel regnet i tjueåtte dager på rad?"),
            ("pasient", "Tjueåtte dager, ja. De sa det på radioen i morges.")]
    note = _anamnese(lexicon, *chat, *visit)
    assert "28 dager" not in note and "hjertet" in note
    # a complaint told before the opening question is no chat
    told = [("lege", "Hei, kom inn."),
            ("pasient", "Takk. Eg falt av sykkelen i går og har vondt i handleddet."),
            ("lege", "Ja, det har vel regnet i tjueåtte dager på rad?"),
            ("pasient", "Tjueåtte dager, ja.")]
    assert "handleddet" in _anamnese(lexicon, *told, *visit)


@pytest.mark.parametrize(("answer", "written"), [
    ("Det er hjertet.", "Det er hjertet."),
    ("Jo, det er denne skuldra, den høgre.", "Det er denne skuldra, den høyre."),
    ("Jeg har hatt vondt i halsen i tre dager.", "Har hatt vondt i halsen i 3 dager."),
])
def test_the_answer_to_the_opening_question_is_the_matter(answer: str, written: str) -> None:
    assert fold_answer("Hva kan jeg hjelpe deg med i dag?", answer) == written
    # another open question still folds its topic in
    assert fold_answer("Hvor sitter smertene?", "I skuldra.") != "I skuldra."


def test_what_it_is_most_like_is_the_assessment(lexicon: DrugLexicon) -> None:
    def vurdering(said: str) -> str:
        draft = Drafter(lexicon).draft(make_transcript(
            ("lege", "Hva kan jeg hjelpe deg med?"),
            ("pasient", "Fingrene på høyre hånd sovner om natta, og det prikker."),
            ("lege", "Tinels tegn er positivt på høyre side."),
            ("lege", said))).draft
        return " ".join(st.text for sec in draft.sections if sec.name == "Vurdering"
                        for st in sec.statements)
    assert "karpaltunnelsyndrom" in vurdering(
        "Det ligner mest på karpaltunnelsyndrom, en nerve som kommer i klem i håndleddet.")
    # a likeness said of something else is no assessment
    assert "ligner" not in vurdering("Det ligner litt på det moren din hadde.")


@pytest.mark.parametrize(("asked", "answer", "written"), [
    ("Noe i bena, prikking eller nummenhet i føttene?", "Nei, ingenting i bena.",
     "Ingen plager i bena, prikking eller nummenhet i føttene."),
    ("Noe på huden?", "Nei.", "Ingen plager på huden."),
    ("Noen brystsmerter eller hjertebank?", "Nei.", "Ingen brystsmerter eller hjertebank."),
    ("Bruker du noen faste medisiner?", "Ingen faste. Paracet når jeg har vondt i skuldra.",
     "Ingen faste medisiner, paracet når pas. har vondt i skuldra."),
    ("Noen utslett?", "Nei, ikke noe utslett. Men det klør litt på leggen.",
     "Ingen utslett, men det klør litt på leggen."),
])
def test_a_no_to_a_question_about_a_place_or_with_an_echo(asked: str, answer: str,
                                                          written: str) -> None:
    assert fold_answer(asked, answer) == written
