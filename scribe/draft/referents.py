"""A "den" that stands for the drug named just before is written as the drug.

"Får ventresept på penicillin." — "Skal ikke begynne på den nå." → "Skal ikke begynne på
penicillin nå.". Only an object "den" (after a verb or a preposition of taking or using) is
replaced, only when the statement itself names no drug, and only by the one drug that the
previous statement of the same section names; anything less certain stays as said.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from scribe.domain import Statement

_OBJECT_DEN = re.compile(
    r"\b(?P<lead>(?:begynne|begynner|starte|starter|slutte|slutter|fortsette|fortsetter)\s+"
    r"(?:på|med)|(?:ta|tar|tok|bruke|bruker|brukte|hente|henter|hentes|kjøpe|kjøper|øke|øker|"
    r"redusere|reduserer|trappe ned|seponere|seponerer)(?:\s+ut)?|(?:hjelp|effekt|"
    r"bivirkninger|plager)\s+(?:av|med))\s+den\b", re.IGNORECASE)


def with_referents(statements: Sequence[Statement],
                   drugs_in: Callable[[str], list[str]]) -> list[Statement]:
    """``statements`` of one section with an object "den" replaced by the drug the previous
    statement names (``drugs_in`` gives the drug names a text mentions, in order)."""
    out: list[Statement] = []
    for i, st in enumerate(statements):
        prev = drugs_in(statements[i - 1].text) if i else []
        names = {n.lower() for n in prev}
        m = _OBJECT_DEN.search(st.text)
        if len(names) == 1 and m is not None and not drugs_in(st.text):
            text = f"{st.text[:m.start()]}{m.group('lead')} {prev[0]}{st.text[m.end():]}"
            # the name comes from the previous statement, so its segments are evidence too
            st = replace(st, text=text, evidence=tuple(dict.fromkeys(
                (*st.evidence, *statements[i - 1].evidence))))
        out.append(st)
    return out
