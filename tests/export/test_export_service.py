"""The export gate against a real SQLCipher store: approved only, untampered, recorded once."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlcipher3
from export_sample import DRAFT, NOTE
from export_world import KDF_ITER, NOW, PASSPHRASE, PASSWORD, World, approved_consultation
from fhir.resources.R4B.bundle import Bundle

from scribe.domain import Statement
from scribe.errors import AccessDenied, ClinicalDataTampered, ExportRefused, ScribeError
from scribe.export.model import ExportFormat
from scribe.export.service import ExportService
from scribe.store import drafts

GOLDEN = Path(__file__).parent / "golden"


@contextmanager
def raw(world: World) -> Iterator[Any]:
    """A second, raw SQLCipher connection: what someone with the passphrase could do."""
    conn = sqlcipher3.connect(str(world.path), isolation_level=None)
    try:
        conn.execute(f"PRAGMA key = '{PASSPHRASE}'")
        conn.execute(f"PRAGMA kdf_iter = {KDF_ITER}")
        conn.execute("PRAGMA busy_timeout = 5000")
        yield conn
    finally:
        conn.close()


def recorded(world: World) -> tuple[int, int]:
    """(export rows, export audit events)."""
    with raw(world) as conn:
        rows = conn.execute("SELECT count(*) FROM exports").fetchone()[0]
        events = conn.execute(
            "SELECT count(*) FROM audit_events WHERE action = 'export'").fetchone()[0]
    return int(rows), int(events)


def test_an_approved_note_exports_as_text_and_is_recorded(world: World) -> None:
    cid = approved_consultation(world.store, world.lege)
    result = world.service.export(world.lege, cid, ExportFormat.TEXT)
    assert result.content == (GOLDEN / "note_r81.txt").read_text(encoding="utf-8")
    assert recorded(world) == (1, 1)
    with raw(world) as conn:
        row = conn.execute("SELECT consultation_id, version, format, destination FROM exports"
                           ).fetchone()
    assert row == (cid, 1, "text", "utklippstavle")
    assert world.store.consultation(world.lege, cid).status == "exported"
    assert world.store.audit_verify().ok


def test_one_section_can_be_exported_and_is_recorded_as_such(world: World) -> None:
    cid = approved_consultation(world.store, world.lege)
    result = world.service.export(world.lege, cid, ExportFormat.TEXT, section="Funn")
    assert result.content.startswith("Temp 38,4 °C.")
    with raw(world) as conn:
        assert conn.execute("SELECT format FROM exports").fetchone() == ("text:Funn",)


def test_exporting_a_draft_is_refused_and_records_nothing(world: World) -> None:
    cid = world.store.create_consultation(world.lege, patient_ref="EPJ-1")
    world.store.transition(world.lege, cid, "transcribed")
    world.store.save_draft(world.lege, cid, DRAFT)
    with pytest.raises(ExportRefused, match="ingen godkjent versjon"):
        world.service.export(world.lege, cid, ExportFormat.TEXT)
    with pytest.raises(ExportRefused):
        world.service.export_to_folder(world.lege, cid)
    assert recorded(world) == (0, 0)
    assert not world.folder.exists() or list(world.folder.iterdir()) == []


def test_an_edit_after_approval_must_be_approved_again(world: World) -> None:
    cid = approved_consultation(world.store, world.lege)
    world.store.new_version(world.lege, cid)
    with pytest.raises(ExportRefused, match="ingen godkjent versjon"):
        world.service.export(world.lege, cid, ExportFormat.FHIR)
    assert recorded(world) == (0, 0)


def _tamper_note(conn: Any, cid: int) -> None:
    """The note is encrypted and the passphrase does not open it: the forger writes a note of
    their own in its place (the draft with another prescription), as the program would store
    it in a database without clinical encryption."""
    tiltak = DRAFT.sections[3]
    forged = replace(DRAFT, sections=(
        *DRAFT.sections[:3],
        replace(tiltak, statements=(Statement("Penicillin V 2 g x 4 i 7 dager."),
                                    *tiltak.statements[1:])),
        *DRAFT.sections[4:]))
    conn.execute("DROP TRIGGER draft_versions_frozen")  # the schema's guard, taken away
    conn.execute("UPDATE draft_versions SET body_json = ? WHERE consultation_id = ?",
                 (drafts.draft_to_json(forged), cid))


def _tamper_takst(conn: Any, cid: int) -> None:
    conn.execute("DROP TRIGGER takst_lines_frozen_update")
    conn.execute("UPDATE takst_lines SET count = 3 WHERE consultation_id = ? AND code = '2cd'",
                 (cid,))


def _tamper_hash(conn: Any, cid: int) -> None:
    conn.execute("DROP TRIGGER approvals_append_only_update")
    conn.execute("UPDATE approvals SET sha256 = ? WHERE consultation_id = ?", ("0" * 64, cid))


CHANGED = (ExportRefused, "endret etter at det ble godkjent")
# The store itself refuses a note that is not the ciphertext it wrote (before any export).
NOT_SEALED = (ClinicalDataTampered, "ikke kryptert slik den skal være")


@pytest.mark.parametrize(("tamper", "refusal"), [(_tamper_note, NOT_SEALED),
                                                  (_tamper_takst, CHANGED),
                                                  (_tamper_hash, CHANGED)],
                         ids=["note", "takst", "hash"])
def test_a_tampered_approval_is_refused_and_records_nothing(
        world: World, tamper: Any, refusal: tuple[type[ScribeError], str]) -> None:
    cid = approved_consultation(world.store, world.lege)
    with raw(world) as conn:
        tamper(conn, cid)
    error, message = refusal
    with pytest.raises(error, match=message) as err:
        world.service.export_file(world.lege, cid, ExportFormat.FHIR)
    assert "Penicillin" not in err.value.show()
    assert recorded(world) == (0, 0)
    assert not world.folder.exists() or list(world.folder.iterdir()) == []


@pytest.mark.parametrize("where", ["under_a_file", "dev_null"])
def test_an_unwritable_folder_is_refused_nothing_written_nothing_recorded(
        world: World, tmp_path: Path, where: str) -> None:
    cid = approved_consultation(world.store, world.lege)
    blocker = tmp_path / "ikke-en-mappe"
    blocker.write_text("x")
    folder = blocker / "eksport" if where == "under_a_file" else Path("/dev/null/eksport")
    service = ExportService(world.store, folder=folder, clock=lambda: NOW)
    with pytest.raises(ExportRefused, match="Ingenting er eksportert"):
        service.export_to_folder(world.lege, cid)
    with pytest.raises(ExportRefused):
        service.export_file(world.lege, cid, ExportFormat.TEXT, out=blocker / "notat.txt")
    assert recorded(world) == (0, 0)
    assert blocker.read_text() == "x"
    assert world.store.consultation(world.lege, cid).status == "approved"


def test_folder_export_writes_text_and_a_valid_fhir_document(world: World) -> None:
    cid = approved_consultation(world.store, world.lege)
    results = world.service.export_to_folder(world.lege, cid)
    names = sorted(p.name for p in world.folder.iterdir())
    stem = f"konsultasjon-{cid}-v1-20261125T120000Z"
    assert names == [f"{stem}.fhir.json", f"{stem}.txt"]
    assert [r.format for r in results] == [ExportFormat.TEXT, ExportFormat.FHIR]
    data = (world.folder / f"{stem}.fhir.json").read_bytes()
    Bundle.model_validate_json(data)
    practitioner = json.loads(data)["entry"][2]["resource"]
    assert practitioner["identifier"][0]["value"] == "9144900"
    assert recorded(world) == (2, 2)


def test_an_earlier_export_is_never_overwritten(world: World) -> None:
    cid = approved_consultation(world.store, world.lege)
    world.service.export_to_folder(world.lege, cid)
    before = {p.name: p.read_bytes() for p in world.folder.iterdir()}
    with pytest.raises(ExportRefused, match="finnes allerede"):
        world.service.export_to_folder(world.lege, cid)  # same clock: same names
    assert {p.name: p.read_bytes() for p in world.folder.iterdir()} == before
    assert recorded(world) == (2, 2)
    later = ExportService(world.store, folder=world.folder,
                          clock=lambda: NOW + timedelta(seconds=1))
    later.export_to_folder(world.lege, cid)
    assert len(list(world.folder.iterdir())) == 4


def test_out_names_a_file_or_a_folder(world: World, tmp_path: Path) -> None:
    cid = approved_consultation(world.store, world.lege)
    one = world.service.export_file(world.lege, cid, ExportFormat.TEXT, section="Tiltak",
                                    out=tmp_path / "tiltak.txt")
    assert one.path is not None and one.path.read_text(encoding="utf-8").startswith(
        "Penicillin V 1 g")
    two = world.service.export_file(world.lege, cid, ExportFormat.FHIR, out=tmp_path)
    assert two.path is not None and two.path.parent == tmp_path
    assert two.path.name.endswith(".fhir.json")


def test_a_file_whose_export_cannot_be_recorded_is_removed(
        world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    cid = approved_consultation(world.store, world.lege)

    def fail(*_args: object) -> int:
        raise ExportRefused("Databasen er opptatt.")

    monkeypatch.setattr(world.store, "record_export", fail)
    with pytest.raises(ExportRefused, match="opptatt"):
        world.service.export_to_folder(world.lege, cid)
    assert list(world.folder.iterdir()) == []


def test_fhir_with_a_section_is_refused(world: World) -> None:
    cid = approved_consultation(world.store, world.lege)
    with pytest.raises(ExportRefused, match="bare eksporteres som tekst"):
        world.service.export(world.lege, cid, ExportFormat.FHIR, section="Funn")
    assert recorded(world) == (0, 0)


def test_a_practice_manager_cannot_export_clinical_text(world: World) -> None:
    cid = approved_consultation(world.store, world.lege)
    with pytest.raises(AccessDenied):
        world.service.export(world.leder, cid, ExportFormat.TEXT)
    assert recorded(world) == (0, 0)


def test_the_billing_report_comes_from_approved_consultations_only(world: World) -> None:
    approved_consultation(world.store, world.lege)
    approved_consultation(world.store, world.lege, contact_type="video")
    draft_only = world.store.create_consultation(world.lege)
    world.store.transition(world.lege, draft_only, "transcribed")
    world.store.save_draft(world.lege, draft_only, DRAFT)
    day = world.store.consultation(world.lege, draft_only).started_at.date()
    report = world.service.billing_report(world.leder, day, day)
    [kari] = report.doctors
    assert (kari.doctor, kari.hpr, kari.consultations) == ("Kari Lege", "9144900", 2)
    assert [(t.code, t.count) for t in kari.takster] == [("2ad", 2), ("2cd", 2), ("705k", 2)]
    assert len(kari.warnings) == 2
    assert world.service.billing_report(world.leder, day, day, "Ingen Slik").doctors == ()


def test_a_backwards_period_is_refused(world: World) -> None:
    with pytest.raises(ExportRefused, match="slutter før"):
        world.service.billing_report(world.leder, NOW.date(), NOW.date() - timedelta(days=1))


def test_the_approved_note_carries_what_the_doctor_approved(world: World) -> None:
    cid = approved_consultation(world.store, world.lege)
    note = world.service.approved_note(world.lege, cid)
    assert note.draft.sections == NOTE.draft.sections
    assert [c.code for c in note.codes] == ["R81"]
    assert note.patient_ref == "EPJ-4711"
    assert note.doctor.hpr == "9144900"


def test_exports_log_ids_but_no_patient_text(world: World,
                                             caplog: pytest.LogCaptureFixture) -> None:
    cid = approved_consultation(world.store, world.lege)
    with caplog.at_level(logging.DEBUG, logger="scribe"):
        world.service.export_to_folder(world.lege, cid)
        with raw(world) as conn:
            _tamper_hash(conn, cid)
        with pytest.raises(ExportRefused):
            world.service.export(world.lege, cid, ExportFormat.TEXT)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert f"konsultasjon {cid}" in logged
    for secret in ("Hoste", "Penicillin", "EPJ-4711", "Lungebetennelse"):
        assert secret not in logged


def test_an_unknown_section_is_refused_and_records_nothing(world: World) -> None:
    cid = approved_consultation(world.store, world.lege)
    with pytest.raises(ExportRefused, match="ingen del som heter «Epikrise»"):
        world.service.export(world.lege, cid, ExportFormat.TEXT, section="Epikrise")
    with pytest.raises(ExportRefused):
        world.service.export_file(world.lege, cid, ExportFormat.TEXT, section="Epikrise")
    assert recorded(world) == (0, 0)
    assert not world.folder.exists() or list(world.folder.iterdir()) == []


def _forge_approval(conn: Any, cid: int) -> None:
    """An approval row written with the passphrase alone. The note is encrypted, so the forger
    cannot compute its sha256 and writes a made-up one; the sealed digest (over the ciphertext
    and the plain billing fields) needs no key, so the forgery carries a correct one."""
    n = conn.execute("SELECT max(n) FROM draft_versions WHERE consultation_id = ?",
                     (cid,)).fetchone()[0]
    user_id = conn.execute("SELECT doctor_id FROM consultations WHERE id = ?", (cid,)).fetchone()
    conn.execute("INSERT INTO approvals (consultation_id, version, user_id, approved_at, sha256, "
                 "sealed_sha256) VALUES (?, ?, ?, ?, ?, ?)",
                 (cid, n, user_id[0], NOW.isoformat(), "0" * 64,
                  drafts.sealed_digest(conn, cid, n)))
    conn.execute("UPDATE draft_versions SET approved = 1 WHERE consultation_id = ?", (cid,))
    conn.execute("UPDATE consultations SET status = 'approved' WHERE id = ?", (cid,))


def test_an_approval_forged_with_the_passphrase_is_refused_and_records_nothing(
        world: World) -> None:
    cid = world.store.create_consultation(world.lege, patient_ref="EPJ-1")
    world.store.transition(world.lege, cid, "transcribed")
    world.store.save_draft(world.lege, cid, DRAFT)
    with raw(world) as conn:
        _forge_approval(conn, cid)
    # the made-up hash is what the export gate meets first; the store also finds no signature
    with pytest.raises(ExportRefused, match="endret etter at det ble godkjent") as err:
        world.service.export_to_folder(world.lege, cid)
    assert "Hoste" not in err.value.show()
    approval = world.store.draft(world.lege, cid).approval
    assert approval is not None and not approval.verified
    assert approval.problem == "godkjenningen har ingen gyldig signatur fra legen"
    assert recorded(world) == (0, 0)
    assert not world.folder.exists() or list(world.folder.iterdir()) == []


def test_an_approval_on_behalf_names_both_doctors_consistently(world: World) -> None:
    admin = world.store.authenticate("admin", PASSWORD)
    world.store.create_user("Per Vikar", "lege", PASSWORD, "1111111", session=admin)
    vikar = world.store.authenticate("Per Vikar", PASSWORD)
    cid = world.store.create_consultation(world.lege, patient_ref="EPJ-4711")
    world.store.transition(world.lege, cid, "transcribed")
    world.store.save_draft(world.lege, cid, DRAFT)
    world.store.approve(vikar, cid, PASSWORD, on_behalf=True)
    bundle = json.loads(world.service.export(vikar, cid, ExportFormat.FHIR).content)
    Bundle.model_validate(bundle)
    by_url = {e["fullUrl"]: e["resource"] for e in bundle["entry"]}
    kinds = {r["resourceType"]: r for r in by_url.values()}

    def who(ref: dict[str, str]) -> tuple[str, str]:
        person = by_url[ref["reference"]]
        return person["name"][0]["text"], person["identifier"][0]["value"]

    kari, per = ("Kari Lege", "9144900"), ("Per Vikar", "1111111")
    assert who(kinds["Encounter"]["participant"][0]["individual"]) == kari
    assert who(kinds["Composition"]["author"][0]) == kari
    assert who(kinds["Composition"]["attester"][0]["party"]) == per
    agent = kinds["Provenance"]["agent"][0]
    assert (who(agent["who"]), who(agent["onBehalfOf"])) == (per, kari)
