"""Reference data as plain values: ICPC-2 codes, termsett terms, Helfo takster, editions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ICPC2 = "ICPC-2"


@dataclass(frozen=True)
class Edition:
    """Which file a part of the reference came from, and when it is valid."""

    part: str  # icpc2 | termsett | takster
    edition: str  # e.g. "2025-07-01"
    valid_from: str  # ISO date
    valid_to: str = ""  # ISO date, "" when open
    source: str = ""  # file name only
    sha256: str = ""
    imported_at: str = ""
    count: int = 0


@dataclass(frozen=True)
class IcpcCode:
    code: str
    chapter: str
    component: str  # symptom | process | diagnosis
    title: str
    title_en: str = ""
    short_title: str = ""
    inclusion: tuple[str, ...] = ()
    exclusion: tuple[tuple[str, str], ...] = ()  # (text, referenced code)
    criteria: str = ""
    consider: tuple[tuple[str, str], ...] = ()
    icd10: tuple[str, ...] = ()
    icd10_terms: tuple[str, ...] = ()
    valid_from: str = ""

    @property
    def is_process(self) -> bool:
        return self.component == "process"


@dataclass(frozen=True)
class Combination:
    """A takst's ``ugyldigKombinasjon``: either a list of invalid codes, or all but some."""

    all_except: bool = False
    codes: frozenset[str] = frozenset()

    def forbids(self, other: str) -> bool:
        return (other not in self.codes) if self.all_except else (other in self.codes)

    def describe(self) -> str:
        listed = ", ".join(sorted(self.codes))
        return f"alle unntatt {listed}" if self.all_except else listed


@dataclass(frozen=True)
class Takst:
    code: str
    description: str
    fee: float  # honorar
    refund: float  # refusjon
    patient_share: float = 0.0  # egenandel, or pasientEgenbetaling for materials
    valid_from: str = ""
    max_repetitions: int | None = None
    repetition_percent: int = 0
    specialist_only: bool = False  # spesialisttakst (specialists outside general practice)
    invalid: Combination = field(default_factory=Combination)
    requires_any: frozenset[str] = frozenset()
    minimum_minutes: int = 0
    minutes_per_repetition: int = 0
    max_per_year: int | None = None


def to_jsonable(obj: Any) -> Any:
    """Dataclass values → JSON-ready structures (tuples → lists, sets → sorted lists)."""
    if hasattr(obj, "__dataclass_fields__"):
        return {k: to_jsonable(getattr(obj, k)) for k in obj.__dataclass_fields__}
    if isinstance(obj, frozenset | set):
        return sorted(obj)
    if isinstance(obj, tuple | list):
        return [to_jsonable(v) for v in obj]
    return obj


def icpc_from_json(d: dict[str, Any]) -> IcpcCode:
    return IcpcCode(
        code=d["code"], chapter=d["chapter"], component=d["component"], title=d["title"],
        title_en=d.get("title_en", ""), short_title=d.get("short_title", ""),
        inclusion=tuple(d.get("inclusion", ())),
        exclusion=tuple((a, b) for a, b in d.get("exclusion", ())),
        criteria=d.get("criteria", ""),
        consider=tuple((a, b) for a, b in d.get("consider", ())),
        icd10=tuple(d.get("icd10", ())), icd10_terms=tuple(d.get("icd10_terms", ())),
        valid_from=d.get("valid_from", ""),
    )


def takst_from_json(d: dict[str, Any]) -> Takst:
    inv = d.get("invalid", {})
    return Takst(
        code=d["code"], description=d["description"], fee=float(d["fee"]),
        refund=float(d["refund"]), patient_share=float(d.get("patient_share", 0.0)),
        valid_from=d.get("valid_from", ""), max_repetitions=d.get("max_repetitions"),
        repetition_percent=int(d.get("repetition_percent", 0)),
        specialist_only=bool(d.get("specialist_only", False)),
        invalid=Combination(bool(inv.get("all_except", False)), frozenset(inv.get("codes", ()))),
        requires_any=frozenset(d.get("requires_any", ())),
        minimum_minutes=int(d.get("minimum_minutes", 0)),
        minutes_per_repetition=int(d.get("minutes_per_repetition", 0)),
        max_per_year=d.get("max_per_year"),
    )


@dataclass
class Candidate:
    """An ICPC-2 code being considered for a consultation, with what retrieval found for it."""

    code: IcpcCode
    score: float = 0.0
    best_role: float = 0.0
    first: int = 10**6  # position of the first sentence that says it with some weight
    doctor_role: float = 0.0  # strongest role of a doctor's sentence that says it
    raised: bool = False  # the patient brought it up as a further problem ("en annen ting")
    suspected: bool = False
    planned: bool = False  # the doctor acted on it: a treatment changed, a check planned
    by_meaning: bool = False  # found only by retrieval by meaning (scribe.coding.meaning)
    term: str = ""
    evidence: list[str] = field(default_factory=list)
    per_sentence: list[float] = field(default_factory=list)
    assessed_in: list[str] = field(default_factory=list)  # turns where the doctor assessed it

    def absorb(self, other: Candidate) -> None:
        """Take in what was said for ``other``, a code that stands for this one (K85 "for
        høyt blodtrykk" in a patient treated for K86): its sentences, roles and turns, whether
        it was raised as a further matter or acted on, and its term where this one has none."""
        self.per_sentence.extend(other.per_sentence)
        self.raised |= other.raised
        self.planned |= other.planned
        self.term = self.term or other.term
        self.doctor_role = max(self.doctor_role, other.doctor_role)
        self.best_role = max(self.best_role, other.best_role)
        self.first = min(self.first, other.first)
        self.evidence.extend(e for e in other.evidence if e not in self.evidence)
        self.assessed_in.extend(e for e in other.assessed_in if e not in self.assessed_in)
