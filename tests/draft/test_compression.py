"""The drafter's clinical compression (issue 14) and the note figures ``scribe eval`` reports.

The consultations here are written for these tests, from how Norwegian GP consultations go;
none is taken from the evaluation cases.
"""

from __future__ import annotations

import re

import pytest

from scribe.domain import Segment, Speaker, Statement, Transcript
from scribe.draft.condense import sentence_values
from scribe.draft.conversation import small_talk_turns
from scribe.draft.drugs import extract_drugs, prescriptions
from scribe.draft.lexicon import DrugLexicon
from scribe.draft.notestats import fillers, note_stats, pronouns, questions, summarise_stats
from scribe.draft.pipeline import Drafter
from scribe.draft.render import Templates
from scribe.draft.select import select
from scribe.text.sentences import split_segments

from .conftest import make_transcript


def _statements(result_draft: object, section: str) -> list[Statement]:
    sec = result_draft.section(section)  # type: ignore[attr-defined]
    return list(sec.statements) if sec is not None else []


def _with_relative(*turns: tuple[str, str]) -> Transcript:
    speakers = {"lege": Speaker.LEGE, "pasient": Speaker.PASIENT, "parorende": Speaker.ANNEN}
    return Transcript(tuple(Segment(f"s{i + 1:04d}", float(i), float(i + 1), text,
                                    speakers[who]) for i, (who, text) in enumerate(turns)))


HYPERTENSION = make_transcript(
    ("lege", "Hei, velkommen inn."),
    ("pasient", "Takk."),
    ("lege", "Har du hatt hodepine?"),
    ("pasient", "Nei, ingen hodepine."),
    ("lege", "Jeg måler blodtrykket ditt nå ... hundre og femtifire over nittiseks."),
    ("lege", "Pulsen er syttito. Jeg lytter på hjertet ... det er regelmessig, ingen bilyder."),
    ("lege", "Vurderingen min er at du har høyt blodtrykk, hypertensjon."),
    ("lege", "Hvis blodtrykket fortsatt er høyt ved neste kontroll, starter vi med amlodipin "
             "fem milligram én gang daglig."),
    ("lege", "Kom tilbake til kontroll om fire uker."),
    ("pasient", "Forresten, så du kampen i går?"),
    ("lege", "Nei, jeg rakk ikke det, men jeg hørte at det var spennende."),
    ("pasient", "Ja, for en avslutning på sesongen!"),
    ("lege", "Ha det bra."),
)


@pytest.fixture
def drafted(lexicon: DrugLexicon) -> object:
    return Drafter(lexicon).draft(HYPERTENSION).draft


def test_question_and_answer_become_one_statement_citing_both(drafted: object) -> None:
    anamnese = _statements(drafted, "Anamnese")
    folded = [st for st in anamnese if "hodepine" in st.text.lower()]
    assert len(folded) == 1
    assert folded[0].text in {"Ingen hodepine.", "Ikke hodepine."}
    assert folded[0].evidence == ("s0003", "s0004")
    assert not any(st.text.rstrip().endswith("?") for sec in drafted.sections  # type: ignore[attr-defined]
                   for st in sec.statements)


def test_values_line_comes_first_in_funn_with_the_examination_after(drafted: object) -> None:
    funn = _statements(drafted, "Funn")
    assert funn[0].text == "BT 154/96. P 72."
    assert set(funn[0].evidence) == {"s0005", "s0006"}
    assert any(st.text.startswith("Cor:") or "regelmessig" in st.text for st in funn[1:])
    assert not any("lytter" in st.text.lower() for st in funn)  # narration is not a finding


def test_a_drug_started_only_if_a_result_comes_is_a_plan_not_a_prescription(
        drafted: object, lexicon: DrugLexicon) -> None:
    assert drafted.section("Resepter") is None  # type: ignore[attr-defined]
    tiltak = " ".join(st.text for st in _statements(drafted, "Tiltak")).lower()
    assert "hvis" in tiltak and "amlodipin" in tiltak  # the plan stays, as a plan
    facts = extract_drugs(split_segments(HYPERTENSION.segments), lexicon)
    assert [f.attr("status") for f in facts] == ["conditional"]
    assert prescriptions(facts) == []


def test_small_talk_at_the_end_is_left_out(drafted: object) -> None:
    note = Templates().render_note(drafted).lower()  # type: ignore[arg-type]
    assert "kampen" not in note and "sesongen" not in note
    assert {"s0010", "s0011", "s0012"} <= small_talk_turns(split_segments(HYPERTENSION.segments))


def test_the_assessment_is_in_vurdering(drafted: object) -> None:
    vurdering = " ".join(st.text for st in _statements(drafted, "Vurdering")).lower()
    assert "hypertensjon" in vurdering


def test_a_value_taken_back_is_not_in_the_note(lexicon: DrugLexicon) -> None:
    t = make_transcript(
        ("pasient", "Jeg har hatt feber i fire dager, nei vent, i tre dager."),
        ("lege", "Temperaturen er trettiåtte komma to."),
        ("lege", "Vurderingen min er at dette er en virusinfeksjon."),
    )
    draft = Drafter(lexicon).draft(t).draft
    note = Templates().render_note(draft)
    assert "3 dager" in note and "4 dager" not in note and "fire" not in note
    assert sentence_values("Blodtrykket er hundreogseksti ... nei, hundreogfemti over "
                           "nitti.") == ["BT 150/90"]


