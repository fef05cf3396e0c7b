"""Readability of text for patients: LIX (läsbarhetsindex, Björnsson 1968) and sentence length.

LIX = words per sentence + 100 × the share of long words (more than six letters). Below 30 is
very easy, 30–40 easy (children's books, plain news), 40–50 middling (ordinary newspapers),
above 50 hard (official and academic prose). The patient summary aims at LIX ≤ 40 and no
sentence over 20 words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"[0-9A-Za-zÀ-ÖØ-öø-ÿ]+(?:[-'’][0-9A-Za-zÀ-ÖØ-öø-ÿ]+)*")
# A sentence ends at . ! ? : or ; followed by space or the end, or at a line break; a full
# stop after a number or inside an abbreviation without a following space ends nothing.
_END = re.compile(r"[.!?:;]+(?=\s|$)|\n+")
LONG_WORD = 6  # letters; a longer word counts as long


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    long_words: int
    max_sentence_words: int

    @property
    def lix(self) -> float:
        if not self.words:
            return 0.0
        return self.words / max(self.sentences, 1) + 100.0 * self.long_words / self.words


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` that contain a word."""
    return [p.strip() for p in _END.split(text) if _WORD.search(p)]


def readability(text: str) -> Readability:
    found = sentences(text)
    all_words = words(text)
    long_words = sum(1 for w in all_words if sum(c.isalpha() for c in w) > LONG_WORD)
    longest = max((len(words(s)) for s in found), default=0)
    return Readability(len(all_words), len(found), long_words, longest)


def lix(text: str) -> float:
    return readability(text).lix
