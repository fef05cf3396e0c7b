"""A new medicine in the patient summary says everything gathered about how to take it, also
what was said after the prescribing sentence (the length, a ventresept's condition)."""

from __future__ import annotations

import pytest
from docworld import visit_of

from scribe.documents import drafting
from scribe.documents.drafting import DocumentDrafter
from scribe.documents.model import Document, DocumentKind, Field
from scribe.documents.pasient import medicine_lines
from scribe.domain import Fact, Speaker, Statement
from scribe.draft.pipeline import Drafter
from scribe.text.sentences import Sentence


def test_dosing_said_after_the_prescribing_sentence_reaches_the_line() -> None:
    said = Sentence("s1", "s1", Speaker.LEGE,
                    "Du får en ventresept på penicillin, fire ganger om dagen.", 0)
    fact = Fact("prescription", "penicillin", "penicillin", evidence=("s1", "s2"),
                attrs=(("sentence", "s1"), ("strength", "1 g"),
                       ("dosing", "4 ganger om dagen, i 7 dager, ventresept, hentes hvis "
                                  "feberen ikke har gått ned om 3 dager")))
    [line] = medicine_lines([fact], [said])
    assert line.text.startswith("Ny medisin: Penicillin, 1 g, 4 ganger om dagen, i 7 dager")
    assert "hentes hvis feberen ikke har gått ned om 3 dager" in line.text
    assert line.evidence == ("s1", "s2")


def test_without_gathered_dosing_the_prescribing_sentence_is_read() -> None:
    said = Sentence("s1", "s1", Speaker.LEGE, "Du tar ibuprofen tre ganger daglig i fem dager.", 0)
    fact = Fact("prescription", "ibuprofen", "ibuprofen", evidence=("s1",),
                attrs=(("sentence", "s1"), ("strength", "400 mg")))
    [line] = medicine_lines([fact], [said])
    assert "3 ganger daglig" in line.text and "i 5 dager" in line.text


def test_a_drug_the_doctor_only_asks_about_is_not_a_medicine_in_use() -> None:
    from scribe.documents.decisions import medicines_in_use

    asked = Sentence("s1.1", "s1", Speaker.LEGE, "Har du tatt sildenafil det siste døgnet?", 0)
    told = Sentence("s2.1", "s2", Speaker.PASIENT, "Jeg bruker metformin morgen og kveld.", 1)
    facts = [Fact("drug", "sildenafil", "sildenafil", evidence=("s1",),
                  attrs=(("status", "current"), ("sentence", "s1.1"))),
             Fact("drug", "metformin", "metformin", evidence=("s2",),
                  attrs=(("status", "current"), ("sentence", "s2.1")))]
    assert [f.name for f in medicines_in_use(facts, [asked, told])] == ["metformin"]


def test_a_statement_the_verifier_finds_resting_on_small_talk_is_left_out_of_the_draft(
        drafter: Drafter, documents: DocumentDrafter, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = (
        (Speaker.LEGE, "Hei, kom inn. Hva kan jeg hjelpe deg med i dag?"),
        (Speaker.PASIENT, "Jeg har hatt vondt i halsen og feber i fire dager."),
        (Speaker.LEGE, "Så du skirennet i helgen? Det var et flott løp."),
        (Speaker.PASIENT, "Ja, Klæbo vant igjen, det var et flott løp i Holmenkollen."),
        (Speaker.LEGE, "Mandlene er røde og hovne, og streptesten er positiv."),
        (Speaker.LEGE, "Ta kontakt hvis du ikke er bedre om tre dager."),
    )
    visit = visit_of(drafter, lines)
    ids = [seg.id for seg in visit.transcript.segments]

    def builder(_visit: object, _lexicon: object) -> list[Field]:  # what a rule might pick
        return [Field("funnet", "Dette fant vi", (
            Statement("Klæbo vant igjen i Holmenkollen.", (ids[3],)),
            Statement("Mandlene er røde og hovne, og streptesten er positiv.", (ids[4],))))]
    monkeypatch.setitem(drafting._BUILDERS, DocumentKind.PASIENT, builder)
    as_checked = documents.verify(visit, Document(DocumentKind.PASIENT, tuple(builder(0, 0)),
                                                  "pasient"))
    assert any(fl.kind == "small_talk" for st in as_checked.statements() for fl in st.flags)
    drafted = documents.draft(visit, DocumentKind.PASIENT)
    assert [st.text for st in drafted.statements()] == [
        "Mandlene er røde og hovne, og streptesten er positiv."]
