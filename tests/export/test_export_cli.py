"""``scribe export`` and ``scribe billing report`` end to end on a real database file."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from export_world import KDF_ITER, PASSPHRASE, PASSWORD, approved_consultation

from scribe.cli import main
from scribe.cli import store as store_cli
from scribe.config import load_settings
from scribe.store import Store


@pytest.fixture
def cid(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> int:
    monkeypatch.setattr(store_cli, "KDF_ITER", KDF_ITER)
    monkeypatch.setenv("SCRIBE_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("SCRIBE_USER", "Kari Lege")
    monkeypatch.setenv("SCRIBE_PASSWORD", PASSWORD)
    monkeypatch.setenv("SCRIBE_EXPORT_DIR", str(tmp_path / "epj-import"))
    with Store.open(load_settings().db_path, PASSPHRASE, create=True,
                    kdf_iter=KDF_ITER) as store:
        store.create_user("admin", "admin", PASSWORD)
        admin = store.authenticate("admin", PASSWORD)
        store.create_user("Kari Lege", "lege", PASSWORD, "9144900", session=admin)
        store.create_user("Dagny Leder", "daglig_leder", PASSWORD, session=admin)
        return approved_consultation(store, store.authenticate("Kari Lege", PASSWORD))


def test_export_prints_the_note_for_the_clipboard(
        cid: int, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(cid)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Anamnese\nHoste og feber")
    assert out.endswith("Takster: 2ad, 2cd x1, 705k\n")


def test_export_one_section_and_fhir(cid: int, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(cid), "--section", "Vurdering"]) == 0
    assert capsys.readouterr().out == "Klinisk pneumoni høyre underlapp.\n"
    assert main(["export", str(cid), "--format", "fhir"]) == 0
    assert json.loads(capsys.readouterr().out)["type"] == "document"


def test_export_to_a_file_and_to_the_folder(cid: int, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "notat.txt"
    assert main(["export", str(cid), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("Anamnese")
    assert main(["export", str(cid), "--out", str(out)]) == 1
    assert "finnes allerede" in capsys.readouterr().err
    assert main(["export", str(cid), "--folder"]) == 0
    names = sorted(p.suffixes[-1] for p in (tmp_path / "epj-import").iterdir())
    assert names == [".json", ".txt"]


def test_a_refused_export_prints_a_norwegian_error(
        cid: int, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(cid), "--format", "fhir", "--section", "Funn"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Feil: En enkelt del av notatet kan bare eksporteres som tekst.")
    assert "Traceback" not in err


def test_billing_report_prints_and_writes_csv(cid: int, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("SCRIBE_USER", "Dagny Leder")
    today = datetime.now(UTC).date().isoformat()
    csv_path = tmp_path / "takster.csv"
    assert main(["billing", "report", "--from", today, "--to", today,
                 "--doctor", "Kari Lege", "--csv", str(csv_path)]) == 0
    out = capsys.readouterr().out
    assert "Kari Lege (1 konsultasjoner)" in out
    assert "  2ad           1      194,00" in out
    data = csv_path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b";2cd;1;255,00;255,00;0,00;" in data
    assert "Hoste" not in out and b"Hoste" not in data


def test_billing_rejects_a_bad_date(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["billing", "report", "--from", "25.11.2026", "--to", "2026-11-30"])
    assert "ugyldig dato" in capsys.readouterr().err


def test_a_forged_approval_is_refused_and_a_broken_log_is_warned_about(
        cid: int, capsys: pytest.CaptureFixture[str]) -> None:
    path = load_settings().db_path
    with Store.open(path, PASSPHRASE, kdf_iter=KDF_ITER) as store:
        store.db.call(lambda c: c.execute("DROP TRIGGER audit_events_append_only_update"))
        store.db.call(lambda c: c.execute("UPDATE audit_events SET action = 'x' WHERE id = 2"))
    assert main(["export", str(cid)]) == 0  # the note's own approval still holds
    err = capsys.readouterr().err
    assert "Advarsel: Revisjonsloggen er endret" in err
    with Store.open(path, PASSPHRASE, kdf_iter=KDF_ITER) as store:
        store.db.call(lambda c: c.execute("DROP TRIGGER approvals_append_only_update"))
        store.db.call(lambda c: c.execute("UPDATE approvals SET signature = NULL"))
    assert main(["export", str(cid), "--format", "fhir"]) == 1
    err = capsys.readouterr().err
    assert "ingen gyldig signatur" in err and "Traceback" not in err
