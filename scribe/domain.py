"""Value types shared across the core: transcript segments, draft statements, facts, codes.

Plain frozen dataclasses so every layer (store, audio, draft, coding, export, UI) speaks the
same language without importing each other's engines.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum


class Speaker(StrEnum):
    LEGE = "lege"
    PASIENT = "pasient"
    ANNEN = "annen"  # a relative or anyone else in the room


class ContactType(StrEnum):
    OPPMOTE = "oppmote"
    VIDEO = "video"
    TELEFON = "telefon"
    SYKEBESOK = "sykebesok"


class Sex(StrEnum):
    """The patient's sex as the EPJ records it (the letters of the eval cases and of Helfo)."""

    KVINNE = "K"
    MANN = "M"

    @classmethod
    def parse(cls, value: object) -> Sex | None:
        """``K``/``M`` or the Norwegian and English words; anything else is unknown (None)."""
        text = str(value or "").strip().lower()
        for sex, words in ((cls.KVINNE, ("k", "kvinne", "f", "female", "kv")),
                           (cls.MANN, ("m", "mann", "male"))):
            if text in words:
                return sex
        return None


@dataclass(frozen=True)
class Word:
    text: str
    t0: float
    t1: float
    probability: float


@dataclass(frozen=True)
class Segment:
    """One transcribed stretch of speech. ``id`` is stable within a consultation ("s0001")."""

    id: str
    t0: float
    t1: float
    text: str
    speaker: Speaker = Speaker.ANNEN
    avg_logprob: float = 0.0
    no_speech_prob: float = 0.0
    words: tuple[Word, ...] = ()
    low_confidence: bool = False


@dataclass(frozen=True)
class Transcript:
    segments: tuple[Segment, ...]
    language: str = "no"
    duration_s: float = 0.0

    def by_id(self) -> dict[str, Segment]:
        return {s.id: s for s in self.segments}

    @property
    def text(self) -> str:
        return "\n".join(s.text for s in self.segments)


@dataclass(frozen=True)
class Flag:
    """A verification finding on a statement; ``kind`` is a short code, ``detail`` Norwegian."""

    kind: str  # no_evidence | unknown_evidence | number_not_in_source | drug_not_in_source |
    #            negation_flipped | small_talk | weak_support | ...
    detail: str
    acknowledged: bool = False  # the doctor checked the statement against the conversation


@dataclass(frozen=True)
class Statement:
    text: str
    evidence: tuple[str, ...] = ()  # segment ids
    flags: tuple[Flag, ...] = ()


@dataclass(frozen=True)
class Section:
    name: str  # Anamnese | Funn | Vurdering | Tiltak | Resepter | Sykmelding | Henvisning
    statements: tuple[Statement, ...] = ()


@dataclass(frozen=True)
class Draft:
    template: str
    sections: tuple[Section, ...]
    author: str  # model id, "uttrekk" (extracted fallback) or a doctor's user name

    def section(self, name: str) -> Section | None:
        return next((s for s in self.sections if s.name == name), None)

    def unacknowledged_flags(self) -> int:
        """Flags the doctor has not yet checked; approval waits for none."""
        return sum(1 for s in self.sections for st in s.statements for f in st.flags
                   if not f.acknowledged)

    def with_flags_acknowledged(self) -> Draft:
        """The same draft with every flag marked as checked by the doctor."""
        return replace(self, sections=tuple(
            replace(s, statements=tuple(
                replace(st, flags=tuple(replace(f, acknowledged=True) for f in st.flags))
                for st in s.statements)) for s in self.sections))


@dataclass(frozen=True)
class Fact:
    """A fact pulled deterministically from the transcript, with the segments that say it.

    ``kind`` examples: vital (temperature, blood pressure …), lab, drug, prescription,
    duration, sick_leave, referral, procedure.
    """

    kind: str
    name: str
    value: str = ""
    unit: str = ""
    evidence: tuple[str, ...] = ()
    attrs: tuple[tuple[str, str], ...] = ()

    def attr(self, key: str, default: str = "") -> str:
        return dict(self.attrs).get(key, default)


@dataclass(frozen=True)
class ConsultationFacts:
    """What coding needs to know about a consultation, each item with evidence."""

    contact_type: ContactType = ContactType.OPPMOTE
    duration_min: float = 0.0
    facts: tuple[Fact, ...] = ()
    patient_sex: Sex | None = None  # unknown: no code is ruled out by sex

    def of_kind(self, kind: str) -> tuple[Fact, ...]:
        return tuple(f for f in self.facts if f.kind == kind)


@dataclass(frozen=True)
class CodeSuggestion:
    system: str  # "ICPC-2"
    code: str
    title: str
    rank: int
    reason: str
    evidence: tuple[str, ...] = ()
    primary: bool = False
    status: str = "suggested"  # suggested | accepted | rejected


@dataclass(frozen=True)
class TakstLine:
    code: str
    count: int
    fee: float  # honorar per unit, NOK
    patient_share: float
    refund: float
    reason: str
    warnings: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    status: str = "suggested"


@dataclass(frozen=True)
class DoctorProfile:
    specialist_allmennmedisin: bool = False
    phd: bool = False


@dataclass(frozen=True)
class CodingResult:
    icpc2: tuple[CodeSuggestion, ...] = ()
    takster: tuple[TakstLine, ...] = ()
    warnings: tuple[str, ...] = field(default_factory=tuple)
