"""The main job end to end through the CLI: a recording in, a stored note with codes out,
with no network access and no patient text in the logs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SAMPLE = REPO / "tests" / "data" / "sample_consultation.flac"
TINY_LLM = "smollm2-135m"


def _run(args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    netlog = tmp_path / "net.log"
    full_env = {**os.environ, "SCRIBE_NETLOG": str(netlog), "OMP_NUM_THREADS": "1", **env}
    return subprocess.run([sys.executable, str(HERE / "netguard_run.py"), *args],
                          capture_output=True, text=True, env=full_env, timeout=900,
                          cwd=REPO)


def test_the_network_guard_refuses_and_logs_a_connection_outside_loopback(
        tmp_path: Path) -> None:
    result = _run(["--self-check"], tmp_path)
    assert result.returncode != 0
    assert "PermissionError" in result.stderr
    assert "192.0.2.1" in (tmp_path / "net.log").read_text()


@pytest.mark.model
def test_demo_turns_the_sample_recording_into_a_note_with_codes_offline(
        tmp_path: Path) -> None:
    result = _run(["-vv", "demo", str(SAMPLE), "--model", TINY_LLM, "--llm-mode", "koder",
                   "--json"], tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    out = json.loads(result.stdout)
    assert len(out["transcript"]) >= 3
    assert out["draft"]["sections"], "no note sections"
    assert {t["code"] for t in out["takster"]} >= {"2ad"}
    assert all(c["code"] and c["title"] for c in out["icpc2"])
    assert not (tmp_path / "net.log").exists(), (tmp_path / "net.log").read_text()
    # debug logging was on: still no patient text in it
    for segment in out["transcript"]:
        if len(segment["text"]) > 20:
            assert segment["text"] not in result.stderr


@pytest.mark.model
def test_process_stores_an_encrypted_consultation_whose_audit_chain_verifies(
        tmp_path: Path) -> None:
    env = {"SCRIBE_PASSPHRASE": "praksis-passordfrase", "SCRIBE_ADMIN_PASSWORD": "fjord-hest-41",
           "SCRIBE_DOCTOR_PASSWORD": "fjord-hest-42", "SCRIBE_USER": "lege",
           "SCRIBE_PASSWORD": "fjord-hest-42"}
    init = _run(["init", "--admin", "admin", "--doctor", "lege", "--hpr", "9144889"],
                tmp_path, **env)
    assert init.returncode == 0, init.stderr
    done = _run(["process", str(SAMPLE), "--no-llm", "--json"], tmp_path, **env)
    assert done.returncode == 0, done.stderr[-3000:]
    cid = json.loads(done.stdout)["consultation"]
    listed = _run(["list", "--json"], tmp_path, **env)
    rows = json.loads(listed.stdout)
    assert next(r for r in rows if r["id"] == cid)["status"] == "drafted"
    verify = _run(["audit", "verify"], tmp_path, **env)
    assert verify.returncode == 0, verify.stdout + verify.stderr
    db = Path(os.environ["SCRIBE_DATA_DIR"]) / "scribe.db"
    assert not db.read_bytes()[:16].startswith(b"SQLite format 3")
    assert not (tmp_path / "net.log").exists()
