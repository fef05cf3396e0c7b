"""``scribe review``: the doctor's review of codes and takster from the command line, so that
a headless approval (``scribe approve``) covers a diagnosis and its takster."""

from __future__ import annotations

import argparse

from scribe.app import ScribeApp
from scribe.config import load_settings
from scribe.consultation.review import ReviewChoices


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("review", help="godta eller avvis foreslåtte koder og takster",
                       description="Godta eller avvis foreslåtte ICPC-2-koder og takster, legg "
                                   "til en kode fra ICPC-2 eller en takst fra taksttabellen, "
                                   "og lagre det på siste versjon (bare lege).")
    p.add_argument("id", type=int, metavar="ID", help="konsultasjonens nummer")
    p.add_argument("--accept", action="append", default=[], metavar="KODE",
                   help="godta en foreslått kode eller takst; en ICPC-2-kode som ikke er "
                        "foreslått, legges til (kan gjentas)")
    p.add_argument("--reject", action="append", default=[], metavar="KODE",
                   help="avvis en foreslått kode eller takst (kan gjentas)")
    p.add_argument("--takst", action="append", default=[], metavar="KODE",
                   help="godta eller legg til en takst fra taksttabellen (kan gjentas)")
    p.add_argument("--remove-takst", action="append", default=[], metavar="KODE",
                   help="fjern en takst (kan gjentas)")
    p.set_defaults(func=cmd_review)


def cmd_review(args: argparse.Namespace) -> int:
    from scribe.cli.store import login, open_store

    choices = ReviewChoices(accept=args.accept, reject=args.reject, add_takster=args.takst,
                            remove_takster=args.remove_takst)
    app = ScribeApp(load_settings(), use_llm=False)
    app.adopt(open_store())
    try:
        session = login(app.store)
        version = app.consultations.review(session, args.id, choices)
    finally:
        app.close()
    print(f"Konsultasjon {args.id}, versjon {version.n}:")
    for code in version.codes:
        star = "*" if code.primary else " "
        print(f" {star}{code.code} {code.title} [{_STATUS[code.status]}]")
    for line in version.takster:
        print(f"  {line.code} x{line.count}  {line.fee * line.count:8.2f} kr "
              f"[{_STATUS[line.status]}]")
    return 0


_STATUS = {"suggested": "forslag", "accepted": "godtatt", "rejected": "avvist"}
