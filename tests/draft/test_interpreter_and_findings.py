"""An interpreter speaks for the patient, and what the doctor finds is kept however it is
said: "Via tolk (polsk).", no "Ifølge tolken", the interpreter's words in the patient's
language left out, a respiratory rate said as "puster 24 ganger i minuttet", a result with
"vi tok i fingeren" between its name and its number, a place said before "hører jeg", and a
limit said while weighing the findings not written beside the value measured. Each rule is
checked both ways; synthetic sentences only."""

from __future__ import annotations

from scribe.domain import Segment, Speaker, Transcript
from scribe.draft.classify import NONE, classify_rules
from scribe.draft.condense import sentence_values
from scribe.draft.findings import finding_from_narration
from scribe.draft.lexicon import DrugLexicon
from scribe.draft.person import relation_of
from scribe.draft.pipeline import Drafter
from scribe.draft.render import Templates
from scribe.text.sentences import Sentence

_WHO = {"lege": Speaker.LEGE, "pasient": Speaker.PASIENT, "annen": Speaker.ANNEN}


def _transcript(*turns: tuple[str, str]) -> Transcript:
    return Transcript(tuple(Segment(f"s{i + 1:04d}", float(i), float(i + 1), text, _WHO[who])
                            for i, (who, text) in enumerate(turns)))


def _note(lexicon: DrugLexicon, *turns: tuple[str, str]) -> str:
    drafter = Drafter(lexicon)
    return drafter.templates.render_note(drafter.draft(_transcript(*turns)).draft)


_INTERPRETED = (
    ("lege", "God dag. Og du er tolken?"),
    ("annen", "Ja, jeg er tolk fra Tolketjenesten, polsk. Jeg tolker alt i jeg-form."),
    ("lege", "Hva er det som har skjedd?"),
    ("annen", "Jeg har hatt feber i fire dager, og jeg hoster."),
    ("lege", "Er du tungpustet?"),
    ("annen", "Ja, når jeg går i trappa."),
)


def test_an_interpreter_speaks_for_the_patient(lexicon: DrugLexicon) -> None:
    note = _note(lexicon, *_INTERPRETED)
    assert "Via tolk (polsk)." in note
    assert "ifølge" not in note.lower()
    assert "pårørende" not in note.lower()
    assert "Feber i 4 dager" in note
    assert "Tolketjenesten" not in note  # the introduction is the "Via tolk" line


def test_a_relative_is_still_attributed(lexicon: DrugLexicon) -> None:
    note = _note(lexicon, ("lege", "Hei. Og du er?"),
                 ("annen", "Jeg er datteren hennes."),
                 ("lege", "Hva er det som har skjedd?"),
                 ("annen", "Hun har hatt feber i fire dager."))
    assert "tolk" not in note.lower()
    assert "datter" in note.lower()


def test_relation_of_an_interpreter() -> None:
    assert relation_of("Ja, jeg er tolk fra Tolketjenesten, polsk.") == "tolk"
    assert relation_of("Og du er tolken?") == "tolken"
    assert relation_of("Jeg er datteren hennes.") == "datter"
    assert relation_of("Jeg tolker det som at det er verre.") is None


def test_the_interpreters_words_in_the_patients_language_are_not_for_the_note() -> None:
    said = [Sentence("s1.0", "s1", Speaker.ANNEN, "Proszę oddychać głęboko przez usta.", 0),
            Sentence("s2.0", "s2", Speaker.ANNEN, "Jeg har vondt i brystet når jeg puster.", 1)]
    labels = classify_rules(said)
    assert labels[0].label == NONE
    assert labels[1].label != NONE


def test_a_respiratory_rate_said_as_breaths_a_minute() -> None:
    assert "RF 24" in sentence_values("Og han puster tjuefire ganger i minuttet.")
    assert not [v for v in sentence_values("Han har hostet tre ganger i dag.") if "RF" in v]


def test_a_result_with_where_it_was_taken_between_name_and_number() -> None:
    assert "CRP 85" in sentence_values("Og CRP-en vi tok i fingeren er åttifem.")
    assert "CRP 12" in sentence_values("CRP-en er tolv.")


def test_a_place_said_before_hearing_it() -> None:
    found = finding_from_narration("Over nedre del av høyre lunge hører jeg knatrelyder.")
    assert found is not None
    assert "knatrelyder basalt hø." in found.lower()
    assert "lege" not in found and "hører" not in found
    # the same said with the verb first is read as before
    assert "knatrelyder" in (finding_from_narration("Jeg hører knatrelyder basalt.") or "").lower()


def test_a_limit_beside_the_measured_value_is_left_out(lexicon: DrugLexicon) -> None:
    note = _note(lexicon, ("pasient", "Jeg har feber og hoste."),
                 ("lege", "Han puster tjuefire ganger i minuttet. Temperaturen er "
                          "trettiåtte komma seks."),
                 ("lege", "Du puster under tretti ganger i minuttet, så du kan være hjemme."))
    assert "RF 24" in note
    assert "RF <30" not in note
    # a limit with no value measured stays
    assert "RF <30" in " ".join(sentence_values("Du puster under tretti ganger i minuttet."))


def test_templates_render_the_interpreter_line(lexicon: DrugLexicon) -> None:
    result = Drafter(lexicon, Templates()).draft(_transcript(*_INTERPRETED))
    history = next(s for s in result.draft.sections if s.name == "Anamnese")
    assert history.statements[0].text == "Via tolk (polsk)."
    assert history.statements[0].evidence  # cites the introduction


def _label(text: str) -> str:
    return classify_rules([Sentence("s1.0", "s1", Speaker.LEGE, text, 0)])[0].label


def test_what_the_doctor_says_it_is_and_finds_and_orders_is_sorted() -> None:
    assert _label("Det du beskriver er spenningshodepine, med stram muskulatur.") == "Vurdering"
    assert _label("Det er hard avføring nederst i endetarmen.") == "Funn"
    assert _label("Ingen kul, og ikke blod på hansken.") == "Funn"
    assert _label("Jeg vil at du tar en pusteprøve, spirometri, når hosten har gitt seg."
                  ) == "Tiltak"
    # a spirometry with its result is a finding
    assert _label("Spirometrien viser FEV1 på 80 prosent, det er normalt.") == "Funn"
