"""Evaluation helpers and the figures on the development cases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from coding_helpers import EVAL_DEV

from scribe.coding.evaluate import (
    case_facts,
    case_to_transcript,
    evaluate_case,
    evaluate_dir,
    summarise,
)
from scribe.coding.reference import Reference
from scribe.domain import ContactType, Speaker

CASE = {
    "id": "case_x", "contact": "telefon", "duration_min": 22,
    "context": {"doctor_specialist_allmennmedisin": True, "doctor_phd": False},
    "transcript": [
        {"speaker": "lege", "text": "Hei, det er legen. Hva gjelder det?"},
        {"speaker": "parorende", "text": "Sønnen min har hatt omgangssyke siden i går."},
        {"speaker": "lege", "text": "Det høres ut som omgangssyke. Drikk små slurker ofte."},
    ],
    "gold": {"icpc2_primary": "D73", "icpc2_acceptable": ["D11"], "icpc2_secondary": [],
             "takster": [{"code": "2at", "count": 1}, {"code": "2dd", "count": 1},
                         {"code": "2cd", "count": 1}, {"code": "2cdd", "count": 1}],
             "takster_acceptable_alternatives": []},
}


def test_case_to_transcript_ids_and_speakers() -> None:
    t = case_to_transcript(CASE)
    assert [s.id for s in t.segments] == ["s0001", "s0002", "s0003"]
    assert [s.speaker for s in t.segments] == [Speaker.LEGE, Speaker.ANNEN, Speaker.LEGE]


def test_case_facts_take_contact_and_duration() -> None:
    facts = case_facts(CASE)
    assert facts.contact_type == ContactType.TELEFON and facts.duration_min == 22


def test_evaluate_case_scores_codes_and_takster(ref: Reference) -> None:
    r = evaluate_case(CASE, ref=ref)
    assert r["top1"] and r["top3"] and r["takst_exact"]
    assert r["unknown_codes"] == [] and r["rule_warnings"] == []
    summary = summarise([r])
    assert summary["icpc2_top1"] == 1.0 and summary["per_code"]["2at"]["recall"] == 1.0


@pytest.mark.skipif(not EVAL_DEV.is_dir(), reason="../shared/eval/dev is missing")
def test_dev_cases_meet_the_targets(ref: Reference) -> None:
    results, summary = evaluate_dir(EVAL_DEV, ref)
    assert summary["icpc2_top3"] >= 0.9
    assert summary["icpc2_top1"] >= 0.7
    assert summary["takst_exact"] >= 0.8
    assert summary["unknown_codes"] == 0
    assert summary["rule_breaking_sets"] == 0
    assert len(results) == len(list(EVAL_DEV.glob("*.json")))


def test_evaluate_dir_needs_cases(tmp_path: Path, ref: Reference) -> None:
    from scribe.errors import ReferenceDataError

    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(ReferenceDataError, match="evalueringscaser"):
        evaluate_dir(tmp_path, ref)
    assert json.dumps(CASE)  # the sample case itself is plain JSON
