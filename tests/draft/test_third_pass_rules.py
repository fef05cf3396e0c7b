"""Issue 14, third pass: the complaint survives the cut, findings stay with their organ, the
doctor's "vi" is not the patient, a relative is named once. Synthetic sentences only."""

from __future__ import annotations

import pytest

from scribe.domain import Speaker, Statement
from scribe.draft.classify import COMPLAINT, Label, classify_rules
from scribe.draft.condense import condense
from scribe.draft.findings import finding_from_narration, names_own_site
from scribe.draft.person import third_person
from scribe.draft.select import _chief_complaint, is_fact, select, weight
from scribe.text.sentences import Sentence


def _sentences(turns: list[tuple[Speaker, str]]) -> list[Sentence]:
    return [Sentence(f"g{i}.0", f"g{i}", speaker, text, i)
            for i, (speaker, text) in enumerate(turns)]


def _funn(turns: list[tuple[Speaker, str]]) -> list[str]:
    sentences = _sentences(turns)
    labels = [Label(s.id, "Funn", 1.0) for s in sentences]
    return [st.text for st in condense(sentences, labels)["Funn"]]


# --- organ carry-over -------------------------------------------------------------------

def test_a_bare_finding_keeps_the_organ_examined_before() -> None:
    out = _funn([(Speaker.LEGE, "Jeg lytter på lungene, det høres fint ut."),
                 (Speaker.LEGE, "Ingen knatring.")])
    assert any(t.startswith("Lunger: ingen knatring") for t in out)


def test_a_test_result_after_an_organ_does_not_take_the_organ() -> None:
    out = _funn([(Speaker.LEGE, "Jeg lytter på lungene, det høres fint ut."),
                 (Speaker.LEGE, "Og på EKG-et er det ST-senkninger i V4 og V5.")])
    assert not any("Lunger: ST" in t or "Lunger: EKG" in t for t in out)
    assert any("ST-senkninger" in t for t in out)


@pytest.mark.parametrize("text", [
    "Ingen hevelse i leggene.",
    "Skjoldbruskkjertelen er ikke forstørret.",
    "Han er blek og i redusert allmenntilstand.",
])
def test_a_finding_with_a_site_of_its_own_takes_no_carried_organ(text: str) -> None:
    assert names_own_site(text)
    out = finding_from_narration(text, organ="Lunger")
    assert out is not None and not out.startswith("Lunger:")


@pytest.mark.parametrize("text", ["Ingen knatring.", "Lett rødt.", "Noe øm på utsiden."])
def test_a_finding_without_a_site_is_not_read_as_having_one(text: str) -> None:
    assert not names_own_site(text)


def test_a_lung_sound_goes_to_the_lungs_whatever_was_examined_before() -> None:
    assert finding_from_narration("Ingen pipelyder.", organ="Collum") == "Lunger: ingen pipelyder."
    # with nothing examined before, no organ is invented
    assert not (finding_from_narration("Ingen pipelyder.") or "").startswith("Lunger")


# --- the doctor's "vi" ------------------------------------------------------------------

def test_the_doctors_vi_in_a_clause_is_not_the_patient() -> None:
    out = third_person("Vi må sjekke stoffskiftet før vi kan si noe sikkert.", Speaker.LEGE)
    assert "pas." not in out
    assert "vi" not in out.lower().split()


def test_the_doctors_vi_after_a_proposal_is_what_the_patient_is_advised() -> None:
    out = third_person("Jeg foreslår at vi avventer med bildene.", Speaker.LEGE)
    assert "pas. avventer" in out


def test_the_doctors_vi_as_main_subject_is_left_out() -> None:
    out = third_person("Vi kunne økt dosen, men det venter vi med.", Speaker.LEGE)
    assert out.startswith("Kunne økt dosen") and "pas." not in out


# --- complaint vocabulary and the chief complaint -----------------------------------------

@pytest.mark.parametrize("word", ["svir", "verker", "stikker", "murrer", "kvalm", "svimmel",
                                  "hoven", "klør", "utslett", "gulgrønt", "tett"])
def test_everyday_complaint_words_are_recognised(word: str) -> None:
    assert COMPLAINT.search(f"Det {word} litt nå.")


@pytest.mark.parametrize("text", ["Vi skal på hytta i helgen.", "Bilen er ny."])
def test_talk_without_a_complaint_has_no_complaint_words(text: str) -> None:
    assert not COMPLAINT.search(text)


def test_a_patient_complaint_is_sorted_into_the_history() -> None:
    s = _sentences([(Speaker.PASIENT, "Det murrer og stikker sånn innimellom.")])
    assert classify_rules(s)[0].label == "Anamnese"


def test_a_complaint_weighs_more_than_the_same_words_without_one() -> None:
    assert weight("Det verker og murrer i kjeven.") > weight("Det er sånn i kjeven.")


def test_everyday_words_alone_do_not_weigh_as_a_complaint() -> None:
    assert weight("Sommeren var tørr.") == weight("Sommeren var lang.")


def test_when_the_complaint_started_is_a_fact() -> None:
    assert is_fact("Det begynte i forgårs.", lambda _: False)
    assert not is_fact("Det begynte med noe annet.", lambda _: False)


def _history(texts: list[str]) -> list[Statement]:
    return [Statement(t, (f"g{i}",)) for i, t in enumerate(texts)]


def test_the_chief_complaint_survives_a_tight_budget() -> None:
    filler = [f"Ikke allergi mot penicillin nr {i}." for i in range(12)]
    history = _history(["Ringte om vondt i magen.", "Det svir og brenner når pas. tisser.",
                        *filler])
    out = select({"Anamnese": history, "Funn": [], "Vurdering": [], "Tiltak": []},
                 spoken_words=20)
    texts = [st.text for st in out["Anamnese"]]
    assert "Det svir og brenner når pas. tisser." in texts
    assert len(texts) < len(history)


def test_a_negated_statement_is_not_taken_for_the_chief_complaint() -> None:
    history = _history(["Ringte om timen.", "Ingen svie, ingen kløe.", "Klør på leggene."])
    assert [st.text for st in _chief_complaint(history)] == ["Klør på leggene."]
    assert _chief_complaint(_history(["Ringte om timen.", "Kom med bussen."])) == []


# --- a relative named once --------------------------------------------------------------

def test_a_relatives_run_says_whose_it_is_once() -> None:
    history = _history(["Ifølge datter: har hatt feber i 2 døgn.",
                        "Ifølge datter: ingen oppkast.",
                        "Ifølge datter har pas. spist lite."])
    out = select({"Anamnese": history, "Funn": [], "Vurdering": [], "Tiltak": []},
                 spoken_words=400)
    texts = [st.text for st in out["Anamnese"]]
    assert texts == ["Ifølge datter: har hatt feber i 2 døgn.", "Ingen oppkast.",
                     "Pas. har spist lite."]


def test_different_speakers_keep_their_own_attribution() -> None:
    history = _history(["Ifølge datter: har hatt feber i 2 døgn.",
                        "Ifølge kona: ingen oppkast."])
    out = select({"Anamnese": history, "Funn": [], "Vurdering": [], "Tiltak": []},
                 spoken_words=400)
    assert [st.text for st in out["Anamnese"]] == [st.text for st in history]
