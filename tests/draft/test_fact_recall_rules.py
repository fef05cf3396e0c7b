"""Rules that keep clinical facts in the note (issue 14, fact recall): what the sorter
recognises, what small talk may not swallow, a number continuing its turn's topic, what
selection takes off and keeps, and the support of the note's own safety-net phrasing.

All sentences are synthetic Norwegian written for these tests."""

from __future__ import annotations

from scribe.domain import Segment, Speaker, Statement
from scribe.draft.classify import NONE, classify_rules
from scribe.draft.conversation import small_talk_turns, with_context, with_turn_topic
from scribe.draft.lexicon import DrugLexicon
from scribe.draft.pipeline import Drafter
from scribe.draft.select import compact, select
from scribe.draft.verify import verify_statement
from scribe.text.sentences import Sentence, split_segments

from .conftest import make_transcript


def _labels(*turns: tuple[str, str]) -> dict[str, str]:
    sentences = split_segments(make_transcript(*turns).segments)
    return {s.text: lb.label for s, lb in zip(sentences, classify_rules(sentences),
                                                 strict=True)}


# --- the sorter ---------------------------------------------------------------------------
def test_a_tender_spot_and_oedema_are_findings() -> None:
    labels = _labels(("lege", "Du er øm like over kneskåla."),
                     ("lege", "Det er litt ødem rundt anklene."))
    assert labels["Du er øm like over kneskåla."] == "Funn"
    assert labels["Det er litt ødem rundt anklene."] == "Funn"


def test_imaging_bandages_certificates_and_watchful_waiting_are_plans() -> None:
    labels = _labels(("lege", "Vi tar et røntgenbilde av håndleddet."),
                     ("lege", "Jeg legger en bandasje rundt foten."),
                     ("lege", "Jeg skriver en attest til arbeidsgiveren."),
                     ("lege", "Vent og se."))
    assert set(labels.values()) == {"Tiltak"}


def test_standing_up_is_not_travel_talk() -> None:
    sentences = split_segments(make_transcript(
        ("lege", "Hei."), ("pasient", "Hei."),
        ("lege", "Blir du ør når du reiser deg fort?"),
        ("pasient", "Litt, om morgenen."),
        ("lege", "Har du kastet opp?"), ("pasient", "Ja, to ganger i går.")).segments)
    assert "s0003" not in small_talk_turns(sentences)


# --- small talk ------------------------------------------------------------------------------
def _small_talk(*turns: tuple[str, str]) -> set[str]:
    return small_talk_turns(split_segments(make_transcript(*turns).segments))


def test_the_doctors_question_about_the_matter_ends_small_talk() -> None:
    quiet = _small_talk(
        ("lege", "Hei, kom inn."),
        ("pasient", "Jeg kommer rett fra hytta, det var fint vær der."),
        ("lege", "Så hyggelig."),
        ("lege", "Hvor lenge har du hatt det sånn?"),
        ("pasient", "Et par måneder, tror jeg."),
        ("lege", "Og hvordan er nattesøvnen?"),
        ("pasient", "Den er dårlig."),
    )
    assert {"s0001", "s0002", "s0003"} <= quiet
    assert not {"s0004", "s0005", "s0006"} & quiet


def test_an_aside_stays_small_talk() -> None:
    quiet = _small_talk(
        ("lege", "Du har vondt i skulderen, skjønner jeg."),
        ("pasient", "Ja, helt siden mandag."),
        ("lege", "Hvordan gikk skirennet, forresten?"),
        ("pasient", "Vi kom på tredjeplass!"),
        ("lege", "Så flott."),
    )
    assert {"s0003", "s0004", "s0005"} <= quiet


def test_a_holiday_that_dates_a_complaint_is_no_small_talk() -> None:
    quiet = _small_talk(
        ("lege", "Hei."),
        ("pasient", "Hei."),
        ("lege", "Fortell."),
        ("pasient", "Jeg har vært slapp siden påske."),
        ("lege", "Mm."),
        ("pasient", "Og det ble verre etter jul."),
        ("lege", "Jeg skjønner."),
        ("lege", "Har du hatt feber?"),
        ("pasient", "Nei."),
    )
    assert not {"s0006", "s0007"} & quiet


# --- a number continues its turn's topic ----------------------------------------------------
def _sentences(speaker: Speaker, *texts: str) -> list[Sentence]:
    return [Sentence(f"s1.{i}", "s1", speaker, t, i) for i, t in enumerate(texts)]


def test_a_number_after_a_clinical_sentence_in_the_same_turn_keeps_its_label() -> None:
    sentences = _sentences(Speaker.PASIENT, "Jeg tar noen sigaretter på jobben.",
                           "Seks om dagen, kanskje.")
    labels = with_turn_topic(sentences, classify_rules(sentences))
    assert labels[0].label == "Anamnese"
    assert labels[1].label == "Anamnese"


def test_an_article_is_not_a_number_and_small_talk_is_not_continued() -> None:
    sentences = _sentences(Speaker.PASIENT, "Jeg tar noen sigaretter på jobben.",
                           "Det er en sak for seg.", "Vi var fire på hytta.")
    labels = with_turn_topic(sentences, classify_rules(sentences))
    assert labels[1].label == NONE
    assert labels[2].label == NONE


