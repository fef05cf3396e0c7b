"""``scribe self-test`` (the bundle's ``--self-test``): the whole job once, to check an install.

In a temporary encrypted database with the two tiny model packs: transcribe the sample
recording, draft, approve, export text and FHIR to a temporary folder, verify the audit
chain. Prints one line per step and exits 0 only if every step passed.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from scribe.app import ScribeApp
from scribe.coding.reference import reference_dir
from scribe.config import Settings, load_settings
from scribe.errors import ModelMissing, ScribeError
from scribe.export.service import ExportService

PACKS = ("whisper-base", "smollm2-135m")
SAMPLE = "sample_consultation.flac"
_ROOT = Path(__file__).resolve().parents[2]  # the checkout, or the bundle's data folder
_PASSPHRASE = "selvtest-passordfrase"
_DOCTOR = ("selvtestlege", "selvtest-passord-1", "9144889")


class SelfTestFailed(ScribeError):
    exit_code = 3
    default_hint = "Installasjonen er ikke i orden. Send utskriften til den som installerte Scribe."


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("self-test", help="kontroller installasjonen med et eksempelopptak",
                       description="Kjør hele jobben én gang i en midlertidig kryptert database "
                                   f"med de små modellpakkene ({' og '.join(PACKS)}).")
    p.add_argument("--audio", type=Path, metavar="LYDFIL",
                   help="et annet opptak enn det innebygde eksempelet")
    p.set_defaults(func=cmd_self_test)


def sample_path() -> Path:
    """The sample recording: in the bundle's ``selftest/``, else the checkout's test data."""
    for candidate in (_ROOT / "selftest" / SAMPLE, _ROOT / "tests" / "data" / SAMPLE):
        if candidate.is_file():
            return candidate
    raise SelfTestFailed(f"Eksempelopptaket {SAMPLE} mangler i installasjonen.")


def _seconds(start: float) -> str:
    return f"{time.perf_counter() - start:.1f}".replace(".", ",")


def _step(label: str, start: float, detail: str = "") -> None:
    print(f"  OK  {label:<28} {_seconds(start):>6} s  {detail}", flush=True)


def _check(ok: bool, message: str) -> None:
    if not ok:
        raise SelfTestFailed(f"Selvtesten feilet: {message}.")


def selftest_settings(base: Settings, data_dir: Path) -> Settings:
    """The user's model folder, a temporary data folder, the tiny packs, no LAN server."""
    return replace(base, data_dir=data_dir, asr=replace(base.asr, model=PACKS[0]),
                   llm=replace(base.llm, model=PACKS[1], server_url="",
                               mode="koder"))  # loads llama.cpp: part of the check


def cmd_self_test(args: argparse.Namespace) -> int:
    base = load_settings()
    audio = args.audio or sample_path()
    with tempfile.TemporaryDirectory(prefix="scribe-selvtest-") as tmp:
        app = ScribeApp(selftest_settings(base, Path(tmp) / "data"))
        missing = [p for p in PACKS if not app.models.status(app.models.get(p)).installed]
        if missing:
            raise ModelMissing(
                f"Selvtesten trenger modellpakkene {' og '.join(PACKS)}; "
                f"{', '.join(missing)} mangler i {base.models_dir}.",
                f"Kjør: scribe models install {' '.join(missing)}")
        user_reference = reference_dir(base.data_dir)
        if (user_reference / "icpc2.json").is_file():  # the practice's imported code lists
            shutil.copytree(user_reference, reference_dir(app.settings.data_dir))
        print(f"Scribe selvtest ({audio.name}, {' + '.join(PACKS)})", flush=True)
        total = start = time.perf_counter()
        app.create_practice(_PASSPHRASE, admin=("selvtestadmin", "selvtest-passord-0"),
                            doctor=_DOCTOR)
        try:
            session = app.users.login(_DOCTOR[0], _DOCTOR[1])
            header = app.settings.db_path.read_bytes()[:16]
            _check(not header.startswith(b"SQLite format 3"), "databasen er ikke kryptert")
            _step("Kryptert database", start)
            start = time.perf_counter()
            reference = app.reference()  # fails early, in Norwegian, if no code lists exist
            _step("Kodeverk", start,
                  f"{len(reference.codes)} ICPC-2, {len(reference.takster)} takster")
            start = time.perf_counter()
            result = app.consultations.complete(
                session, app.consultations.import_recording(session, audio))
            _check(bool(result.transcript.segments), "transkripsjonen er tom")
            _check(bool(result.draft.draft.sections), "journalutkastet er tomt")
            _step("Transkripsjon og utkast", start,
                  f"{len(result.transcript.segments)} segmenter, "
                  f"{len(result.draft.draft.sections)} avsnitt, "
                  f"{len(result.coding.icpc2)} ICPC-2, {len(result.coding.takster)} takster")
            start = time.perf_counter()
            if result.draft.draft.unacknowledged_flags():  # the self-test plays the doctor
                app.store.save_draft(session, result.cid,
                                     result.draft.draft.with_flags_acknowledged())
            app.store.approve(session, result.cid, _DOCTOR[1])
            _step("Godkjenning", start)
            start = time.perf_counter()
            exporter = ExportService(app.store, folder=Path(tmp) / "eksport")  # never the EPJ's
            exports = exporter.export_to_folder(session, result.cid)
            paths = [e.path for e in exports if e.path is not None]
            _check(len(paths) == 2 and all(p.stat().st_size > 0 for p in paths),
                   "eksporten skrev ikke både tekst og FHIR")
            bundle = json.loads(next(p for p in paths if p.suffix == ".json").read_text("utf-8"))
            _check(bundle.get("resourceType") == "Bundle", "FHIR-eksporten er ikke en Bundle")
            _step("Eksport (tekst og FHIR)", start, ", ".join(p.name for p in paths))
            start = time.perf_counter()
            report = app.store.audit_verify()
            _check(report.ok, f"revisjonsloggen er brutt ved hendelse {report.first_broken_id}")
            _step("Revisjonslogg", start, f"{report.count} hendelser, kjeden er hel")
        finally:
            app.close()
    print(f"Selvtesten besto på {_seconds(total)} s.", flush=True)
    return 0
