"""``scribe eval`` scores drafts and codes together on the development cases."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_eval_reports_draft_and_coding_metrics_in_one_object(shared_dir: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "scribe", "eval", "--cases", str(shared_dir / "eval" / "dev"),
         "--model", "ingen", "--llm-mode", "av", "--limit", "3", "--json"],
        capture_output=True, text=True, timeout=300, cwd=REPO)
    assert result.returncode == 0, result.stderr[-2000:]
    out = json.loads(result.stdout)
    assert out["cases"] == 3 and out["model"] == "ingen"
    for key in ("fact_recall", "must_not_hits", "unsupported_rate", "numbers_not_in_transcript",
                "icpc2_top1", "icpc2_top3", "takst_exact", "unknown_codes"):
        assert key in out, key
    assert 0.0 <= out["icpc2_top3"] <= 1.0 and out["icpc2_top1"] <= out["icpc2_top3"]
    assert out["unknown_codes"] == 0
    assert len(out["per_case"]) == 3
