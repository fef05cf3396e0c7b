"""Export files: atomic, never over an earlier export, refused cleanly when unwritable."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from export_sample import NOTE

from scribe.errors import ExportRefused
from scribe.export.files import export_name, write_new
from scribe.export.model import ExportFormat


def test_names_carry_consultation_version_and_time() -> None:
    at = datetime(2026, 11, 25, 10, 15, 0, tzinfo=UTC)
    assert export_name(NOTE, ExportFormat.TEXT, at) == "konsultasjon-12-v2-20261125T101500Z.txt"
    assert export_name(NOTE, ExportFormat.FHIR, at).endswith("-v2-20261125T101500Z.fhir.json")


def test_a_file_is_written_whole_and_no_temporary_file_is_left(tmp_path: Path) -> None:
    path = write_new(tmp_path / "a.txt", "Anamnese\næøå\n".encode())
    assert path.read_text(encoding="utf-8") == "Anamnese\næøå\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_an_existing_file_is_never_overwritten(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("tidligere eksport")
    with pytest.raises(ExportRefused, match="finnes allerede"):
        write_new(tmp_path / "a.txt", b"ny")
    assert (tmp_path / "a.txt").read_text() == "tidligere eksport"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


@pytest.mark.parametrize("where", ["under_a_file", "missing_folder", "dev_null"])
def test_an_unwritable_folder_is_refused_in_norwegian(tmp_path: Path, where: str) -> None:
    # Tests run as root, so a chmod'ed folder would still be writable: use places no one can
    # write into instead (a path below a regular file, a folder that does not exist).
    (tmp_path / "fil").write_text("x")
    target = {"under_a_file": tmp_path / "fil" / "a.txt",
              "missing_folder": tmp_path / "finnes-ikke" / "a.txt",
              "dev_null": Path("/dev/null/a.txt")}[where]
    with pytest.raises(ExportRefused, match="Kan ikke skrive eksportfilen") as err:
        write_new(target, b"data")
    assert "Ingenting er eksportert" in err.value.message
    assert "skrivetilgang" in err.value.hint
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fil"]
