"""``scribe process`` (the main job on a recording or a written transcript) and ``scribe demo``
(the same, headless, in a throw-away encrypted practice database).

The note is printed as soon as it is stored; the codes follow once the language model has
ranked them (the slow part), as in the app."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from dataclasses import asdict, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scribe.app import ScribeApp
from scribe.cli.draft import warn_without_drug_list
from scribe.config import Settings, load_settings
from scribe.consultation import ProcessResult
from scribe.domain import ContactType, Sex
from scribe.progress import Progress

if TYPE_CHECKING:
    from scribe.store import Session

DEMO_PASSPHRASE = "demo-passordfrase"  # a throw-away database, deleted after the run
DEMO_DOCTOR = ("demolege", "demo-passord-1", "9144889")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("process", help="opptak eller transkripsjon → utkast → koder, lagret",
                       description="Kjør hovedjobben på et lydopptak eller en skrevet "
                                   "transkripsjon (.json: «scribe transcribe --json» eller et "
                                   "evalueringstilfelle) og lagre konsultasjonen "
                                   "(SCRIBE_PASSPHRASE, SCRIBE_USER, SCRIBE_PASSWORD).")
    _common(p)
    p.set_defaults(func=cmd_process)
    p = sub.add_parser("demo", help="hovedjobben på et eksempelopptak i en midlertidig database",
                       description="Kjør hovedjobben uten vindu på et eksempelopptak, i en "
                                   "midlertidig kryptert database som slettes etterpå.")
    _common(p)
    p.set_defaults(func=cmd_demo)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("audio", type=Path, metavar="FIL",
                   help="lydfil, eller transkripsjon som .json")
    p.add_argument("--contact", choices=[c.value for c in ContactType],
                   help="kontakttype (standard: tilfellets egen, ellers oppmote)")
    p.add_argument("--sex", choices=["K", "M"],
                   help="pasientens kjønn, K eller M (standard: tilfellets eget, ellers ukjent: "
                        "da utelukkes ingen koder etter kjønn)")
    p.add_argument("--model", help="språkmodell (modellpakke-id), f.eks. qwen2.5-coder-0.5b")
    p.add_argument("--llm-mode", choices=["auto", "av", "koder", "utkast"],
                   help="hva språkmodellen gjør: av, koder (rangerer ICPC-2-kandidater) eller "
                        "utkast (også setningsmerking og formulering); standard fra innstillingene")
    p.add_argument("--no-llm", action="store_true", help="det samme som --llm-mode av")
    p.add_argument("--json", action="store_true", help="skriv resultatet som JSON")


def _settings(args: argparse.Namespace, base: Settings | None = None) -> Settings:
    settings = base or load_settings()
    if args.model:
        settings = replace(settings, llm=replace(settings.llm, model=args.model))
    if args.llm_mode:
        settings = replace(settings, llm=replace(settings.llm, mode=args.llm_mode))
    return settings


def _progress(p: Progress) -> None:
    if sys.stderr.isatty():
        pct = "" if p.fraction is None else f"{p.fraction:4.0%}"
        print(f"\r{p.label:<40} {pct}", end="", file=sys.stderr, flush=True)


def cmd_process(args: argparse.Namespace) -> int:
    from scribe.cli.store import login, open_store

    app = ScribeApp(_settings(args), use_llm=not args.no_llm)
    warn_without_drug_list(app)
    app.adopt(open_store())
    try:
        session = login(app.store)
        _print(app, session, _import(app, session, args), as_json=args.json)
    finally:
        app.close()
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="scribe-demo-") as tmp:
        base = _settings(args)  # the practice's drug list, not the empty temporary folder's
        settings = replace(base, data_dir=Path(tmp) / "data", given_lexicon_dir=base.lexicon_dir)
        app = ScribeApp(settings, use_llm=not args.no_llm)
        warn_without_drug_list(app)
        app.create_practice(DEMO_PASSPHRASE, admin=("demoadmin", "demo-passord-0"),
                            doctor=DEMO_DOCTOR)
        try:
            session = app.users.login(DEMO_DOCTOR[0], DEMO_DOCTOR[1])
            start = time.perf_counter()
            result = _print(app, session, _import(app, session, args), as_json=args.json)
            elapsed = time.perf_counter() - start
            report = app.store.audit_verify()
            kind = "tekst" if _is_transcript(args.audio) else "lyd"
            if not args.json:
                print(f"\nBehandlet {result.transcript.duration_s:.0f} s {kind} på {elapsed:.1f} s "
                      f"(notat: {result.draft.draft.author}, språkmodell: {app.llm_mode}). "
                      f"Revisjonsloggen: "
                      f"{'OK' if report.ok else 'BRUTT'} ({report.count} hendelser).")
            header = Path(settings.db_path).read_bytes()[:16]
            assert not header.startswith(b"SQLite format 3"), "database is not encrypted"
        finally:
            app.close()
    return 0


def _is_transcript(path: Path) -> bool:
    return path.suffix.lower() == ".json"


def _import(app: ScribeApp, session: Session, args: argparse.Namespace) -> ProcessResult:
    """The note for a recording or a written transcript, stored (codes by the rules so far)."""
    contact = ContactType(args.contact) if args.contact else None
    sex = Sex.parse(args.sex)
    if _is_transcript(args.audio):
        return app.consultations.import_transcript(session, args.audio, contact_type=contact,
                                                   patient_sex=sex, on_progress=_progress)
    return app.consultations.import_recording(
        session, args.audio, contact_type=contact or ContactType.OPPMOTE, patient_sex=sex,
        on_progress=_progress)


def _print(app: ScribeApp, session: Session, result: ProcessResult, *,
           as_json: bool) -> ProcessResult:
    """The note first, then the codes once the model has ranked them; the result with the
    codes as stored."""
    if sys.stderr.isatty():
        print(file=sys.stderr)
    if as_json:
        result = app.consultations.complete(session, result, on_progress=_progress)
        json.dump(_as_json(app, result), sys.stdout, ensure_ascii=False, indent=1)
        print()
        return result
    _print_note(app, result)
    if result.ranking is not None:
        print("(Språkmodellen rangerer ICPC-2-kodene …)\n", flush=True)
        result = app.consultations.complete(session, result, on_progress=_progress)
        if sys.stderr.isatty():
            print(file=sys.stderr)
    _print_codes(app, result)
    return result


def _print_note(app: ScribeApp, result: ProcessResult) -> None:
    from scribe.cli.audio import format_segment
    from scribe.draft.render import Templates

    print(f"Konsultasjon {result.cid}, versjon {result.version}\n")
    print("== Transkripsjon ==")
    for segment in result.transcript.segments:
        print(format_segment(segment))
    print("\n== Journalutkast ==")
    print(Templates(app.settings.templates_dir).render_note(result.draft.draft, show_flags=True),
          flush=True)


def _print_codes(app: ScribeApp, result: ProcessResult) -> None:
    missing = app.codes_missing()
    if missing is not None:
        print("== ICPC-2 og takster ==")
        print(missing.show())
        return
    print("== ICPC-2 (forslag) ==")
    for code in result.coding.icpc2:
        star = "*" if code.primary else " "
        print(f"{star}{code.code} {code.title} — {code.reason}")
    print("\n== Takster (forslag) ==")
    for line in result.coding.takster:
        print(f" {line.code} x{line.count}  {line.fee * line.count:8.2f} kr  {line.reason}")
    for warning in result.coding.warnings:
        print(f" ! {warning}")


def _as_json(app: ScribeApp, result: ProcessResult) -> dict[str, Any]:
    missing = app.codes_missing()
    return {
        "consultation": result.cid,
        "version": result.version,
        "transcript": [{**asdict(s), "speaker": s.speaker.value}
                       for s in result.transcript.segments],
        "draft": asdict(result.draft.draft),
        "icpc2": [asdict(c) for c in result.coding.icpc2],
        "takster": [asdict(t) for t in result.coding.takster],
        "warnings": list(result.coding.warnings),
        "codes_unavailable": None if missing is None else missing.show(),
    }
