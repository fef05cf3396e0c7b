"""A lexical index over ICPC-2: BM25 over weighted fields, plus whole-term matching.

Fields per code: title (weight 3), inclusion and termsett terms (2), ICD-10 terms (1.5), the
everyday words of ``data/lekord.tsv`` (1.6; whole-term matches only, said in their order), and
criteria (0.5). Words are stemmed (:mod:`scribe.text.normalise`) and compounds are split against
the index vocabulary on both sides, so "halsbetennelse" meets "betennelse i halsen".
"""

from __future__ import annotations

import math
import re
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from scribe.coding.lekord import HAND_WRITTEN, load_lekord
from scribe.coding.model import IcpcCode
from scribe.coding.reference import Reference
from scribe.errors import ReferenceDataError
from scribe.text.normalise import (
    STOPWORDS,
    normalise,
    spelling,
    split_compound,
    stem,
    tokens,
    words,
)

K1 = 1.2
LAY_WEIGHT = 1.6  # everyday words (lekord.tsv): whole-term hits, lighter than official terms
B = 0.75
# Qualifiers that the term lists add but speech rarely says.
# Words a title may leave unsaid. The patient's sex among them ("Kul i bryst IKA kvinne",
# "kul i bryst mann"): nobody says it of the person in the room, and coding knows it from
# the patient's record (ConsultationFacts.patient_sex rules out the other sex's chapters).
OPTIONAL = frozenset(stem(w) for w in ("akutt", "uspesifisert", "annen", "andre", "enkel",
                                        "ukomplisert", "primær", "essensiell", "lidelse",
                                        "kvinne", "mann"))


@lru_cache(maxsize=4)
def _synonym_table(section: str = "uttrykk") -> dict[str, str]:
    try:
        text = resources.files("scribe.coding").joinpath("data/synonymer.toml").read_text(
            encoding="utf-8")
        table = tomllib.loads(text).get(section, {})
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ReferenceDataError(f"Synonymlisten (synonymer.toml) kan ikke leses: {exc}") from None
    return {normalise(str(k)): str(v) for k, v in table.items()}


@lru_cache(maxsize=2)
def lay_synonyms(section: str = "uttrykk") -> tuple[tuple[re.Pattern[str], str], ...]:
    """Everyday phrases → term-list words, from ``data/synonymer.toml``.

    Section "uttrykk" is used everywhere; "sok" (symptom clusters) only in free-text search.
    """
    return tuple((re.compile(r"(?<![a-zæøå])" + re.escape(k)), v)
                 for k, v in _synonym_table(section).items())


@lru_cache(maxsize=1)
def _other_words() -> frozenset[str]:
    """Words spelt like a term's inflection that are another word ("dryppet", the verb)."""
    return frozenset(_synonym_table("annet_ord"))


@lru_cache(maxsize=1)
def _lexical_units() -> frozenset[str]:
    """One-word synonym keys: known words that must not be split as compounds."""
    return frozenset(key for key in _synonym_table() if key.isalpha())


# "mangel på D-vitamin", "mangel på jern": Norwegian says a compound's head first with "på",
# and the code lists write the compound ("vitaminmangel", "jernmangel")
_LACK_OF = re.compile(r"\bmangel på (?:[a-zæøå0-9] )?([a-zæøå][a-zæøå0-9]{2,})")


def with_synonyms(text: str, *, search: bool = False) -> str:
    """``text`` plus the term-list words for any everyday phrase in it, and the compound of a
    lack said with "på" ("mangel på D-vitamin" → "vitaminmangel")."""
    low = normalise(text)
    sections = ("uttrykk", "sok") if search else ("uttrykk",)
    extra = [v for sec in sections for pattern, v in lay_synonyms(sec)
             if any(True for _ in _phrases(pattern, low))]
    extra += [f"{m.group(1)}mangel" for m in _LACK_OF.finditer(low)]
    return f"{text} {' '.join(extra)}" if extra else text


def _phrases(pattern: re.Pattern[str], low: str) -> Iterator[re.Match[str]]:
    """Where an everyday phrase is said, not as the start of another word spelt like its
    inflection ("kutt" in "du kutter ut en del matvarer")."""
    for m in pattern.finditer(low):
        word = re.match(r"[a-zæøå]*", low[m.start():])
        if word is None or word.group(0) not in _other_words():
            yield m


