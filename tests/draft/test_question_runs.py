"""Several questions in one turn and one answer to them all: the GP's screening for alarm
symptoms ("Svelgvansker? Blod i oppkastet? Vekttap?" — "Nei, ingenting av det.").

The consultations here are written for these tests, from how Norwegian GP consultations go;
none is taken from the evaluation cases.
"""

from __future__ import annotations

import re

import pytest

from scribe.domain import Segment, Speaker, Statement
from scribe.draft.answers import (
    NO,
    YES,
    blanket,
    fold_answer,
    follows_up,
    parse_answer,
    subquestions,
)
from scribe.draft.classify import classify_rules
from scribe.draft.condense import condense
from scribe.text.sentences import split_segments

_SPEAKERS = {"lege": Speaker.LEGE, "pasient": Speaker.PASIENT}


def _condensed(*turns: tuple[str, str]) -> list[Statement]:
    segments = [Segment(f"s{i + 1:04d}", float(i), float(i + 1), text, _SPEAKERS[who])
                for i, (who, text) in enumerate(turns)]
    sentences = split_segments(segments)
    out = condense(sentences, classify_rules(sentences))
    return [st for sts in out.values() for st in sts]


def _negated(text: str) -> bool:
    return re.search(r"\b(?:ikke|ingen|aldri)\b", text, re.IGNORECASE) is not None


def _about(statements: list[Statement], word: str) -> list[Statement]:
    return [st for st in statements if word in st.text.lower()]


# --- blanket answers are polarity, not content ----------------------------------------------
@pytest.mark.parametrize("answer", [
    "Nei.", "Nei, nei.", "Nei, ingenting av det.", "Ingenting sånt.", "Nei, ingen av delene.",
    "Nei, ikke noe av det.", "Nei, aldri.", "Nei, nei. Ingenting av det.", "Ikke noe sånt.",
])
def test_a_blanket_no_is_a_no_with_nothing_more(answer: str) -> None:
    a = parse_answer(answer)
    assert a.polarity == NO
    assert a.rest == ""
    assert blanket(answer) == NO


@pytest.mark.parametrize("answer", ["Ja, begge deler.", "Ja, alt sammen.", "Ja, begge to."])
def test_a_yes_to_all_of_it_is_a_blanket_yes(answer: str) -> None:
    assert blanket(answer) == YES


@pytest.mark.parametrize("answer", [
    "Ja.",  # a bare yes to several questions: which of them?
    "Nei, men jeg hoster litt.", "Nei, aldri, men jeg har vært litt svimmel.",
    "Litt.", "Tror ikke det.", "Nei, aldri hatt det før i hvert fall.",
])
def test_an_answer_with_content_or_a_bare_yes_is_no_blanket_answer(answer: str) -> None:
    assert blanket(answer) is None


@pytest.mark.parametrize(("question", "answer", "statement"), [
    ("Gått ned i vekt?", "Nei, nei. Ingenting av det.", "Ikke gått ned i vekt."),
    ("Har du hatt feber?", "Ingenting sånt.", "Ikke feber."),
    ("Noen brystsmerter?", "Nei, ingen av delene.", "Ingen brystsmerter."),
    ("Har du hatt hodepine?", "Nei, ikke noe av det.", "Ikke hodepine."),
    ("Har du hatt nattesvette?", "Nei, aldri.", "Ikke nattesvette."),
])
def test_fold_answer_takes_a_blanket_no_as_the_no(question: str, answer: str,
                                                  statement: str) -> None:
    assert fold_answer(question, answer) == statement


def test_a_no_with_content_keeps_the_content() -> None:
    out = fold_answer("Noen brystsmerter?", "Nei, men litt tungpust.")
    assert out is not None and out.startswith("Ingen brystsmerter") and "tungpust" in out


# --- a question that is a list --------------------------------------------------------------
def test_a_question_of_questions_is_split_where_a_verb_and_its_subject_start_one() -> None:
    assert subquestions("Har det vært tungt å svelge, har maten satt seg fast?") == [
        "Har det vært tungt å svelge", "har maten satt seg fast"]
    assert subquestions("Har du mistet matlysten, har du svettet om natta, eller er du "
                        "tyngre i pusten?") == [
        "Har du mistet matlysten", "har du svettet om natta", "er du tyngre i pusten"]


@pytest.mark.parametrize("question", [
    "Hvis du går fort, blir du tung i pusten?",  # a condition, then the question
    "Har du hatt feber, frysninger eller svette?",  # one question, a list of nouns
])
def test_a_question_that_does_not_open_with_verb_and_subject_is_one(question: str) -> None:
    assert subquestions(question) == [question.rstrip("?")]


def test_a_no_to_a_list_question_negates_each_part() -> None:
    out = fold_answer("Har det vært tungt å svelge, har maten satt seg fast?", "Nei.")
    assert out == "Ikke tungt å svelge. Maten har ikke satt seg fast."


