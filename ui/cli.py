"""The ``scribe`` console script: the core's command line plus ``scribe app``, the window.

The core's command line (``scribe.cli``) knows nothing of the Qt app; this entry sits above
both and adds the ``app`` command to it. Qt itself loads only when ``scribe app`` runs.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from scribe import cli
from scribe.config import load_settings


def register(sub: cli.SubParsers) -> None:
    p = sub.add_parser("app", help="åpne skrivebordsprogrammet",
                       description="Åpne Scribe-vinduet.")
    p.add_argument("--quit-after", type=int, default=0, metavar="MS",
                   help="lukk etter MS millisekunder (for røyktester)")
    p.set_defaults(func=cmd_app)


def cmd_app(args: argparse.Namespace) -> int:
    from ui.app import run

    return run(load_settings(), quit_after_ms=int(args.quit_after))


COMMANDS: dict[str, cli.Register] = {"app": register}


def build_parser() -> argparse.ArgumentParser:
    return cli.build_parser(COMMANDS)


def main(argv: Sequence[str] | None = None) -> int:
    return cli.main(argv, extra=COMMANDS)
