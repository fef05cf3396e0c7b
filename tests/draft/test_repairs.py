"""How a speaker repairs what they just said, in spoken Norwegian: the repair after a pause
and "nei"/"næh", each rule both ways. Synthetic sentences only.

- A repair that only says the words before were wrong ("det stemmer ittje", "det e feil",
  "det er tull", "det gjør hun ikke, når jeg tenker meg om", "det må være mer") takes them
  back; the speaker's next sentence says what stands.
- What the speaker says about the repair is no part of it: how honest ("hvis jeg skal være
  ærlig, så …", "om eg er ærleg"), reading again ("jeg ser på papiret nå:"), a line misread,
  thinking of someone else ("stryk det, jeg tenkte på broren hans").
- A value said again in a clause, also with the verb first and hedged ("så er det vel heller
  tre", "det er vel nærmere fire"), stands for the value before; a decimal said as "X komma
  Y" is one value; a clause with a time, a number or a side stands for a short sentence part.
- "nei" that agrees with a negative takes nothing back.
- The doctor's echo of a dialect answer ("høgre" — "Høyre kne, innsiden.") is what the note
  writes; a half said with a time is plural once written as a decimal.
"""

from __future__ import annotations

import pytest

from scribe.domain import Speaker
from scribe.draft.corrections import take_back, take_back_text
from scribe.draft.lexicon import DrugLexicon
from scribe.draft.pipeline import Drafter
from scribe.text.sentences import Sentence
from tests.draft.conftest import make_transcript


def _sents(*texts: str) -> list[Sentence]:
    return [Sentence(f"s{i:04d}.1", f"s{i:04d}", Speaker.PASIENT, t, i)
            for i, t in enumerate(texts, 1)]


@pytest.mark.parametrize("said", [
    "Det begynte vel for tre uker siden ... nei, det stemmer ittje.",
    "Han har mest vondt i venstre hånd ... næh, det e feil.",
    "Hun drikker to kopper kaffe om dagen ... nei, det gjør hun ikke, når jeg tenker meg om.",
    "Ti dager, kanskje ... nei, det må være mer.",
    "Han hoster om natta ... nei, stryk det, jeg tenkte på broren hans.",
    "Jeg har hatt det siden jeg var tjue ... nei, det er tull jeg sier.",
])
def test_a_repair_that_only_takes_back_leaves_the_next_sentence(said: str) -> None:
    out = take_back(_sents(said, "Det var i fjor sommer."))
    assert [s.text for s in out] == ["Det var i fjor sommer."]


def test_a_repair_that_takes_back_a_short_part_keeps_the_rest() -> None:
    said = ("Hun har lav jernverdi, det som kalles ferritin tolv ... nei, unnskyld, jeg leste "
            "linja under i svaret.")
    assert take_back_text(said) == "Hun har lav jernverdi."


@pytest.mark.parametrize("said", [
    "Jeg har ikke feber, nei, det har jeg ikke.",
    "Jeg røyker ikke ... nei, det gjør jeg ikke.",
    "Pekefingeren … nei, den er fin.",
    "Det gikk bra på jobben ... nei, det er hyggelig der.",
])
def test_what_is_no_repair_stays(said: str) -> None:
    assert [s.text for s in take_back(_sents(said))] == [said]


@pytest.mark.parametrize(("said", "written"), [
    ("Jeg drikker to øl i helgene ... nei, hvis jeg skal være ærlig, så blir det nok fire-fem.",
     "Jeg drikker fire-fem øl i helgene."),
    ("Jeg tar Paracet, to om dagen ... nei, skal eg vere ærleg, så er det vel heller fire.",
     "Jeg tar Paracet, fire om dagen."),
    ("Jeg sover kanskje tre timer ... nei, det er vel nærmere fire, om jeg er ærlig.",
     "Jeg sover kanskje nærmere fire timer."),
    ("Temperaturen var trettiåtte komma to ... nei, det var trettisju komma ni.",
     "Temperaturen var trettisju komma ni."),
    ("Jeg har gått ned fire kilo ... nei, jeg sto på vekta i går, det er seks.",
     "Jeg har gått ned seks kilo."),
    ("Pulsen var hundre og ti ... nei, det stemmer ikke, jeg ser på papiret nå: nitti.",
     "Pulsen var nitti."),
    ("Det har vart i en måned ... nei, det begynte etter jul.", "Det begynte etter jul."),
    ("Han falt på trappa i forrige uke ... nei, det var før påske, det.",
     "Han falt på trappa før påske."),
    ("Det gjør vondt i venstre ankel ... nei, høgre.", "Det gjør vondt i høgre ankel."),
    ("Hun fikk utslettet i går kveld ... nei, det må ha vært i forgårs, for da var vi på "
     "hytta.", "Hun fikk utslettet i forgårs."),
    ("Ja, ryggen låste seg første gang for fire år siden ... nei, det var før vi flyttet, så "
     "det er vel fem år siden nå.", "Ja, ryggen låste seg første gang for fem år siden."),
    ("Kaffe, en kopp om dagen ... nei, hvis jeg skal være ærlig, blir det mer som fire kopper "
     "om dagen.", "Kaffe, fire kopper om dagen."),
    # what the new amount is for stays
    ("Ny time om tre uker ... nei, vi sier to uker, så vi rekker svaret på prøvene.",
     "Ny time om to uker, så vi rekker svaret på prøvene."),
])
def test_the_value_said_again_stands(said: str, written: str) -> None:
    assert take_back_text(said) == written


