"""The import rules from DESIGN.md, checked on the real code."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ENGINES = ("faster_whisper", "llama_cpp", "ctranslate2", "sqlcipher3", "sounddevice")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_importing_every_scribe_module_loads_no_qt_and_no_engine() -> None:
    code = (
        "import importlib, pkgutil, sys, json, scribe\n"
        "for m in pkgutil.walk_packages(scribe.__path__, 'scribe.'):\n"
        "    if not m.name.endswith('__main__'): importlib.import_module(m.name)\n"
        "print(json.dumps(sorted(k for k in sys.modules if k.split('.')[0] in "
        "('PySide6','faster_whisper','llama_cpp','ctranslate2'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=REPO)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []


def test_scribe_never_imports_qt_or_ui() -> None:
    for path in (REPO / "scribe").rglob("*.py"):
        bad = _imports(path) & {"PySide6", "ui", "shiboken6"}
        assert not bad, f"{path.relative_to(REPO)} imports {bad}"


def test_ui_imports_no_engine() -> None:
    for path in (REPO / "ui").rglob("*.py"):
        bad = _imports(path) & set(ENGINES)
        assert not bad, f"{path.relative_to(REPO)} imports {bad}"


def test_each_engine_has_exactly_one_adapter_module() -> None:
    users: dict[str, list[str]] = {e: [] for e in ENGINES}
    for path in (REPO / "scribe").rglob("*.py"):
        for engine in _imports(path) & set(ENGINES):
            users[engine].append(str(path.relative_to(REPO)))
    too_many = {e: u for e, u in users.items() if len(u) > 1}
    assert not too_many, f"engine imported by several modules: {too_many}"
