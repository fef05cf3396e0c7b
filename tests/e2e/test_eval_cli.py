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


def test_the_app_path_bills_from_the_same_procedure_facts_as_the_evaluation(
        shared_dir: Path) -> None:
    """The drafter's facts feed the takst engine in the app: they must carry the coding
    detector's done-here / sent / ordered procedures, not a second, weaker detector's."""
    from collections import Counter
    from dataclasses import replace

    from scribe.coding.evaluate import case_profile, case_to_transcript, evaluate_case
    from scribe.coding.reference import ensure_reference
    from scribe.coding.service import code_consultation
    from scribe.config import load_settings
    from scribe.domain import ContactType
    from scribe.draft.factory import lexicon_for
    from scribe.draft.pipeline import Drafter

    ref = ensure_reference(load_settings().data_dir)
    drafter = Drafter(lexicon_for())
    for path in sorted((shared_dir / "eval" / "dev").glob("*.json")):
        case = json.loads(path.read_text(encoding="utf-8"))
        transcript = case_to_transcript(case)
        facts = drafter.extract(transcript, contact=ContactType(case["contact"])).facts
        facts = replace(facts, duration_min=case["duration_min"])
        lines = code_consultation(transcript, facts, case_profile(case), ref=ref).takster
        assert Counter({ln.code: ln.count for ln in lines}) == Counter(
            evaluate_case(case, ref=ref)["takster"]), case["id"]
