"""``scribe eval``: drafts every case in a folder and scores it against its gold labels.

Draft metrics: ``fact_recall`` (share of must_include facts present in the note),
``must_not_hits``, ``unsupported_rate`` (share of statements flagged as unsupported),
``numbers_not_in_transcript``. Other metrics plug in through :data:`CASE_METRICS`
(``register_metric``): a function ``(case, result) -> {name: value}`` whose values are
averaged over the cases (e.g. icpc2_top1 / icpc2_top3 / takst_exact from the coding issue).
Note figures (:mod:`scribe.draft.notestats`): ``note_words``, ``share_of_spoken``,
``ratio_to_reference``, ``questions``, ``pronouns``, ``fillers`` per case; overall the sums of
the counts and the medians of the share and the ratio.
Documents (issue 18, :mod:`scribe.documents.evaluate`): per case ``documents`` (which were
drafted, receiver/reason/period/grade/drug/dose against gold, must-not and small talk in
them, the patient summary's LIX and longest sentence); overall the ``documents`` section.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scribe.draft.notestats import note_stats, note_text, summarise_stats
from scribe.draft.pipeline import Drafter, DraftResult
from scribe.draft.render import Templates
from scribe.llm.api import ChatModel
from scribe.progress import CancelToken
from scribe.text.transcripts import contact_of, load_json, transcript_from_json

if TYPE_CHECKING:
    from scribe.coding.reference import Reference

CaseMetric = Callable[[Mapping[str, Any], DraftResult], Mapping[str, float]]
CASE_METRICS: dict[str, CaseMetric] = {}
UNSUPPORTED = frozenset({"no_evidence", "unknown_evidence", "number_not_in_source",
                         "drug_not_in_source", "negation_flipped", "weak_support"})


def register_metric(name: str, metric: CaseMetric) -> None:
    """Adds per-case metrics to every later evaluation (averaged over cases)."""
    CASE_METRICS[name] = metric


def register_coding_metrics(ref: Reference, llm: ChatModel | None) -> None:
    """ICPC-2 top-1/top-3, secondary recall and precision, takst exact-set match, unknown codes
    and rule breaches per case (:func:`scribe.coding.evaluate.case_figures`), coding the facts
    the draft's extraction found (as the app does)."""
    from scribe.coding.evaluate import case_figures, evaluate_case
    from scribe.coding.index import CodeIndex

    index = CodeIndex(ref)

    def coding(case: Mapping[str, Any], result: DraftResult) -> dict[str, float]:
        if "icpc2_primary" not in case.get("gold", {}):
            return {}  # a case with note facts only
        return case_figures(evaluate_case(case, llm, index=index,
                                          found=result.extraction.facts.facts))

    register_metric("coding", coding)


def normalise_note(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower().replace("×", "x")).strip()


@dataclass(frozen=True)
class CaseScore:
    id: str
    facts: int
    found: int
    missed: tuple[str, ...]
    must_not_hits: tuple[str, ...]
    statements: int
    unsupported: int
    numbers_not_in_transcript: int
    seconds: float
    extra: Mapping[str, float] = field(default_factory=dict)
    stats: Mapping[str, float] = field(default_factory=dict)  # note figures (notestats)
    documents: Mapping[str, Any] = field(default_factory=dict)  # issue 18

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "fact_recall": self.found / self.facts if self.facts else 1.0,
                "facts": self.facts, "found": self.found, "missed": list(self.missed),
                "must_not_hits": list(self.must_not_hits), "statements": self.statements,
                "unsupported": self.unsupported,
                "numbers_not_in_transcript": self.numbers_not_in_transcript,
                "seconds": round(self.seconds, 1), **self.stats, **self.extra,
                **({"documents": dict(self.documents)} if self.documents else {})}


def score_case(case: Mapping[str, Any], result: DraftResult, note: str,
               seconds: float) -> CaseScore:
    gold = case.get("gold", {})
    text = normalise_note(note)
    must = [list(alts) for alts in gold.get("must_include", [])]
    missed = tuple(alts[0] for alts in must if not any(a.lower() in text for a in alts))
    hits = tuple(a for alts in gold.get("must_not_include", []) for a in alts
                 if a.lower() in text)
    statements = [st for sec in result.draft.sections for st in sec.statements]
    unsupported = sum(1 for st in statements if {f.kind for f in st.flags} & UNSUPPORTED)
    numbers = sum(1 for st in statements for f in st.flags if f.kind == "number_not_in_source")
    extra: dict[str, float] = {}
    for metric in CASE_METRICS.values():
        extra.update(metric(case, result))
    return CaseScore(str(case.get("id", "?")), len(must), len(must) - len(missed), missed,
                     hits, len(statements), unsupported, numbers, seconds, extra,
                     _note_figures(case, result))


def _note_figures(case: Mapping[str, Any], result: DraftResult) -> dict[str, float]:
    spoken = [str(t.get("text", "")) for t in case.get("transcript", [])
              if isinstance(t, Mapping)]
    reference = case.get("gold", {}).get("reference_note")
    return note_stats(note_text(result.draft), spoken=spoken,
                      reference=reference if isinstance(reference, Mapping) else None)


def evaluate(cases_dir: Path, drafter: Drafter, *, limit: int | None = None,
             cancel: CancelToken | None = None,
             on_case: Callable[[CaseScore], None] | None = None) -> dict[str, Any]:
    from dataclasses import replace

    from scribe.documents.drafting import DocumentDrafter
    from scribe.documents.evaluate import case_documents

    paths = sorted(cases_dir.glob("*.json"))[: limit or None]
    scores = []
    documents = DocumentDrafter(drafter.lexicon)
    for path in paths:
        case = load_json(path)
        started = time.monotonic()
        transcript = transcript_from_json(case)
        result = drafter.draft(transcript, contact=contact_of(case), cancel=cancel)
        note = drafter.templates.render_note(result.draft)
        score = score_case(case, result, note, time.monotonic() - started)
        score = replace(score, documents=case_documents(case, result, transcript, documents))
        scores.append(score)
        if on_case is not None:
            on_case(score)
    return summary(scores, model=drafter.model.model_id if drafter.model else "ingen")


def summary(scores: Sequence[CaseScore], *, model: str) -> dict[str, Any]:
    facts = sum(s.facts for s in scores)
    statements = sum(s.statements for s in scores)
    out: dict[str, Any] = {
        "cases": len(scores), "model": model,
        "fact_recall": round(sum(s.found for s in scores) / facts, 4) if facts else 0.0,
        "must_not_hits": sum(len(s.must_not_hits) for s in scores),
        "unsupported_rate": round(sum(s.unsupported for s in scores) / statements, 4)
        if statements else 0.0,
        "numbers_not_in_transcript": sum(s.numbers_not_in_transcript for s in scores),
        "statements": statements,
        "seconds_per_case": round(sum(s.seconds for s in scores) / len(scores), 1)
        if scores else 0.0,
    }
    out.update(summarise_stats([s.stats for s in scores]))
    keys = sorted({k for s in scores for k in s.extra})
    for key in keys:
        values = [s.extra[key] for s in scores if key in s.extra]
        out[key] = round(sum(values) / len(values), 4)
    if any(s.documents for s in scores):
        from scribe.documents.evaluate import summarise as summarise_documents

        out["documents"] = summarise_documents([s.documents for s in scores if s.documents])
    out["per_case"] = [s.as_dict() for s in scores]
    return out


def default_templates(user_dir: Path | None) -> Templates:
    return Templates(user_dir)
