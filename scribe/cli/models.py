"""``scribe models …``: list, install, verify, locate and register model packs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scribe.cli import subcommand_group
from scribe.config import load_settings
from scribe.errors import ModelInstallFailed
from scribe.models import ModelStore
from scribe.progress import Progress


def store_from_settings() -> ModelStore:
    return ModelStore(load_settings().models_dir)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    actions = subcommand_group(sub, "models", "modellpakker: vis, installer, kontroller")
    p = actions.add_parser("list", help="vis modellpakkene og om de er installert")
    p.set_defaults(func=cmd_list)
    p = actions.add_parser(
        "install", help="installer modellpakker fra en mappe, mellomlageret eller PyPI",
        description="Installerer modellpakker fra en mappe (--from: hjul-filene eller "
                    "pakkens egne filer), ellers fra mellomlageret. Det som mangler lastes "
                    "ned bare med --download (fra pakkeregisteret i pakkebeskrivelsen), eller "
                    "med pip når Scribe kjører fra kildekoden.")
    p.add_argument("ids", nargs="*", metavar="ID",
                   help="pakkene; med --from uten ID: alle pakkene som finnes i mappen")
    p.add_argument("--from", dest="source", type=Path, metavar="MAPPE",
                   help="en mappe med pakkene (f.eks. «modellpakker» ved installasjonsfilen)")
    p.add_argument("--download", action="store_true",
                   help="last ned det som mangler, én gang, fra pakkeregisteret i "
                        "pakkebeskrivelsen (sha256-kontrollert)")
    p.add_argument("--force", action="store_true", help="sett sammen filene på nytt")
    p.set_defaults(func=cmd_install)
    p = actions.add_parser("verify", help="kontroller størrelse og sha256 for installerte pakker")
    p.add_argument("ids", nargs="*", metavar="ID", help="standard: alle installerte")
    p.set_defaults(func=cmd_verify)
    p = actions.add_parser("path", help="skriv stien en motor laster pakken fra")
    p.add_argument("id", metavar="ID")
    p.set_defaults(func=cmd_path)
    p = actions.add_parser(
        "add", help="registrer praksisens egen modell (GGUF-fil eller Whisper-mappe)")
    p.add_argument("path", type=Path, metavar="PATH")
    p.add_argument("--id", required=True, dest="pack_id")
    p.add_argument("--kind", choices=["asr", "llm"])
    p.add_argument("--chat-format", default="", help="llama.cpp chat-format, f.eks. chatml")
    p.set_defaults(func=cmd_add)


_last_shown: list[str] = [""]


def _bar(progress: Progress) -> None:
    """One status line on a terminal, redrawn only when the whole percent changes."""
    if not sys.stderr.isatty():
        return
    pct = "" if progress.fraction is None else f"{int(progress.fraction * 100):3d} %"
    line = f"{progress.label:<48} {pct}"
    if line != _last_shown[0]:
        _last_shown[0] = line
        print(f"\r{line}", end="", file=sys.stderr, flush=True)


def cmd_list(_args: argparse.Namespace) -> int:
    store = store_from_settings()
    print(f"{'ID':<22} {'TYPE':<9} {'STØRRELSE':>10} {'RAM':>7}  STATUS")
    for pack in store.packs():
        status = store.status(pack)
        state = "installert" if status.installed else status.problem
        if pack.registered:
            state += " (registrert)"
        ram = f"{pack.ram_mb} MB" if pack.ram_mb else "?"
        print(f"{pack.id:<22} {pack.kind:<9} {pack.size / 1e6:>7.0f} MB {ram:>7}  {state}")
    return 0


def cmd_install(args: argparse.Namespace) -> int:
    store = store_from_settings()
    ids = list(args.ids)
    if args.source is not None and not args.source.is_dir():
        raise ModelInstallFailed(f"Fant ikke mappen {args.source}.",
                                 "Oppgi mappen med modellpakkene: --from MAPPE")
    if not ids and args.source is not None:
        ids = store.installable_from(args.source)
        if not ids:
            raise ModelInstallFailed(f"Fant ingen modellpakker å installere i {args.source}.",
                                     "Mappen skal ha hjul-filene (.whl) eller pakkens filer, "
                                     "én undermappe per pakke (f.eks. whisper-base/).")
    if not ids:
        raise ModelInstallFailed("Oppgi hvilke modellpakker som skal installeres.",
                                 "Se «scribe models list».")
    for pack_id in ids:
        path = store.install(pack_id, force=args.force, source=args.source,
                             download=args.download, on_progress=_bar)
        print(f"\r{pack_id}: installert og kontrollert i {path}" + " " * 20)
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    store = store_from_settings()
    ids = args.ids or [p.id for p in store.packs() if store.status(p).installed]
    if not ids:
        print("Ingen modellpakker er installert. Kjør: scribe models install whisper-base")
        return 1
    for pack_id in ids:
        store.verify(pack_id, on_progress=_bar)
        print(f"\r{pack_id}: OK" + " " * 60)
    return 0


def cmd_path(args: argparse.Namespace) -> int:
    print(store_from_settings().resolve(args.id))
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    pack = store_from_settings().add(args.path, args.pack_id, kind=args.kind,
                                     chat_format=args.chat_format, on_progress=_bar)
    print(f"\r{pack.id}: registrert ({pack.kind}, {pack.format}) fra {pack.registered_path}")
    return 0
