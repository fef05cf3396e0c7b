"""A telephone or video consultation, or a home visit, opens the history with its form
("Telefonkonsultasjon.", "Videokonsultasjon.", "Sykebesøk."), as a GP writes it. The line is
the contact form the doctor chose, cited to the first turn and not flagged as unsupported; a
visit at the office has no such line. Both ways; synthetic sentences only."""

from __future__ import annotations

import pytest

from scribe.domain import ContactType, Segment, Speaker, Statement
from scribe.draft.compose import contact_line
from scribe.draft.lexicon import DrugLexicon
from scribe.draft.pipeline import Drafter
from scribe.draft.verify import verify_statement
from tests.draft.conftest import BACK_PAIN


@pytest.mark.parametrize(("contact", "line"), [
    (ContactType.TELEFON, "Telefonkonsultasjon."),
    (ContactType.VIDEO, "Videokonsultasjon."),
    (ContactType.SYKEBESOK, "Sykebesøk."),
])
def test_the_history_opens_with_the_contact_form(lexicon: DrugLexicon, contact: ContactType,
                                                 line: str) -> None:
    draft = Drafter(lexicon).draft(BACK_PAIN, contact=contact).draft
    history = draft.section("Anamnese")
    assert history is not None
    first = history.statements[0]
    assert first.text == line
    assert first.evidence == (BACK_PAIN.segments[0].id,)
    assert first.flags == ()  # the doctor's own choice, nothing to check in the talk


def test_a_visit_at_the_office_has_no_contact_line(lexicon: DrugLexicon) -> None:
    draft = Drafter(lexicon).draft(BACK_PAIN, contact=ContactType.OPPMOTE).draft
    said = " ".join(st.text for sec in draft.sections for st in sec.statements)
    assert "konsultasjon." not in said.lower() and "Sykebesøk" not in said


def test_only_the_contact_lines_go_unchecked(lexicon: DrugLexicon) -> None:
    segments = {"s0001": Segment("s0001", 0.0, 1.0, "Hei, det er legen.", Speaker.LEGE)}
    other = verify_statement(Statement("Telefon om prøvesvar på blodprøvene.", ("s0001",)),
                             segments, lexicon=lexicon)
    assert any(f.kind == "weak_support" for f in other.flags)
    assert contact_line(ContactType.OPPMOTE, list(segments.values()), []) == []
