from __future__ import annotations

from scribe.domain import Draft, Section, Statement, Transcript
from scribe.draft.classify import classify_rules
from scribe.draft.lexicon import DrugLexicon
from scribe.draft.pipeline import Drafter
from scribe.draft.render import Templates
from scribe.draft.verify import verify_statement
from scribe.text.sentences import split_segments


def test_rules_put_small_talk_and_greetings_outside_the_note(back_pain: Transcript) -> None:
    sentences = split_segments(back_pain.segments)
    labels = {lb.sentence_id: lb.label for lb in classify_rules(sentences)}
    assert labels["s0007.1"] == "none"  # ferie til Syden
    assert labels["s0001.1"] == "none"
    assert labels["s0002.1"] == "Anamnese"
    assert labels["s0008.1"] == "Funn"
    assert labels["s0009.1"] == "Vurdering"


def test_draft_without_model_is_traceable_and_keeps_discussed_doses_out(
        back_pain: Transcript, lexicon: DrugLexicon) -> None:
    result = Drafter(lexicon).draft(back_pain)
    note = Templates().render_note(result.draft).lower()
    assert result.draft.author == "uttrekk"
    assert "bt 148/92" in note and "t 37,2" in note  # the values line, as GPs write it
    assert "ikke feber" in note
    assert "tramadol 50" not in note and "50 mg" not in note
    assert "syden" not in note
    assert "ibuprofen 400 mg" in note and "sykmeldt 100 %" in note
    for section in result.draft.sections:
        for st in section.statements:
            assert st.evidence, st.text


def test_unsupported_numbers_and_drugs_are_flagged(back_pain: Transcript,
                                                   lexicon: DrugLexicon) -> None:
    segments = back_pain.by_id()
    bad = verify_statement(Statement("Temp 39,5 °C, startet atorvastatin.", ("s0008",)),
                           segments, lexicon=lexicon)
    kinds = {f.kind for f in bad.flags}
    assert {"number_not_in_source", "drug_not_in_source"} <= kinds
    assert {f.kind for f in verify_statement(Statement("Har feber."), segments,
                                             lexicon=lexicon).flags} == {"no_evidence"}
    unknown = verify_statement(Statement("Noe.", ("s9999",)), segments, lexicon=lexicon)
    assert [f.kind for f in unknown.flags] == ["unknown_evidence"]


def test_negation_turned_positive_is_flagged(back_pain: Transcript,
                                             lexicon: DrugLexicon) -> None:
    flipped = verify_statement(Statement("Smertene stråler ned i beina.", ("s0002",)),
                               back_pain.by_id(), lexicon=lexicon)
    assert "negation_flipped" in {f.kind for f in flipped.flags}
    kept = verify_statement(Statement("Stråler ikke ned i beina.", ("s0002",)),
                            back_pain.by_id(), lexicon=lexicon)
    assert kept.flags == ()


def test_small_talk_evidence_is_flagged(back_pain: Transcript, lexicon: DrugLexicon) -> None:
    st = verify_statement(Statement("Skal til Syden.", ("s0007",)), back_pain.by_id(),
                          lexicon=lexicon, small_talk={"s0007"})
    assert [f.kind for f in st.flags] == ["small_talk"]


def test_long_consultation_keeps_what_was_said_last(lexicon: DrugLexicon) -> None:
    from tests.draft.conftest import make_transcript

    filler = [("pasient", f"Jeg har hatt vondt i magen i {n} dager, det er verre om kvelden.")
              for n in range(2, 460)]
    t = make_transcript(*filler, ("lege", "Jeg sykmelder deg hundre prosent i tre dager."))
    assert sum(len(s.text.split()) for s in t.segments) > 6000
    result = Drafter(lexicon).draft(t)
    sick = result.draft.section("Sykmelding")
    assert sick is not None and sick.statements[0].evidence == (t.segments[-1].id,)


def test_flagged_statements_are_marked_when_asked() -> None:
    draft = Draft("allmennlege", (Section("Funn", (Statement("Temp 40 °C."),)),), "test")
    from scribe.draft.lexicon import DrugLexicon as Lex
    from scribe.draft.verify import verify_draft

    checked = verify_draft(draft, {}, lexicon=Lex([]))
    text = Templates().render_note(checked, show_flags=True)
    assert text == "Funn:\nTemp 40 °C. [?no_evidence]\n"


def test_extraction_detects_the_takst_facts_once_for_coding(lexicon: DrugLexicon) -> None:
    """Coding gets its facts from extraction: procedures, forms and guidance from the takst
    detectors; the note's own sick leave (with status and grade) stands for that kind."""
    from tests.draft.conftest import make_transcript

    t = make_transcript(
        ("pasient", "Jeg har vondt i halsen og er så nedstemt."),
        ("lege", "Jeg tar en streptokokktest nå. Du fyller ut PHQ-9 også."),
        ("lege", "Jeg sykmelder deg hundre prosent i fem dager."))
    facts = Drafter(lexicon).extract(t).facts.facts
    by_kind = {f.kind: f for f in facts}
    assert by_kind["procedure"].name == "strep_a"
    assert by_kind["questionnaire"].name == "phq9"
    assert [f.attr("status") for f in facts if f.kind == "sick_leave"] == ["issued"]
