"""The reference store: imported editions of ICPC-2, termsett, the Helfo takst table and the
drug list.

Each part is one JSON file under ``DATA_DIR/reference/`` (public data, so plain JSON); the drug
list is kept as the CSV the lexicon reads (``drugs/drugs_no.csv``), its JSON holding only the
edition. An import parses the whole file first and then replaces the current edition
atomically; a file that does not parse leaves the current edition untouched. Earlier editions
are kept under ``editions/`` so a practice can see what was billed with which table.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from scribe.coding import importers
from scribe.coding.model import (
    Edition,
    IcpcCode,
    Takst,
    icpc_from_json,
    takst_from_json,
    to_jsonable,
)
from scribe.config import DRUG_LIST, reference_store
from scribe.errors import ReferenceDataError, UnknownCode

log = logging.getLogger(__name__)

PARTS = ("icpc2", "termsett", "takster")
DRUGS = "legemidler"  # the drug list's part: not a code list, read by the drafter's lexicon
DEFAULT_FILES = (
    "smartkode_icpc-2.json",
    "Fil 1 2025 - ICPC-2 koderegister med utvidet termsett (flere linjer per kode).xlsx",
    "helfo_taksttabell_LE_2025-07-01.xml",
)


@dataclass
class Reference:
    """One loaded set of editions. Look-ups never invent a code; free-text search is
    :class:`scribe.coding.index.CodeIndex`, built from it by whoever needs one."""

    codes: dict[str, IcpcCode]
    terms: dict[str, tuple[str, ...]]
    takster: dict[str, Takst]
    editions: dict[str, Edition]

    def validate_code(self, code: str) -> IcpcCode:
        """The ICPC-2 code, or UnknownCode when it is not in the imported edition."""
        found = self.codes.get(code.strip().upper())
        if found is None:
            raise UnknownCode(f"«{code}» finnes ikke i den importerte ICPC-2-utgaven.")
        return found

    def takst(self, code: str) -> Takst:
        found = self.takster.get(code.strip())
        if found is None:
            raise UnknownCode(f"Takst «{code}» finnes ikke i den importerte taksttabellen.")
        return found


def _atomic_write(path: Path, payload: Any) -> None:
    _atomic_write_bytes(path, json.dumps(payload, ensure_ascii=False,
                                         separators=(",", ":")).encode("utf-8"))


def _atomic_write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _parse(path: Path, data: bytes) -> tuple[str, str, list[Any]]:
    """(part, edition date, records) for any supported publisher file."""
    suffix = path.suffix.lower()
    if suffix == ".json":
        codes, edition = importers.parse_finnkode_json(data)
        return "icpc2", edition, codes
    if suffix == ".xlsx":
        terms = importers.parse_termsett_xlsx(data)
        year = next((w for w in path.stem.split() if w.isdigit() and len(w) == 4), "")
        return "termsett", f"{year}-01-01" if year else "", terms
    if suffix == ".xml":
        takster, edition = importers.parse_taksttabell_xml(data)
        return "takster", edition, takster
    if suffix == ".csv":
        return DRUGS, "", importers.parse_drug_list_csv(data)
    raise ReferenceDataError(
        f"Ukjent filtype «{suffix}». Bruk FinnKode-JSON (ICPC-2), termsett (xlsx), "
        "Helfos taksttabell (xml) eller legemiddellisten (drugs_no.csv).")


def import_file(path: Path, data_dir: Path) -> Edition:
    """Parse one publisher file (or the drug list) and make it the current edition of its
    part."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReferenceDataError(f"Kan ikke lese {path.name}: {exc.strerror}") from None
    part, edition, records = _parse(path, data)
    sha = hashlib.sha256(data).hexdigest()
    meta = Edition(part=part, edition=edition or sha[:8], valid_from=edition,
                   source=path.name, sha256=sha, count=len(records),
                   imported_at=datetime.now(UTC).isoformat(timespec="seconds"))
    root = reference_store(data_dir)
    if part == DRUGS:  # the lexicon reads the file itself; the JSON keeps only the edition
        _atomic_write_bytes(root / DRUG_LIST, data)
        records = []
    payload = {"format": 1, "edition": to_jsonable(meta), "records": to_jsonable(records)}
    _close_previous(root, part, meta)
    _atomic_write(root / "editions" / f"{part}-{meta.edition}-{sha[:8]}.json", payload)
    _atomic_write(root / f"{part}.json", payload)
    _CACHE.clear()
    log.info("imported %s edition %s (%d records)", part, meta.edition, meta.count)
    return meta


