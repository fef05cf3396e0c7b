"""``scribe codes`` and ``scribe takster``: the handlers behind the commands."""

from __future__ import annotations

import argparse
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from coding_helpers import EVAL_DEV

from scribe.cli import codes
from scribe.errors import ReferenceDataError, UnknownCode


@pytest.fixture
def run(ref_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> Callable[..., str]:
    data_dir = tmp_path / "data"
    shutil.copytree(ref_dir / "reference", data_dir / "reference")
    monkeypatch.setenv("SCRIBE_DATA_DIR", str(data_dir))
    parser = argparse.ArgumentParser(prog="scribe")
    codes.register(parser.add_subparsers())

    def _run(*argv: str) -> str:
        args = parser.parse_args(list(argv))
        assert args.func(args) == 0
        return capsys.readouterr().out

    return _run


def test_every_command_has_help() -> None:
    parser = argparse.ArgumentParser(prog="scribe")
    sub = parser.add_subparsers()
    codes.register(sub)
    for group in ("codes", "takster"):
        assert sub.choices[group].format_help()


def test_show_search_and_takst(run) -> None:  # type: ignore[no-untyped-def]
    assert "Akutt øvre luftveisinfeksjon" in run("codes", "show", "R74")
    first = run("codes", "search", "hoste og feber", "-k", "3").splitlines()[0]
    assert first.startswith("R74")
    out = run("takster", "show", "2cd")
    assert "255.00" in out and "20 min" in out and "2ad" in out


def test_show_unknown_code_raises(run) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UnknownCode):
        run("codes", "show", "Q12")


def test_import_wrong_file_is_refused(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "feil.xml"
    bad.write_text("<ikke takster/>")
    with pytest.raises(ReferenceDataError):
        run("codes", "import", str(bad))
    assert "R74" in run("codes", "show", "R74")


def test_suggest_from_segments_json(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc = {"segments": [
        {"id": "s0001", "t0": 0, "t1": 600, "speaker": "pasient",
         "text": "Jeg har hatt vondt i halsen i fire dager."},
        {"id": "s0002", "t0": 600, "t1": 1500, "speaker": "lege",
         "text": "Du har en vanlig forkjølelse. Jeg tar en CRP, den er 8."}]}
    path = tmp_path / "t.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    out = json.loads(run("codes", "suggest", str(path), "--json"))
    assert out["icpc2"][0]["code"] == "R74"
    assert {t["code"] for t in out["takster"]} == {"2ad", "2cd", "705k", "701a"}
    text = run("codes", "suggest", str(path), "--contact", "video", "--minutes", "10")
    assert "2av" in text and "2cd" not in text


@pytest.mark.skipif(not EVAL_DEV.is_dir(), reason="../shared/eval/dev is missing")
def test_eval_prints_per_case_and_overall(run) -> None:  # type: ignore[no-untyped-def]
    out = run("codes", "eval", "--cases", str(EVAL_DEV))
    assert "case_01" in out and "topp-1" in out
    summary = json.loads(run("codes", "eval", "--cases", str(EVAL_DEV), "--json"))["summary"]
    assert summary["unknown_codes"] == 0


def test_suggest_on_a_case_bills_for_the_doctor_the_case_states(  # type: ignore[no-untyped-def]
        run, tmp_path: Path) -> None:
    """A case's ``context`` names the doctor (specialist or not), as ``scribe eval`` reads it;
    the settings' doctor (not a specialist here) is for transcripts without one."""
    case = {"id": "x", "contact": "oppmote", "duration_min": 12,
            "patient": {"age": 40, "sex": "K"},
            "transcript": [
                {"speaker": "pasient", "text": "Jeg har hatt vondt i halsen i fire dager."},
                {"speaker": "lege", "text": "Du har en vanlig forkjølelse."}]}
    path = tmp_path / "case.json"
    for specialist, expected in ((True, {"2ad", "2dd"}), (False, {"2ad"})):
        case["context"] = {"doctor_specialist_allmennmedisin": specialist}
        path.write_text(json.dumps(case), encoding="utf-8")
        out = json.loads(run("codes", "suggest", str(path), "--json"))
        assert {t["code"] for t in out["takster"]} == expected
