"""``scribe documents`` end to end on a temporary practice database: list, draft, refuse the
export, approve (password again), export as text and as a FHIR ServiceRequest, audit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docworld import VISIT

import scribe.cli.store as cli_store
from scribe.cli import main

KDF = 1000


@pytest.fixture
def cid(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        tmp_path: Path) -> str:
    monkeypatch.setattr(cli_store, "KDF_ITER", KDF)
    for name, value in {"SCRIBE_PASSPHRASE": "praksis-passordfrase",
                        "SCRIBE_ADMIN_PASSWORD": "fjord-hest-41",
                        "SCRIBE_DOCTOR_PASSWORD": "fjord-hest-42", "SCRIBE_USER": "lege",
                        "SCRIBE_PASSWORD": "fjord-hest-42"}.items():
        monkeypatch.setenv(name, value)
    assert main(["init", "--admin", "admin", "--doctor", "lege", "--hpr", "9144889"]) == 0
    capsys.readouterr()
    case = tmp_path / "besok.json"
    case.write_text(json.dumps({"id": "syntetisk", "contact": "oppmote", "duration_min": 15,
                                "transcript": [{"speaker": str(who), "text": text}
                                               for who, text in VISIT]}), encoding="utf-8")
    assert main(["process", str(case), "--no-llm", "--json"]) == 0
    return str(json.loads(capsys.readouterr().out)["consultation"])


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    rc = main(list(args))
    out, err = capsys.readouterr()
    return rc, out, err


def test_documents_from_draft_to_export(cid: str, capsys: pytest.CaptureFixture[str],
                                        tmp_path: Path) -> None:
    rc, out, err = _cli(capsys, "documents", cid)
    assert rc == 0, err
    assert out.split() == ["henvisning", "sykmelding", "pasient"]
    rc, out, err = _cli(capsys, "documents", cid, "--kind", "henvisning", "--json")
    assert rc == 0, err
    doc = json.loads(out)
    assert doc["kind"] == "henvisning" and not doc["approved"] and doc["version"] == 1
    assert "hastegrad" in doc["empty_fields"]
    receiver = next(f for f in doc["fields"] if f["key"] == "mottaker")
    assert receiver["statements"][0]["evidence"]
    rc, _, err = _cli(capsys, "documents", cid, "--kind", "henvisning", "--export", "-")
    assert rc == 1 and "ikke godkjent" in err
    rc, _, err = _cli(capsys, "documents", cid, "--kind", "henvisning", "--approve",
                      "--kontrollert")
    assert rc == 0 and "Godkjent: henvisning" in err
    rc, out, err = _cli(capsys, "documents", cid, "--kind", "henvisning", "--export", "-")
    assert rc == 0 and out.startswith("HENVISNING") and "[?" not in out
    target = tmp_path / "henvisning.fhir.json"
    rc, _, err = _cli(capsys, "documents", cid, "--kind", "henvisning", "--export",
                      str(target), "--format", "fhir")
    assert rc == 0, err
    bundle = json.loads(target.read_text(encoding="utf-8"))
    assert bundle["entry"][0]["resource"]["resourceType"] == "ServiceRequest"
    rc, _, err = _cli(capsys, "documents", cid, "--kind", "henvisning", "--export",
                      str(target))
    assert rc == 1 and "finnes allerede" in err
    rc, out, _ = _cli(capsys, "audit", "verify")
    assert rc == 0


def test_a_document_the_visit_does_not_call_for_is_refused_unless_asked(
        cid: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    case = tmp_path / "kort.json"
    case.write_text(json.dumps({"transcript": [
        {"speaker": "pasient", "text": "Jeg har hatt vondt i halsen i tre dager."},
        {"speaker": "lege", "text": "Halsen er litt rød. Det er en virusinfeksjon."}]}),
        encoding="utf-8")
    assert main(["process", str(case), "--no-llm", "--json"]) == 0
    other = str(json.loads(capsys.readouterr().out)["consultation"])
    rc, _, err = _cli(capsys, "documents", other, "--kind", "sykmelding")
    assert rc == 1 and "ikke gitt sykmelding" in err and "--likevel" in err
    rc, out, err = _cli(capsys, "documents", other, "--kind", "sykmelding", "--likevel")
    assert rc == 0, err
    assert "[ikke nevnt i konsultasjonen" in out
    rc, out, _ = _cli(capsys, "documents", other, "--kind", "pasient")
    assert rc == 0 and "Oppsummering fra legetimen" in out
