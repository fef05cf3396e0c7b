"""A worry about a disease: "Je er redd for at je har ALS", "Du er bekymret for kjønnssykdom".

ICPC-2 has a fear code in most chapters ("Engstelig for sykdom i nervesystemet IKA", "Engstelig
for kreft i huden", "Engstelig for hiv/aids"), to be used while the disease is not found
("hvis sykdom er påvist angis diagnosen"). A disease the patient fears is therefore no
problem of the patient's: the worry is. This module finds where a sentence says someone
fears a disease and which fear code stands for it. It reads the code list only: the fear
codes are those whose title begins "Engstelig for", and a disease feared is given its
chapter's fear code (the cancer one for a cancer, the chapter's other one for the rest) unless
a fear code names it itself ("engstelig for hjerteinfarkt" is K24, "hiv" B25).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from scribe.coding.index import CodeIndex
from scribe.domain import Speaker
from scribe.text.normalise import stem, words

FEAR_TITLE = "engstelig for"
# the words for being afraid or worried, as said in the dialects too ("bekymra", "uroleg")
_CUES = frozenset({"redd", "redde", "livredd", "bekymret", "bekymra", "bekymrer", "bekymre",
                   "engstelig", "engstelige", "urolig", "uroleg", "frykter", "frykta",
                   "skremt", "nervøs"})
# the little words between the worry and what it is about: "redd for at je har", "bekymra
# for at det kan være", "redd det e", "bekymrer meg for å få"
_LINK = frozenset({"meg", "mæ", "me", "deg", "dæ", "seg", "sæ", "for", "over", "at", "det",
                   "den", "e", "er", "va", "var", "kan", "kunne", "være", "vere", "vær",
                   "jeg", "je", "æ", "eg", "i", "du", "han", "hun", "ho", "har", "ha", "hadde",
                   "skal", "skulle", "noe", "noko", "nåkka", "nokka", "en", "et", "ei", "å",
                   "få", "fått", "bli", "blitt", "slags", "sånn", "så", "litt", "mest",
                   "veldig", "jo", "nå", "no", "egentlig", "alvorlig", "farlig", "som"})
# an infinitive after "å" is a fear of doing or of what may happen ("redd for å smitte
# barna", "redd for å bli kvalm att"), a disease only when it is got or had ("redd for å
# få kreft", "redd for å bli blind")
_GETS = frozenset({"få", "ha", "bli", "ende"})
# the doctor's own worry is a suspicion ("Jeg er redd for at det er en blodpropp"); the
# patient's worry, said by the doctor, names who has it ("Du er bekymret for …")
_PATIENT = frozenset({"du", "dere", "dokker", "han", "hun", "ho"})
_NOT = frozenset({"ikke", "ikkje", "itj", "ittj", "itte", "ikkj", "inkje"})
_CLAUSE_END = re.compile(r"[,;:]|\s(?:men|fordi|siden|så)\s")
OBJECT_REACH = 6  # words of what is feared after the little words
ORGAN_STEM = 5  # letters: the shortest organ word read as the start of a disease's compound
# what says a disease is cancer, in what is feared or in the code it reaches
_CANCER = re.compile(r"kreft|ondartet|cancer|karsinom|sarkom|lymfom|leukemi|melanom|svulst"
                     r"|tumor")


@dataclass(frozen=True)
class Feared:
    """Words ``start`` to ``end`` (of :func:`scribe.text.normalise.words`) are what someone
    fears; ``cue`` is the word of fear."""
    cue: int
    start: int
    end: int
    text: str


def feared_in(sentence: str, speaker: Speaker) -> list[Feared]:
    """Where the sentence says the patient fears something, and what (not yet looked up)."""
    toks = words(sentence)
    return [f for clause in _CLAUSE_END.split(f" {sentence} ")
            for f in _in_clause(clause, toks, speaker)]


def _in_clause(clause: str, toks: list[str], speaker: Speaker) -> list[Feared]:
    part = words(clause)
    offset = _find(toks, part) if part else None
    if offset is None:
        return []  # (a clause cut inside a token, "3,5": where it stands is not known)
    out: list[Feared] = []
    for i, w in enumerate(part):
        if w not in _CUES:
            continue
        before = part[max(0, i - 4):i]
        if speaker == Speaker.LEGE and not any(b in _PATIENT for b in before):
            continue  # the doctor's own worry: a suspicion, not the patient's fear
        if speaker != Speaker.LEGE and any(b in _NOT for b in before):
            continue  # "Jeg er ikke redd for kreft"
        j = i + 1
        while j < len(part) and part[j] in _LINK:
            if part[j] == "å" and (j + 1 >= len(part) or part[j + 1] not in _GETS):
                break
            j += 1
        if j >= len(part) or part[j] == "å":
            continue
        end = min(len(part), j + OBJECT_REACH)
        out.append(Feared(offset + i, offset + j, offset + end, " ".join(part[j:end])))
    return out


def _find(toks: list[str], part: list[str]) -> int | None:
    """Where the clause's words begin among the sentence's (None where they are not there
    in a row)."""
    n = len(part)
    return next((k for k in range(len(toks) - n + 1) if toks[k:k + n] == part), None)


class FearCodes:
    """The fear codes of the imported code list, and which one a feared disease gets."""

    def __init__(self, index: CodeIndex) -> None:
        self.index = index

    @cached_property
    def codes(self) -> frozenset[str]:
        return frozenset(c.code for c in self.index.ref.codes.values()
                         if c.title.lower().startswith(FEAR_TITLE))

    @cached_property
    def _by_chapter(self) -> dict[str, tuple[str | None, str | None]]:
        """Per chapter: its fear code for cancer and its fear code for the other diseases
        (the one titled "… IKA", or the chapter's only one)."""
        out: dict[str, tuple[str | None, str | None]] = {}
        for ch in {self.index.ref.codes[c].chapter for c in self.codes}:
            mine = sorted(c for c in self.codes if self.index.ref.codes[c].chapter == ch)
            titles = {c: self.index.ref.codes[c].title.lower() for c in mine}
            cancer = next((c for c in mine if "kreft" in titles[c]), None)
            rest = [c for c in mine if c != cancer]
            other = next((c for c in rest if "ika" in words(titles[c])), None)
            out[ch] = (cancer, other or (rest[0] if len(rest) == 1 else None))
        return out

    def is_fear(self, code: str) -> bool:
        return code in self.codes

    def codes_for(self, feared: str) -> tuple[str, ...]:
        """The fear code for what is feared ("ALS", "kreft i tarmen", "hiv"), none where it
        names no disease ("å smitte barna", "det går over"); one per sex where the code list
        has one for each ("kjønnssykdom": X23 and Y25)."""
        named = self._named(feared)
        if named:
            return named
        cancer_said = bool(_CANCER.search(feared))
        for m in self.index.match_terms(feared):
            code = self.index.ref.codes[m.code]
            if code.component != "diagnosis" or m.coverage < 1.0 or self.is_fear(m.code):
                continue
            cancer = cancer_said or bool(_CANCER.search(code.title.lower()))
            pick = self._of_chapter(code.chapter, cancer)
            if pick is not None:
                return (pick,)
        pick = self._of_chapter("A", True) if cancer_said else None
        return (pick,) if pick is not None else ()

    def _named(self, feared: str) -> tuple[str, ...]:
        """A fear code that names what is feared itself: the whole of its term said
        ("engstelig for hjerteinfarkt", "… for høyt blodtrykk"), or one of the disease's own
        words said ("hiv" for "Engstelig for hiv/aids"), or the organ its disease word begins
        with ("hjertet" for "Engstelig for hjertesykdom"); the general ones (chapter A's cancer
        and other) only as the last resort in :meth:`code_for`."""
        own = {stem(w) for w in words(feared) if len(w) > 2}
        # an organ feared for names the disease of it the code's compound begins with
        # ("redd for hjertet": "Engstelig for hjertesykdom")
        said = words(feared)
        organ = stem(said[0]) if said and len(stem(said[0])) >= ORGAN_STEM else ""
        general = set(filter(None, self._by_chapter.get("A", (None, None))))
        found = [m for m in self.index.match_terms(f"{FEAR_TITLE} {feared}")
                 if self.is_fear(m.code) and m.code not in general and (
                     m.coverage >= 1.0
                     or own & {stem(w) for w in words(m.term.lower())[2:] if len(w) > 2})]
        if not found and organ:
            return tuple(sorted(
                c for c in self.codes - general
                if any(w.startswith(organ) and len(w) > len(organ) + 2
                       for w in words(self.index.ref.codes[c].title.lower())[2:])))
        best = max((m.coverage for m in found), default=0.0)
        return tuple(m.code for m in found if m.coverage == best)

    def _of_chapter(self, chapter: str, cancer: bool) -> str | None:
        cancer_code, other = self._by_chapter.get(chapter, (None, None))
        if cancer and cancer_code is not None:
            return cancer_code
        if other is not None:
            return other
        return self._by_chapter["A"][1] if chapter != "A" and "A" in self._by_chapter else None
