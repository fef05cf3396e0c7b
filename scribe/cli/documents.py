"""``scribe documents ID``: the referral, the medical part of the sick note and the summary
for the patient, drafted from the consultation, approved by the doctor, exported.

Without ``--kind`` it lists the documents the visit calls for. With ``--kind`` it prints the
document (drafting and storing it the first time), ``--approve`` approves it (password again,
``SCRIBE_PASSWORD``), ``--export STI`` writes the approved document to a new file (``-`` for
standard out; ``--format fhir`` gives the referral as a FHIR ServiceRequest).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from scribe.documents.model import DocumentKind, document_as_dict, parse_kind
from scribe.export.model import ExportFormat

STDOUT = "-"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("documents", help="henvisning, sykmelding og oppsummering til pasienten",
                       description="Utkast til henvisning, sykmelding (medisinsk del) og "
                                   "oppsummering til pasienten fra konsultasjonen; hvert "
                                   "dokument godkjennes og eksporteres for seg (bare lege).")
    p.add_argument("id", type=int, metavar="ID", help="konsultasjonens nummer")
    p.add_argument("--kind", type=parse_kind, metavar="TYPE",
                   help="henvisning, sykmelding eller pasient; uten: vis hvilke som gjelder")
    p.add_argument("--json", action="store_true", help="dokumentet som JSON, med kildene")
    p.add_argument("--redraft", action="store_true",
                   help="lag et nytt utkast fra transkripsjonen og notatet")
    p.add_argument("--likevel", action="store_true",
                   help="lag utkastet selv om konsultasjonen ikke ser ut til å trenge det")
    p.add_argument("--approve", action="store_true",
                   help="godkjenn dokumentet (bekreft med passordet ditt)")
    p.add_argument("--kontrollert", action="store_true",
                   help="jeg har kontrollert de merkede setningene mot samtalen")
    p.add_argument("--on-behalf", action="store_true",
                   help="godkjenn på vegne av konsultasjonens lege")
    p.add_argument("--export", metavar="STI",
                   help="eksporter det godkjente dokumentet til en ny fil (- for standard ut)")
    p.add_argument("--format", choices=[f.value for f in ExportFormat], default="text",
                   help="text (standard) eller fhir (bare henvisning: ServiceRequest)")
    p.set_defaults(func=cmd_documents)


def cmd_documents(args: argparse.Namespace) -> int:
    from scribe.app import ScribeApp
    from scribe.cli.draft import warn_without_drug_list
    from scribe.cli.store import _secret, login, open_store, warn_if_tampered
    from scribe.config import load_settings
    from scribe.documents.render import DocumentTemplates
    from scribe.documents.service import DocumentService
    from scribe.export.documents import DocumentExporter

    settings = load_settings()
    app = ScribeApp(settings, use_llm=False)
    warn_without_drug_list(app)
    app.adopt(open_store())
    try:
        session = login(app.store)
        warn_if_tampered(app.store, args.id)
        service = DocumentService(app.store, app.drafter(),
                                  templates=DocumentTemplates(settings.templates_dir))
        if args.kind is None:
            return _list(service, session, args)
        kind: DocumentKind = args.kind
        if args.redraft:
            version = service.redraft(session, args.id, kind, anyway=args.likevel)
        else:
            version = service.open(session, args.id, kind, anyway=args.likevel)
        if args.approve:
            password = _secret("SCRIBE_PASSWORD", "Bekreft godkjenningen med passordet ditt")
            approval = service.approve(session, args.id, kind, password,
                                       checked=args.kontrollert, on_behalf=args.on_behalf)
            behalf = f" på vegne av {approval.on_behalf_of}" if approval.on_behalf_of else ""
            print(f"Godkjent: {kind.value}, versjon {approval.version} av konsultasjon "
                  f"{args.id}{behalf}. sha256 {approval.sha256}", file=sys.stderr)
            version = app.store.document(session, args.id, kind)
        if args.export is not None:
            exporter = DocumentExporter(app.store, templates=service.templates)
            fmt = ExportFormat(args.format)
            if args.export == STDOUT:
                sys.stdout.write(exporter.export(session, args.id, kind, fmt,
                                                 destination="stdout").content)
            else:
                result = exporter.export_file(session, args.id, kind, fmt, Path(args.export))
                print(f"Eksportert ({fmt.value}): {result.path}", file=sys.stderr)
            return 0
        _print(service, version, args.json)
    finally:
        app.close()
    return 0


def _list(service: object, session: object, args: argparse.Namespace) -> int:
    from scribe.documents.service import DocumentService

    assert isinstance(service, DocumentService)
    kinds = service.applicable(session, args.id)  # type: ignore[arg-type]
    if args.json:
        print(json.dumps({"consultation": args.id, "applicable": [k.value for k in kinds]}))
    else:
        for kind in kinds:
            print(kind.value)
    return 0


def _print(service: object, version: object, as_json: bool) -> None:
    from scribe.documents.service import DocumentService
    from scribe.store import DocumentVersion

    assert isinstance(service, DocumentService) and isinstance(version, DocumentVersion)
    if as_json:
        data = document_as_dict(version.document)
        data.update({"consultation": version.consultation_id, "version": version.n,
                     "approved": version.approval_intact})
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return
    state = "godkjent" if version.approval_intact else "utkast"
    print(f"# {version.document.title}, konsultasjon {version.consultation_id}, versjon "
          f"{version.n} ({state})")
    sys.stdout.write(service.render(version, show_flags=True))