# "gang" as a time or an occasion ("to av om gangen", "tre ganger om dagen", "neste gang"),
# not the walk ("gangen er ustø", "Gange unormal"): the same stem, another word
_OCCASION = re.compile(r"\b(?:(?:om|hver|denne|neste|forrige|første|andre|siste|sist|en|ei|én|"
                       r"ett|noen|mange|flere|enda|\d+|to|tre|fire|fem|seks|sju|syv|åtte|ni|ti)"
                       r"\s+gang(?:en)?|ganger|gangene)\b")


def without_occasions(text: str) -> str:
    """``text`` without "gang" said of a time or an occasion."""
    return _OCCASION.sub(" ", text)


def synonyms_in_place(text: str) -> str:
    """``text`` (lowercase) with the term-list words of each everyday phrase right after the
    phrase ("ikke vondt i halsen" → "ikke vondt smerte i halsen"), so that what stands
    before the phrase, a negation, stands before its term too."""
    low = normalise(text)
    found = sorted(((m.end(), v) for pattern, v in lay_synonyms("uttrykk")
                    for m in _phrases(pattern, low)), reverse=True)
    for end, v in found:
        low = f"{low[:end]} {v} {low[end:]}"
    return low


_EITHER = re.compile(r"\s+med\s*/\s*uten\b|\s+med eller uten\b", re.I)
_UNSAID = frozenset(("ika", "ina"))  # "ikke klassifisert annetsteds", "ikke nærmere angitt"


@lru_cache(maxsize=4096)
def _numbers_of(term: str) -> tuple[tuple[str, str], ...]:
    """The numbers of a term with the word before each ("type 2" in "Diabetes mellitus type
    2")."""
    ws = words(term)
    return tuple((ws[i - 1], w) for i, w in enumerate(ws) if i and w.isdigit())


def _said_in_order(phrase: str, said: list[str]) -> bool:
    """Every word of ``phrase``, in order and next to each other, each word as said or inflected
    ("vondt i leggen" in "…har vondt i leggene"); speech may put one word inside a phrase of
    two words or more ("kul i høyre bryst", "mangler vitamin B12"). The words a term may leave
    unsaid (OPTIONAL, and IKA/INA) need not be said here either ("kul i bryst mann").
    ``said`` is in Norwegian medical spelling, as the phrase's stems are, so "cannabis" and
    "celleforandringer" are found as written."""
    parts = [p for p in map(stem, words(phrase)) if p not in OPTIONAL and p not in _UNSAID]
    n = len(parts)
    return any(_at(parts, said, i, gaps=1 if n > 1 else 0) for i in range(len(said)))


def _at(parts: list[str], said: list[str], i: int, *, gaps: int) -> bool:
    """``parts`` said from position ``i`` on, with at most ``gaps`` words between them."""
    j = i
    for k, p in enumerate(parts):
        if j < len(said) and said[j].startswith(p):
            j += 1
        elif k and gaps and j + 1 < len(said) and said[j + 1].startswith(p):
            gaps -= 1
            j += 2
        else:
            return False
    return True


@dataclass(frozen=True)
class TermMatch:
    code: str
    term: str
    size: int  # number of content words in the term: longer terms are more specific
    coverage: float = 1.0  # idf-weighted share of the term's words found (partial matches < 1)
    required: tuple[str, ...] = ()  # the term's stems that had to be said

    @property
    def weight(self) -> float:
        return (1 + 0.5 * (self.size - 1)) * self.coverage**2


@dataclass(frozen=True)
class _Entry:
    code: str
    term: str
    required: tuple[str, ...]
    weight: float
    forbidden: tuple[str, ...] = ()  # words after "uten" in the term ("… uten hypertensjon")
    whole: bool = False  # matches only with all its words (everyday words are too loose)
    # Words the stemmer cut short ("parese" → "par"): said, they must begin as the term's own
    # word does, or "et par år" would be a paresis and "Kari" caries.
    prefixes: tuple[str, ...] = ()
    exact: bool = False  # counts only said as it is written (a short everyday word)


def _alternatives(title: str) -> list[str]:
    """The readings of a title that is one word with alternatives joined by slashes:
    "Dyspepsi/fordøyelsesbesvær" is "Dyspepsi" or "fordøyelsesbesvær". Only such titles:
    in "Lymfeknuter forstørrede/smertefulle" the slash joins words that are no term alone
    (measured: reading those titles too found more noise than codes). A part that is a piece
    of a compound ("Orme-/parasittsykdom") or a short everyday word ("Netthinneløsning/rift",
    "Insektstikk/bitt") is no term of its own. The whole title is a term too."""
    if " " in title.strip() or "/" not in title.strip("/"):
        return []
    return [part for part in title.strip().split("/")
            if len(part) >= 5 and "-" not in (part[0], part[-1])]


