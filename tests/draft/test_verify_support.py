"""A statement that cites a segment but says something else is flagged, not kept quietly."""

from __future__ import annotations

from scribe.domain import Segment, Speaker, Statement
from scribe.draft.lexicon import empty_lexicon
from scribe.draft.verify import HARD_FLAGS, verify_statement

SEGMENTS = {"s0001": Segment("s0001", 0.0, 4.0, "Jeg har hatt skikkelig vondt i halsen siden "
                             "søndag, og så hoster jeg litt.", Speaker.PASIENT)}


def _kinds(text: str) -> set[str]:
    checked = verify_statement(Statement(text, ("s0001",)), SEGMENTS, lexicon=empty_lexicon())
    return {f.kind for f in checked.flags}


def test_prompt_text_leaked_into_a_statement_is_flagged_as_weak_support() -> None:
    assert "weak_support" in _kinds("Svar som JSON. Tall skrives på norsk.")
    assert "weak_support" in HARD_FLAGS


def test_a_faithful_paraphrase_is_not_flagged() -> None:
    assert _kinds("Vondt i halsen siden søndag, litt hoste.") == set()
    assert _kinds("Halsvondt.") == set()  # one content word: too little to judge


def test_the_note_form_of_what_was_said_is_supported() -> None:
    # the phrasebook writes "gått ned i vekt" as "vekttap"; the cited words support it
    said = {"s0001": Segment("s0001", 0.0, 4.0, "Og hun har gått ned i vekt siden i vår.",
                             Speaker.ANNEN)}

    def kinds(text: str) -> set[str]:
        checked = verify_statement(Statement(text, ("s0001",)), said, lexicon=empty_lexicon())
        return {f.kind for f in checked.flags}

    assert kinds("Ifølge datter har pas. vekttap.") == set()
    assert "weak_support" in kinds("Ifølge datter har pas. hodepine og feber.")