def test_a_blanket_no_to_a_list_question_leaves_no_question_text_and_is_not_aldri_alone(
        ) -> None:
    out = fold_answer("Har du mistet matlysten, har du svettet om natta, eller er du tyngre i "
                      "pusten?", "Nei, aldri.")
    assert out == ("Ikke mistet matlysten. Ikke svettet om natten. "
                   "Ikke tyngre i pusten.")


def test_a_yes_to_both_parts_of_a_list_question_gives_each() -> None:
    out = fold_answer("Har du kastet opp, eller har du hatt diaré?", "Ja, begge deler.")
    assert out == "Har kastet opp. Diaré."


# --- negatives as a GP writes them ----------------------------------------------------------
@pytest.mark.parametrize(("question", "statement"), [
    ("Har du hatt noe blødning etter det?", "Ingen blødning etter det."),
    ("Har du kastet opp blod, eller hatt svart avføring?",
     "Ikke kastet opp blod eller hatt svart avføring."),
    ("Har det vært vanskelig å svelge?", "Ikke vanskelig å svelge."),
    ("Har du vært tung i pusten?", "Ikke tung i pusten."),
    ("Har du hatt noe vondt?", "Ikke noe vondt."),
    ("Har du vært hos fastlegen med dette?", "Ikke vært hos fastlegen med dette."),
    ("Har du hatt det sånn før?", "Ikke hatt det sånn før."),
    ("Har maten satt seg fast?", "Maten har ikke satt seg fast."),
    ("Har du lyst på en sykmelding?", "Har ikke lyst på en sykmelding."),
])
def test_a_no_is_written_in_note_style(question: str, statement: str) -> None:
    assert fold_answer(question, "Nei.") == statement


@pytest.mark.parametrize(("question", "answer", "statement"), [
    ("Røyker du?", "Nei, nei.", "Ikke-røyker."),
    ("Røyker du?", "Nei, ikke lenger.", "Eks-røyker."),
    ("Noen allergier?", "Nei, ingenting sånt.", "Ingen kjente allergier."),
    ("Bruker du noen faste medisiner?", "Nei, ikke noe sånt.", "Ingen faste medisiner."),
    ("Drikker du alkohol?", "Nei, aldri.", "Drikker ikke alkohol."),
    ("Noen i familien med hjertesykdom?", "Nei, ingenting sånt.",
     "Ingen kjent hjertesykdom i familien."),
    ("Har du noen gang hatt blodpropp?", "Nei, aldri.", "Aldri hatt blodpropp."),
])
def test_set_topics_keep_their_set_form(question: str, answer: str, statement: str) -> None:
    assert fold_answer(question, answer) == statement


# --- condense: a run of questions and one answer --------------------------------------------
ALARM = (
    ("lege", "Har det vært tungt å svelge, har maten satt seg fast? Har du kastet opp blod, "
             "eller hatt svart avføring? Gått ned i vekt?"),
    ("pasient", "Nei, nei. Ingenting av det. Buksene sitter like stramt som før."),
)


def test_each_question_of_a_run_answered_no_is_a_negated_statement() -> None:
    out = _condensed(*ALARM)
    for word in ("svelge", "blod", "svart avføring", "vekt"):
        found = _about(out, word)
        assert found, word
        assert all(_negated(st.text) for st in found), found
        assert all(st.evidence[:2] == ("s0001", "s0002") for st in found), found
    assert not any(st.text.rstrip().endswith("?") for st in out)
    assert not _about(out, "har maten")  # no question text left inside a statement
    assert not _about(out, "ingenting")  # the blanket answer is no statement of its own


def test_a_run_answered_with_content_folds_only_the_last_question() -> None:
    out = _condensed(("lege", "Har du hatt feber? Vondt i brystet?"),
                     ("pasient", "Nei, men jeg hoster litt."))
    assert not _about(out, "feber")
    last = _about(out, "brystet")
    assert len(last) == 1 and _negated(last[0].text) and "hoster litt" in last[0].text


def test_a_no_then_a_but_in_the_same_turn_folds_only_the_last_question() -> None:
    out = _condensed(("lege", "Har du hatt feber? Vondt i brystet?"),
                     ("pasient", "Nei. Men jeg har vært litt svimmel."))
    assert not _about(out, "feber")
    assert _about(out, "brystet") and _negated(_about(out, "brystet")[0].text)


def test_a_social_question_in_a_run_gives_nothing_and_the_others_are_folded() -> None:
    out = _condensed(("lege", "Hvordan går det ellers? Har du hatt feber? Noe hoste?"),
                     ("pasient", "Nei, ikke noe av det."))
    texts = [st.text for st in out]
    assert "Ikke feber." in texts
    assert "Ingen hoste." in texts
    assert not _about(out, "går det")