def test_the_doctors_unlabelled_statement_goes_with_the_turns_note_sentence() -> None:
    sentences = _sentences(Speaker.LEGE, "Du er øm over ytre ankelknoke.",
                           "Leddbåndet på utsiden kjennes hovent og spent.",
                           "Sånn, sånn.")
    labels = with_context(sentences, classify_rules(sentences))
    assert labels[0].label == "Funn"
    assert labels[1].label == "Funn"
    assert labels[2].label == NONE  # too little in it


def test_the_patients_unlabelled_sentences_are_not_taken_in_by_context() -> None:
    sentences = _sentences(Speaker.PASIENT, "Jeg har vondt i halsen.",
                           "Søstera mi kjøpte seg nettopp elsykkel, forresten.")
    labels = with_context(sentences, classify_rules(sentences))
    assert labels[1].label == NONE


# --- selection ----------------------------------------------------------------------------
def test_compact_takes_the_frames_of_speech_off_a_fact() -> None:
    assert compact("Vurdering er at pas. har en akutt bronkitt.") == "Akutt bronkitt."
    assert compact("Får en blodtrykksmedisin som heter losartan, 50 mg.") == (
        "Får losartan, 50 mg.")
    assert compact("Amoksicillin 500 mg, 1 tablett x 3 i 7 dager.") == (
        "Amoksicillin 500 mg x 3 i 7 dager.")
    assert compact("Vurderer faren for fall som liten.") == (
        "Faren for fall vurderes som liten.")
    assert compact("Ingen tegn til dehydrering.") == "Ingen tegn til dehydrering."


def _st(text: str, n: int) -> Statement:
    return Statement(text, (f"s{n}",))


def test_a_statement_said_again_in_a_longer_one_goes_but_a_negation_is_not_a_repeat() -> None:
    sections = {"Anamnese": [_st("Svimmel.", 1), _st("Svimmel når pas. reiser seg.", 2),
                             _st("Ikke hodepine.", 3), _st("Hodepine om kvelden før.", 4)],
                "Funn": [], "Vurdering": [], "Tiltak": []}
    texts = [st.text for st in select(sections, spoken_words=400)["Anamnese"]]
    assert "Svimmel." not in texts
    assert "Svimmel når pas. reiser seg." in texts
    assert "Ikke hodepine." in texts


def test_an_empty_first_statement_is_not_kept_at_the_cost_of_a_fact() -> None:
    chat = "Skal få det, var kjempeflink og så flink til å sitte stille hele tiden!"
    sections = {"Anamnese": [], "Funn": [], "Vurdering": [],
                "Tiltak": [_st(chat, 1),
                           _st("Amoksicillin mikstur 250 mg x 3 i 7 dager.", 2),
                           _st("Kontroll om 2 uker.", 3),
                           _st("Ny kontakt ved høy feber eller slapphet.", 4)]}
    texts = [st.text for st in select(sections, spoken_words=0)["Tiltak"]]
    assert chat not in texts
    assert "Amoksicillin mikstur 250 mg x 3 i 7 dager." in texts


def test_what_a_question_and_answer_became_counts_as_a_fact() -> None:
    light = "Det er sånn det går, tenker pas., med litt av hvert her og der for tiden."
    sections = {"Anamnese": [_st("Vondt i korsryggen.", 1),
                             *(_st(light.replace("tiden", f"tiden {'x' * i}"), i + 2)
                               for i in range(4)),
                             _st("Varighet ca. halvannen uke.", 9)],
                "Funn": [], "Vurdering": [], "Tiltak": []}
    texts = [st.text for st in select(sections, spoken_words=0)["Anamnese"]]
    assert "Varighet ca. halvannen uke." in texts
    assert sum(1 for t in texts if t.startswith("Det er sånn")) < 4


# --- verification of the note's own phrasing -------------------------------------------------
def test_a_safety_net_in_note_form_is_supported_by_what_was_said(lexicon: DrugLexicon) -> None:
    segments = {"s1": Segment("s1", 0.0, 1.0, "Ring oss hvis det ikke går over.",
                              Speaker.LEGE)}
    said = verify_statement(Statement("Ny kontakt ved manglende bedring.", ("s1",)), segments,
                            lexicon=lexicon)
    assert not said.flags
    other = verify_statement(
        Statement("Ny kontakt ved brystsmerter, pustevansker eller besvimelse.", ("s1",)),
        segments, lexicon=lexicon)
    assert any(f.kind == "weak_support" for f in other.flags)


def test_a_clinical_answer_after_a_chat_reaches_the_note(lexicon: DrugLexicon) -> None:
    t = make_transcript(
        ("lege", "Hei, kom inn."),
        ("pasient", "Takk. Vi har nettopp kommet hjem fra ferie i Syden."),
        ("lege", "Så deilig."),
        ("lege", "Hvor lenge har du hatt vondt i magen?"),
        ("pasient", "Snart tre uker."),
        ("lege", "Magen er myk, men du er øm i høyre side nederst."),
    )
    draft = Drafter(lexicon).draft(t).draft
    note = " ".join(st.text for sec in draft.sections for st in sec.statements)
    assert "3 uker" in note
    assert "øm" in note.lower()
    assert "syden" not in note.lower()
