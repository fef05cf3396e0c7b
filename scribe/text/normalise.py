"""Norwegian text in normal form: for matching (lowercase, æøå kept, light stemming) and for
writing (fillers out, numbers and units as Norwegians write them).

The stemmer is a small version of the Snowball Norwegian algorithm (step 1 and 2): enough to
bring "betennelsen", "betennelser" and "betennelse" together without a dictionary. Compounds
("halsbetennelse") are split against the index vocabulary by :func:`split_compound`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

from scribe.text.numbers import spoken_to_digits

_VOWELS = set("aeiouyæøå")
_TOKEN = re.compile(r"[a-zæøåäöüé0-9]+")
# Longest first, as Snowball does.
_SUFFIXES = (
    "hetenes", "hetene", "hetens", "endes", "heten", "heter", "ande", "ende", "edes", "enes",
    "erte", "ede", "ane", "ene", "ens", "ers", "ets", "het", "ast", "ert", "en", "ar", "er",
    "as", "es", "et", "a", "e",
)
_S_ENDING = set("bcdfghjlmnoprtvyz")
# words whose endings would bring them to another word's stem: "nummeret" (a telephone
# number, "jeg gir deg nummeret") is not "nummen" (numb), both "numm" by the suffix rules
_APART = {w: "nummer" for w in ("nummer", "nummeret", "numre", "numrene", "nummere",
                                  "nummera")}
STOPWORDS = frozenset(
    """og i på av for med til som er det den de en et at har hatt ikke jeg du vi han hun
    seg sin sitt sine så men om eller fra ved være vært blir ble var kan skal vil må bare
    litt noe noen mer mye nå da der her hva hvor når også eh ehm mm altså liksom ja nei ok
    deg meg oss dere dem ditt din dine mitt min mine vår våre kanskje helt veldig sånn
    ute inne opp ned ut inn over under etter før uten mot hos tror nok ganske egentlig
    ika ina ikke-spesifisert gang ganger dag dager daglig uke uker time timer måned
    måneder år kilo prosent første andre tredje gjerne vanlig vanlige vond vondt""".split()  # noqa: SIM905 - easier to review as prose
)


def normalise(text: str) -> str:
    """Lowercase, unify Unicode forms and dashes; keep æøå."""
    text = unicodedata.normalize("NFC", text).lower()
    return text.replace("–", " ").replace("-", " ").replace("/", " ")


def _r1(word: str) -> int:
    """Where suffixes may start: after the first vowel, at least at position 3.

    Looser than Snowball's R1 so that short stems lose their endings too ("kneet" → "kne").
    """
    for i, ch in enumerate(word):
        if ch in _VOWELS:
            return max(i + 1, 3)
    return len(word)


def stem(word: str) -> str:
    """A light Norwegian stem: inflectional suffixes off, repeated until nothing changes.

    Repeating makes the chains meet ("diabetesen" → "diabetes" → "diabet" → "diab", the same
    end as "diabetes"); words of four letters or less are left as they are. Latin and English
    spellings are folded to Norwegian first (:func:`spelling`).
    """
    word = spelling(word)
    if word in _APART:
        return _APART[word]
    while True:
        shorter = _stem_once(word)
        if shorter == word:
            return word
        word = shorter


def _stem_once(word: str) -> str:
    if len(word) <= 4 or word.isdigit():
        return word
    r1 = max(_r1(word), 3)
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= r1:
            return word[: -len(suffix)]
    if word.endswith("s") and len(word) - 1 >= r1 and (
        word[-2] in _S_ENDING or (word[-2] == "k" and word[-3:-2] not in _VOWELS)
    ):
        return word[:-1]
    if word.endswith(("dt", "vt")) and len(word) - 1 >= r1:
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """Lowercased word tokens, stop words kept (phrase matching needs them)."""
    return _TOKEN.findall(normalise(text))


# Latin and English spellings of medical words as Norwegian writes them, so that the two meet
# ("polymyalgia rheumatica" / "polymyalgia revmatika", "cholecystitt" / "kolecystitt",
# "pharyngitt" / "faryngitt"): applied to both sides of every match
_SPELLING = ((re.compile(r"rh"), "r"), (re.compile(r"th"), "t"), (re.compile(r"ph"), "f"),
             (re.compile(r"ch"), "k"), (re.compile(r"c(?=[eiy])"), "s"), (re.compile(r"c"), "k"),
             (re.compile(r"eu"), "ev"), (re.compile(r"qu"), "kv"))


def spelling(word: str) -> str:
    """``word`` in Norwegian medical spelling ("rheumatica" → "revmatika")."""
    if not any(ch in word for ch in "chqu"):
        return word
    for pattern, repl in _SPELLING:
        word = pattern.sub(repl, word)
    return word


def tokens(text: str) -> list[str]:
    """Stemmed content tokens of ``text``: stop words dropped."""
    return [stem(w) for w in words(text) if w not in STOPWORDS and len(w) > 1]


def split_compound(word: str, vocabulary: Collection[str]) -> list[str]:
    """Split a compound into two known stems ("halsbetennelse" → "hals", "betennels").

    Tries every split point, allowing the linking letters s and e; returns [] when no split
    gives two parts that are both in ``vocabulary`` (a set of stems).
    """
    best: list[str] = []
    for i in range(3, len(word) - 3):
        head, tail = word[:i], word[i:]
        tail_stem = tail if tail in vocabulary else stem(tail)
        if tail_stem not in vocabulary:
            continue
        for cand in (head, head[:-1] if head[-1] in "se" else ""):
            if len(cand) >= 3 and (cand in vocabulary or stem(cand) in vocabulary):
                parts = [cand if cand in vocabulary else stem(cand), tail_stem]
                if not best or len(parts[1]) > len(best[1]):
                    best = parts
    return best


# --- writing -------------------------------------------------------------------------------
_FILLERS = re.compile(
    r"(?:^|(?<=[\s,]))(?:eh+|ehm+|øh+|hm+|mm+|altså|liksom|på en måte|eller noe|og sånn|"
    r"sånn|skikkelig|egentlig|faktisk|jo)(?=[\s,.!?]|$),?", re.IGNORECASE)
_PAUSES = re.compile(r"\s*(?:\.\.\.|…)\s*")
_TEMP = re.compile(r"((?:temperatur\w*|feber\w*|målte|tempen)[^.?!\d]{0,30}?)"
                   r"(\d{2},\d)(?!\s*(?:°|grader))", re.IGNORECASE)
_BP = re.compile(r"(?<![\d/])(\d{2,3}/\d{2,3})(?![\d/])(?!\s*mmHg)")


def tidy(text: str) -> str:
    """Spoken text without fillers ("eh", "liksom") and pauses, punctuation tightened."""
    text = _PAUSES.sub(" ", text)
    text = _FILLERS.sub("", text)
    text = re.sub(r"\s+([,.!?])", r"\1", text)
    text = re.sub(r",\s*,", ",", text)
    text = re.sub(r",\s*([.!?])", r"\1", text)
    text = re.sub(r"^[\s,]+|[\s,]+$", "", text)
    return re.sub(r"\s{2,}", " ", text)


def units(text: str) -> str:
    """Spoken numbers to digits, and temperature and blood pressure with their units."""
    text = spoken_to_digits(text)
    text = _TEMP.sub(lambda m: f"{m.group(1)}{m.group(2)} °C", text)
    return _BP.sub(r"\1 mmHg", text)


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text
