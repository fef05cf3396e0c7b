"""Verification does work linear in a long turn's length (issue 19, failure 7).

The work is counted, not timed: every character handed to the text analyses verification
uses (numbers, drug names, negation and stems), for a turn of 100 and of 400 sentences with
one statement per sentence all citing that turn.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from scribe.domain import Draft, Section, Segment, Speaker, Statement
from scribe.draft import verify
from scribe.draft.lexicon import DrugLexicon

SENTENCE = "Jeg har hatt vondt i ryggen i {i} dager og tar ibux 400 mg, ikke feber."


def _counting(fn: Callable[..., Any], counter: list[int]) -> Callable[..., Any]:
    def counted(text: str, *args: Any, **kwargs: Any) -> Any:
        counter[0] += len(text)
        return fn(text, *args, **kwargs)
    return counted


def _work(n: int, lexicon: DrugLexicon, monkeypatch: pytest.MonkeyPatch) -> int:
    counter = [0]
    for name in ("numbers_in", "_negation_split", "_stems"):
        monkeypatch.setattr(verify, name, _counting(getattr(verify, name), counter))
    monkeypatch.setattr(lexicon, "find", _counting(lexicon.find, counter))
    turn = " ".join(SENTENCE.format(i=i) for i in range(n))
    segments = {"s0001": Segment("s0001", 0.0, 60.0, turn, Speaker.PASIENT)}
    statements = tuple(Statement(SENTENCE.format(i=i), ("s0001",)) for i in range(n))
    draft = Draft("allmennlege", (Section("Anamnese", statements),), "uttrekk")
    checked = verify.verify_draft(draft, segments, lexicon=lexicon)
    assert all(not verify.hard_flags(st) for st in checked.sections[0].statements)
    monkeypatch.undo()
    return counter[0]


def test_verifying_a_400_sentence_turn_is_linear_in_its_length(
        lexicon: DrugLexicon, monkeypatch: pytest.MonkeyPatch) -> None:
    small, large = _work(100, lexicon, monkeypatch), _work(400, lexicon, monkeypatch)
    # Linear: four times the sentences, about four times the work (quadratic gave sixteen).
    assert large / small < 5.0, (small, large)


def test_a_statement_citing_two_segments_is_checked_against_both(lexicon: DrugLexicon) -> None:
    segments = {"a": Segment("a", 0.0, 1.0, "Temperaturen er 38,2.", Speaker.LEGE),
                "b": Segment("b", 1.0, 2.0, "Hun har ikke hatt hoste.", Speaker.PASIENT)}
    ok = verify.verify_statement(Statement("Temperatur 38,2, ikke hoste.", ("a", "b")),
                                 segments, lexicon=lexicon)
    assert not verify.hard_flags(ok)
    flipped = verify.verify_statement(Statement("Hoste.", ("a", "b")), segments,
                                      lexicon=lexicon)
    assert "negation_flipped" in {f.kind for f in flipped.flags}
