"""The everyday words patients use, per ICPC-2 code (``data/lekord.tsv``, a file a GP can read).

Used by both retrievers: the lexical index adds the hand-written rows (sources "allmenn" and
"dialekt") as extra terms of their code, so "vondt i halsen" is a whole-term hit; the semantic
index embeds every row.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from scribe.errors import ReferenceDataError

LAY_SOURCES = frozenset({"allmenn", "dialekt", "termsett", "inklusjon"})
HAND_WRITTEN = frozenset({"allmenn", "dialekt"})


def load_lekord(path: Path | None = None, *, sources: Iterable[str] = LAY_SOURCES,
                ) -> dict[str, tuple[str, ...]]:
    """code → the everyday words in ``lekord.tsv`` (comment lines start with #), keeping the
    rows whose source is in ``sources``."""
    try:
        if path is None:
            text = resources.files("scribe.coding").joinpath("data/lekord.tsv").read_text(
                encoding="utf-8")
        else:
            text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReferenceDataError(f"Lekordlisten (lekord.tsv) kan ikke leses: {exc}") from None
    keep = frozenset(sources)
    out: dict[str, list[str]] = {}
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#") or line.startswith("kode\t"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) != 3 or not cells[0] or not cells[1] or cells[2] not in LAY_SOURCES:
            raise ReferenceDataError(f"Lekordlisten har en ugyldig linje {n}.",
                                     "Hver linje er: kode, lekord, kilde (skilt med tabulator).")
        if cells[2] in keep:
            out.setdefault(cells[0].upper(), []).append(cells[1])
    return {code: tuple(terms) for code, terms in out.items()}