class CodeIndex:
    """Search codes by free text; find known terms inside a sentence.

    Built from one :class:`Reference` (a second or so); whoever holds the reference builds
    it once and keeps it beside it.
    """

    def __init__(self, ref: Reference, lay: Mapping[str, Sequence[str]] | None = None) -> None:
        self.ref = ref
        self._codes = ref.codes
        lay = load_lekord(sources=HAND_WRITTEN) if lay is None else lay
        fields = {c.code: self._fields(c, ref.terms.get(c.code, ()), lay.get(c.code, ()))
                  for c in ref.codes.values()}
        self.vocabulary = {t for fl in fields.values() for text, _ in fl for t in tokens(text)}
        self._split_cache: dict[str, list[str]] = {}
        self._postings: dict[str, dict[str, float]] = defaultdict(dict)
        self._lengths: dict[str, float] = {}
        for code, fl in fields.items():
            tf: dict[str, float] = defaultdict(float)
            for text, weight in fl:
                for tok in self.expand(tokens(text)):
                    tf[tok] += weight
            self._lengths[code] = sum(tf.values())
            for tok, f in tf.items():
                self._postings[tok][code] = f
        self._avg = sum(self._lengths.values()) / max(1, len(self._lengths))
        self._n = len(self._lengths)
        # the body's parts as ICPC-2 names them in its complaint codes ("Skulder
        # symptomer/plager", "Nakke symptomer/plager"): the stems of those titles' first words
        self.places = frozenset(
            stem(words(c.title.lower())[0]) for c in ref.codes.values()
            if c.title.lower().endswith("symptomer/plager") and words(c.title))
        self._symptoms_for: dict[str, list[str]] = defaultdict(list)
        for c in ref.codes.values():
            for _, target in c.exclusion:
                if c.component == "symptom":
                    self._symptoms_for[target].append(c.code)
            for _, target in c.consider:
                if target in ref.codes and ref.codes[target].component == "symptom":
                    self._symptoms_for[c.code].append(target)
        self._entries: dict[str, list[_Entry]] = defaultdict(list)
        for code, fl in fields.items():
            for text, weight in fl:
                if weight >= 1.5:
                    self._add_entry(code, text, weight)

    @staticmethod
    def _fields(c: IcpcCode, terms: Iterable[str], lay: Iterable[str] = (),
                ) -> list[tuple[str, float]]:
        out = [(c.title, 3.0)]
        out += [(t, 3.0) for t in _alternatives(c.title)]
        out += [(t, 2.0) for t in (*c.inclusion, *terms) if t.lower() != c.title.lower()]
        out += [(t, LAY_WEIGHT) for t in lay]
        out += [(t, 1.5) for t in c.icd10_terms]
        if c.criteria:
            out.append((c.criteria, 0.5))
        return out

    def symptom_codes_for(self, code: str) -> list[str]:
        """Symptom codes the code list links to a diagnosis (its "vurder" list, and symptom
        codes whose exclusions point to it): where a suspected diagnosis is coded instead."""
        return list(dict.fromkeys(self._symptoms_for.get(code, ())))

    def _split(self, tok: str) -> list[str]:
        if tok not in self._split_cache:
            self._split_cache[tok] = split_compound(tok, self.vocabulary) if len(tok) > 7 else []
        return self._split_cache[tok]

    def expand(self, toks: Iterable[str]) -> list[str]:
        """Tokens plus the parts of any compound among them."""
        out: list[str] = []
        for t in toks:
            out.append(t)
            out.extend(self._split(t))
        return out

    def _add_entry(self, code: str, text: str, weight: float) -> None:
        # an abbreviation with its full form ("EM (erythema migrans)", "KOLS (kronisk
        # obstruktiv lungesykdom)"): the full form is a term of its own, said without the
        # abbreviation
        if (full := re.fullmatch(r"\s*[A-ZÆØÅ][A-ZÆØÅ0-9-]{1,7}\s*\(([^()]+)\)\s*", text)):
            self._add_entry(code, full.group(1), weight)
        # "X med/uten Y" is X either way: Y is neither needed nor ruled out, and a bare X of
        # one word ("syndrom med/uten utstrålende smerter" under Nakkesyndrom) is a
        # subdivision of the title, no term of its own ("ryggsyndrom" is no neck syndrome)
        if (either := _EITHER.search(text)) is not None:
            if len(tokens(text[:either.start()])) < 2:
                return
            text = text[:either.start()]
        head, _, without = normalise(text).partition(" uten ")
        req = tuple(dict.fromkeys(t for t in tokens(head) if t not in OPTIONAL))
        short = len(req) == 1 and len(head.strip()) < 4
        if not req or (short and weight != LAY_WEIGHT):
            return  # "ØLI"-like abbreviations are too ambiguous on their own
        # a short everyday word ("hes", "ør", "uvi") counts only said as it is: inflected, it
        # begins other words ("hest", "ørret")
        # A term with a one-letter part ("Q-feber", "B-celle") is not its remaining word:
        # it counts only said whole, like an everyday phrase.
        lettered = any(len(w) == 1 and w.isalpha() for w in words(head))
        # So is a term whose abbreviation is also a little word the index drops ("AV-blokk":
        # "av"): what is left ("blokk") is no term of its own ("fingerblokk" is no heart block)
        lettered = lettered or any(
            a.lower() not in req
            for a in re.findall(r"(?<![\wæøå])[A-ZÆØÅ]{2,4}(?=-)", text.partition(" uten ")[0]))
        # (one letter past the stem: "lekker urin" is also said "lekke urin", while "et par
        # år" still does not begin as "parese")
        cut = tuple(w[:len(stem(w)) + 1] for w in words(head)
                    if len(stem(w)) <= 4 and len(w) - len(stem(w)) >= 2)
        # a name's genitive ("Stills sykdom", "Crohns sykdom") is said as it is: its stem
        # ("still") is also an everyday word ("stiller vi diagnosen")
        cut += tuple(w.lower() for w in re.findall(r"\b[A-ZÆØÅ][a-zæøå]{2,}s\b",
                                                    text.partition(" uten ")[0]))
        entry = _Entry(code, text, req, weight, tuple(tokens(without)),
                       whole=weight == LAY_WEIGHT or lettered, prefixes=cut, exact=short)
        for tok in req:
            self._entries[tok].append(entry)

    def names_one_code(self, term: str) -> bool:
        """Every word of ``term`` is in the fields of at most two codes: a name of its own
        ("hemokromatose"), not an organ or a word many codes share ("skjede", "sykdom")."""
        toks = tokens(term)
        return bool(toks) and all(len(self._postings.get(t, {})) <= 2 for t in toks)

    def idf(self, tok: str) -> float:
        df = len(self._postings.get(tok, {}))
        return math.log(1 + (self._n - df + 0.5) / (df + 0.5))

    def scores(self, query: str) -> dict[str, float]:
        """BM25 score per code for ``query`` (codes with no shared token are absent)."""
        out: dict[str, float] = defaultdict(float)
        for tok in set(self.expand(tokens(without_occasions(normalise(query))))):
            idf = self.idf(tok)
            for code, f in self._postings.get(tok, {}).items():
                norm = K1 * (1 - B + B * self._lengths[code] / self._avg)
                out[code] += idf * f * (K1 + 1) / (f + norm)
        return out

    def search(self, query: str, k: int = 10) -> list[tuple[IcpcCode, float]]:
        """The ``k`` best codes for ``query``: BM25, plus a bonus for whole known terms."""
        query = with_synonyms(query, search=True)
        scores = self.scores(query)
        for m in self.match_terms(query):
            scores[m.code] = scores.get(m.code, 0.0) + 3.0 * m.weight
        best = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:k]
        return [(self._codes[c], round(s, 3)) for c, s in best]

    def match_terms(self, sentence: str, *, partial: float = 0.6) -> list[TermMatch]:
        """Known terms (title, inclusion, termsett) found in ``sentence``.

        A term matches fully when all its words occur, or partially when the words found
        carry at least ``partial`` of its idf weight. The first part of a compound counts only
        together with its head ("stivkrampevaksine" is a vaccine, not tetanus). Terms marked
        INA/IKA (not further specified) win ties: they are meant for unqualified mentions.
        """
        present, modifiers, negated, heads = self._present(sentence)
        said = words(sentence)
        # a number said after a word ("type 1-diabetesen"): terms with another number after
        # that word ("Diabetes mellitus type 2") are not what was said
        numbered = {said[i - 1]: w for i, w in enumerate(said) if i and w.isdigit()}
        spelled = [spelling(w) for w in said]
        best: dict[str, TermMatch] = {}
        seen: set[int] = set()
        for tok in sorted(present | set(modifiers)):  # in one order, whatever the hash seed
            for e in self._entries.get(tok, ()):
                if id(e) in seen:
                    continue
                seen.add(id(e))
                if any(f in present and f not in negated for f in e.forbidden):
                    continue
                if numbered and any(numbered.get(w, n) != n for w, n in _numbers_of(e.term)):
                    continue
                if e.exact and e.term.strip().lower() not in said:
                    continue
                if e.whole and not _said_in_order(e.term, spelled):
                    continue  # an everyday phrase counts only as said, in its order
                # (an everyday phrase of two words or more, said in its order, is that
                # phrase: "artrose i høyre kne" says "artrose i kneet" in its bare form)
                if not (e.whole and len(e.required) > 1) and not all(
                        any(w.startswith(p) for w in said) for p in e.prefixes):
                    continue
                m = self._match(e, present, modifiers, partial, heads)
                if m is not None and (m.code not in best
                                      or self._rank(m) > self._rank(best[m.code])):
                    best[m.code] = m
        return sorted(self._longest(best.values()), key=lambda m: (-m.weight, m.code))

    def _rank(self, m: TermMatch) -> tuple[float, int, str]:
        """Which of a code's terms found stands for it: the heavier, then the one of more
        words with its compounds' parts ("Ryggsyndrom uten smerteutstråling" over
        "Lumbago", so a shorter term of another code inside it is seen as part of it)."""
        return m.weight, len(set(self.expand(m.required))), m.term

    def _longest(self, matches: Iterable[TermMatch]) -> list[TermMatch]:
        """Drops a match whose words are only part of a longer term said whole in the same
        sentence: "virusinfeksjon" names a viral disease, not an infection of unknown kind."""
        said = [(m, set(self.expand(m.required))) for m in matches]
        whole = [(m, w) for m, w in said if m.coverage >= 1.0]
        return [m for m, mine in said
                if not (mine and any(mine < w for other, w in whole if other is not m))]

    def _present(self, sentence: str) -> tuple[set[str], dict[str, str], set[str], set[str]]:
        """Stems in the sentence, compound modifiers → heads, stems right after a negation, and
        the stems present only as the head of a compound ("gang" of "melkegang")."""
        present: set[str] = set()
        heads: set[str] = set()
        modifiers: dict[str, str] = {}
        negated: set[str] = set()
        ws = words(with_synonyms(without_occasions(normalise(sentence))))
        for i, w in enumerate(ws):
            if w in STOPWORDS or len(w) < 2 or w in _other_words():
                continue
            tok = stem(w)
            if any(p in ("uten", "ikke", "ingen") for p in ws[max(0, i - 2):i]):
                negated.add(tok)
            if w in _lexical_units():
                present.add(tok)
                continue
            present.add(tok)
            parts = self._split(tok)
            if parts:
                present.add(parts[-1])
                heads.add(parts[-1])
                modifiers[parts[0]] = parts[-1]
        return present, modifiers, negated, heads - {stem(w) for w in ws}

    def _match(self, e: _Entry, present: set[str], modifiers: dict[str, str],
               partial: float, heads: set[str] | None = None) -> TermMatch | None:
        found = [r for r in e.required if r in present or self._covered(r, present)
                 or (r in modifiers and modifiers[r] in e.required)]
        if not found:
            return None
        weight = {r: self.idf(r) for r in e.required}
        coverage = sum(weight[r] for r in found) / (sum(weight.values()) or 1.0)
        if coverage < 1.0 and (e.whole or coverage < partial or e.required[0] not in found):
            return None
        # part of a term reached only through the head of another word ("melkegang" is no
        # "Gange unormal"): the compound names something else
        if coverage < 1.0 and heads and all(r in heads for r in found):
            return None
        unspecified = any(w in ("ina", "ika") for w in words(e.term))
        bonus = 1.1 if unspecified and coverage < 1.0 else 1.0
        return TermMatch(e.code, e.term, len(e.required), min(1.0, coverage * bonus),
                         e.required)

    def _covered(self, tok: str, present: set[str]) -> bool:
        parts = self._split(tok)
        return bool(parts) and all(p in present for p in parts)