def test_a_clause_without_a_value_does_not_replace_what_went_before() -> None:
    said = "Han var på trening i går ... nei, han syntes det var gøy."
    assert take_back_text(said) == said


def _history(lexicon: DrugLexicon, answer: str, echo: str) -> str:
    draft = Drafter(lexicon).draft(make_transcript(
        ("lege", "Hva har skjedd?"),
        ("pasient", "Æ datt på ski i går, og kneet vreidd sæ."),
        ("lege", "Hvilket kne?"),
        ("pasient", answer),
        ("lege", f"{echo} Hørte du et smell?"),
        ("pasient", "Nei, det strakk bare."))).draft
    return " ".join(st.text for sec in draft.sections if sec.name == "Anamnese"
                    for st in sec.statements)


def test_the_doctors_echo_of_a_dialect_answer_is_written(lexicon: DrugLexicon) -> None:
    history = _history(lexicon, "Venstre ... eller, det e høgre. Det gjør vondt på innsida.",
                       "Høyre kne, innsiden.")
    assert "Høyre kne, innsiden" in history
    # an echo that repeats nothing that was said is no answer
    assert "Høyre kne" not in _history(lexicon, "Det e venstre. Det gjør vondt på utsida.",
                                       "Høyre kne, innsiden.")


def test_a_time_with_a_half_is_written_in_the_plural(lexicon: DrugLexicon) -> None:
    draft = Drafter(lexicon).draft(make_transcript(
        ("lege", "Hvor lenge har du hatt løs mage?"),
        ("pasient", "I tre og en halv måned nå."))).draft
    history = " ".join(st.text for sec in draft.sections for st in sec.statements)
    assert "3,5 måneder" in history and "3,5 måned." not in history


def test_a_side_answered_with_more_said_names_what_was_asked() -> None:
    from scribe.draft.answers import fold_answer
    said = fold_answer("Hvilken hånd er det?", "Venstre ... nei, høyre, selvfølgelig. Det er "
                       "skrivehånda.", asker=Speaker.LEGE, answerer=Speaker.PASIENT)
    assert said == "Høyre hånd. Det er skrivehånda."
    # a side that is not the answer's whole first sentence stays as said
    other = fold_answer("Hvilken hånd er det?", "Høyre er verst, men begge verker.",
                        asker=Speaker.LEGE, answerer=Speaker.PASIENT)
    assert not other.startswith("Høyre hånd")


def _told(lexicon: DrugLexicon, doctor: str) -> str:
    draft = Drafter(lexicon).draft(make_transcript(
        ("lege", "Hei, hva kan jeg hjelpe deg med?"),
        ("pasient", "Jeg har så mye hodepine for tiden."),
        ("lege", doctor),
        ("pasient", "Det er mannen min og meg. Vi krangler hver kveld, og for seks uker "
                    "siden flyttet han ut."))).draft
    return " ".join(st.text for sec in draft.sections if sec.name == "Anamnese"
                    for st in sec.statements)


def test_what_the_patient_tells_when_asked_to_is_history(lexicon: DrugLexicon) -> None:
    # ("Det er mannen min og meg." holds no complaint: only being asked to tell makes it
    # the history)
    assert "ektemann" in _told(lexicon, "Fortell.")
    assert "ektemann" in _told(lexicon, "Ok. Beskriv hvordan det er hjemme.")
    # after a remark that asks for nothing, it is not taken as told for the note
    assert "ektemann" not in _told(lexicon, "Det skjønner jeg godt.")
