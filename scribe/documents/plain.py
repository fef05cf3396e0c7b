"""Plain Norwegian for the patient: abbreviations and Latin written out, spoken fillers out,
long sentences split at a clause boundary, so the summary reads at LIX ≤ 40 with no sentence
over 20 words. The word lists are in ``data/klarsprak.toml``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from scribe.documents.readability import words
from scribe.draft.spoken import capitalise, finish, standardise
from scribe.text.numbers import spoken_to_digits

DATA = Path(__file__).resolve().parent / "data" / "klarsprak.toml"
MAX_WORDS = 20
_TIMES = re.compile(r"\bx\s*(\d+)(?!\s*/)", re.IGNORECASE)
_UPPER = re.compile(r"(?<![\wæøåÆØÅ-])([A-ZÆØÅ][A-ZÆØÅ0-9]{1,5}(?:-\d+)?)(?![\wæøåÆØÅ-])")
# Where a long sentence may be cut, best first: a new main clause starts after these.
_CUTS = (
    re.compile(r";\s+"),
    re.compile(r",\s+(?:og|men)\s+(?=\w)"),
    re.compile(r"\s+og så\s+"),
    re.compile(r",\s+(?=(?:du|det|vi|jeg|den|de|dette)\s)", re.IGNORECASE),
    re.compile(r"\s+men\s+"),
    re.compile(r",\s+"),
)
_LEAD = re.compile(r"^(?:og|men)\s+", re.IGNORECASE)
# Fillers, tags and pauses of speech; a sentence's first adverb ("Så", "Da", "Nå") stays, as
# the verb after it comes before the subject ("Da sykmelder jeg deg …").
_FILLERS = re.compile(r"(?<![\wæøå])(?:eh+m?|ehm|hm+|øh+|mm+)(?![\wæøå])[,.]?\s*|"
                      r",?\s*(?:ikke sant|liksom|vet du|du vet)(?=[,.!?]|$)|"
                      r"(?<![\wæøå])altså,\s*|,\s*altså(?=[,.!?]|$)", re.IGNORECASE)
_PAUSES = re.compile(r"\s*(?:\.{3,}|…)\s*")


@dataclass(frozen=True)
class Lexicon:
    abbreviations: dict[str, str]
    latin: dict[str, str]
    latin_words: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    return Lexicon(dict(data.get("abbreviations", {})), dict(data.get("latin", {})),
                   frozenset(w.lower() for w in data.get("latin_words", {}).get("words", ())))


def _word_rx(term: str) -> re.Pattern[str]:
    flags = 0 if any(c.isupper() for c in term) else re.IGNORECASE
    end = r"(?![\wæøåÆØÅ-])" if term[-1].isalnum() else ""
    return re.compile(rf"(?<![\wæøåÆØÅ.-]){re.escape(term)}{end}", flags)


@lru_cache(maxsize=1)
def _replacements() -> tuple[tuple[re.Pattern[str], str], ...]:
    lex = lexicon()
    pairs = {**lex.latin, **lex.abbreviations}
    ordered = sorted(pairs, key=len, reverse=True)  # "LDL-kolesterol" before "LDL"
    return tuple((_word_rx(t), pairs[t]) for t in ordered)


def plain_words(text: str) -> str:
    """Abbreviations and Latin with a plain word replaced; "x 3" as "3 ganger om dagen"."""
    out = _TIMES.sub(lambda m: f"{m.group(1)} ganger om dagen", text)
    for rx, plain in _replacements():
        out = rx.sub(plain, out)
    return re.sub(r"\s{2,}", " ", out).replace(" ,", ",").replace(" .", ".").strip()


def jargon(text: str) -> list[str]:
    """What is left that a patient should not meet: Latin words of the list and
    abbreviations in capitals (proper names such as NAV are allowed)."""
    found = [w for w in re.findall(r"[\wæøåÆØÅ-]+", text) if w.lower() in lexicon().latin_words]
    found += [m for m in _UPPER.findall(text) if m not in _ALLOWED_CAPS]
    return found


_ALLOWED_CAPS = frozenset({"NAV", "OK"})


def from_speech(text: str) -> str:
    """A doctor's spoken sentence as written plain Norwegian (fillers out, digits, words)."""
    cleaned = _PAUSES.sub(" ", _FILLERS.sub("", standardise(spoken_to_digits(text))))
    cleaned = re.sub(r"\s+([,.!?])", r"\1", re.sub(r"\s{2,}", " ", cleaned)).strip(" ,")
    return finish(capitalise(plain_words(cleaned))) if re.search(r"\w", cleaned) else ""


# "Hvis A, tar du B" → "Det kan skje at A. Da tar du B.": the condition and what to do, each
# a sentence of its own, the second pointing back with "Da".
_CONDITION = re.compile(r"^(?:hvis|dersom|om)\s+(?P<cond>.+?),\s+(?:så\s+|da\s+)?"
                        r"(?P<verb>[a-zæøå]+)\s+(?P<subj>du|vi|jeg|det|den|de|legen)\b"
                        r"(?P<rest>.*)$", re.IGNORECASE)
_SUBORDINATE = re.compile(r"^(?:hvis|dersom|om|når|fordi|siden|selv om|da)\b", re.IGNORECASE)


def short_sentences(text: str, limit: int = MAX_WORDS) -> list[str]:
    """``text`` as sentences of at most ``limit`` words, cut at clause boundaries; a sentence
    with no boundary to cut at is returned whole (the caller decides whether to keep it)."""
    if len(words(text)) <= limit:
        return [text]
    if (m := _CONDITION.match(text.rstrip("."))) is not None:
        first = finish(f"Det kan skje at {m.group('cond')}")
        second = finish(f"Da {m.group('verb').lower()} {m.group('subj')}{m.group('rest')}")
        return [*short_sentences(first, limit), *short_sentences(second, limit)]
    if _SUBORDINATE.search(text):
        return [text]  # a cut would leave the condition without what it conditions
    cut = _best_cut(text)
    if cut is None:
        return [text]
    left, right = text[:cut[0]].rstrip(" ,;"), _LEAD.sub("", text[cut[1]:].lstrip())
    return [*short_sentences(finish(left), limit), *short_sentences(finish(capitalise(right)),
                                                                     limit)]


def _best_cut(text: str) -> tuple[int, int] | None:
    middle = len(text) / 2
    for rx in _CUTS:
        spans = [(m.start(), m.end()) for m in rx.finditer(text)
                 if len(words(text[:m.start()])) >= 4 and len(words(text[m.end():])) >= 4]
        if spans:
            return min(spans, key=lambda s: abs(s[0] - middle))
    return None
