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
    """Facts are detected once, in extraction: the app path (``code_consultation``) and
    ``scribe eval`` (``evaluate_case`` with the facts extraction found) bill the same set."""
    from collections import Counter
    from dataclasses import replace

    from scribe.coding.evaluate import case_profile, evaluate_case
    from scribe.coding.index import CodeIndex
    from scribe.coding.reference import ensure_reference
    from scribe.coding.service import code_consultation
    from scribe.config import load_settings
    from scribe.domain import ContactType
    from scribe.draft.lexicon import lexicon_for
    from scribe.draft.pipeline import Drafter
    from scribe.text.transcripts import case_transcript

    settings = load_settings()
    index = CodeIndex(ensure_reference(settings.data_dir, settings.reference_dir))
    drafter = Drafter(lexicon_for(settings.lexicon_dir))
    for path in sorted((shared_dir / "eval" / "dev").glob("*.json")):
        case = json.loads(path.read_text(encoding="utf-8"))
        transcript = case_transcript(case)
        facts = drafter.extract(transcript, contact=ContactType(case["contact"])).facts
        facts = replace(facts, duration_min=case["duration_min"])
        lines = code_consultation(transcript, facts, case_profile(case), index=index).takster
        assert Counter({ln.code: ln.count for ln in lines}) == Counter(
            evaluate_case(case, index=index, found=facts.facts)["takster"]), case["id"]
