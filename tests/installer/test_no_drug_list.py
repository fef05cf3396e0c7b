"""Without a drug list the note is still drafted, and the app and the command line say that
its drugs, doses and prescriptions go unchecked and how to import the list."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from scribe.app import DrugListMissing, ScribeApp
from scribe.config import load_settings, with_section

REPO = Path(__file__).resolve().parents[2]


def test_without_a_drug_list_the_app_says_so_until_it_is_imported(tmp_path: Path,
                                                                  shared_dir: Path) -> None:
    settings = replace(with_section(load_settings(), "llm", mode="av"),
                       data_dir=tmp_path / "data", reference_dir=None, given_lexicon_dir=None)
    app = ScribeApp(settings)
    missing = app.drugs_missing()
    assert isinstance(missing, DrugListMissing)
    assert "Notatet lages likevel" in missing.message
    assert "legemiddelnavn, doser og resepter blir ikke kontrollert" in missing.message
    assert "scribe codes import drugs_no.csv" in missing.hint
    assert len(app.drafter().lexicon) == 0
    drugs = shared_dir / "data" / "reference" / "drugs" / "drugs_no.csv"
    assert [e.part for e in app.import_code_lists([drugs])] == ["legemidler"]
    assert app.drugs_missing() is None
    assert app.drafter().lexicon.lookup("ibuprofen") is not None  # the next draft has it


def _scribe(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scribe", *args], capture_output=True,
                          text=True, cwd=REPO, timeout=300, env={**os.environ, **env})


@pytest.mark.parametrize("command", [
    ("draft", "tests/data/demo_transcript.json"),
    ("eval", "--cases", "../shared/eval/dev", "--limit", "2", "--json"),
])
def test_the_command_line_says_once_on_stderr_that_no_drug_list_was_found(
        command: tuple[str, ...], tmp_path: Path) -> None:
    raw = tmp_path / "raw"  # the code lists, with no drug list beside them
    raw.symlink_to(load_settings().reference_dir or "", target_is_directory=True)
    result = _scribe(*command, "--model", "ingen", "--llm-mode", "av",
                     SCRIBE_REFERENCE_DIR=str(raw))
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stderr.count("Fant ingen legemiddelliste") == 1
    assert "scribe codes import drugs_no.csv" in result.stderr
    assert "Fant ingen legemiddelliste" not in result.stdout


def test_the_command_line_says_nothing_when_the_drug_list_is_found() -> None:
    result = _scribe("draft", "tests/data/demo_transcript.json", "--model", "ingen",
                     "--llm-mode", "av")  # the list beside SCRIBE_REFERENCE_DIR, as tests set it
    assert result.returncode == 0, result.stderr[-2000:]
    assert "legemiddelliste" not in result.stderr
