"""The store's CLI commands, run non-interactively through the environment variables."""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date
from pathlib import Path

import pytest
from storekit import KDF_ITER, PASSPHRASE, drafted_consultation, forge_approval, raw

from scribe.cli import store as cli
from scribe.config import load_settings
from scribe.errors import ScribeError
from scribe.store import Store

ADMIN, DOCTOR = ("kari.admin", "admin-pass-1"), ("dr.nilsen", "lege-pass-1")


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Like ``scribe.cli.main`` for this command group alone: (exit code, stdout, stderr)."""
    parser = argparse.ArgumentParser(prog="scribe")
    cli.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    try:
        rc = int(args.func(args) or 0)
    except ScribeError as exc:
        print(f"Feil: {exc.show()}", file=sys.stderr)
        rc = exc.exit_code
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    monkeypatch.setattr(cli, "KDF_ITER", KDF_ITER)
    monkeypatch.setenv("SCRIBE_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("SCRIBE_ADMIN_PASSWORD", ADMIN[1])
    monkeypatch.setenv("SCRIBE_DOCTOR_PASSWORD", DOCTOR[1])
    return monkeypatch


def login_as(env: pytest.MonkeyPatch, user: tuple[str, str]) -> None:
    env.setenv("SCRIBE_USER", user[0])
    env.setenv("SCRIBE_PASSWORD", user[1])


@pytest.fixture
def initialised(env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    rc, out, _ = run(["init", "--admin", ADMIN[0], "--doctor", DOCTOR[0], "--hpr", "7654321"],
                     capsys)
    assert rc == 0 and "Opprettet kryptert database" in out
    path: Path = load_settings().db_path
    # The recovery key is printed once; the tests keep it where an admin keeps the paper.
    match = re.search(r"\b([A-Z2-9]{4}(?:-[A-Z2-9]{4}){7})\b", out)
    assert match is not None and "papir" in out
    path.with_name("gjenoppretting.txt").write_text(match.group(1), encoding="utf-8")
    return path


def test_init_creates_an_encrypted_database_with_admin_and_doctor(
        initialised: Path, env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    assert initialised.read_bytes()[:16] != b"SQLite format 3\x00"
    login_as(env, ADMIN)
    rc, out, _ = run(["users", "list"], capsys)
    assert rc == 0 and "dr.nilsen" in out and "7654321" in out and "kari.admin" in out
    rc, _, err = run(["init", "--admin", "x", "--doctor", "y"], capsys)
    assert rc == 1 and "finnes allerede" in err


def test_users_add_needs_an_admin(initialised: Path, env: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    env.setenv("SCRIBE_NEW_PASSWORD", "leder-pass-1")
    login_as(env, DOCTOR)
    rc, _, err = run(["users", "add", "ola", "--role", "daglig_leder"], capsys)
    assert rc == 1 and "Feil: Rollen lege har ikke tilgang" in err
    login_as(env, ADMIN)
    rc, out, _ = run(["users", "add", "ola", "--role", "daglig_leder"], capsys)
    assert rc == 0 and "La til ola (daglig_leder)" in out


def test_a_wrong_passphrase_gives_a_norwegian_error(initialised: Path, env: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    env.setenv("SCRIBE_PASSPHRASE", "feil")
    login_as(env, ADMIN)
    rc, _, err = run(["list"], capsys)
    assert rc == 1 and "kunne ikke låses opp" in err and "SCRIBE_PASSPHRASE" in err


def _drafted(db: Path) -> int:
    with Store.open(db, PASSPHRASE, kdf_iter=KDF_ITER) as store:
        return drafted_consultation(store, store.authenticate(*DOCTOR))


def test_list_show_approve_and_audit_verify_in_a_demo_run(
        initialised: Path, env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    cid = _drafted(initialised)
    login_as(env, DOCTOR)
    rc, out, _ = run(["list", "--json"], capsys)
    listed = json.loads(out)
    assert rc == 0 and listed[0]["id"] == cid and listed[0]["status"] == "drafted"
    rc, out, _ = run(["show", str(cid)], capsys)
    assert rc == 0 and "Sår hals i tre dager." in out and "R74" in out
    rc, out, _ = run(["approve", str(cid)], capsys)
    assert rc == 0 and f"Godkjent versjon 1 av konsultasjon {cid}" in out
    rc, out, _ = run(["list"], capsys)
    assert "godkjent" in out
    rc, out, _ = run(["audit", "verify"], capsys)
    assert rc == 0 and "intakt" in out


def test_show_for_the_manager_has_no_clinical_text(
        initialised: Path, env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    cid = _drafted(initialised)
    env.setenv("SCRIBE_NEW_PASSWORD", "leder-pass-1")
    login_as(env, ADMIN)
    run(["users", "add", "ola", "--role", "daglig_leder"], capsys)
    login_as(env, ("ola", "leder-pass-1"))
    rc, out, _ = run(["show", str(cid)], capsys)
    assert rc == 0 and "bare for leger" in out and "Sår hals" not in out


def test_audit_export_writes_csv_and_verify_reports_tampering(
        initialised: Path, env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        tmp_path: Path) -> None:
    login_as(env, ADMIN)
    today = date.today().isoformat()
    out_csv = tmp_path / "logg.csv"
    rc, _out, _ = run(["audit", "export", "--from", today, "--to", today, "--out",
                      str(out_csv)], capsys)
    assert rc == 0 and out_csv.read_text(encoding="utf-8").startswith("id,at,")
    with Store.open(initialised, PASSPHRASE, kdf_iter=KDF_ITER) as store:
        store.db.call(lambda c: c.execute("DROP TRIGGER audit_events_append_only_update"))
        store.db.call(lambda c: c.execute("UPDATE audit_events SET action = 'x' WHERE id = 2"))
    rc, _, err = run(["audit", "verify"], capsys)
    assert rc == 3 and "hendelse 2" in err


def test_passphrase_change_then_only_the_new_one_opens(
        initialised: Path, env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    login_as(env, ADMIN)
    env.setenv("SCRIBE_NEW_PASSPHRASE", "ny praksisfrase")
    rc, out, _ = run(["passphrase", "change"], capsys)
    assert rc == 0 and "byttet" in out
    rc, _, err = run(["list"], capsys)
    assert rc == 1 and "låses opp" in err
    env.setenv("SCRIBE_PASSPHRASE", "ny praksisfrase")
    rc, _, _ = run(["list"], capsys)
    assert rc == 0


def _tamper_event(db: Path) -> None:
    with raw(db) as conn:
        conn.execute("DROP TRIGGER audit_events_append_only_update")
        conn.execute("UPDATE audit_events SET action = 'x' WHERE id = 3")


def test_list_and_show_warn_about_tampering_and_show_a_forged_approval_as_not_approved(
        initialised: Path, env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    cid = _drafted(initialised)
    with raw(initialised) as conn:
        doctor_id = conn.execute("SELECT id FROM users WHERE name = ?", (DOCTOR[0],)).fetchone()
        forge_approval(conn, cid, doctor_id[0])
    login_as(env, DOCTOR)
    rc, out, err = run(["list"], capsys)
    assert rc == 0 and "godkjent" in out
    assert "Advarsel" in err and "ingen gyldig signatur" in err
    rc, out, err = run(["show", str(cid)], capsys)
    assert rc == 0 and "Advarsel" in err
    assert "IKKE GYLDIG GODKJENT" in out and "(godkjent" not in out
    _tamper_event(initialised)
    rc, _, err = run(["list", "--json"], capsys)
    assert rc == 0 and "kjeden brytes ved hendelse 3" in err
    rc, _, err = run(["audit", "verify"], capsys)
    assert rc == 3 and "hendelse 3" in err


def test_a_colleague_approves_only_with_paa_vegne_av(
        initialised: Path, env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    cid = _drafted(initialised)
    env.setenv("SCRIBE_NEW_PASSWORD", "kollega-passord-9")
    login_as(env, ADMIN)
    rc, _, err = run(["users", "add", "dr.berg", "--role", "lege"], capsys)
    assert rc == 1 and "gjenopprettingsnøkkel" in err.lower()  # a new doctor needs the key
    rc, _, _ = run(["users", "add", "dr.berg", "--role", "lege", "--gjenopprettingsfil",
                    str(initialised.with_name("gjenoppretting.txt"))], capsys)
    assert rc == 0
    login_as(env, ("dr.berg", "kollega-passord-9"))
    rc, _, err = run(["approve", str(cid)], capsys)
    assert rc == 1 and "dr.nilsen" in err and "--paa-vegne-av" in err
    rc, out, _ = run(["approve", str(cid), "--paa-vegne-av"], capsys)
    assert rc == 0 and "på vegne av dr.nilsen" in out
    rc, out, _ = run(["show", str(cid)], capsys)
    assert "godkjent av dr.berg på vegne av dr.nilsen" in out
    rc, out, _ = run(["audit", "verify"], capsys)
    assert rc == 0 and "intakt" in out


def test_a_user_name_with_control_characters_is_refused_in_norwegian(
        initialised: Path, env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    env.setenv("SCRIBE_NEW_PASSWORD", "kollega-passord-9")
    login_as(env, ADMIN)
    rc, _, err = run(["users", "add", "dr.\x1b[2Jberg", "--role", "lege"], capsys)
    assert rc == 1 and "kontrolltegn" in err and "Traceback" not in err
