"""Sick leave: only the doctor's decision in this visit counts (issue 14, second pass)."""

from __future__ import annotations

from scribe.draft.extract import extract_sick_leave
from scribe.text.sentences import split_segments
from tests.draft.conftest import make_transcript


def _leave(*turns: tuple[str, str]) -> list[tuple[str, str, str]]:
    facts = extract_sick_leave(split_segments(make_transcript(*turns).segments))
    return [(f.attr("status") or "", f.attr("days") or "", f.attr("grade") or "")
            for f in facts]


def test_extension_beats_earlier_history_mention() -> None:
    assert _leave(
        ("lege", "Det er fire uker siden du ble sykmeldt, først hundre prosent i to uker."),
        ("lege", "Du har vært femti prosent sykmeldt de siste to ukene."),
        ("lege", "Da forlenger jeg sykmeldingen, femti prosent, i to uker til."),
    ) == [("issued", "14", "50")]


def test_history_alone_is_no_sick_note() -> None:
    assert _leave(("lege", "Du var sykmeldt i tre uker i fjor."),
                  ("lege", "Du har vært sykmeldt hundre prosent i ti dager nå.")) == []


def test_sick_note_offered_on_a_condition_is_none() -> None:
    assert _leave(("lege", "Hvis du ikke er bedre på mandag, kan jeg sykmelde deg i tre "
                           "dager.")) == []


def test_decision_in_this_visit_is_issued() -> None:
    assert _leave(("lege", "Jeg skriver en sykmelding på hundre prosent i fem dager.")) == [
        ("issued", "5", "100")]
    assert _leave(("lege", "Jeg sykmelder deg i en uke, og hvis du ikke er bedre, ring.")) == [
        ("issued", "7", "100")]


def test_refusal_stays_refused() -> None:
    assert _leave(("lege", "Du trenger ikke sykmelding for tre dager, du kan bruke "
                           "egenmelding.")) == [("refused", "3", "100")]


def test_negated_decision_is_refused() -> None:
    assert _leave(("lege", "Jeg vil ikke sykmelde deg i fem dager for dette.")) == [
        ("refused", "5", "100")]
