"""Drafting the three documents from a synthetic visit: which apply, their facts, and what
never gets in (a drug only discussed, small talk, anything invented)."""

from __future__ import annotations

from docworld import visit_of

from scribe.documents.drafting import DocumentDrafter, Visit, applicable
from scribe.documents.model import DocumentKind, document_from_json, document_to_json
from scribe.documents.readability import readability
from scribe.domain import CodeSuggestion, Speaker
from scribe.draft.pipeline import Drafter

L, P = Speaker.LEGE, Speaker.PASIENT


def test_a_visit_with_referral_and_sick_leave_calls_for_all_three(visit: Visit) -> None:
    assert applicable(visit) == (DocumentKind.HENVISNING, DocumentKind.SYKMELDING,
                                 DocumentKind.PASIENT)


def test_referral_has_receiver_consent_allergies_and_what_was_tried(
        visit: Visit, documents: DocumentDrafter) -> None:
    doc = documents.draft(visit, DocumentKind.HENVISNING)
    assert doc.text_of("mottaker").startswith("Fysioterapeut")
    assert doc.field("mottaker").evidence == ("s0013",)  # type: ignore[union-attr]
    assert doc.text_of("hastegrad") == ""  # not said: left for the doctor, never guessed
    assert "hastegrad" in doc.empty_fields()
    assert doc.text_of("samtykke") and "s0014" in doc.field("samtykke").evidence  # type: ignore[union-attr]
    assert doc.text_of("allergier").startswith("Ingen") and "allergier" in doc.text_of("allergier")
    assert "paracetamol" in doc.text_of("forsokt").lower()
    assert "ibuprofen" in doc.text_of("legemidler").lower()


def test_no_document_carries_a_drug_only_discussed(visit: Visit,
                                                   documents: DocumentDrafter) -> None:
    for kind in applicable(visit):
        doc = documents.draft(visit, kind)
        text = " ".join(st.text for st in doc.statements()).lower()
        assert "tramadol" not in text, kind


def test_sick_leave_has_period_grade_measures_and_the_accepted_code(
        visit: Visit, documents: DocumentDrafter) -> None:
    codes = (CodeSuggestion("ICPC-2", "L02", "Ryggsymptomer/plager", 1, "", ("s0001",),
                            primary=True),
             CodeSuggestion("ICPC-2", "L03", "Korsryggsymptomer/plager", 2, "", ("s0009",),
                            status="accepted"))
    doc = documents.draft(Visit(visit.transcript, visit.extraction, visit.draft, codes),
                          DocumentKind.SYKMELDING)
    assert doc.text_of("diagnose") == "L03 Korsryggsymptomer/plager."  # accepted beats primary
    assert doc.text_of("periode") == "5 dager, fra i dag."
    assert doc.text_of("grad") == "100 %."
    assert "lederen" in doc.text_of("arbeidstiltak")
    assert not doc.unacknowledged_flags() or all(
        f.kind != "number_not_in_source" for st in doc.statements() for f in st.flags)


def test_without_an_accepted_code_the_primary_suggestion_is_the_diagnosis(
        visit: Visit, documents: DocumentDrafter) -> None:
    codes = (CodeSuggestion("ICPC-2", "L03", "Korsryggsymptomer/plager", 1, "", ("s0009",),
                            primary=True),)
    doc = documents.draft(Visit(visit.transcript, visit.extraction, visit.draft, codes),
                          DocumentKind.SYKMELDING)
    assert doc.text_of("diagnose").startswith("L03")
    no_codes = documents.draft(visit, DocumentKind.SYKMELDING)
    assert "diagnose" in no_codes.empty_fields()


def test_patient_summary_is_plain_second_person_and_readable(
        visit: Visit, documents: DocumentDrafter) -> None:
    doc = documents.draft(visit, DocumentKind.PASIENT)
    text = "\n".join(st.text for st in doc.statements())
    figures = readability(text)
    assert figures.lix <= 40 and figures.max_sentence_words <= 20
    assert "Ibuprofen, 400 milligram" in doc.text_of("medisiner")
    assert "legevakta" in doc.text_of("kontakt")
    assert "2 uker" in doc.text_of("oppfolging")
    assert " pas." not in text and " mg" not in text
    assert all(st.evidence for st in doc.statements())


def test_refused_sick_leave_and_a_referral_only_considered_give_no_documents(
        drafter: Drafter) -> None:
    lines = (
        (P, "Jeg har hatt vondt i halsen i tre dager. Kan jeg få sykmelding?"),
        (L, "Du trenger ikke sykmelding, du kan gå på jobb."),
        (L, "Hvis det ikke blir bedre, kan vi vurdere å henvise deg til øre-nese-hals-lege."),
        (L, "Vi ses om en uke hvis det ikke går over."),
    )
    assert applicable(visit_of(drafter, lines)) == (DocumentKind.PASIENT,)


def test_a_sick_note_told_as_history_loses_to_the_one_given_now(
        drafter: Drafter, documents: DocumentDrafter) -> None:
    lines = (
        (L, "Du har vært sykmeldt femti prosent de siste to ukene."),
        (P, "Ja, det har gått greit."),
        (L, "Da forlenger jeg sykmeldingen, femti prosent, i tre uker til."),
    )
    doc = documents.draft(visit_of(drafter, lines), DocumentKind.SYKMELDING)
    assert doc.text_of("periode") == "3 uker."
    assert doc.text_of("grad") == "50 %."


def test_a_document_survives_json_and_keeps_evidence_and_flags(
        visit: Visit, documents: DocumentDrafter) -> None:
    doc = documents.draft(visit, DocumentKind.HENVISNING)
    assert document_from_json(document_to_json(doc)) == doc


def test_the_doctors_text_keeps_evidence_of_unchanged_sentences(
        visit: Visit, documents: DocumentDrafter) -> None:
    doc = documents.draft(visit, DocumentKind.HENVISNING)
    receiver = doc.field("mottaker").statements[0]  # type: ignore[union-attr]
    edited = doc.with_field_text("mottaker", receiver.text, author="dr.berg")
    assert edited.field("mottaker").statements[0].evidence == receiver.evidence  # type: ignore[union-attr]
    urgent = edited.with_field_text("hastegrad", "Haster.", author="dr.berg")
    assert urgent.field("hastegrad").statements[0].evidence == ()  # type: ignore[union-attr]
    assert urgent.author == "dr.berg" and "hastegrad" not in urgent.empty_fields()

