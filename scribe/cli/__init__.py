"""The ``scribe`` command line. Each module in this package adds its subcommands.

A module here defines ``register(subparsers)``; each parser it adds sets ``func`` to a
handler ``(args) -> int``. Modules are discovered, so a new command group is one new file.
Front ends above the core add their own groups through ``extra`` (the Qt app's console entry,
``ui/cli.py``, adds ``scribe app``); the core never loads them itself.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import pkgutil
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import TypeAlias

import scribe
from scribe import logs
from scribe.errors import Cancelled, ScribeError

SubParsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
Register = Callable[[SubParsers], None]


def build_parser(extra: Mapping[str, Register] | None = None) -> argparse.ArgumentParser:
    """The parser with this package's command groups and ``extra`` ones, in name order."""
    parser = argparse.ArgumentParser(
        prog="scribe",
        description="Scribe – lokal konsultasjonsskriver for fastleger.",
    )
    parser.add_argument("--version", action="version", version=f"scribe {scribe.__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0,
                        help="mer logging (ingen pasienttekst logges)")
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO")
    groups: dict[str, Register] = {
        info.name: importlib.import_module(f"{__name__}.{info.name}").register
        for info in pkgutil.iter_modules(__path__) if not info.name.startswith("_")}
    groups.update(extra or {})
    for name in sorted(groups):
        groups[name](sub)
    return parser


def main(argv: Sequence[str] | None = None, *,
         extra: Mapping[str, Register] | None = None) -> int:
    parser = build_parser(extra)
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    logs.configure(logging.WARNING - 10 * min(args.verbose, 2))
    try:
        return int(args.func(args) or 0)
    except ScribeError as exc:
        print(f"Feil: {exc.show()}", file=sys.stderr)
        return exc.exit_code
    except (Cancelled, KeyboardInterrupt):
        print("Avbrutt.", file=sys.stderr)
        return 130


def subcommand_group(sub: SubParsers, name: str, help_text: str) -> SubParsers:
    """Adds ``scribe NAME`` with its own subcommands (``scribe NAME ACTION``)."""
    group = sub.add_parser(name, help=help_text, description=help_text)
    actions = group.add_subparsers(dest="action", metavar="HANDLING")

    def show_help(_args: argparse.Namespace) -> int:
        group.print_help()
        return 2

    group.set_defaults(func=show_help)
    return actions
