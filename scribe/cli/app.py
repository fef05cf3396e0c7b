"""``scribe app``: open the desktop window."""

from __future__ import annotations

import argparse
import importlib

from scribe.config import load_settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("app", help="åpne skrivebordsprogrammet",
                       description="Åpne Scribe-vinduet.")
    p.add_argument("--quit-after", type=int, default=0, metavar="MS",
                   help="lukk etter MS millisekunder (for røyktester)")
    p.set_defaults(func=cmd_app)


def cmd_app(args: argparse.Namespace) -> int:
    # The UI package is loaded only here: the core never imports Qt.
    ui_app = importlib.import_module("ui.app")
    return int(ui_app.run(load_settings(), quit_after_ms=args.quit_after))
