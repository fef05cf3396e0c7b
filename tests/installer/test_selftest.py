"""``scribe self-test`` from source: the same check the bundle runs with ``--self-test``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from scribe.cli.selftest import PACKS, sample_path

REPO = Path(__file__).resolve().parents[2]


def _run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scribe", "self-test", *args],
                          capture_output=True, text=True, cwd=REPO, timeout=600,
                          env={**os.environ, "OMP_NUM_THREADS": "1", **env})


def test_the_sample_is_found_in_the_checkout() -> None:
    assert sample_path() == REPO / "tests" / "data" / "sample_consultation.flac"


def test_on_a_clean_machine_it_names_every_missing_part_and_how_to_add_it(
        tmp_path: Path) -> None:
    """No model packs, no code lists, no drug list, no reference folder: exit 3, no
    traceback."""
    result = _run(SCRIBE_MODELS_DIR=str(tmp_path / "tomt"), SCRIBE_REFERENCE_DIR="")
    assert result.returncode == 3, result.stdout + result.stderr
    for pack in PACKS:
        assert f"MANGLER  Modellpakke {pack}" in result.stdout
    assert "MANGLER  Kodeverk" in result.stdout
    assert "MANGLER  Legemiddelliste" in result.stdout
    expected = ("Selvtesten er ikke fullført: modellpakkene whisper-base og smollm2-135m "
                "mangler, kodeverket (ICPC-2 og takster) er ikke importert og "
                "legemiddellisten mangler.")
    assert expected in result.stderr
    assert "scribe codes import drugs_no.csv" in result.stderr
    ids = " ".join(PACKS)
    assert f"scribe models install {ids} --from MAPPE" in result.stderr
    assert f"scribe models install {ids} --download" in result.stderr
    assert "finnkode.helsedirektoratet.no" in result.stderr
    assert "helfo.no" in result.stderr
    assert "scribe codes import ICPC-2.json TAKSTTABELL.xml" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "OK  Kryptert database" not in result.stdout  # nothing can run without the packs


@pytest.mark.model
@pytest.mark.slow
def test_the_self_test_runs_the_whole_job_and_exits_0(models_dir: Path, tmp_path: Path) -> None:
    result = _run(SCRIBE_MODELS_DIR=str(models_dir), TMPDIR=str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    for step in ("Kryptert database", "Transkripsjon og utkast", "Godkjenning",
                 "Eksport (tekst og FHIR)", "Revisjonslogg"):
        assert f"OK  {step}" in result.stdout
    assert "Selvtesten besto" in result.stdout
    # the temporary database and the exports are gone again
    assert list(tmp_path.glob("scribe-selvtest-*")) == []


@pytest.mark.model
@pytest.mark.slow
def test_without_code_lists_the_note_part_passes_and_the_codes_are_named_missing(
        models_dir: Path) -> None:
    result = _run(SCRIBE_MODELS_DIR=str(models_dir), SCRIBE_REFERENCE_DIR="/finnes/ikke")
    assert result.returncode == 3, result.stdout + result.stderr[-3000:]
    for step in ("Kryptert database", "Transkripsjon og utkast", "Godkjenning",
                 "Eksport (tekst og FHIR)", "Revisjonslogg"):
        assert f"OK  {step}" in result.stdout
    assert "uten koder" in result.stdout
    assert "MANGLER  Kodeverk" in result.stdout
    assert "MANGLER  Modellpakke" not in result.stdout
    assert "Notatdelen besto" in result.stderr
    assert "scribe codes import" in result.stderr
    assert "scribe models install" not in result.stderr
    assert "Traceback" not in result.stderr
