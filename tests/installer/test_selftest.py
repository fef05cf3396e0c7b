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


def test_missing_model_packs_give_a_norwegian_error_naming_the_install_command(
        tmp_path: Path) -> None:
    result = _run(SCRIBE_MODELS_DIR=str(tmp_path / "tomt"))
    assert result.returncode == 1
    assert "Feil: Selvtesten trenger modellpakkene whisper-base og smollm2-135m" in result.stderr
    assert f"Kjør: scribe models install {' '.join(PACKS)}" in result.stderr
    assert "Traceback" not in result.stderr


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
def test_missing_code_lists_stop_the_self_test_early_in_norwegian(models_dir: Path) -> None:
    result = _run(SCRIBE_MODELS_DIR=str(models_dir), SCRIBE_REFERENCE_DIR="/finnes/ikke")
    assert result.returncode == 1
    assert "OK  Kryptert database" in result.stdout
    assert "Transkripsjon" not in result.stdout
    assert "Feil: Fant ingen mappe med kodeverk" in result.stderr
    assert "Traceback" not in result.stderr
