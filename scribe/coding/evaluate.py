"""Scoring against eval cases (../shared/eval/dev/*.json): ICPC-2 and takster.

Follows the conventions in the eval README: primary top-1/top-3 count the gold primary or an
acceptable alternative; takst sets are multisets of (code, count), exact against gold or any
acceptable alternative; per-code precision/recall against whichever set gives the best F1.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scribe.coding.icpc import suggest_icpc2
from scribe.coding.index import CodeIndex
from scribe.coding.suggestion import secondary_codes
from scribe.coding.takster import check_takster, suggest_takster
from scribe.domain import DoctorProfile, Fact
from scribe.errors import ReferenceDataError
from scribe.llm.api import ChatModel
from scribe.text.facts import detect_in
from scribe.text.transcripts import case_facts, case_transcript, load_case

if TYPE_CHECKING:
    from scribe.coding.semantic import SemanticIndex


def case_profile(case: Mapping[str, Any]) -> DoctorProfile:
    ctx = case.get("context", {})
    specialist = bool(ctx.get("doctor_specialist_allmennmedisin"))
    return DoctorProfile(specialist_allmennmedisin=specialist, phd=bool(ctx.get("doctor_phd")))


def _multiset(items: Iterable[Mapping[str, Any]]) -> Counter[str]:
    return Counter({str(t["code"]): int(t.get("count", 1)) for t in items})


def _prf(pred: Counter[str], gold: Counter[str]) -> tuple[int, int, int]:
    tp = sum((pred & gold).values())
    return tp, sum(pred.values()) - tp, sum(gold.values()) - tp


def evaluate_case(case: Mapping[str, Any], llm: ChatModel | None = None, *,
                  index: CodeIndex, found: Sequence[Fact] | None = None,
                  k: int = 5, semantic: SemanticIndex | None = None) -> dict[str, Any]:
    """Suggest codes and takster for one case and score them against its gold labels.

    ``found``: the facts extraction found in the case (``scribe eval`` drafts it first);
    without them, the takst detectors run on the case's transcript.
    """
    ref = index.ref
    gold = case["gold"]
    transcript = case_transcript(case)
    facts = case_facts(case, detect_in(transcript) if found is None else found)
    suggestions = suggest_icpc2(transcript, facts, index=index, llm=llm, k=k,
                                semantic=semantic)
    codes = [s.code for s in suggestions]
    marked = secondary_codes(suggestions)
    ok = {gold["icpc2_primary"], *gold.get("icpc2_acceptable", ())}
    lines = suggest_takster(facts, case_profile(case), ref=ref)
    pred = Counter({ln.code: ln.count for ln in lines})
    sets = [_multiset(gold["takster"])] + [_multiset(a) for a in
                                          gold.get("takster_acceptable_alternatives", ())]
    best = max(sets, key=lambda g: _f1(*_prf(pred, g)))
    secondary = list(gold.get("icpc2_secondary", ()))
    return {
        "id": case.get("id", ""), "icpc2": codes, "gold_primary": gold["icpc2_primary"],
        "top1": bool(codes[:1]) and codes[0] in ok, "top3": any(c in ok for c in codes[:3]),
        "secondary_found": sum(c in codes for c in secondary), "secondary_total": len(secondary),
        "secondary_marked": marked, "secondary_marked_right": sum(c in secondary for c in marked),
        "primary_weak": not any(s.primary for s in suggestions),
        "unknown_codes": [c for c in codes if c not in ref.codes],
        "takster": dict(pred), "gold_takster": dict(sets[0]),
        "takst_exact": any(pred == g for g in sets),
        "takst_exact_core": any(_core(pred) == _core(g) for g in sets),
        "takst_tp_fp_fn": _prf(pred, best), "per_code": _per_code(pred, best),
        "rule_warnings": check_takster(lines, ref, facts=facts, profile=case_profile(case)),
    }


def case_figures(r: Mapping[str, Any]) -> dict[str, float]:
    """One case's coding figures for ``scribe eval`` (averaged there over the cases that have
    them): secondary recall where the case has secondary problems, secondary precision where
    codes were marked secondary, and whether the primary was left to the GP (weak evidence)."""
    out = {"icpc2_top1": float(r["top1"]), "icpc2_top3": float(r["top3"]),
           "icpc2_primary_weak": float(r["primary_weak"]),
           "takst_exact": float(r["takst_exact"]),
           "unknown_codes": float(len(r["unknown_codes"])),
           "takst_rule_breaches": float(bool(r["rule_warnings"]))}
    if r["secondary_total"]:
        out["icpc2_secondary_recall"] = r["secondary_found"] / r["secondary_total"]
    if r["secondary_marked"]:
        out["icpc2_secondary_precision"] = (r["secondary_marked_right"]
                                            / len(r["secondary_marked"]))
    return out


def _core(takster: Counter[str]) -> Counter[str]:
    """Without patient-paid materials (10a–10d) and NAV's L-takster, which practices record
    differently."""
    return Counter({c: n for c, n in takster.items()
                    if not (c.startswith("L") or (c[:2] == "10" and c[2:].isalpha()))})


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _per_code(pred: Counter[str], gold: Counter[str]) -> dict[str, tuple[int, int, int]]:
    return {c: _prf(Counter({c: pred[c]}), Counter({c: gold[c]})) for c in set(pred) | set(gold)}


def summarise(results: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Overall figures over cases: rates, secondary recall, per-code precision/recall."""
    n = max(1, len(results))
    per: dict[str, list[int]] = {}
    for r in results:
        for code, (tp, fp, fn) in r["per_code"].items():
            acc = per.setdefault(code, [0, 0, 0])
            acc[0] += tp
            acc[1] += fp
            acc[2] += fn
    sec_total = sum(r["secondary_total"] for r in results)
    return {
        "cases": len(results),
        "icpc2_top1": sum(r["top1"] for r in results) / n,
        "icpc2_top3": sum(r["top3"] for r in results) / n,
        "secondary_recall": (sum(r["secondary_found"] for r in results) / sec_total
                             if sec_total else None),
        **secondary_figures(results), **threshold_figures(results),
        "unknown_codes": sum(len(r["unknown_codes"]) for r in results),
        "takst_exact": sum(r["takst_exact"] for r in results) / n,
        "takst_exact_core": sum(r["takst_exact_core"] for r in results) / n,
        "rule_breaking_sets": sum(bool(r["rule_warnings"]) for r in results),
        "per_code": {c: {"precision": tp / (tp + fp) if tp + fp else None,
                         "recall": tp / (tp + fn) if tp + fn else None, "support": tp + fn}
                     for c, (tp, fp, fn) in sorted(per.items())},
    }


