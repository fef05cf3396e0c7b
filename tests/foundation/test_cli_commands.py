"""Every CLI command has --help and is documented in the README; errors print in Norwegian.

The ``scribe`` console script is ``ui.cli``: the core's command line plus ``scribe app``."""

from __future__ import annotations

import argparse
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from scribe import cli as core_cli
from ui.cli import build_parser, main

REPO = Path(__file__).resolve().parents[2]


def _commands(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()
              ) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.append((*prefix, name))
                found.extend(_commands(sub, (*prefix, name)))
    return found


def test_the_cli_has_the_foundation_commands() -> None:
    commands = set(_commands(build_parser()))
    assert {("models", a) for a in ("list", "install", "verify", "path", "add")} <= commands
    assert ("app",) in commands


def test_the_console_script_adds_the_window_to_the_core_command_line() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["scripts"]["scribe"] == "ui.cli:main"
    core = set(_commands(core_cli.build_parser()))
    assert ("app",) not in core
    assert set(_commands(build_parser())) == core | {("app",)}
    names = [c[0] for c in _commands(build_parser()) if len(c) == 1]
    assert names.index("app") < names.index("transcribe")  # in place, as it always was


@pytest.mark.parametrize("command", _commands(build_parser()), ids=" ".join)
def test_every_command_has_help(command: tuple[str, ...],
                                capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([*command, "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: scribe " + " ".join(command))


def test_every_top_level_command_is_documented_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    missing = [c[0] for c in _commands(build_parser())
               if len(c) == 1 and f"scribe {c[0]}" not in readme]
    assert missing == []


def test_a_user_error_prints_a_norwegian_message_and_hint_and_exits_1(
        capsys: pytest.CaptureFixture[str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCRIBE_MODELS_DIR", str(tmp_path / "none"))
    assert main(["models", "path", "whisper-base"]) == 1
    err = capsys.readouterr().err
    assert "Feil: Modellpakken «whisper-base» er ikke installert" in err
    assert "Kjør: scribe models install whisper-base" in err
    assert "Traceback" not in err


def test_the_console_script_runs_as_a_module() -> None:
    out = subprocess.run([sys.executable, "-m", "scribe", "--version"], capture_output=True,
                         text=True, check=True)
    assert out.stdout.startswith("scribe 0.")
