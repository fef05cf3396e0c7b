"""``scribe about``: version and the licences of bundled components and model packs."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict

from scribe.config import load_settings
from scribe.licences import About, about


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("about", help="versjon og lisenser for komponenter og modeller",
                       description="Vis Scribes versjon, lisensene til komponentene som følger "
                                   "med, og lisensene til modellpakkene.")
    p.add_argument("--json", action="store_true", help="skriv som JSON")
    p.set_defaults(func=cmd_about)


def cmd_about(args: argparse.Namespace) -> int:
    info = about(load_settings().models_dir)
    if args.json:
        print(json.dumps(asdict(info), ensure_ascii=False, indent=1))
    else:
        print(format_about(info))
    return 0


def format_about(info: About) -> str:
    lines = [f"Scribe {info.version} (Python {info.python})", "", "Komponenter:"]
    width = max(len(c.name) for c in info.components)
    for c in info.components:
        where = f"  (i {c.part_of})" if c.part_of else ""
        lines.append(f"  {c.name:<{width}}  {c.version or '–':<10}  {c.licence}{where}")
    lines += ["", "Modellpakker:"]
    if info.models_problem:
        lines.append(f"  {info.models_problem}")
    for m in info.models:
        state = "installert" if m.installed else "ikke installert"
        lines.append(f"  {m.id:<20} {m.licence}  [{state}]")
    return "\n".join(lines)
