"""Verification of draft statements against the transcript. Flags are stored on statements
and shown to the doctor; nothing is dropped silently.

Checks: evidence missing or unknown; numbers, doses, durations and drug names not in the
cited segments; a negation in the source turned positive; content from small talk; text that
gives the system instructions (a transcript is data, never a command).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, replace

from scribe.domain import Draft, Flag, Section, Segment, Statement
from scribe.draft.compose import CONTACT_LINES
from scribe.draft.doctor import safety_net
from scribe.draft.lexicon import DrugLexicon
from scribe.draft.spoken import abbreviate, clinical_nouns
from scribe.text.clean import aims_at_system
from scribe.text.numbers import numbers_in, spoken_to_digits

HARD_FLAGS = frozenset({"no_evidence", "unknown_evidence", "number_not_in_source",
                        "drug_not_in_source", "negation_flipped", "small_talk",
                        "weak_support", "instruction_in_text"})
MIN_SUPPORT = 0.34  # share of a statement's content words that must occur in its sources
_NEGATORS = re.compile(r"\b(?:ikke|ingen|intet|uten|nei|aldri|negativ\w*|benekter|manglende)\b",
                       re.IGNORECASE)
_WORD = re.compile(r"[a-zæøå]{5,}", re.IGNORECASE)


@dataclass(frozen=True)
class _Source:
    """What the checks need to know about cited text, worked out once per segment."""

    numbers: frozenset[str]
    drugs: tuple[str, ...]  # drug names as said
    stems: frozenset[str]
    negated: frozenset[str]
    positive: frozenset[str]
    says_positive: bool
    instruction: bool  # the cited text tells the system what to do


class SourceIndex:
    """Per-segment analyses, made on first use and then shared by every statement citing the
    segment: a turn of n sentences gives up to n statements that all cite it, and analysing
    the turn again for each made verification quadratic in the turn's length."""

    def __init__(self, segments: Mapping[str, Segment], lexicon: DrugLexicon) -> None:
        self.segments, self.lexicon = segments, lexicon
        self._done: dict[str, _Source] = {}

    def of(self, ids: Iterable[str]) -> _Source | None:
        """The union over the known segments among ``ids``; None when none is known."""
        parts = [self._one(e) for e in dict.fromkeys(ids) if e in self.segments]
        if not parts:
            return None
        if len(parts) == 1:
            return parts[0]
        return _Source(frozenset().union(*(p.numbers for p in parts)),
                       tuple(d for p in parts for d in p.drugs),
                       frozenset().union(*(p.stems for p in parts)),
                       frozenset().union(*(p.negated for p in parts)),
                       frozenset().union(*(p.positive for p in parts)),
                       any(p.says_positive for p in parts),
                       any(p.instruction for p in parts))

    def _one(self, segment_id: str) -> _Source:
        if segment_id not in self._done:
            text = self.segments[segment_id].text
            negated, positive = _negation_split(text)
            self._done[segment_id] = _Source(
                _numbers(text), tuple(m.surface for m in self.lexicon.find(text)),
                frozenset(_stems(text) | _stems(clinical_nouns(text)) | _note_form_stems(text)),
                frozenset(negated),
                frozenset(positive),
                "positiv" in text.lower(), aims_at_system(text))
        return self._done[segment_id]


def _note_form_stems(text: str) -> set[str]:
    """The words the note's own rules write for the cited text's safety-netting ("Ring oss
    hvis det ikke går over" → "Ny kontakt ved manglende bedring"): the same fact in the
    phrasebook's note form, so it is supported by what was said (as are its clinical nouns
    for a complaint in everyday words, "gått ned i vekt" → "vekttap", read with the cited
    text)."""
    out: set[str] = set()
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        net = safety_net(sentence.strip())
        if net:
            out |= _stems(net)
    return out


def _numbers(text: str) -> frozenset[str]:
    """The numbers said, also as the note writes them ("halvannen uke" → 1,5; "to-tre" →
    2–3; "tjuesjuende august" → 27)."""
    return frozenset(numbers_in(text) | numbers_in(abbreviate(text), words=False))


