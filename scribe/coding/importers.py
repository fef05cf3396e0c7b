"""Parsers for the publishers' own formats. Each raises ReferenceDataError on a wrong file.

* Helsedirektoratet's FinnKode JSON export of ICPC-2 (``{"data": [ {codeValue, …} ]}``);
* the extended term list (termsett) as xlsx: columns Kode, Kodetekst;
* Helfo's taksttabell XML (namespace ``http://helfo.no/skjema/taksttabell``);
* the drug list built from FEST (``drugs_no.csv``: name, kind, substance, prescription, …).
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from scribe.coding.model import Combination, IcpcCode, Takst
from scribe.errors import ReferenceDataError

CODE_RE = re.compile(r"^[A-Z]\d{2}\d?$")
DRUG_COLUMNS = ("name", "kind", "substance", "prescription")  # what the drug lexicon reads
_TAG = re.compile(r"<[^>]+>")
_ROW = re.compile(r"<tr[^>]*>(.*?)</tr>", re.S)
_CELL = re.compile(r"<td[^>]*>(.*?)</td>", re.S)
_HREF_CODE = re.compile(r'href="#([A-Z]\d{2}\d?)"')
_ICD = re.compile(r"/ICD-10/concept/([A-Z]\d{2}(?:\.\d+)?)")
_NS = "{http://helfo.no/skjema/taksttabell}"


@dataclass(frozen=True)
class OfficialSource:
    """One publisher file a practice downloads itself and imports (``scribe codes import``).

    The ICPC-2 and takst files come with no licence to pass them on, so the app ships none of
    them; the first-run wizard and the self-test name where each is published.
    """

    part: str  # icpc2 | termsett | takster (the reference part the file becomes)
    title: str
    publisher: str
    where: str  # where the practice finds it (pages, not deep links: those move each year)
    file: str  # what the file is called and in which format
    required: bool  # False: improves the search, coding works without it

    def describe(self) -> str:
        need = "" if self.required else " (valgfri)"
        return f"{self.title}{need} fra {self.publisher}: {self.where}"


OFFICIAL_SOURCES = (
    OfficialSource("icpc2", "ICPC-2", "Helsedirektoratet (tidligere Direktoratet for e-helse)",
                   "FinnKode, finnkode.helsedirektoratet.no: ICPC-2 → «Last ned» som JSON",
                   "FinnKode-eksporten som JSON, f.eks. smartkode_icpc-2.json", True),
    OfficialSource("takster", "Helfos taksttabell for leger", "Helfo",
                   "helfo.no: Regelverk og takster → Takster for leger → den maskinlesbare "
                   "taksttabellen (XML)", "taksttabellen som XML, f.eks. "
                   "helfo_taksttabell_LE_2025-07-01.xml", True),
    OfficialSource("termsett", "ICPC-2 med utvidet termsett", "Helsedirektoratet",
                   "helsedirektoratet.no: kodeverk → ICPC-2 → «koderegister med utvidet "
                   "termsett»", "Excel-filen (xlsx) med flere linjer per kode", False),
)


def import_command() -> str:
    """The command that imports the official files (their names as examples)."""
    return "scribe codes import ICPC-2.json TAKSTTABELL.xml [TERMSETT.xlsx]"


def _clean(fragment: str) -> str:
    text = html.unescape(_TAG.sub(" ", fragment))
    return re.sub(r"\s+", " ", text).strip()


def _rows(fragment: str) -> list[tuple[str, str | None]]:
    """(text of the last cell, code it links to) for each table row with text."""
    out: list[tuple[str, str | None]] = []
    for row in _ROW.findall(fragment or ""):
        cells = _CELL.findall(row)
        if not cells:
            continue
        last = cells[-1]
        link = _HREF_CODE.search(last)
        text = _clean(re.sub(r"<a [^>]*>[^<]*</a>", "", last))
        if text:
            out.append((text, link.group(1) if link else None))
    return out


def _labelled(more: str, label: str) -> str:
    m = re.search(rf"<i>{label}:</i>\s*</b>\s*</td>\s*<td[^>]*>(.*?)</td>", more, re.S)
    m = m or re.search(rf"<i>{label}:</i>\s*</td>\s*<td[^>]*>(.*?)</td>", more, re.S)
    return m.group(1) if m else ""


def _consider(more: str) -> tuple[tuple[str, str], ...]:
    m = re.search(r"<i>vurder:</i>.*?</table>", more, re.S)
    return tuple((t, c) for t, c in _rows(m.group(0)) if c) if m else ()


def _icd_terms(more: str) -> tuple[str, ...]:
    raw = _labelled(more, "termer")
    parts = re.split(r"</a>\s*,?", raw)
    return tuple(t for t in (_clean(p.split("<a ")[0]) for p in parts) if t)


def _component(code: str) -> str:
    n = int(code[1:3])
    return "symptom" if n < 30 else "process" if n < 70 else "diagnosis"


def _icpc_record(r: dict[str, Any]) -> IcpcCode:
    code = str(r["codeValue"])
    more = str(r.get("moreInfo") or "")
    return IcpcCode(
        code=code, chapter=code[0], component=_component(code),
        title=str(r["nameNorwegian"]).strip(), title_en=str(r.get("nameEnglish") or ""),
        short_title=str(r.get("textMax60") or ""),
        inclusion=tuple(t for t, _ in _rows(str(r.get("inclusion") or ""))),
        exclusion=tuple((t, c) for t, c in _rows(str(r.get("exclusion") or "")) if c),
        criteria=_clean(_labelled(more, "kriterie")), consider=_consider(more),
        icd10=tuple(dict.fromkeys(_ICD.findall(_labelled(more, "alle ref")))),
        icd10_terms=_icd_terms(more), valid_from=str(r.get("validFrom", ""))[:10],
    )


def parse_finnkode_json(data: bytes) -> tuple[list[IcpcCode], str]:
    """Codes (hierarchy level 2, active) and the edition date (latest ``validFrom``)."""
    try:
        doc = json.loads(data.decode("utf-8-sig"))
        records = doc if isinstance(doc, list) else doc["data"]  # a page, or its bare list
        if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
            raise TypeError
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError):
        raise ReferenceDataError(
            "Filen er ikke en FinnKode-eksport av ICPC-2 (fant ikke listen «data»).") from None
    try:
        codes = [_icpc_record(r) for r in records
                 if r.get("hierarchyLevel") == 2 and r.get("active", True)
                 and CODE_RE.match(str(r.get("codeValue", "")))]
        edition = max(str(r.get("validFrom", ""))[:10] for r in records)
    except (KeyError, ValueError, TypeError, AttributeError) as exc:
        raise ReferenceDataError(f"FinnKode-filen har en ugyldig kodepost ({exc}).") from None
    if len(codes) < 100 or not any(c.code == "A01" for c in codes):
        raise ReferenceDataError(
            f"FinnKode-filen inneholder bare {len(codes)} ICPC-2-koder; forventet hele kodeverket.")
    return codes, edition


def parse_termsett_xlsx(data: bytes) -> list[tuple[str, str]]:
    """(code, term) rows of the termsett sheet."""
    import openpyxl

    try:
        wb = openpyxl.load_workbook(BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        raise ReferenceDataError("Filen er ikke en gyldig Excel-fil (xlsx) med termsett.") from None
    rows = list(wb.worksheets[0].iter_rows(values_only=True))
    wb.close()
    header = [str(v or "").strip().lower() for v in (rows[0] if rows else ())]
    if header[:2] != ["kode", "kodetekst"]:
        raise ReferenceDataError(
            "Termsett-filen mangler kolonnene «Kode» og «Kodetekst» i første rad.")
    terms = [(str(r[0]).strip(), str(r[1]).strip()) for r in rows[1:]
             if r and r[0] and len(r) > 1 and r[1] and CODE_RE.match(str(r[0]).strip())]
    if len(terms) < 100:
        raise ReferenceDataError(f"Termsett-filen har bare {len(terms)} gyldige termer.")
    return terms


def _text(el: ET.Element, name: str, default: str = "") -> str:
    child = el.find(_NS + name)
    return (child.text or "").strip() if child is not None and child.text else default


def _split(value: str) -> frozenset[str]:
    return frozenset(v.strip() for v in value.split("|") if v.strip())


def _combination(value: str) -> Combination:
    parts = [v.strip() for v in value.split("|") if v.strip()]
    if parts and parts[0].lower() in ("alle unntatt", "alle"):
        return Combination(all_except=True, codes=frozenset(parts[1:]))
    return Combination(codes=frozenset(parts))


def _opt_int(el: ET.Element, name: str) -> int | None:
    v = _text(el, name)
    return int(v) if v else None


def _takst(el: ET.Element) -> Takst:
    share = _text(el, "egenandel") or _text(el, "pasientEgenbetaling") or "0"
    return Takst(
        code=_text(el, "takstkode"), description=_text(el, "Beskrivelse"),
        fee=float(_text(el, "honorar", "0")), refund=float(_text(el, "refusjon", "0")),
        patient_share=float(share), valid_from=_text(el, "fradato"),
        max_repetitions=_opt_int(el, "maksRepetisjoner"),
        repetition_percent=int(_text(el, "repetisjonsprosent", "0")),
        specialist_only=_text(el, "spesialisttakst") == "true",
        invalid=_combination(_text(el, "ugyldigKombinasjon")),
        requires_any=_split(_text(el, "kreverTakst")),
        minimum_minutes=int(_text(el, "minimumTidsbruk", "0")),
        minutes_per_repetition=int(_text(el, "minimumTidsbrukPerRep", "0")),
        max_per_year=_opt_int(el, "maksAntallPerKalenderAar") or _opt_int(el, "maksAntallPerAar"),
    )


def parse_taksttabell_xml(data: bytes) -> tuple[list[Takst], str]:
    """Takster and the table's date (``tidspunkt``)."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise ReferenceDataError(f"Takstfilen er ikke gyldig XML ({exc}).") from None
    if root.tag != _NS + "Taksttabell":
        raise ReferenceDataError("Filen er ikke Helfos taksttabell (rotelementet «Taksttabell»).")
    try:
        takster = [_takst(el) for el in root.findall(_NS + "Takst")]
    except ValueError as exc:
        raise ReferenceDataError(f"Takstfilen har en ugyldig verdi ({exc}).") from None
    edition = _text(root, "tidspunkt")
    if not takster or not edition or any(not t.code for t in takster):
        raise ReferenceDataError("Takstfilen mangler takster, takstkoder eller «tidspunkt».")
    return takster, edition


def parse_drug_list_csv(data: bytes) -> list[str]:
    """The drug names of a FEST drug list, checked the way the drafter's lexicon reads it."""
    try:
        text = data.decode("utf-8-sig")
        reader = csv.DictReader(io.StringIO(text, newline=""))
        missing = [c for c in DRUG_COLUMNS if c not in (reader.fieldnames or ())]
        names = [] if missing else [n for row in reader if (n := (row["name"] or "").strip())]
    except (UnicodeDecodeError, csv.Error):
        raise ReferenceDataError("Filen er ikke en legemiddelliste (CSV i UTF-8).") from None
    if not text.strip():
        raise ReferenceDataError("Legemiddellisten er tom.")
    if missing:
        raise ReferenceDataError(
            "Filen er ikke legemiddellisten (drugs_no.csv): første rad mangler kolonnene "
            + ", ".join(f"«{c}»" for c in missing) + ".")
    if len(names) < 100:
        raise ReferenceDataError(
            f"Legemiddellisten inneholder bare {len(names)} legemidler; forventet hele listen.")
    return names
