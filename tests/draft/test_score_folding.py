"""A questionnaire, score or quick test named in one sentence and its result said in a later
one become one finding in Funn, citing both segments."""

from __future__ import annotations

from scribe.domain import Speaker
from scribe.draft.classify import NONE, Label
from scribe.draft.condense import condense
from scribe.draft.scores import fold_scores
from scribe.text.sentences import Sentence

LEGE, PASIENT = Speaker.LEGE, Speaker.PASIENT


def _sentences(*turns: tuple[Speaker, list[str]]) -> list[Sentence]:
    out, k = [], 0
    for i, (speaker, texts) in enumerate(turns):
        for j, text in enumerate(texts):
            out.append(Sentence(f"t{i}.{j}", f"t{i}", speaker, text, k))
            k += 1
    return out


def _written(*turns: tuple[Speaker, list[str]]) -> list[str]:
    return [f.written for f in fold_scores(_sentences(*turns)).values()]


def test_points_said_after_the_form_fold_into_it() -> None:
    assert _written((LEGE, ["Så har vi GAD-7-skjemaet som du svarte på i venterommet.",
                            "Det blir elleve poeng."])) == ["GAD-7 11 poeng"]


def test_criteria_listed_then_counted_fold_into_the_score() -> None:
    assert _written((LEGE, ["Centor-kriteriene: du har feber, ikke hoste og belegg.",
                            "Det blir tre poeng."])) == ["Centor 3"]


def test_out_of_the_forms_maximum_is_kept_as_a_fraction() -> None:
    assert _written((LEGE, ["Nå har vi gjort MMSE-testen."]), (PASIENT, ["Gikk det bra?"]),
                    (LEGE, ["Du fikk tjuefem av tretti."])) == ["MMSE 25/30"]


def test_score_and_number_in_one_sentence() -> None:
    assert _written((LEGE, ["CAT-score tjue i dag."])) == ["CAT 20"]
    assert _written((LEGE, ["Scoren på IPSS er seksten."])) == ["IPSS 16 poeng"]


def test_a_quick_test_read_as_positive_after_the_patients_turn() -> None:
    assert _written((LEGE, ["Jeg tar en streptest på deg."]), (PASIENT, ["Ok."]),
                    (LEGE, ["Sånn ... den er negativ."])) == ["Strep A negativ"]


def test_the_corrected_figure_stands() -> None:
    assert _written((LEGE, ["Du fylte ut AUDIT-skjemaet i forrige uke."]),
                    (LEGE, ["Summen ble ni ... nei, vent, jeg talte feil, det blir elleve."])
                    ) == ["AUDIT 11 poeng"]


def test_a_later_number_about_an_earlier_time_is_not_folded() -> None:
    assert _written((LEGE, ["Du fylte ut PHQ-9-skjemaet.", "Det blir ti poeng.",
                            "I vinter var den seksten."])) == ["PHQ-9 10 poeng"]


def test_a_number_that_is_no_score_is_not_folded() -> None:
    assert _written((LEGE, ["Vi tar PHQ-9 igjen ved neste kontroll.",
                            "Det blir om fire uker."])) == []
    assert _written((LEGE, ["Du fyller ut PHQ-9 nå.", "Ta to tabletter i dag."])) == []


def test_a_number_above_the_forms_range_is_not_a_result() -> None:
    assert _written((LEGE, ["Centor-kriteriene sjekker vi nå.", "Det blir ni poeng."])) == []


def test_a_name_without_a_result_folds_nothing() -> None:
    assert _written((LEGE, ["Vi kan ta en MMSE neste gang."]),
                    (PASIENT, ["Det går fint."])) == []


def test_a_result_of_the_wrong_kind_folds_nothing() -> None:
    assert _written((LEGE, ["Jeg tar en streptest."]), (LEGE, ["Det blir fire poeng."])) == []
    assert _written((LEGE, ["Du fylte ut GAD-7-skjemaet."]),
                    (LEGE, ["Den er positiv."])) == []


def test_a_result_for_another_test_named_between_is_not_folded() -> None:
    assert _written((LEGE, ["Du fylte ut PHQ-9-skjemaet."]),
                    (LEGE, ["CRP-en tok vi også, den er femten."])) == []


def test_a_result_too_many_doctor_turns_later_is_not_folded() -> None:
    assert _written((LEGE, ["Du fylte ut PHQ-9-skjemaet hjemme."]),
                    (LEGE, ["Vi snakker om søvnen din og om jobben først."]),
                    (LEGE, ["Så snakker vi om medisinene du bruker nå."]),
                    (LEGE, ["Det blir åtte poeng."])) == []


def test_condense_puts_the_score_in_funn_citing_both_segments() -> None:
    sentences = _sentences((LEGE, ["Jeg vil at du fyller ut et skjema, PHQ-9."]),
                           (PASIENT, ["Ja, greit."]),
                           (LEGE, ["Du har fjorten poeng.", "Det passer med moderat depresjon."]))
    labels = [Label(s.id, "Vurdering" if "passer" in s.text else NONE, 0.9) for s in sentences]
    out = condense(sentences, labels)
    funn = [st for st in out["Funn"] if "PHQ-9" in st.text]
    assert [st.text for st in funn] == ["PHQ-9 14 poeng."]
    assert set(funn[0].evidence) == {"t0", "t2"}
    # the request to fill in the form is narration once its result is in
    assert not any("skjema" in st.text.lower() for sts in out.values() for st in sts)
