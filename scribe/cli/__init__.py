"""The ``scribe`` command line. Each module in this package adds its subcommands.

A module here defines ``register(subparsers)``; each parser it adds sets ``func`` to a
handler ``(args) -> int``. Modules are discovered, so a new command group is one new file.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import pkgutil
import sys
from collections.abc import Sequence

import scribe
from scribe import logs
from scribe.errors import Cancelled, ScribeError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="scribe",
        description="Scribe – lokal konsultasjonsskriver for fastleger.",
    )
    parser.add_argument("--version", action="version", version=f"scribe {scribe.__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0,
                        help="mer logging (ingen pasienttekst logges)")
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO")
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
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


def subcommand_group(sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str,
                     help_text: str) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    """Adds ``scribe NAME`` with its own subcommands (``scribe NAME ACTION``)."""
    group = sub.add_parser(name, help=help_text, description=help_text)
    actions = group.add_subparsers(dest="action", metavar="HANDLING")

    def show_help(_args: argparse.Namespace) -> int:
        group.print_help()
        return 2

    group.set_defaults(func=show_help)
    return actions
