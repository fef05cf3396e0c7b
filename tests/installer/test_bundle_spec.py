"""The PyInstaller spec and the bundle's entry script, checked without building the bundle."""

from __future__ import annotations

import ast
import importlib.metadata
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from scribe.draft.render import BUILTIN_DIR
from scribe.licences import BUNDLED
from scribe.models import MANIFEST_DIR

REPO = Path(__file__).resolve().parents[2]
SPEC = REPO / "installer" / "scribe.spec"
ENTRY = REPO / "installer" / "scribe_entry.py"


def _spec_tree() -> ast.Module:
    return ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))


def _files_calls() -> dict[str, str]:
    """``files(PATTERN, DEST)`` calls in the spec: the data it copies from the checkout."""
    found: dict[str, str] = {}
    for node in ast.walk(_spec_tree()):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id == "files"):
            pattern, dest = (ast.literal_eval(a) for a in node.args)
            found[pattern] = dest
    return found


def _entry() -> ModuleType:
    spec = importlib.util.spec_from_file_location("scribe_entry", ENTRY)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_spec_is_python_and_names_the_entry_script() -> None:
    source = SPEC.read_text(encoding="utf-8")
    _spec_tree()
    assert '"installer" / "scribe_entry.py"' in source
    assert ENTRY.is_file()


def test_the_runtime_hook_that_loads_the_llama_cpu_variant_is_in_the_spec() -> None:
    hook = REPO / "installer" / "rthooks" / "pyi_rth_ggml_backends.py"
    assert hook.is_file()
    assert '"installer" / "rthooks" / "pyi_rth_ggml_backends.py"' in SPEC.read_text("utf-8")
    compile(hook.read_text(encoding="utf-8"), str(hook), "exec")


def test_every_data_pattern_in_the_spec_matches_files_in_the_checkout() -> None:
    calls = _files_calls()
    assert {"models/*.toml", "scribe/draft/templates/*.j2", "scribe/coding/data/*",
            "scribe/text/data/*", "tests/data/sample_consultation.flac"} <= set(calls)
    for pattern in calls:
        assert sorted(REPO.glob(pattern)), f"{pattern} matches nothing"


def test_data_lands_where_the_code_looks_for_it_in_the_frozen_app() -> None:
    calls = _files_calls()
    # In a one-folder bundle, modules live at <_internal>/scribe/...; data paths computed
    # from __file__ resolve against <_internal>, so each destination must mirror the checkout.
    assert calls["models/*.toml"] == MANIFEST_DIR.relative_to(REPO).as_posix()
    assert calls["scribe/draft/templates/*.j2"] == BUILTIN_DIR.relative_to(REPO).as_posix()
    assert calls["tests/data/sample_consultation.flac"] == "selftest"


def test_the_spec_collects_the_native_libraries_and_qt_plugins_it_needs() -> None:
    source = SPEC.read_text(encoding="utf-8")
    for needle in ('package_dir("llama_cpp") / "lib"', 'f.parts[0] == "bin"',
                   'collect_dynamic_libs("ctranslate2")',
                   'collect_data_files("faster_whisper")', '"sqlcipher3.dbapi2"',
                   'collect_submodules("scribe")', 'collect_submodules("ui")',
                   '"PySide6.QtWidgets"'):
        assert needle in source


@pytest.mark.parametrize("dist", BUNDLED)
def test_every_bundled_distribution_is_installed_so_its_metadata_can_be_copied(
        dist: str) -> None:
    assert importlib.metadata.version(dist)


@pytest.mark.parametrize(("argv", "expected"), [
    ([], ["app"]),
    (["--self-test"], ["self-test"]),
    (["--self-test", "--audio", "x.wav"], ["self-test", "--audio", "x.wav"]),
    (["models", "list"], ["models", "list"]),
    (["--version"], ["--version"]),
])
def test_the_entry_script_maps_the_bundle_arguments_to_the_cli(
        argv: list[str], expected: list[str]) -> None:
    assert _entry().cli_args(argv) == expected


def test_every_data_file_the_core_reads_is_in_the_spec() -> None:
    """A data file added under scribe/ (phrasebook.toml was one) must reach the bundle."""
    calls = _files_calls()
    bundled = {p for pattern in calls for p in REPO.glob(pattern)}
    data = [p for p in (REPO / "scribe").rglob("*")
            if p.is_file() and p.suffix in {".toml", ".tsv", ".j2", ".json", ".csv", ".txt"}
            and "__pycache__" not in p.parts]
    assert data and [p.relative_to(REPO).as_posix() for p in data if p not in bundled] == []
    for pattern, dest in calls.items():
        if pattern.startswith("scribe/"):
            assert dest == pattern.rsplit("/", 1)[0]  # the same place as in the checkout


def test_the_bundle_ships_the_drug_list_and_points_the_app_at_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = SPEC.read_text(encoding="utf-8")
    assert '"lexicon/drugs"' in source and "drugs_no.csv" in source
    entry = _entry()
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert entry.bundled_lexicon() is None  # a bundle built without ../shared has none
    (tmp_path / "lexicon" / "drugs").mkdir(parents=True)
    (tmp_path / "lexicon" / "drugs" / "drugs_no.csv").write_text("name,substance\n")
    assert entry.bundled_lexicon() == tmp_path / "lexicon"