def test_a_run_over_two_turns_of_the_asker_is_one_run() -> None:
    out = _condensed(("lege", "Har du hatt feber?"), ("lege", "Eller frysninger?"),
                     ("pasient", "Nei, ingen av delene."))
    feber, frysninger = _about(out, "feber"), _about(out, "frysninger")
    assert feber and _negated(feber[0].text) and feber[0].evidence == ("s0001", "s0003")
    assert frysninger and _negated(frysninger[0].text)
    assert frysninger[0].evidence == ("s0002", "s0003")


def test_a_run_ends_at_a_statement_of_the_asker() -> None:
    out = _condensed(("lege", "Har du hatt feber? Jeg spør fordi mange har influensa nå. "
                              "Noe hoste?"),
                     ("pasient", "Nei."))
    assert not any(st.text.startswith("Ikke feber") for st in out)
    assert any(st.text == "Ingen hoste." for st in out)


def test_a_yes_to_both_folds_each_and_a_bare_yes_only_the_last() -> None:
    both = _condensed(("lege", "Har du hatt feber? Vondt i brystet?"),
                      ("pasient", "Ja, begge deler."))
    assert [st.text for st in both] == ["Feber.", "Vondt i brystet."]
    bare = _condensed(("lege", "Har du hatt feber? Vondt i brystet?"), ("pasient", "Ja."))
    assert [st.text for st in bare] == ["Vondt i brystet."]


# --- a follow-up question: a "nei" answers it, not the one before ---------------------------
@pytest.mark.parametrize(("question", "follow_up"), [
    ("Også når du sitter stille?", True), ("Når du går i bakker?", True),
    ("Eller bare kvalm?", True), ("Gjør det vondt når du puster dypt?", True),
    ("Har du hatt det før?", True), ("Målt den?", True),
    ("Gått ned i vekt?", False), ("Noe hoste?", False), ("Eller frysninger?", False),
    ("Har det vært vanskelig å svelge?", False), ("Har det vært blod i avføringen?", False),
])
def test_a_follow_up_question_is_told_from_one_of_its_own(question: str,
                                                          follow_up: bool) -> None:
    assert follows_up(question) is follow_up


def test_a_no_to_a_narrowing_question_does_not_deny_the_question_before() -> None:
    out = _condensed(("lege", "Har du vondt i brystet når du går i bakker? Også når du sitter "
                              "stille?"),
                     ("pasient", "Nei."))
    assert not any(st.text.startswith("Ikke vondt i brystet") for st in out)
    out = _condensed(("lege", "Har du hatt hodepine? Har du hatt det før?"),
                     ("pasient", "Nei, aldri."))
    assert not _about(out, "hodepine")


def _texts(*turns: tuple[str, str]) -> list[str]:
    return [st.text for st in _condensed(*turns)]


def test_a_condition_asked_after_the_question_joins_it() -> None:
    """"Er du tung i pusten? Når du går i motbakke?" — "Nei.": not short of breath when
    walking uphill; the no answers the question with its condition."""
    said = _texts(("lege", "Er du tung i pusten? Når du går i motbakke, eller når du ligger "
                           "flatt?"), ("pasient", "Nei."))
    assert any(t.startswith("Ikke tung i pusten") for t in said), said
    # "Når begynte det?" is a question of its own, not a condition
    said = _texts(("lege", "Har du hatt feber? Når begynte det?"),
                  ("pasient", "I går kveld."))
    assert not any("feber" in t.lower() and "går kveld" in t for t in said), said


def test_options_after_an_open_question_are_its_options() -> None:
    """"Hvordan er mensen? Regelmessig? Kraftig?" asks how the period is; the answer is
    written under that topic."""
    said = _texts(("lege", "Hvordan er mensen? Regelmessig? Kraftig?"),
                  ("pasient", "Regelmessig, hver fjerde uke."))
    assert any(t.lower().startswith("mensen: regelmessig") for t in said), said
    # after a yes/no question the words are questions of their own ("Feber? Hoste?")
    said = _texts(("lege", "Har du hatt feber? Hoste?"), ("pasient", "Nei, ingen av delene."))
    assert any("feber" in t.lower() for t in said) and any("hoste" in t.lower() for t in said)


def test_a_no_to_everything_in_dialect_is_a_blanket_no() -> None:
    assert blanket("Nei, itj no sånt.") == NO
    assert blanket("Nei, ikkje noko sånt.") == NO
    assert blanket("Nei, itj no særlig.") is None  # a little, not nothing


@pytest.mark.parametrize(("answer", "statement"), [
    ("Nei, aldri.", "Aldri røykt."),
    ("Aldri.", "Aldri røykt."),
    ("Nei.", "Ikke-røyker."),
    ("Nei, jeg slutta for ti år siden.", "Eks-røyker, sluttet for 10 år siden."),
])
def test_never_smoked_is_told_from_not_smoking_now(answer: str, statement: str) -> None:
    assert fold_answer("Røyker du?", answer) == statement
