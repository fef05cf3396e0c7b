"""The drafter's warm-up: the rules' patterns are compiled in the background after login, not
at the first consultation's «Stopp» (there they cost about 5 s on 2 cores; `bench_app`
measures stop → note), and the warm-up never asks the language model."""

from __future__ import annotations

from typing import Any

from scribe.draft import values
from scribe.draft.lexicon import DrugLexicon
from scribe.draft.pipeline import Drafter


class _NotToBeAsked:
    """A language model the warm-up must not call: any use fails the test."""

    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"the warm-up used the model ({name})")


def test_the_warm_up_compiles_the_rules_patterns(lexicon: DrugLexicon) -> None:
    values._patterns.cache_clear()
    assert values._patterns.cache_info().currsize == 0
    Drafter(lexicon).warm_up()
    assert values._patterns.cache_info().currsize == 1


def test_the_warm_up_never_asks_the_model(lexicon: DrugLexicon) -> None:
    drafter = Drafter(lexicon, model=_NotToBeAsked())  # type: ignore[arg-type]
    drafter.warm_up()
    assert drafter.model is not None  # the drafter itself keeps its model
