"""``scribe about`` and the data behind the About box: components and model licences."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from scribe.cli import main
from scribe.cli.about import format_about
from scribe.licences import about, components
from scribe.models import ModelStore

REQUIRED = ("sqlcipher3", "PySide6-Essentials", "llama-cpp-python", "faster-whisper",
            "ctranslate2")


def test_components_have_versions_and_licences() -> None:
    found = {c.name: c for c in components()}
    for name in REQUIRED:
        assert found[name].version, name
        assert found[name].licence not in ("", "ukjent"), name
    assert found["sqlcipher3"].licence == "Zlib"
    assert "LGPL-3.0" in found["PySide6-Essentials"].licence
    assert found["llama-cpp-python"].licence == "MIT"
    assert found["Qt 6"].part_of == "PySide6-Essentials"
    assert found["Qt 6"].version == found["PySide6-Essentials"].version
    assert found["SQLCipher"].licence == "BSD-3-Clause"


def test_about_lists_installed_and_registered_models_with_their_licences(
        tmp_path: Path) -> None:
    gguf = tmp_path / "egen.gguf"
    gguf.write_bytes(b"GGUF" + bytes(60))
    ModelStore(tmp_path / "models").add(gguf, "praksis-llm")
    info = about(tmp_path / "models")
    models = {m.id: m for m in info.models}
    assert models["whisper-base"].licence.startswith("MIT")
    assert models["smollm2-135m"].licence.startswith("Apache-2.0")
    assert not models["whisper-base"].installed  # an empty model folder
    assert models["praksis-llm"].installed
    assert "ukjent" in models["praksis-llm"].licence
    assert info.models_problem == ""


def test_a_broken_model_registry_is_reported_not_raised(tmp_path: Path) -> None:
    (tmp_path / "registry.json").write_text("{ikke json", encoding="utf-8")
    info = about(tmp_path)
    assert info.models == ()
    assert "skadet" in info.models_problem
    assert "skadet" in format_about(info)


@pytest.mark.model
def test_scribe_about_lists_components_and_the_installed_tiny_packs(
        models_dir: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("SCRIBE_MODELS_DIR", str(models_dir))
    assert main(["about"]) == 0
    text = capsys.readouterr().out
    for name in (*REQUIRED, "Qt 6", "SQLCipher", "llama.cpp"):
        assert name in text
    assert "Zlib" in text and "LGPL-3.0-only" in text
    for line in ("whisper-base         MIT (OpenAI Whisper)  [installert]",
                 "smollm2-135m         Apache-2.0 (HuggingFaceTB SmolLM2)  [installert]"):
        assert line in text, f"{line!r} not in:\n{text}"
    assert main(["about", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {c["name"] for c in data["components"]} >= set(REQUIRED)
    assert {m["id"] for m in data["models"] if m["installed"]} >= {"whisper-base",
                                                                     "smollm2-135m"}


def test_the_about_data_loads_no_qt_and_no_engine() -> None:
    code = ("import sys, scribe.licences as l; l.about(__import__('pathlib').Path('.'));"
            "print(sorted(k for k in sys.modules if k.split('.')[0] in "
            "('PySide6', 'llama_cpp', 'faster_whisper', 'ctranslate2', 'sqlcipher3')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"
