"""``scribe export ID`` and ``scribe billing report``: approved notes out, takster summed.

Login as for the other store commands (``SCRIBE_PASSPHRASE``, ``SCRIBE_USER``,
``SCRIBE_PASSWORD``, or prompts). ``scribe export`` prints the note for the clipboard, writes
it to ``--out``, or with ``--folder`` writes text and FHIR files into the export folder
(``SCRIBE_EXPORT_DIR``, else ``eksport`` in the data folder). Every export is recorded.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TypeAlias

from scribe.cli import subcommand_group
from scribe.cli._args import iso_date
from scribe.cli.store import login, open_store, warn_if_tampered
from scribe.config import load_settings
from scribe.errors import ExportRefused
from scribe.export.billing import report_text, write_report_csv
from scribe.export.model import ExportFormat
from scribe.export.service import ExportService, export_folder
from scribe.store import Store

Sub: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
STDOUT = "stdout"


def register(sub: Sub) -> None:
    p = sub.add_parser("export", help="eksporter et godkjent notat (tekst eller FHIR)",
                       description="Eksporter den godkjente versjonen av et notat. Uten --out "
                                   "eller --folder skrives det til standard ut.")
    p.add_argument("id", type=int, metavar="ID", help="konsultasjonens nummer")
    p.add_argument("--format", choices=[f.value for f in ExportFormat], default="text",
                   help="text: journaltekst for EPJ (standard); fhir: FHIR R4-dokument (JSON)")
    p.add_argument("--section", metavar="NAVN",
                   help="bare én del, f.eks. Anamnese, Funn, Vurdering, Tiltak, Diagnose, "
                        "Takster (bare tekst)")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--out", type=Path, metavar="STI",
                       help="skriv til denne filen (eller en ny fil i denne mappen); "
                            "en eksisterende fil overskrives aldri")
    where.add_argument("--folder", action="store_true",
                       help="skriv både tekst- og FHIR-fil i eksportmappen")
    p.set_defaults(func=cmd_export)
    actions = subcommand_group(sub, "billing", "oppgjør: takster per lege og periode")
    p = actions.add_parser("report", help="takster, honorar, refusjon, egenandel og varsler")
    p.add_argument("--from", dest="date_from", required=True, type=iso_date, metavar="DATO",
                   help="første dag (ÅÅÅÅ-MM-DD)")
    p.add_argument("--to", dest="date_to", required=True, type=iso_date, metavar="DATO",
                   help="siste dag, tatt med (ÅÅÅÅ-MM-DD)")
    p.add_argument("--doctor", metavar="NAVN", help="bare denne legen")
    p.add_argument("--csv", type=Path, metavar="FIL",
                   help="skriv CSV for regnskapsføreren (semikolon, desimalkomma)")
    p.set_defaults(func=cmd_billing_report)



def _service(store: Store) -> ExportService:
    return ExportService(store, folder=export_folder(load_settings()))


def cmd_export(args: argparse.Namespace) -> int:
    fmt = ExportFormat(args.format)
    if args.folder and args.section:
        raise ExportRefused("--section kan ikke brukes sammen med --folder.",
                            "Mappeeksporten skriver alltid hele notatet.")
    with open_store() as store:
        session = login(store)
        warn_if_tampered(store, args.id)  # the note itself is refused below if it is bad
        service = _service(store)
        if args.folder:
            for result in service.export_to_folder(session, args.id):
                print(f"Eksportert ({result.format.value}): {result.path}")
        elif args.out is not None:
            result = service.export_file(session, args.id, fmt, section=args.section,
                                         out=args.out)
            print(f"Eksportert ({fmt.value}): {result.path}")
        else:
            result = service.export(session, args.id, fmt, section=args.section,
                                    destination=STDOUT)
            sys.stdout.write(result.content)
    return 0


def cmd_billing_report(args: argparse.Namespace) -> int:
    with open_store() as store:
        session = login(store)
        report = _service(store).billing_report(session, args.date_from, args.date_to,
                                                 args.doctor)
    sys.stdout.write(report_text(report))
    if args.csv is not None:
        path = write_report_csv(report, args.csv)
        print(f"CSV skrevet: {path}")
    return 0
