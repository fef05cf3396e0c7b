from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pytest

from scribe.cli import draft as draft_cli
from scribe.errors import ScribeError
from scribe.text.transcripts import transcript_from_json
from tests.draft.conftest import BACK_PAIN

CASE = {
    "id": "case_x", "contact": "oppmote", "duration_min": 12,
    "transcript": [{"speaker": "lege" if s.speaker == "lege" else "pasient", "text": s.text}
                   for s in BACK_PAIN.segments],
    "gold": {"must_include": [["148/92", "148 over 92"], ["ibuprofen"], ["uforutsett"]],
             "must_not_include": [["tramadol 50"], ["syden"]]},
}


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code, out, _ = _run_err(argv, capsys)
    return code, out


def _run_err(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser()
    draft_cli.register(parser.add_subparsers())
    args = parser.parse_args(argv)
    try:
        code = int(args.func(args))
    except ScribeError as exc:
        print(exc.show(), file=sys.stderr)
        code = exc.exit_code
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_eval_json_reports_the_agreed_metrics(tmp_path: Path, reference_dir: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "case_x.json").write_text(json.dumps(CASE), encoding="utf-8")
    code, out = _run(["eval", "--cases", str(tmp_path), "--model", "ingen", "--json",
                      "--reference", str(reference_dir)], capsys)
    result = json.loads(out)
    assert code == 0 and result["cases"] == 1 and result["model"] == "ingen"
    assert result["fact_recall"] == pytest.approx(2 / 3, abs=1e-3)
    assert result["must_not_hits"] == 0
    assert {"unsupported_rate", "numbers_not_in_transcript"} <= set(result)
    assert result["per_case"][0]["missed"] == ["uforutsett"]


def test_eval_metric_hook_adds_averaged_metrics(tmp_path: Path, reference_dir: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    from scribe import evaluation

    (tmp_path / "case_x.json").write_text(json.dumps(CASE), encoding="utf-8")
    evaluation.register_metric("demo", lambda case, result: {"icpc2_top1": 1.0})
    try:
        _, out = _run(["eval", "--cases", str(tmp_path), "--model", "ingen", "--json",
                       "--reference", str(reference_dir)], capsys)
    finally:
        evaluation.CASE_METRICS.pop("demo")
    assert json.loads(out)["icpc2_top1"] == 1.0


def test_draft_reads_segments_json_and_prints_the_note(tmp_path: Path, reference_dir: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    segments = [{"id": s.id, "t0": s.t0, "t1": s.t1, "speaker": str(s.speaker), "text": s.text}
                for s in BACK_PAIN.segments]
    path = tmp_path / "t.json"
    path.write_text(json.dumps({"segments": segments}), encoding="utf-8")
    code, out = _run(["draft", str(path), "--model", "ingen", "--reference",
                      str(reference_dir)], capsys)
    assert code == 0 and out.startswith("Anamnese:\n") and "Resepter:\n- Ibuprofen 400 mg" in out
    code, out = _run(["draft", str(path), "--model", "ingen", "--json", "--reference",
                      str(reference_dir)], capsys)
    data = json.loads(out)
    # the doctor's opening question and the answer to it: one statement citing both
    assert data["draft"]["sections"][0]["statements"][0]["evidence"] == ["s0001", "s0002"]


def test_transcript_file_errors_are_norwegian(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "t.json"
    path.write_text('{"noe": 1}', encoding="utf-8")
    code, _, err = _run_err(["draft", str(path), "--model", "ingen"], capsys)
    assert code == 1 and "Ukjent format" in err
    assert transcript_from_json(CASE).segments[0].id == "s0001"


def test_draft_and_eval_use_the_configured_llm_mode_unless_told(tmp_path: Path) -> None:
    import argparse

    from scribe.cli.draft import llm_mode
    from scribe.config import load_settings, with_section

    settings = load_settings({"SCRIBE_MODELS_DIR": str(tmp_path)})

    def mode(configured: str, *, given: str | None = None, model: str | None = None) -> str:
        args = argparse.Namespace(llm_mode=given, model=model)
        return llm_mode(args, with_section(settings, "llm", mode=configured))

    assert mode("koder") == "koder" and mode("av") == "av" and mode("utkast") == "utkast"
    assert mode("koder", given="utkast") == "utkast"
    assert mode("utkast", model="ingen") == "av"
