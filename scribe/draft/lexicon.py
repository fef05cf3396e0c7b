"""The drug lexicon: FEST-based names (brands and substances) read from ``drugs_no.csv``.

Read from the folder ``settings.lexicon_dir`` resolves (an environment variable, else the copy
imported into the data folder with ``scribe codes import``). Used to find drug mentions in the
transcript and to check that every drug in a draft was said.
"""

from __future__ import annotations

import csv
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from scribe.config import DRUG_LIST
from scribe.errors import ReferenceDataError

log = logging.getLogger(__name__)

# Brand names that are also everyday Norwegian words or too short to match safely.
_STOP = frozenset({
    "vann", "salt", "sukker", "jern", "kalk", "olje", "gel", "krem", "te", "kaffe", "lys",
    "ro", "sol", "vask", "natt", "dag", "plaster", "mage", "hals", "nese", "hud", "hjerte",
    "balanse", "energi", "vitamin", "multi", "omega", "sinus", "flux", "nasal", "finger",
    "syre", "ren", "fri", "steril", "klar", "sterk", "mild", "aktiv", "bedre", "kalsium",
    "magnesium", "kalium", "natrium", "melatonin", "oksygen", "nitrogen", "propan", "fett",
    "glukose",
})
_WORD = re.compile(r"[a-zæøåéü][a-zæøåéü\-]+", re.IGNORECASE)


@dataclass(frozen=True)
class DrugEntry:
    name: str  # as written in FEST, lowercased
    substance: str  # Norwegian ATC substance name, lowercased ("" when unknown)
    kind: str  # brand | substance
    prescription: bool
    atc: str = ""

    @property
    def vaccine(self) -> bool:
        return self.atc.startswith("J07")


@dataclass(frozen=True)
class DrugMention:
    entry: DrugEntry
    start: int
    end: int
    surface: str


class DrugLexicon:
    """Single-word lookup of drug names (the first word of multi-word brand names)."""

    def __init__(self, entries: list[DrugEntry]) -> None:
        self._by_word: dict[str, DrugEntry] = {}
        for entry in entries:
            key = entry.name.split()[0] if entry.kind == "brand" else entry.name
            if " " in key or len(key) < 4 or key in _STOP:
                continue
            # Substances win over brands of the same name.
            if key not in self._by_word or entry.kind == "substance":
                self._by_word[key] = entry

    def __len__(self) -> int:
        return len(self._by_word)

    def lookup(self, word: str) -> DrugEntry | None:
        return self._by_word.get(word.lower())

    def find(self, text: str) -> list[DrugMention]:
        return [DrugMention(entry, m.start(), m.end(), m.group(0))
                for m in _WORD.finditer(text)
                if (entry := self.lookup(m.group(0))) is not None]

    def same_drug(self, a: str, b: str) -> bool:
        ea, eb = self.lookup(a), self.lookup(b)
        if ea is None or eb is None:
            return a.lower() == b.lower()
        return ea == eb or bool(ea.substance and ea.substance == eb.substance)


def load_lexicon(reference_dir: Path) -> DrugLexicon:
    """Reads ``drugs/drugs_no.csv`` under ``reference_dir``."""
    path = reference_dir / DRUG_LIST
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except OSError:
        raise ReferenceDataError(
            f"Legemiddellisten {path} finnes ikke eller kan ikke leses.",
            "Angi mappen med referansedata (drugs/drugs_no.csv) eller importer den på nytt.",
        ) from None
    entries = [_entry(row) for row in rows if row.get("name")]
    log.info("legemiddelliste lest: %d navn", len(entries))
    return DrugLexicon(entries)


def _entry(row: dict[str, str]) -> DrugEntry:
    return DrugEntry(
        name=row["name"].strip().lower(),
        substance=(row.get("substance") or "").strip().lower(),
        kind=(row.get("kind") or "brand").strip(),
        prescription=(row.get("prescription") or "").startswith(("yes", "partly")),
        atc=(row.get("atc") or "").strip(),
    )


@lru_cache(maxsize=4)
def cached_lexicon(reference_dir: Path, _version: tuple[int, int] = (0, 0)) -> DrugLexicon:
    """``_version``: the file's inode and mtime, so a list imported anew is read anew."""
    return load_lexicon(reference_dir)


def empty_lexicon() -> DrugLexicon:
    return DrugLexicon([])


def lexicon_for(reference_dir: Path | None) -> DrugLexicon:
    """The drug lexicon in ``reference_dir`` (``settings.lexicon_dir``); empty without one."""
    if reference_dir is None:
        log.warning("ingen legemiddelliste: utkastet lages uten kontroll av legemidler og doser")
        return empty_lexicon()
    try:
        stat = (reference_dir / DRUG_LIST).stat()
    except OSError:  # load_lexicon says what is wrong
        return load_lexicon(reference_dir)
    return cached_lexicon(reference_dir, (stat.st_ino, stat.st_mtime_ns))
