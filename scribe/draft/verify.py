"""Verification of draft statements against the transcript. Flags are stored on statements
and shown to the doctor; nothing is dropped silently.

Checks: evidence missing or unknown; numbers, doses, durations and drug names not in the
cited segments; a negation in the source turned positive; content from small talk.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import replace

from scribe.domain import Draft, Flag, Section, Segment, Statement
from scribe.draft.lexicon import DrugLexicon
from scribe.text.numbers import numbers_in, spoken_to_digits

HARD_FLAGS = frozenset({"no_evidence", "unknown_evidence", "number_not_in_source",
                        "drug_not_in_source", "negation_flipped", "small_talk",
                        "weak_support"})
MIN_SUPPORT = 0.34  # share of a statement's content words that must occur in its sources
_NEGATORS = re.compile(r"\b(?:ikke|ingen|intet|uten|nei|aldri|negativ\w*|benekter)\b",
                       re.IGNORECASE)
_WORD = re.compile(r"[a-zæøå]{5,}", re.IGNORECASE)


def verify_statement(statement: Statement, segments: Mapping[str, Segment], *,
                     lexicon: DrugLexicon, small_talk: Collection[str] = ()) -> Statement:
    """The statement with its flags (previous flags are replaced)."""
    flags: list[Flag] = []
    if not statement.evidence:
        flags.append(Flag("no_evidence", "Ingen kilde i transkripsjonen er oppgitt."))
    unknown = [e for e in statement.evidence if e not in segments]
    if unknown:
        flags.append(Flag("unknown_evidence", f"Ukjente kilde-id-er: {', '.join(unknown)}."))
    source = " ".join(segments[e].text for e in statement.evidence if e in segments)
    if source:
        flags += _content_flags(statement.text, source, lexicon)
    known = [e for e in statement.evidence if e in segments]
    if known and all(e in small_talk for e in known):
        flags.append(Flag("small_talk", "Kilden er småprat, ikke klinisk innhold."))
    return replace(statement, flags=tuple(flags))


def _content_flags(text: str, source: str, lexicon: DrugLexicon) -> list[Flag]:
    flags = []
    missing = sorted(numbers_in(text, words=False) - numbers_in(source))
    if missing:
        flags.append(Flag("number_not_in_source",
                          f"Tall som ikke står i kilden: {', '.join(missing)}."))
    said = lexicon.find(source)
    for mention in lexicon.find(text):
        if not any(lexicon.same_drug(mention.surface, s.surface) for s in said):
            flags.append(Flag("drug_not_in_source",
                              f"Legemiddelet «{mention.surface}» står ikke i kilden."))
    if _negation_flipped(text, source):
        flags.append(Flag("negation_flipped", "Kilden sier det motsatte (nektende)."))
    if _support(text, source) < MIN_SUPPORT:
        flags.append(Flag("weak_support", "Lite av innholdet står i kilden."))
    return flags


def _stems(text: str) -> set[str]:
    """Content words cut to five letters: a crude Norwegian stem that survives inflection
    ("hostet"/"hoste", "smerter"/"smerten") and person changes in the fallback sentences."""
    return {w.lower()[:5] for w in _WORD.findall(text)}


def _support(text: str, source: str) -> float:
    """The share of the statement's content words found in the cited segments (1.0 when the
    statement has fewer than two content words: too little to judge)."""
    words = _stems(text)
    if len(words) < 2:
        return 1.0
    return len(words & _stems(source)) / len(words)


def _negation_split(text: str) -> tuple[set[str], set[str]]:
    """(content words within three words after a negator, in the same clause; the others)."""
    negated: set[str] = set()
    positive: set[str] = set()
    for clause in re.split(r"[,.;:?!…]|\bmen\b", spoken_to_digits(text).lower()):
        words = re.findall(r"[\wæøå-]+", clause)
        window = 0
        for w in words:
            if _NEGATORS.fullmatch(w):
                window = 3
                continue
            if _WORD.fullmatch(w):
                (negated if window > 0 else positive).add(w)
            window = max(0, window - 1)
    return negated, positive


def _negation_flipped(text: str, source: str) -> bool:
    """The source denies something the statement asserts without any negation."""
    if "positiv" in text.lower() and "positiv" not in source.lower():
        return True
    if _NEGATORS.search(text):
        return False
    negated, positive = _negation_split(source)
    text_words = set(re.findall(r"[\wæøå-]+", text.lower()))
    return bool((negated - positive) & text_words)


def verify_draft(draft: Draft, segments: Mapping[str, Segment], *, lexicon: DrugLexicon,
                 small_talk: Collection[str] = ()) -> Draft:
    sections = tuple(
        Section(sec.name, tuple(verify_statement(st, segments, lexicon=lexicon,
                                                 small_talk=small_talk)
                                for st in sec.statements))
        for sec in draft.sections
    )
    return replace(draft, sections=sections)


def hard_flags(statement: Statement) -> list[Flag]:
    return [f for f in statement.flags if f.kind in HARD_FLAGS]