def _close_previous(root: Path, part: str, new: Edition) -> None:
    """The archived copy of the edition being replaced gets its last valid day."""
    current = root / f"{part}.json"
    if not current.exists() or not new.valid_from:
        return
    doc = _read(current)
    old = doc["edition"]
    if old.get("valid_from", "") >= new.valid_from or old.get("sha256") == new.sha256:
        return
    last_day = date.fromisoformat(new.valid_from) - timedelta(days=1)
    doc["edition"] = {**old, "valid_to": old.get("valid_to") or last_day.isoformat()}
    _atomic_write(root / "editions" / f"{part}-{old['edition']}-{old['sha256'][:8]}.json", doc)


def import_defaults(data_dir: Path, raw_dir: Path | None) -> list[Edition]:
    """Import the default files from ``raw_dir`` (``settings.reference_dir``), and the drug
    list beside it (``../drugs/drugs_no.csv``, as in the shared layout) when it is there."""
    if raw_dir is None or not raw_dir.is_dir():
        raise ReferenceDataError("Fant ingen mappe med kodeverk å importere.",
                                 "Sett SCRIBE_REFERENCE_DIR, eller kjør «scribe codes import FIL».")
    paths = [raw_dir / name for name in DEFAULT_FILES] + [raw_dir.parent / DRUG_LIST]
    return [import_file(path, data_dir) for path in paths if path.exists()]


def ensure_reference(data_dir: Path, raw_dir: Path | None = None) -> Reference:
    """Load the reference; on first run import the defaults from ``raw_dir`` (the
    ``reference_dir`` setting) when it is given."""
    root = reference_store(data_dir)
    if not (root / "icpc2.json").exists() or not (root / "takster.json").exists():
        import_defaults(data_dir, raw_dir)
    return load_reference(data_dir)


_CACHE: dict[tuple[str, tuple[float, ...]], Reference] = {}


def _read(path: Path) -> dict[str, Any]:
    try:
        doc: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return doc
    except (OSError, json.JSONDecodeError) as exc:
        raise ReferenceDataError(f"Kodeverket i {path.name} kan ikke leses ({exc}).",
                                 "Importer filen på nytt med «scribe codes import».") from None


def load_reference(data_dir: Path) -> Reference:
    """The current editions in ``data_dir``; cached until a file changes."""
    root = reference_store(data_dir)
    paths = [root / f"{p}.json" for p in PARTS]
    missing = [p.stem for p in paths if p.stem != "termsett" and not p.exists()]
    if missing:
        raise ReferenceDataError(f"Kodeverket er ikke importert ({', '.join(missing)}).",
                                 "Kjør «scribe codes import FIL» for ICPC-2 og takster.")
    key = (str(root), tuple(p.stat().st_mtime if p.exists() else 0.0 for p in paths))
    if key not in _CACHE:
        _CACHE.clear()
        icpc, terms, takster = (_read(p) if p.exists() else None for p in paths)
        assert icpc is not None and takster is not None  # checked above
        _CACHE[key] = _build(icpc, terms, takster)
    return _CACHE[key]


def _build(icpc: dict[str, Any], terms: dict[str, Any] | None,
           takster: dict[str, Any]) -> Reference:
    codes = {c.code: c for c in map(icpc_from_json, icpc["records"])}
    by_code: dict[str, list[str]] = {}
    for code, term in (terms or {}).get("records", []):
        if code in codes:  # a term for a code outside the edition is ignored
            by_code.setdefault(code, []).append(term)
    editions = {d["edition"]["part"]: Edition(**d["edition"])
                for d in (icpc, terms, takster) if d is not None}
    return Reference(codes=codes, terms={k: tuple(v) for k, v in by_code.items()},
                     takster={t.code: t for t in map(takst_from_json, takster["records"])},
                     editions=editions)
