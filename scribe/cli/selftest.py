"""``scribe self-test`` (the bundle's ``--self-test``): the whole job once, to check an install.

In a temporary encrypted database with the two tiny model packs: transcribe the sample
recording, draft, approve, export text and FHIR to a temporary folder, verify the audit
chain. Prints one line per step and exits 0 only if every step passed.

On a clean machine it names what is missing («MANGLER») and how to add it, and exits 3: the
model packs (from a folder of packs, or downloaded once with consent), the code lists (the
practice's own official files, with where each is published) and the drug list. Without code
lists or drug list the note part still runs; without the model packs nothing can.
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
from scribe.coding.importers import OFFICIAL_SOURCES, import_command
from scribe.config import Settings, load_settings, reference_store
from scribe.errors import ScribeError
from scribe.export.service import ExportService
from scribe.models import BESIDE_INSTALLER, default_pack_folder

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
    """The user's model folder and drug list, a temporary data folder, the tiny packs, no LAN
    server."""
    return replace(base, data_dir=data_dir, given_lexicon_dir=base.lexicon_dir,
                   asr=replace(base.asr, model=PACKS[0]),
                   llm=replace(base.llm, model=PACKS[1], server_url="",
                               mode="koder"))  # loads llama.cpp: part of the check


def packs_hint(missing: list[str]) -> str:
    """How to add the missing packs: from a folder of packs, or downloaded once."""
    ids = " ".join(missing)
    folder = default_pack_folder()
    source = str(folder) if folder is not None else "MAPPE"
    return (f"Modellpakkene, fra en mappe med pakkefilene (f.eks. «{BESIDE_INSTALLER}» ved "
            f"siden av installasjonsfilen, eller en minnepinne):\n"
            f"  scribe models install {ids} --from {source}\n"
            f"  eller last dem ned én gang (sha256-kontrollert): "
            f"scribe models install {ids} --download")


def codes_hint() -> str:
    lines = [f"  - {s.describe()}" for s in OFFICIAL_SOURCES]
    return ("Kodeverket: last ned praksisens egne offisielle filer:\n" + "\n".join(lines)
            + f"\n  og kjør: {import_command()}")


def _missing(label: str, detail: str) -> None:
    print(f"  MANGLER  {label:<27} {detail}", flush=True)


def _incomplete(missing_packs: list[str], codes: bool,
                drugs: ScribeError | None = None) -> SelfTestFailed:
    parts = []
    if missing_packs:
        parts.append(f"modellpakkene {' og '.join(missing_packs)} mangler")
    if codes:
        parts.append("kodeverket (ICPC-2 og takster) er ikke importert")
    if drugs is not None:
        parts.append("legemiddellisten mangler")
    hints = (([packs_hint(missing_packs)] if missing_packs else [])
             + ([codes_hint()] if codes else [])
             + ([drugs.hint] if drugs is not None else []))
    skipped = [what for what, gone in (("kodeforslag ble ikke laget", codes),
                                       ("legemidler ble ikke kontrollert", drugs is not None))
               if gone]
    done = ("" if missing_packs else
            " Notatdelen besto (transkripsjon, utkast, godkjenning, eksport); "
            f"{' og '.join(skipped)}.")
    listed = ", ".join(parts[:-1]) + " og " + parts[-1] if len(parts) > 1 else parts[0]
    return SelfTestFailed(f"Selvtesten er ikke fullført: {listed}.{done}",
                          "Slik legger du til det som mangler:\n" + "\n".join(hints))


def cmd_self_test(args: argparse.Namespace) -> int:
    base = load_settings()
    audio = args.audio or sample_path()
    with tempfile.TemporaryDirectory(prefix="scribe-selvtest-") as tmp:
        app = ScribeApp(selftest_settings(base, Path(tmp) / "data"))
        missing = [p for p in PACKS if not app.models.status(app.models.get(p)).installed]
        user_reference = reference_store(base.data_dir)
        if (user_reference / "icpc2.json").is_file():  # the practice's imported code lists
            shutil.copytree(user_reference, reference_store(app.settings.data_dir))
        print(f"Scribe selvtest ({audio.name}, {' + '.join(PACKS)})", flush=True)
        no_codes, no_drugs = _reference_data(app)
        for pack_id in missing:
            _missing(f"Modellpakke {pack_id}",
                     f"{app.models.status(app.models.get(pack_id)).problem} i {base.models_dir}")
        if missing:
            raise _incomplete(missing, no_codes is not None, no_drugs)
        total = time.perf_counter()
        try:
            _run_job(app, audio, Path(tmp), codes=no_codes is None)
        finally:
            app.close()
    if no_codes is not None:
        _missing("Kodeforslag", "ikke laget: kodeverket mangler")
    if no_codes is not None or no_drugs is not None:
        raise _incomplete([], no_codes is not None, no_drugs)
    print(f"Selvtesten besto på {_seconds(total)} s.", flush=True)
    return 0


def _reference_data(app: ScribeApp) -> tuple[ScribeError | None, ScribeError | None]:
    """The code lists and the drug list, a line each: why each is missing (None: found)."""
    start = time.perf_counter()
    no_codes = app.codes_missing()  # imports SCRIBE_REFERENCE_DIR's files when it is set
    if no_codes is None:
        reference = app.reference()
        _step("Kodeverk", start, f"{len(reference.codes)} ICPC-2, {len(reference.takster)} takster")
    else:
        _missing("Kodeverk", "ICPC-2 og takster er ikke importert (se under)")
    no_drugs = app.drugs_missing()
    if no_drugs is None:
        _step("Legemiddelliste", start, str(app.settings.lexicon_dir))
    else:
        _missing("Legemiddelliste", "ikke funnet: legemidler kontrolleres ikke (se under)")
    return no_codes, no_drugs


def _run_job(app: ScribeApp, audio: Path, tmp: Path, *, codes: bool) -> None:
    """Database, transcription and draft, approval, export, audit chain: one line each."""
    start = time.perf_counter()
    app.create_practice(_PASSPHRASE, admin=("selvtestadmin", "selvtest-passord-0"),
                        doctor=_DOCTOR)
    session = app.users.login(_DOCTOR[0], _DOCTOR[1])
    header = app.settings.db_path.read_bytes()[:16]
    _check(not header.startswith(b"SQLite format 3"), "databasen er ikke kryptert")
    _step("Kryptert database", start)
    start = time.perf_counter()
    result = app.consultations.complete(
        session, app.consultations.import_recording(session, audio))
    _check(bool(result.transcript.segments), "transkripsjonen er tom")
    _check(bool(result.draft.draft.sections), "journalutkastet er tomt")
    coded = (f"{len(result.coding.icpc2)} ICPC-2, {len(result.coding.takster)} takster"
             if codes else "uten koder")
    _step("Transkripsjon og utkast", start,
          f"{len(result.transcript.segments)} segmenter, "
          f"{len(result.draft.draft.sections)} avsnitt, {coded}")
    start = time.perf_counter()
    if result.draft.draft.unacknowledged_flags():  # the self-test plays the doctor
        app.store.save_draft(session, result.cid, result.draft.draft.with_flags_acknowledged())
    app.store.approve(session, result.cid, _DOCTOR[1])
    _step("Godkjenning", start)
    start = time.perf_counter()
    exporter = ExportService(app.store, folder=tmp / "eksport")  # never the EPJ's folder
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
