"""The drug list is imported into the data folder like the code lists, and the drafter's
lexicon is read from there when no environment variable names another folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scribe.coding.reference import import_file
from scribe.config import Settings, load_settings
from scribe.draft.lexicon import lexicon_for
from scribe.errors import ReferenceDataError

CSV_HEADER = "name,kind,substance,atc,forms_strengths,prescription\n"


@pytest.fixture
def drug_list(shared_dir: Path) -> Path:
    return shared_dir / "data" / "reference" / "drugs" / "drugs_no.csv"


def _settings(data_dir: Path, **env: str) -> Settings:
    """The settings a practice's PC has: no SCRIBE_REFERENCE_DIR, no SCRIBE_LEXICON_DIR."""
    return load_settings({"SCRIBE_DATA_DIR": str(data_dir),
                          "SCRIBE_CONFIG": str(data_dir / "finnes-ikke.toml"), **env})


def test_the_imported_drug_list_is_the_lexicon_without_any_environment_variable(
        tmp_path: Path, drug_list: Path) -> None:
    settings = _settings(tmp_path / "data")
    assert settings.lexicon_dir is None
    edition = import_file(drug_list, settings.data_dir)
    assert (edition.part, edition.count, edition.source) == ("legemidler", 6965, "drugs_no.csv")
    assert len(edition.sha256) == 64
    store = settings.data_dir / "reference"
    assert (store / "drugs" / "drugs_no.csv").read_bytes() == drug_list.read_bytes()
    recorded = json.loads((store / "legemidler.json").read_text(encoding="utf-8"))["edition"]
    assert recorded["sha256"] == edition.sha256
    assert list((store / "editions").glob("legemidler-*.json"))
    assert settings.lexicon_dir == store  # looked up on use: the import counts at once
    lexicon = lexicon_for(settings.lexicon_dir)
    assert len(lexicon) > 1000
    ibuprofen = lexicon.lookup("ibuprofen")
    assert ibuprofen is not None and ibuprofen.kind == "substance"


@pytest.mark.parametrize(("content", "message"), [
    (b"code,title\nA01,Generell smerte\n", "mangler kolonnene «name», «kind», «substance»"),
    (b"", "er tom"),
    (b"\xff\xfe\x00n\x00a\x00m\x00e", "CSV i UTF-8"),
    ((CSV_HEADER + "Paracet,brand,paracetamol,N02BE01,tab 500 mg,no (F)\n").encode(),
     "bare 1 legemidler"),
])
def test_a_file_that_is_no_drug_list_is_refused_and_the_imported_list_kept(
        tmp_path: Path, drug_list: Path, content: bytes, message: str) -> None:
    data_dir = tmp_path / "data"
    import_file(drug_list, data_dir)
    store = data_dir / "reference"
    before = {p.relative_to(store): p.read_bytes() for p in store.rglob("*") if p.is_file()}
    bad = tmp_path / "drugs_no.csv"
    bad.write_bytes(content)
    with pytest.raises(ReferenceDataError, match=message) as info:
        import_file(bad, data_dir)
    assert "beholdt" in info.value.hint
    after = {p.relative_to(store): p.read_bytes() for p in store.rglob("*") if p.is_file()}
    assert after == before  # no temporary file left behind either
    assert lexicon_for(_settings(data_dir).lexicon_dir).lookup("ibuprofen") is not None


def test_an_unreadable_file_is_refused_in_norwegian(tmp_path: Path) -> None:
    with pytest.raises(ReferenceDataError, match=r"Kan ikke lese drugs_no\.csv"):
        import_file(tmp_path / "drugs_no.csv", tmp_path / "data")


def test_first_run_imports_the_drug_list_beside_the_raw_folder(ref_dir: Path,
                                                               drug_list: Path) -> None:
    """``ref_dir`` is ``import_defaults`` from ``../shared/data/reference/raw``."""
    store = ref_dir / "reference"
    assert (store / "drugs" / "drugs_no.csv").read_bytes() == drug_list.read_bytes()
    doc = json.loads((store / "legemidler.json").read_text(encoding="utf-8"))
    assert doc["edition"]["count"] == 6965
    assert _settings(ref_dir).lexicon_dir == store


def test_environment_variables_win_over_the_imported_list(tmp_path: Path, drug_list: Path,
                                                          raw_dir: Path) -> None:
    data_dir = tmp_path / "data"
    import_file(drug_list, data_dir)
    own = tmp_path / "egen"
    assert _settings(data_dir, SCRIBE_LEXICON_DIR=str(own)).lexicon_dir == own
    beside = _settings(data_dir, SCRIBE_REFERENCE_DIR=str(raw_dir)).lexicon_dir
    assert beside == raw_dir.parent
    assert _settings(data_dir, SCRIBE_REFERENCE_DIR=str(tmp_path)).lexicon_dir == (
        data_dir / "reference")  # nothing beside that folder: the imported list


def test_a_list_imported_anew_is_read_anew(tmp_path: Path, drug_list: Path) -> None:
    lines = drug_list.read_text(encoding="utf-8").splitlines(keepends=True)
    short = tmp_path / "kort" / "drugs_no.csv"
    short.parent.mkdir()
    short.write_text("\ufeff" + "".join(lines[:301]), encoding="utf-8")  # as Excel saves it
    data_dir = tmp_path / "data"
    assert import_file(short, data_dir).count == 300
    lexicon_dir = _settings(data_dir).lexicon_dir
    first = len(lexicon_for(lexicon_dir))
    assert 0 < first < 300
    import_file(drug_list, data_dir)
    assert len(lexicon_for(lexicon_dir)) > first