def test_what_a_relative_says_is_attributed_to_them(lexicon: DrugLexicon) -> None:
    t = _with_relative(
        ("lege", "Hei, og hvem er du?"),
        ("parorende", "Jeg er datteren hennes."),
        ("lege", "Hvordan har moren din hatt det?"),
        ("parorende", "Hun har vært mye forvirret den siste uka, og hun har falt to ganger."),
        ("lege", "Vurderingen min er at dette kan være et delirium, trolig på grunn av "
                 "en infeksjon."),
    )
    draft = Drafter(lexicon).draft(t).draft
    anamnese = " ".join(st.text for st in _statements(draft, "Anamnese"))
    assert "datter" in anamnese.lower() and "forvirret" in anamnese
    assert not re.search(r"\b(?:jeg|du|hun har vært)\b", anamnese.lower())


def test_selection_drops_light_talk_before_facts() -> None:
    light = "Det er jo sånn det er med alt for tiden, tenker pas., og slik har det vært lenge."
    sections = {
        "Anamnese": [Statement("Vondt i halsen i 3 dager.", ("s1",)),
                     *(Statement(light, (f"s{i}",)) for i in range(2, 6)),
                     Statement("Ikke feber.", ("s6",)),
                     Statement("Bruker paracetamol 1 g x 3.", ("s7",))],
        "Funn": [Statement("T 37,2.", ("s8",))], "Vurdering": [], "Tiltak": []}
    kept = select(sections, spoken_words=10)
    texts = [st.text for st in kept["Anamnese"]]
    assert texts[0] == "Vondt i halsen i 3 dager."
    assert "Ikke feber." in texts and "Bruker paracetamol 1 g x 3." in texts
    assert texts.count(light) < 4
    assert kept["Funn"] == sections["Funn"]


# --- the figures of scribe eval --------------------------------------------------------------
def test_pronouns_are_counted_as_whole_words_and_minutes_are_not_pronouns() -> None:
    assert pronouns("Jeg ba deg komme igjen, og vi ses. Min vurdering: din og mine.") == 6
    assert pronouns("Sitteprøve etter 20 min. Forklart i 5 min") == 0
    assert pronouns("Dugg, vindu, mineral, deget, jegere") == 0


def test_fillers_and_questions_are_counted() -> None:
    assert fillers("Eh, hun har altså liksom vondt, mm. Ok.") == 5
    assert fillers("Ekstremitetene er ua. Okklusjon ikke sett.") == 0
    assert fillers("Stein 5 mm distalt, 4mm før. Mm, ja.") == 1  # millimetres are no filler
    assert questions("Feber? Nei. Hoste i 3 d? Ja.") == 2
    assert questions("Ingen spørsmål her.") == 0


def test_note_stats_give_share_of_spoken_and_ratio_to_reference() -> None:
    stats = note_stats("Hoste i 3 d, gulgrønt ekspektorat. CRP 87.",
                       spoken=["en to tre fire fem", "seks sju åtte ni ti"] * 2,
                       reference={"Anamnese": "Hoste i tre dager.", "Funn": "CRP 87."})
    assert stats["note_words"] == 8.0
    assert stats["share_of_spoken"] == 0.4
    assert stats["ratio_to_reference"] == 1.3333
    assert "ratio_to_reference" not in note_stats("Hoste.", spoken=["hei"], reference=None)


def test_overall_figures_are_sums_and_medians() -> None:
    per_case = [{"note_words": 100.0, "questions": 1.0, "pronouns": 0.0, "fillers": 2.0,
                 "share_of_spoken": 0.2, "ratio_to_reference": 1.0},
                {"note_words": 200.0, "questions": 0.0, "pronouns": 3.0, "fillers": 0.0,
                 "share_of_spoken": 0.4, "ratio_to_reference": 2.0},
                {"note_words": 150.0, "questions": 0.0, "pronouns": 0.0, "fillers": 0.0,
                 "share_of_spoken": 0.9}]
    out = summarise_stats(per_case)
    assert out["questions"] == 1.0 and out["pronouns"] == 3.0 and out["fillers"] == 2.0
    assert out["note_words"] == 450.0 and out["median_note_words"] == 150.0
    assert out["share_of_spoken"] == 0.4 and out["ratio_to_reference"] == 1.5


def test_a_drug_the_doctor_renews_without_plan_words_is_in_tiltak(lexicon: DrugLexicon) -> None:
    t = make_transcript(
        ("pasient", "Jeg har hatt høyt blodtrykk i mange år."),
        ("lege", "Vurderingen min er at blodtrykket ditt er godt regulert nå."),
        ("lege", "Amlodipin fem milligram fornyer jeg som før."),
    )
    draft = Drafter(lexicon).draft(t).draft
    tiltak = " ".join(st.text for st in _statements(draft, "Tiltak")).lower()
    assert "amlodipin" in tiltak


def test_brand_names_keep_their_capital(lexicon: DrugLexicon) -> None:
    from scribe.draft.pipeline import brand_capitals

    assert brand_capitals("Har tatt ibux og paracetamol.", lexicon) == (
        "Har tatt Ibux og paracetamol.")
