"""Benchmarks of ICPC-2 and takst coding; prints one JSON object per line.

- import of the three publisher files (FinnKode JSON, termsett xlsx, Helfo XML),
- loading the stored reference and building the lexical index,
- retrieval time per query (``CodeIndex.search``),
- full coding time per consultation (detectors, ICPC-2 suggestions, takst rules), over the
  development eval cases, without a language model.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from scribe.coding.evaluate import case_profile
from scribe.coding.index import CodeIndex
from scribe.coding.reference import import_defaults, load_reference
from scribe.coding.service import code_consultation
from scribe.config import load_settings
from scribe.text.facts import detect_in
from scribe.text.transcripts import case_facts, case_transcript, load_case

QUERIES = ("hoste og feber", "vondt i halsen og tett nese", "lungebetennelse",
           "sliten i to måneder", "høyt blodtrykk", "migrene uten aura", "kutt i fingeren",
           "brennende vannlating",
           "nedstemt og sover dårlig", "ryggsmerter etter løft", "øreverk hos barn", "p-piller")
EVAL_DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev"


def emit(**fields: object) -> None:
    print(json.dumps(fields, ensure_ascii=False), flush=True)


def main() -> int:
    raw = load_settings().reference_dir
    if raw is None or not raw.is_dir():
        print("Fant ikke ../shared/data/reference/raw (sett SCRIBE_REFERENCE_DIR).",
              file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        t0 = time.perf_counter()
        import_defaults(data_dir, raw)
        emit(bench="coding.import", seconds=round(time.perf_counter() - t0, 3))
        t0 = time.perf_counter()
        ref = load_reference(data_dir)
        index = CodeIndex(ref)  # built here so the next figures exclude it
        emit(bench="coding.load_and_index", seconds=round(time.perf_counter() - t0, 3),
             codes=len(ref.codes), takster=len(ref.takster))
        times = []
        for _ in range(5):
            for q in QUERIES:
                t0 = time.perf_counter()
                index.search(q, 10)
                times.append((time.perf_counter() - t0) * 1000)
        emit(bench="coding.retrieval", ms_per_query=round(statistics.mean(times), 3),
             p95_ms=round(sorted(times)[int(0.95 * len(times))], 3), queries=len(times))
        cases = sorted(EVAL_DEV.glob("*.json")) if EVAL_DEV.is_dir() else []
        per_case = []
        for path in cases:
            case = load_case(path)
            transcript = case_transcript(case)
            t0 = time.perf_counter()
            facts = case_facts(case, detect_in(transcript))
            code_consultation(transcript, facts, case_profile(case), index=index)
            per_case.append((time.perf_counter() - t0) * 1000)
        if per_case:
            emit(bench="coding.consultation", ms_per_consultation=round(
                statistics.mean(per_case), 2), max_ms=round(max(per_case), 2),
                consultations=len(per_case), llm=None)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
