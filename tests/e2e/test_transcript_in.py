"""A written transcript in (``scribe process FILE.json``), the note at once and the model's
codes after it, and the review of codes from the command line through to a FHIR document."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

import scribe.cli.store as cli_store
from scribe.app import ScribeApp
from scribe.cli import main
from scribe.config import load_settings
from scribe.consultation import Edits
from scribe.domain import CodeSuggestion, ContactType
from scribe.llm.api import ChatModel
from scribe.store.users import Session

CASE = Path(__file__).resolve().parents[1] / "data" / "demo_transcript.json"
KDF = 1000


@pytest.fixture
def practice(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """A practice database made by ``scribe init``, its doctor logged in from the env."""
    monkeypatch.setattr(cli_store, "KDF_ITER", KDF)
    for name, value in {"SCRIBE_PASSPHRASE": "praksis-passordfrase",
                        "SCRIBE_ADMIN_PASSWORD": "fjord-hest-41",
                        "SCRIBE_DOCTOR_PASSWORD": "fjord-hest-42", "SCRIBE_USER": "lege",
                        "SCRIBE_PASSWORD": "fjord-hest-42"}.items():
        monkeypatch.setenv(name, value)
    assert main(["init", "--admin", "admin", "--doctor", "lege", "--hpr", "9144889"]) == 0
    capsys.readouterr()


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    rc = main(list(args))
    out, err = capsys.readouterr()
    return rc, out, err


def test_process_stores_a_written_transcript_with_the_cases_contact_type_and_minutes(
        practice: None, capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, err = _cli(capsys, "process", str(CASE), "--no-llm", "--json")
    assert rc == 0, err
    result = json.loads(out)
    case = json.loads(CASE.read_text(encoding="utf-8"))
    assert len(result["transcript"]) == len(case["transcript"])
    assert result["transcript"][1]["speaker"] == "pasient"
    assert {s["name"] for s in result["draft"]["sections"]} >= {"Anamnese", "Tiltak"}
    assert "2ad" in {t["code"] for t in result["takster"]}  # oppmøte, from the case
    assert result["icpc2"], "no ICPC-2 suggestions"
    rc, out, _ = _cli(capsys, "show", str(result["consultation"]))
    assert rc == 0 and "oppmote" in out


def test_process_of_a_file_that_is_no_transcript_says_so_in_norwegian(
        practice: None, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "tom.json"
    bad.write_text('{"segments": []}', encoding="utf-8")
    rc, _, err = _cli(capsys, "process", str(bad), "--no-llm")
    assert rc == 1 and "har ingen replikker" in err


def test_review_then_approve_exports_a_fhir_document_with_the_diagnosis(
        practice: None, capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, err = _cli(capsys, "process", str(CASE), "--no-llm", "--json")
    assert rc == 0, err
    cid = str(json.loads(out)["consultation"])
    rc, _, err = _cli(capsys, "review", cid, "--accept", "X99Q")
    assert rc == 1 and "X99Q" in err and "ICPC-2" in err  # not in the code list
    rc, out, err = _cli(capsys, "review", cid, "--accept", "U71", "--takst", "2ad",
                        "--remove-takst", "701a")
    assert rc == 0, err
    assert "U71" in out and "godtatt" in out and "701a" not in out
    rc, _, err = _cli(capsys, "approve", cid, "--kontrollert")
    assert rc == 0, err
    rc, out, err = _cli(capsys, "export", cid, "--format", "fhir")
    assert rc == 0, err
    bundle = json.loads(out)
    conditions = [e["resource"] for e in bundle["entry"]
                  if e["resource"]["resourceType"] == "Condition"]
    assert [c["code"]["coding"][0]["code"] for c in conditions] == ["U71"]
    charged = {e["resource"]["code"]["coding"][0]["code"] for e in bundle["entry"]
               if e["resource"]["resourceType"] == "ChargeItem"}
    assert charged == {"2ad"}


# --- the note at once, the model's codes after -------------------------------------------
class _Ranker(ScribeApp):
    """An app whose mode uses a model for codes; the model itself is not the point here."""

    @property
    def llm_mode(self) -> str:
        return "koder"

    def chat_model(self) -> ChatModel | None:
        return None


def _ranking_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[ScribeApp, Session]:
    import scribe.coding.icpc as icpc

    rules = icpc.suggest_icpc2

    def reversed_by_model(*args: object, **kwargs: object) -> list[CodeSuggestion]:
        found = rules(*args, **kwargs)  # type: ignore[arg-type]
        return [replace(c, rank=i + 1, reason="modellen") for i, c in enumerate(found[::-1])]
    # the ranking step looks the function up when it runs; drafting codes by the rules
    # keeps its own reference (scribe.coding.service)
    monkeypatch.setattr(icpc, "suggest_icpc2", reversed_by_model)
    app = _Ranker(replace(load_settings(), data_dir=tmp_path / "data"))
    app.create_practice("passordfrase-1", admin=("admin", "fjord-hest-41"),
                        doctor=("lege", "fjord-hest-42", None), kdf_iter=KDF)
    return app, app.users.login("lege", "fjord-hest-42")


def test_the_note_is_stored_first_and_the_models_codes_replace_the_rule_based_ones(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app, session = _ranking_app(tmp_path, monkeypatch)
    result = app.consultations.import_transcript(session, CASE,
                                                 contact_type=ContactType.TELEFON)
    assert result.ranking is not None  # the model has not run yet
    stored = app.consultations.open(session, result.cid).version
    assert stored is not None and stored.codes == result.coding.icpc2
    assert all(c.reason != "modellen" for c in stored.codes)
    ranked = app.consultations.rank_codes(session, result.ranking)
    assert ranked.applied
    after = app.consultations.open(session, result.cid).version
    assert after is not None and after.codes == ranked.codes
    assert [c.code for c in after.codes] == [c.code for c in stored.codes][::-1]
    assert after.takster == stored.takster
    assert app.consultations.info(session, result.cid).contact_type == "telefon"
    app.close()


def test_the_models_codes_never_replace_codes_the_doctor_changed_or_approved(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app, session = _ranking_app(tmp_path, monkeypatch)
    service = app.consultations
    edited = service.import_transcript(session, CASE)
    base = service.open(session, edited.cid).version
    assert base is not None and edited.ranking is not None
    mine = (replace(base.codes[0], status="accepted"), *base.codes[1:])
    service.save_edits(session, edited.cid, Edits(base, base.draft, mine, base.takster))
    assert not service.rank_codes(session, edited.ranking).applied
    assert service.open(session, edited.cid).version.codes == mine  # type: ignore[union-attr]
    approved = service.import_transcript(session, CASE)
    assert approved.ranking is not None
    service.approve(session, approved.cid, "fjord-hest-42")
    assert not service.rank_codes(session, approved.ranking).applied
    app.close()


def test_process_keeps_the_patients_sex_and_codes_for_it(
        practice: None, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    case = json.loads(CASE.read_text(encoding="utf-8"))
    rc, out, err = _cli(capsys, "process", str(CASE), "--no-llm", "--json")
    assert rc == 0, err
    rc, shown, _ = _cli(capsys, "show", str(json.loads(out)["consultation"]))
    assert case["patient"]["sex"] == "K" and ", kvinne, lege " in shown  # the case's own
    written = tmp_path / "utflod.json"  # no patient in the file: the option tells
    written.write_text(json.dumps({"transcript": [
        {"speaker": "pasient", "text": "Det svir når jeg tisser, og det har kommet litt "
                                       "utflod de siste dagene."},
        {"speaker": "lege", "text": "Da kan det være klamydia. Vi tar en urinprøve og tester "
                                    "for klamydia og gonoré."}]}), encoding="utf-8")
    codes = {}
    for sex in ("K", "M"):
        rc, out, err = _cli(capsys, "process", str(written), "--no-llm", "--json", "--sex", sex)
        assert rc == 0, err
        codes[sex] = [c["code"] for c in json.loads(out)["icpc2"]]
        rc, shown, _ = _cli(capsys, "show", str(json.loads(out)["consultation"]))
        assert f", {dict(K='kvinne', M='mann')[sex]}, lege " in shown
    assert "X92" in codes["K"]
    assert codes["M"] and not [c for c in codes["M"] if c[0] in "WX"]
