"""Issue-5 benchmarks, one JSON object per line (``make bench``).

* ``llm_speed``: prompt-processing and generation tokens/s per installed LLM pack, peak RSS.
* ``stop_to_draft``: seconds from "stop" to a finished draft for a ~15-minute consultation,
  without and with prefill, measured in the same run, and their ratio.

Each measurement runs in its own process so peak RSS belongs to one pack.
Usage: python bench/bench_llm.py [--threads N] [--draft-model smollm2-135m] [--packs ID ...]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from scribe.config import load_settings
from scribe.domain import Segment, Speaker, Transcript
from scribe.models import ModelStore

EVAL_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev"
TARGET_WORDS = 2200  # about 15 minutes of consultation at ~150 words a minute
TAIL_SEGMENTS = 3  # what is still being transcribed when the doctor presses stop


def _peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _base(pack: str, threads: int) -> dict[str, Any]:
    return {"pack": pack, "cores": os.cpu_count(), "threads": threads}


def llm_speed(pack: str, threads: int) -> dict[str, Any]:
    from scribe.llm.llama_backend import LlamaChatModel

    store = ModelStore(load_settings().models_dir)
    model = LlamaChatModel(store.resolve(pack), model_id=pack, n_ctx=2048, n_threads=threads)
    llm = model.llm
    text = " ".join(f"Pasienten har hatt vondt i halsen i {i} dager." for i in range(60))
    tokens = llm.tokenize(text.encode("utf-8"), special=True)[:512]
    llm.reset()
    started = time.perf_counter()
    llm.eval(tokens)
    prompt_s = time.perf_counter() - started
    prompt = llm.detokenize(tokens).decode("utf-8", "replace")
    started = time.perf_counter()
    out = llm.create_completion(prompt, max_tokens=64, temperature=0.0, seed=0)
    gen_s = time.perf_counter() - started
    n_gen = int(out["usage"]["completion_tokens"])
    model.close()
    return {"bench": "llm_speed", **_base(pack, threads), "prompt_tokens": len(tokens),
            "prompt_tok_s": round(len(tokens) / prompt_s, 1), "gen_tokens": n_gen,
            "gen_tok_s": round(n_gen / gen_s, 1), "peak_rss_mb": _peak_rss_mb()}


def consultation() -> Transcript:
    """A ~15-minute consultation: dev cases joined (or a synthetic one without them)."""
    turns: list[tuple[str, str]] = []
    for path in sorted(EVAL_DIR.glob("*.json")):
        case = json.loads(path.read_text(encoding="utf-8"))
        turns += [(t["speaker"], t["text"]) for t in case["transcript"]]
        if sum(len(t.split()) for _, t in turns) >= TARGET_WORDS:
            break
    if not turns:
        turns = [("pasient", "Jeg har hatt vondt i halsen i fire dager, og feber i går."),
                 ("lege", "Temperaturen er trettiåtte komma en, og halsen er rød.")] * 110
    speakers = {"lege": Speaker.LEGE, "pasient": Speaker.PASIENT}
    return Transcript(tuple(Segment(f"s{i + 1:04d}", i * 4.0, i * 4.0 + 4, text,
                                    speakers.get(who, Speaker.ANNEN))
                            for i, (who, text) in enumerate(turns)), duration_s=900.0)


def stop_to_draft(pack: str, threads: int) -> dict[str, Any]:
    from scribe.draft.lexicon import lexicon_for
    from scribe.draft.llm_stages import LlmOptions
    from scribe.draft.pipeline import Drafter
    from scribe.draft.prefill import PrefillSession
    from scribe.llm.factory import context_for
    from scribe.llm.llama_backend import LlamaChatModel

    settings = load_settings()
    store = ModelStore(settings.models_dir)
    transcript = consultation()
    n_ctx = context_for(transcript)
    model = LlamaChatModel(store.resolve(pack), model_id=pack, n_ctx=n_ctx, n_threads=threads)
    drafter = Drafter(lexicon_for(settings.lexicon_dir), model=model,
                      options=LlmOptions(context_tokens=n_ctx))
    model.llm.reset()
    started = time.perf_counter()
    drafter.draft(transcript)
    without = time.perf_counter() - started
    model.llm.reset()
    session = PrefillSession(drafter)
    body = transcript.segments[:-TAIL_SEGMENTS]
    prefill_started = time.perf_counter()
    for i in range(0, len(body), 8):  # the transcriber delivers a few segments at a time
        session.append(body[i:i + 8])
    prefill_s = time.perf_counter() - prefill_started
    started = time.perf_counter()
    session.append(transcript.segments[-TAIL_SEGMENTS:])
    session.finish(duration_s=transcript.duration_s)
    with_prefill = time.perf_counter() - started
    words = sum(len(s.text.split()) for s in transcript.segments)
    return {"bench": "stop_to_draft", **_base(pack, threads), "words": words,
            "segments": len(transcript.segments), "without_prefill_s": round(without, 2),
            "with_prefill_s": round(with_prefill, 2),
            "ratio": round(without / with_prefill, 2) if with_prefill else None,
            "prefill_during_recording_s": round(prefill_s, 2),
            "prefilled_tokens": session.prefilled_tokens, "n_ctx": n_ctx,
            "peak_rss_mb": _peak_rss_mb()}


def stop_to_note(pack: str, threads: int) -> dict[str, Any]:
    """The app's default path on small packs ([llm] mode "koder"): the note from the verified
    extraction, the model ranking the ICPC-2 candidates; seconds from a finished transcript
    to the stored-ready draft with codes and takster."""
    from dataclasses import replace

    from scribe.coding.index import CodeIndex
    from scribe.coding.reference import ensure_reference
    from scribe.coding.service import code_consultation
    from scribe.domain import DoctorProfile
    from scribe.draft.lexicon import lexicon_for
    from scribe.draft.pipeline import Drafter
    from scribe.llm.llama_backend import LlamaChatModel

    settings = load_settings()
    store = ModelStore(settings.models_dir)
    index = CodeIndex(ensure_reference(settings.data_dir, settings.reference_dir))
    model = LlamaChatModel(store.resolve(pack), model_id=pack, n_ctx=4096, n_threads=threads)
    drafter = Drafter(lexicon_for(settings.lexicon_dir), model=None)
    transcript = consultation()
    drafter.draft(transcript)  # warm caches (lexicon, templates), as a running app has them
    started = time.perf_counter()
    result = drafter.draft(transcript)
    draft_s = time.perf_counter() - started
    facts = replace(result.extraction.facts, duration_min=15.0)
    coding = code_consultation(transcript, facts, DoctorProfile(), index=index, llm=model)
    total = time.perf_counter() - started
    return {"bench": "stop_to_note", **_base(pack, threads), "mode": "koder",
            "words": sum(len(s.text.split()) for s in transcript.segments),
            "draft_s": round(draft_s, 2), "coding_s": round(total - draft_s, 2),
            "stop_to_note_s": round(total, 2), "codes": len(coding.icpc2),
            "peak_rss_mb": _peak_rss_mb()}


def _child(kind: str, pack: str, threads: int) -> None:
    bench = {"speed": llm_speed, "draft": stop_to_draft, "note": stop_to_note}[kind]
    print(json.dumps(bench(pack, threads), ensure_ascii=False), flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--draft-model", default="smollm2-135m")
    parser.add_argument("--packs", nargs="*", default=None)
    parser.add_argument("--note-model", default=load_settings().llm.model)
    parser.add_argument("--quick", action="store_true",
                        help="leave out the slow phrasing stop→draft (minutes on small packs)")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "PACK"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child[0], args.child[1], args.threads)
        return 0
    store = ModelStore(load_settings().models_dir)
    packs = args.packs or [p.id for p in store.packs()
                           if p.kind == "llm" and store.status(p).installed]
    jobs = [("speed", p) for p in packs] + [("note", args.note_model)]
    if not args.quick:
        jobs.append(("draft", args.draft_model))
    for kind, pack in jobs:
        cmd = [sys.executable, __file__, "--threads", str(args.threads), "--child", kind, pack]
        result = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            print(json.dumps({"bench": kind, "pack": pack, "error": result.stderr[-300:]}))
        else:
            print(result.stdout.strip(), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
