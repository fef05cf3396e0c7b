"""Evaluation helpers and the figures on the development cases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from coding_helpers import EVAL_DEV

from scribe.coding.evaluate import evaluate_case, evaluate_dir, summarise
from scribe.coding.index import CodeIndex
from scribe.domain import ContactType, Fact, Speaker
from scribe.text.transcripts import case_facts, case_transcript

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


def test_case_transcript_ids_speakers_and_times() -> None:
    t = case_transcript(CASE)
    assert [s.id for s in t.segments] == ["s0001", "s0002", "s0003"]
    assert [s.speaker for s in t.segments] == [Speaker.LEGE, Speaker.ANNEN, Speaker.LEGE]
    assert all(a.t1 == b.t0 for a, b in zip(t.segments, t.segments[1:], strict=False))
    assert t.segments[0].t1 > t.segments[0].t0 and t.duration_s == 22 * 60


def test_case_facts_take_contact_and_duration() -> None:
    facts = case_facts(CASE)
    assert facts.contact_type == ContactType.TELEFON and facts.duration_min == 22


def test_evaluate_case_scores_codes_and_takster(index: CodeIndex) -> None:
    r = evaluate_case(CASE, index=index)
    assert r["top1"] and r["top3"] and r["takst_exact"]
    assert r["unknown_codes"] == [] and r["rule_warnings"] == []
    summary = summarise([r])
    assert summary["icpc2_top1"] == 1.0 and summary["per_code"]["2at"]["recall"] == 1.0


@pytest.mark.skipif(not EVAL_DEV.is_dir(), reason="../shared/eval/dev is missing")
def test_evaluate_case_codes_the_facts_extraction_found(index: CodeIndex) -> None:
    sick_note = Fact("sick_leave", "sykmelding", evidence=("s0003",))
    assert "2cd" in evaluate_case(CASE, index=index)["takster"]
    r = evaluate_case(CASE, index=index, found=[sick_note])
    assert r["takster"].get("L1") == 1  # the sick note the facts say was written


@pytest.mark.skipif(not EVAL_DEV.is_dir(), reason="../shared/eval/dev is missing")
def test_dev_cases_meet_the_targets(index: CodeIndex) -> None:
    results, summary = evaluate_dir(EVAL_DEV, index)
    # floors at the figures reached on the 24 cases (issue 15: 1.0 / 1.0 / 0.833 / 1.0)
    assert summary["icpc2_top3"] >= 0.97
    assert summary["icpc2_top1"] >= 0.95
    assert summary["secondary_recall"] >= 0.8
    assert summary["secondary_precision"] >= 0.8
    assert summary["primary_precision"] >= 0.9  # above the weak-evidence threshold
    assert summary["takst_exact"] >= 0.92
    assert summary["unknown_codes"] == 0
    assert summary["rule_breaking_sets"] == 0
    assert len(results) == len(list(EVAL_DEV.glob("*.json")))


def test_evaluate_dir_needs_cases(tmp_path: Path, index: CodeIndex) -> None:
    from scribe.errors import ReferenceDataError

    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(ReferenceDataError, match="evalueringscaser"):
        evaluate_dir(tmp_path, index)
    assert json.dumps(CASE)  # the sample case itself is plain JSON