def verify_statement(statement: Statement, segments: Mapping[str, Segment], *,
                     lexicon: DrugLexicon, small_talk: Collection[str] = (),
                     index: SourceIndex | None = None) -> Statement:
    """The statement with its flags (previous flags are replaced). Pass the same ``index``
    for all statements of a draft so that each cited segment is analysed once."""
    flags: list[Flag] = []
    if not statement.evidence:
        flags.append(Flag("no_evidence", "Ingen kilde i transkripsjonen er oppgitt."))
    unknown = [e for e in statement.evidence if e not in segments]
    if unknown:
        flags.append(Flag("unknown_evidence", f"Ukjente kilde-id-er: {', '.join(unknown)}."))
    source = (index or SourceIndex(segments, lexicon)).of(statement.evidence)
    # (the contact form that opens the history is what the doctor chose, not read from the
    # talk: nothing in the turn it cites has to say it)
    if source is not None and statement.text not in CONTACT_LINES.values():
        flags += _content_flags(statement.text, source, lexicon)
    known = [e for e in statement.evidence if e in segments]
    if known and all(e in small_talk for e in known):
        flags.append(Flag("small_talk", "Kilden er småprat, ikke klinisk innhold."))
    return replace(statement, flags=tuple(flags))


def _content_flags(text: str, source: _Source, lexicon: DrugLexicon) -> list[Flag]:
    flags = []
    missing = sorted(numbers_in(text, words=False) - source.numbers)
    if missing:
        flags.append(Flag("number_not_in_source",
                          f"Tall som ikke står i kilden: {', '.join(missing)}."))
    for mention in lexicon.find(text):
        if not any(lexicon.same_drug(mention.surface, s) for s in source.drugs):
            flags.append(Flag("drug_not_in_source",
                              f"Legemiddelet «{mention.surface}» står ikke i kilden."))
    if _negation_flipped(text, source):
        flags.append(Flag("negation_flipped", "Kilden sier det motsatte (nektende)."))
    if _support(text, source.stems) < MIN_SUPPORT:
        flags.append(Flag("weak_support", "Lite av innholdet står i kilden."))
    if source.instruction or aims_at_system(text):
        flags.append(Flag("instruction_in_text", "Kilden inneholder en beskjed til systemet "
                          "(«ignorer instruksjoner», «skriv at» o.l.), ikke et klinisk utsagn."))
    return flags


# who said or did it: words the note puts in for a speaker or a pronoun, not content
_REFERENTS = re.compile(r"\b(?:ifølge|pårørende|pasienten|familien|foreldrene|forelder|"
                        r"varighet|lokalisasjon|legen|legens|legekontoret)\b", re.IGNORECASE)


def _stems(text: str) -> set[str]:
    """Content words cut to five letters: a crude Norwegian stem that survives inflection
    ("hostet"/"hoste", "smerter"/"smerten") and person changes in the fallback sentences."""
    return {w.lower()[:5] for w in _WORD.findall(_REFERENTS.sub(" ", text))
            if not _NEGATORS.fullmatch(w)}


def _support(text: str, source_stems: Collection[str]) -> float:
    """The share of the statement's content words found in the cited segments (1.0 when the
    statement has fewer than two content words: too little to judge)."""
    words = _stems(text)
    if len(words) < 2:
        return 1.0
    return len(words & set(source_stems)) / len(words)


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


def _negation_flipped(text: str, source: _Source) -> bool:
    """The source denies something the statement asserts without any negation."""
    if "positiv" in text.lower() and not source.says_positive:
        return True
    if _NEGATORS.search(text):
        return False
    text_words = set(re.findall(r"[\wæøå-]+", text.lower()))
    return bool((source.negated - source.positive) & text_words)


def verify_draft(draft: Draft, segments: Mapping[str, Segment], *, lexicon: DrugLexicon,
                 small_talk: Collection[str] = ()) -> Draft:
    index = SourceIndex(segments, lexicon)
    sections = tuple(
        Section(sec.name, tuple(verify_statement(st, segments, lexicon=lexicon,
                                                 small_talk=small_talk, index=index)
                                for st in sec.statements))
        for sec in draft.sections
    )
    return replace(draft, sections=sections)


def hard_flags(statement: Statement) -> list[Flag]:
    return [f for f in statement.flags if f.kind in HARD_FLAGS]
