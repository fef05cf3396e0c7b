"""The medical vocabulary Whisper is primed with, and the drug-name lexicon it draws on.

The prompt is kept short on purpose: every prompt token is decoded before each window, so a
long prompt costs time and crowds out the previous text. Terms come from, in order: the
practice's own ``[asr] vocabulary`` entries, then the built-in terms below. The prompt is
only given when the practice lists terms of its own (see ``Vocabulary.prompt`` for why). An entry of
``[asr] vocabulary`` that names a ``.csv`` file (the FEST-based ``drugs_no.csv``) loads the
drug lexicon instead of being a term; ``Vocabulary.drug_names`` then lists every drug name.
"""

from __future__ import annotations

import csv
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from scribe.errors import ReferenceDataError

log = logging.getLogger(__name__)

BUILTIN_TERMS: tuple[str, ...] = (
    "CRP", "HbA1c", "sykmelding", "blodtrykk", "EKG", "streptest", "Paracet", "Ibux",
    "penicillin", "Apocillin", "Selexid", "Metformin", "Albyl-E", "resept", "henvisning",
    "fastlege", "urinstix", "spirometri",
)
MAX_PROMPT_CHARS = 120


@dataclass(frozen=True)
class Vocabulary:
    terms: tuple[str, ...] = BUILTIN_TERMS
    drug_names: frozenset[str] = frozenset()
    prime: bool = False  # give Whisper the prompt; on when the practice lists its own terms

    def prompt(self, *, max_chars: int = MAX_PROMPT_CHARS) -> str | None:
        """As many terms as fit in ``max_chars``, as a plain list; None unless ``prime``.

        Measured with whisper-base (see bench_asr): a lead sentence such as
        "Legekonsultasjon hos fastlegen." made it skip whole sentences (King Harald WER 0.31 →
        0.55); the bare list helped there (0.34 → 0.31) and on isolated medical words
        (4 → 5 of 27) but cost 1–5 % WER on the NTNU dialogues, and any prompt makes Whisper
        loop on the near-silent tail after the last word (a 3 s clip: 1.3 → 12 s CPU). So the
        prompt is opt-in: it is used when the practice lists its own terms.
        """
        if not self.prime:
            return None
        chosen: list[str] = []
        for term in self.terms:
            if len(", ".join([*chosen, term])) + 1 > max_chars:
                break
            chosen.append(term)
        return f"{', '.join(chosen)}." if chosen else None

    def is_drug(self, word: str) -> bool:
        return word.strip(".,;:!?").lower() in self.drug_names


def load_drug_names(path: Path) -> frozenset[str]:
    """Lower-cased brand names (first word too) and substances from ``drugs_no.csv``."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ReferenceDataError(f"Legemiddellisten kan ikke leses: {type(exc).__name__}.",
                                 "Sjekk stien under [asr] vocabulary.") from None
    if rows and not {"name", "substance"} <= set(rows[0]):
        raise ReferenceDataError("Legemiddellisten mangler kolonnene name og substance.")
    names: set[str] = set()
    for row in rows:
        for value in (row.get("name") or "", row.get("substance") or ""):
            value = value.strip().lower()
            if value:
                names.add(value)
                names.add(value.split()[0])
    log.info("drug lexicon: %d names", len(names))
    return frozenset(names)


def build_vocabulary(entries: Sequence[str], *, drugs_csv: Path | None = None) -> Vocabulary:
    """The vocabulary from ``[asr] vocabulary`` entries (terms and/or a lexicon path)."""
    terms: list[str] = []
    lexicons: list[Path] = [drugs_csv] if drugs_csv else []
    for entry in entries:
        if entry.lower().endswith(".csv"):
            lexicons.append(Path(entry).expanduser())
        elif entry.strip():
            terms.append(entry.strip())
    names: frozenset[str] = frozenset()
    for lexicon in lexicons:
        names |= load_drug_names(lexicon)
    return Vocabulary(terms=_unique([*terms, *BUILTIN_TERMS]), drug_names=names,
                      prime=bool(terms))


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    seen: set[str] = set()
    out = []
    for item in items:
        if item.lower() not in seen:
            seen.add(item.lower())
            out.append(item)
    return tuple(out)