def secondary_figures(results: Sequence[Mapping[str, Any]]) -> dict[str, float | None]:
    """Precision of the codes marked as further problems, and the recall of those marks
    (``secondary_recall`` counts a gold secondary code anywhere among the suggestions)."""
    marked = sum(len(r["secondary_marked"]) for r in results)
    right = sum(r["secondary_marked_right"] for r in results)
    total = sum(r["secondary_total"] for r in results)
    return {"secondary_precision": right / marked if marked else None,
            "secondary_recall_marked": right / total if total else None}


def threshold_figures(results: Sequence[Mapping[str, Any]]) -> dict[str, float | None]:
    """The weak-evidence threshold: how often a primary code is suggested at all, and how often
    that primary is right (gold or acceptable)."""
    strong = [r for r in results if not r["primary_weak"]]
    return {"primary_coverage": len(strong) / len(results) if results else None,
            "primary_precision": (sum(r["top1"] for r in strong) / len(strong)
                                  if strong else None)}


def evaluate_dir(cases_dir: Path, index: CodeIndex, llm: ChatModel | None = None, *,
                 semantic: SemanticIndex | None = None,
                 ) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    paths = sorted(cases_dir.glob("*.json"))
    if not paths:
        raise ReferenceDataError(f"Fant ingen evalueringscaser (*.json) i {cases_dir}.",
                                 "Oppgi mappen med casene, f.eks. ../shared/eval/dev.")
    results = [evaluate_case(load_case(p), llm, index=index, semantic=semantic) for p in paths]
    return results, summarise(results)
