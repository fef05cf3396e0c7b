"""Which statements go into the note: clinical content stays, low-information talk goes.

A GP's note is roughly a fifth of what was said. After compression the statements are still
too many, so each one is weighed by what it carries (clinical vocabulary, numbers, drugs,
negated findings) per word, and the lightest go first until the note fits its budget. A
statement with a number or a drug name is a fact and is dropped only when nothing else is
left to drop; a short one with no clinical content at all is dropped always.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from scribe.domain import Statement
from scribe.draft.classify import ASSESSMENT, FINDING, PLAN, SMALL_TALK, SYMPTOM

# The budget of the four sections: a GP's note grows more slowly than the talk (a short call
# still needs its complaint, negatives and plan), about a fifth of the words plus a base.
SHARE = 0.28
BASE_WORDS = 65
_DIGIT = re.compile(r"\d")
_NEGATED = re.compile(r"\b(?:ikke|ingen|uten|neg\w*|normal\w*|ua\.?)\b", re.IGNORECASE)
_DECISION = re.compile(r"\b(?:legevakt\w*|kontroll\w*|henvis\w*|sykmeld\w*|\w*resept\w*|"
                       r"ny time|ny kontakt|ta kontakt|kontakt\w* (?:lege|legevakt))",
                       re.IGNORECASE)
_PATTERNS = (SYMPTOM, FINDING, ASSESSMENT, PLAN)


def words(text: str) -> int:
    return len(re.findall(r"[\wæøå]+", text))


def weight(text: str, *, is_drug: Callable[[str], bool] = lambda _: False) -> float:
    """What a statement carries: distinct clinical terms, numbers, drug names, negatives."""
    terms = {m.strip().lower() for p in _PATTERNS for m in p.findall(text)}
    out = float(len(terms)) + 2.0 * bool(_DIGIT.search(text)) + 2.0 * is_drug(text)
    out += 0.5 * bool(_NEGATED.search(text))
    return out - 1.5 * len(SMALL_TALK.findall(text))


def _empty(text: str, is_drug: Callable[[str], bool]) -> bool:
    """A few words with nothing clinical in them (a name, "Jevnt.")."""
    return weight(text, is_drug=is_drug) <= 0 and words(text) <= 3


def is_fact(text: str, is_drug: Callable[[str], bool]) -> bool:
    """A number, a drug, a decision of the plan (referral, sick leave, prescription,
    follow-up, safety-netting) or a relevant negative ("Ikke feber")."""
    return bool(_DIGIT.search(text)) or is_drug(text) or bool(_DECISION.search(text)) or (
        bool(_NEGATED.search(text)) and words(text) <= 8
        and any(p.search(text) for p in _PATTERNS))


# Each section's part of the budget, as in GPs' notes. Funn (findings, already in note form)
# and Vurdering (the assessment, which coding reads too) are not cut, only emptied of talk.
PARTS = {"Anamnese": 0.42, "Tiltak": 0.42}


def select(sections: Mapping[str, list[Statement]], *, spoken_words: int,
           is_drug: Callable[[str], bool] = lambda _: False) -> dict[str, list[Statement]]:
    """The statements that stay, in their order: nothing without clinical content, and in
    Anamnese and Tiltak the lightest go until the section fits its part of the
    budget. A section's first statement (the complaint, the values line) stays."""
    out = {name: [st for st in sts if not _empty(st.text, is_drug)]
           for name, sts in sections.items()}
    budget = BASE_WORDS + SHARE * spoken_words
    for name, part in PARTS.items():
        if name in out:
            out[name] = _fit(out[name], part * budget, is_drug)
    return out


def _fit(statements: list[Statement], budget: float,
         is_drug: Callable[[str], bool]) -> list[Statement]:
    """The statements with the lightest dropped until they fit ``budget``: facts last, and
    within each group what a statement weighs per word decides."""
    kept = list(statements)
    total = sum(words(st.text) for st in kept)

    def key(st: Statement) -> tuple[bool, float]:
        return is_fact(st.text, is_drug), weight(st.text, is_drug=is_drug) / max(
            1, words(st.text)) ** 0.5
    for st in sorted(kept[1:], key=key):
        if total <= budget:
            break
        kept.remove(st)
        total -= words(st.text)
    return kept
