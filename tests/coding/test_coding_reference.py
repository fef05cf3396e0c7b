"""Importers and the reference store: publishers' formats, editions, atomic replacement."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from scribe.coding.importers import parse_taksttabell_xml
from scribe.coding.reference import Reference, import_file, load_reference
from scribe.errors import ReferenceDataError, UnknownCode

XML_NS = "http://helfo.no/skjema/taksttabell"


def test_import_keeps_editions_with_validity_dates(ref: Reference) -> None:
    assert ref.editions["icpc2"].valid_from == "2025-01-01"
    assert ref.editions["takster"].edition == "2025-07-01"
    assert ref.editions["termsett"].count == 7765
    assert len(ref.codes) == 1388
    assert len(ref.takster) == 391


def test_finnkode_fields_are_parsed(ref: Reference) -> None:
    r74 = ref.validate_code("r74")
    assert r74.title == "Akutt øvre luftveisinfeksjon"
    assert "forkjølelse" in r74.inclusion
    assert ("bihulebetennelse", "R75") in r74.exclusion
    assert "J06.9" in r74.icd10
    assert r74.component == "diagnosis"
    assert ref.codes["R05"].component == "symptom"
    assert ref.codes["A30"].is_process
    assert ("panikkangst", "P74") in ref.codes["K02"].consider
    assert "Omgangssyke" in ref.terms["D73"]


def test_takst_rules_are_parsed(ref: Reference) -> None:
    t2cd = ref.takst("2cd")
    assert (t2cd.minimum_minutes, t2cd.minutes_per_repetition) == (20, 15)
    assert t2cd.requires_any == {"2ad", "2as", "2at", "2av"}
    assert t2cd.invalid.forbids("110") and not t2cd.invalid.forbids("2ad")
    t2at = ref.takst("2at")
    assert t2at.invalid.all_except and t2at.invalid.forbids("706k")
    assert not t2at.invalid.forbids("617")
    assert ref.takst("2ad").patient_share == 179.0
    assert ref.takst("10b").patient_share == 117.0  # pasientEgenbetaling


def test_unknown_codes_are_refused(ref: Reference) -> None:
    with pytest.raises(UnknownCode):
        ref.validate_code("Q12")
    with pytest.raises(UnknownCode):
        ref.takst("2zz")


@pytest.mark.parametrize(("name", "content"), [
    ("icpc.json", b'{"not": "finnkode"}'),
    ("icpc.json", b"\xff\xfe garbage"),
    ("termer.xlsx", b"not a zip file"),
    ("takster.xml", b"<Taksttabell><broken>"),
    ("takster.xml", b'<?xml version="1.0"?><Annet xmlns="x"/>'),
    ("codes.csv", b"a,b\n"),
])
def test_wrong_file_gives_norwegian_error_and_keeps_current_edition(
        ref_dir: Path, tmp_path: Path, name: str, content: bytes) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(ref_dir / "reference", data_dir / "reference")
    before = {p.name: p.read_bytes() for p in (data_dir / "reference").glob("*.json")}
    bad = tmp_path / name
    bad.write_bytes(content)
    with pytest.raises(ReferenceDataError) as info:
        import_file(bad, data_dir)
    assert "beholdt" in info.value.hint  # the current edition stays
    after = {p.name: p.read_bytes() for p in (data_dir / "reference").glob("*.json")}
    assert after == before
    assert load_reference(data_dir).validate_code("R74")


def test_takst_xml_without_takster_is_rejected() -> None:
    doc = f'<Taksttabell xmlns="{XML_NS}"><tidspunkt>2026-07-01</tidspunkt></Taksttabell>'
    with pytest.raises(ReferenceDataError, match="mangler takster"):
        parse_taksttabell_xml(doc.encode())


def test_a_new_takst_edition_replaces_the_current_one(ref_dir: Path, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(ref_dir / "reference", data_dir / "reference")
    doc = (f'<Taksttabell xmlns="{XML_NS}"><tidspunkt>2026-07-01</tidspunkt><Takst>'
           "<takstkode>2ad</takstkode><fradato>2026-07-01</fradato><honorar>200.0</honorar>"
           "<refusjon>20.0</refusjon><egenandel>180.0</egenandel><repetisjonsprosent>0"
           "</repetisjonsprosent><spesialisttakst>false</spesialisttakst>"
           "<Beskrivelse>Konsultasjon</Beskrivelse></Takst></Taksttabell>")
    path = tmp_path / "helfo_2026.xml"
    path.write_text(doc, encoding="iso-8859-1")
    edition = import_file(path, data_dir)
    assert edition.edition == "2026-07-01"
    new = load_reference(data_dir)
    assert new.takst("2ad").fee == 200.0
    archived = sorted((data_dir / "reference" / "editions").glob("takster-*.json"))
    assert len(archived) == 2
    old = json.loads(archived[0].read_text(encoding="utf-8"))["edition"]
    assert (old["edition"], old["valid_to"]) == ("2025-07-01", "2026-06-30")


def test_missing_reference_says_how_to_import(tmp_path: Path) -> None:
    with pytest.raises(ReferenceDataError, match="ikke importert"):
        load_reference(tmp_path)


def test_store_is_plain_json(ref_dir: Path) -> None:
    doc = json.loads((ref_dir / "reference" / "icpc2.json").read_text(encoding="utf-8"))
    assert doc["edition"]["source"] == "smartkode_icpc-2.json"
    assert len(doc["edition"]["sha256"]) == 64


def test_first_run_imports_the_defaults_into_the_data_folder(raw_dir: Path) -> None:
    from scribe.coding.icpc import validate_code
    from scribe.coding.reference import ensure_reference
    from scribe.config import load_settings

    settings = load_settings()  # SCRIBE_DATA_DIR is a fresh folder per test
    assert settings.reference_dir == raw_dir
    ref = ensure_reference(settings.data_dir, settings.reference_dir)
    assert validate_code("R74", ref).code == "R74"
    assert (settings.data_dir / "reference" / "takster.json").exists()


def test_first_run_without_code_lists_says_how_to_get_them(tmp_path: Path) -> None:
    from scribe.coding.reference import ensure_reference

    with pytest.raises(ReferenceDataError, match="Fant ingen mappe med kodeverk") as info:
        ensure_reference(tmp_path, None)
    assert "SCRIBE_REFERENCE_DIR" in info.value.hint
    with pytest.raises(ReferenceDataError, match="Fant ingen mappe med kodeverk"):
        ensure_reference(tmp_path, tmp_path / "finnes-ikke")


def test_finnkode_records_must_be_objects(tmp_path: Path) -> None:
    from scribe.coding.importers import parse_finnkode_json

    with pytest.raises(ReferenceDataError, match="FinnKode"):
        parse_finnkode_json(b'[{"code": "A01", "text": "Smerte"}, 3]')
    with pytest.raises(ReferenceDataError, match="bare 0"):
        parse_finnkode_json(b'[{"code": "A01", "text": "Smerte"}]')  # NAV's list, not FinnKode
