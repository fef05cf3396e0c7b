"""Takst rules behind the twelfth set's first run (eval/dev12, written blind), each from how
general practice works: the old bandage taken off is a dressing change (100 and 10b, "Nå skal
jeg fjerne den gamle bandasjen"), while a bandage or a rinse after another procedure is not;
the doctor asking when a sample was last taken ("Når tok du celleprøve sist?") is the
history, no sample of this visit. Each both ways. Synthetic sentences only."""

from __future__ import annotations

import pytest
from test_coding_takster_now import takster_for

from scribe.coding.reference import Reference


@pytest.mark.parametrize(("turns", "takster"), [
    ((("lege", "Nå tar jeg av den gamle bandasjen. Såret er fem ganger tre centimeter og "
                "rent, og du får en ny skumbandasje."),), {"100", "10b"}),
    ((("lege", "Jeg sender blodprøver til laboratoriet i dag, jernlager og stoffskifte."),),
     {"701a"}),
])
def test_what_was_done_here_is_billed(ref: Reference, turns: tuple[tuple[str, str], ...],
                                      takster: set[str]) -> None:
    assert takster <= set(takster_for(*turns, ref=ref))


@pytest.mark.parametrize(("turns", "takst"), [
    # a wound rinsed after the splinter came out: no dressing change
    ((("lege", "Nå er splinten ute. Jeg skyller såret godt med saltvann, og så får du et "
                "plaster."),), "10b"),
    # when the last cervical sample was taken: the history
    ((("lege", "Når tok du celleprøve sist?"), ("pasient", "For to år siden, tror jeg.")),
     "701a"),
    ((("lege", "Hvor lenge er det siden du tok blodprøver?"),), "701a"),
])
def test_what_was_not_done_here_is_not_billed(ref: Reference,
                                              turns: tuple[tuple[str, str], ...],
                                              takst: str) -> None:
    assert takst not in takster_for(*turns, ref=ref)
