"""Benchmarks of issue 4 (audio and transcription); prints one JSON object per line.

- batch real-time factor of ``transcribe_file`` on the sample consultation for every installed
  ASR pack, against a plain ``WhisperModel.transcribe`` (beam 5, VAD) of the same file in the
  same run, with the ratio ours ÷ plain (must not be above 1 by more than noise);
- word error rate per clip of real Norwegian speech in ``../shared/eval/speech``, plain vs ours
  (vocabulary prompt with the FEST drug lexicon), with both real-time factors;
- streaming: a recording of real speech played at real time through ``FileBackend`` →
  ``Recorder`` → ``StreamingTranscriber``: lag (audio time − end of the segment, when the
  segment arrives) median, 95th percentile and max, the same per word (a segment's first
  word has waited longest), seconds from stop to the last segment and how busy the worker
  was; and the word error rate of live against batch transcription of the real clips (and,
  without ``--quick``, of live with early hearings in Whisper's full 30 s window);
- speaker-role accuracy on the turn-labelled dev cases.

``--quick`` streams a 2-minute recording instead of 10 minutes, times the batch run once and
skips the 105 isolated medical words (slow: Whisper falls back on nearly every 1 s clip).
The sample consultation is synthetic espeak-ng speech that whisper-base mostly mishears: its
RTF is meaningful, its text is not; WER comes from the real recordings only.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
import threading
import time
import wave
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from scribe.audio import SAMPLE_RATE
from scribe.audio.capture import FileBackend, Recorder
from scribe.audio.decode import decode_file, to_int16_bytes
from scribe.audio.speakers import evaluate_roles
from scribe.audio.streaming import EarlyCommit, StreamingTranscriber
from scribe.audio.transcribe import decode_options, transcribe_file
from scribe.audio.vocabulary import build_vocabulary
from scribe.audio.whisper_engine import WhisperEngine, plain_transcriber
from scribe.config import Settings, load_settings, with_section
from scribe.domain import Segment
from scribe.models import ModelStore

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SPEECH = SHARED / "eval" / "speech"
SAMPLE = REPO / "tests" / "data" / "sample_consultation.flac"
DRUGS = SHARED / "data" / "reference" / "drugs" / "drugs_no.csv"
CLIPS = ("npsc_stortinget_short_3s", "npsc_stortinget_medium_8s",
         "kong_harald_2016_hagefest_excerpt", "now_ntnu_ch1_ken", "now_ntnu_ch1_anna",
         "now_ntnu_ch1_maria", "now_ntnu_ch1_peter")


def emit(**record: object) -> None:
    """One JSON line; the 1-minute load average says how shared the machine was."""
    print(json.dumps({"cores": os.cpu_count(), **record,
                      "loadavg_1m": round(os.getloadavg()[0], 2)}, ensure_ascii=False),
          flush=True)


# --- word error rate -------------------------------------------------------------------------
def normalise(text: str) -> list[str]:
    """Lowercase, punctuation out, '25,5' and '25.5' alike, '2016-tallet' split."""
    text = text.lower().replace("’", "'")
    text = re.sub(r"(\d)[,.](\d)", r"\1comma\2", text)
    text = re.sub(r"[^\w\s]|_", " ", text)
    return text.replace("comma", ",").split()


def parse_alt(text: str) -> list[list[list[str]]]:
    """altwer syntax → slots, each a list of alternatives (word lists; [] = optional)."""
    slots: list[list[list[str]]] = []
    for group, plain in re.findall(r"\[([^\]]*)\]|([^\[\]]+)", text):
        if plain:
            slots += [[[w]] for w in normalise(plain)]
        else:
            slots.append([normalise(alt) for alt in group.split("|")])
    return slots


def alt_errors(slots: list[list[list[str]]], hyp: list[str]) -> int:
    """Minimum word edits between ``hyp`` and any path through the reference slots."""
    inf = 10**9
    row = list(range(len(hyp) + 1))  # costs at the node before the first slot
    for alternatives in slots:
        best = [inf] * (len(hyp) + 1)
        for words in alternatives:
            cur = row[:]
            for word in words:
                nxt = [cur[0] + 1] + [inf] * len(hyp)
                for j, h in enumerate(hyp, 1):
                    nxt[j] = min(cur[j] + 1, cur[j - 1] + (word != h), nxt[j - 1] + 1)
                cur = nxt
            best = [min(a, b) for a, b in zip(best, cur, strict=True)]
        for j in range(1, len(best)):  # insertions at the slot's end
            best[j] = min(best[j], best[j - 1] + 1)
        row = best
    return row[-1]


def wer(reference: str, hypothesis: str, *, alt: bool = False) -> float:
    hyp = normalise(hypothesis)
    slots = parse_alt(reference) if alt else [[[w]] for w in normalise(reference)]
    ref_len = sum(len(s[0]) for s in slots)  # the first alternative is the written reference
    return alt_errors(slots, hyp) / max(1, ref_len)


# --- runs --------------------------------------------------------------------------------------
def timed(fn: Any, *args: Any, **kwargs: Any) -> tuple[Any, float, float]:
    """Result, wall seconds, CPU seconds of this process (all threads). On a shared machine
    CPU time is the steadier basis for comparing two pipelines."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def bench_batch(settings: Settings, model_id: str, engine: WhisperEngine, plain: Any,
                reps: int) -> None:
    ours: list[tuple[float, float]] = []
    base: list[tuple[float, float]] = []
    for _ in range(reps):  # interleaved, best of: the machine is shared
        transcript, wall, cpu = timed(transcribe_file, SAMPLE, settings, engine=engine)
        ours.append((wall, cpu))
        (_texts, duration), wall, cpu = timed(plain, SAMPLE)
        base.append((wall, cpu))
    (o_wall, o_cpu), (p_wall, p_cpu) = min(ours), min(base)
    emit(metric="batch_rtf", model=model_id, file=SAMPLE.name, audio_s=round(duration, 1),
         threads=engine.info.threads, device=engine.info.device,
         compute_type=engine.info.compute_type, reps=reps,
         rtf_ours=round(o_wall / duration, 4), rtf_plain=round(p_wall / duration, 4),
         ratio_ours_vs_plain=round(o_wall / p_wall, 3),
         cpu_rtf_ours=round(o_cpu / duration, 4), cpu_rtf_plain=round(p_cpu / duration, 4),
         cpu_ratio_ours_vs_plain=round(o_cpu / p_cpu, 3),
         segments=len(transcript.segments))


def bench_wer(settings: Settings, model_id: str, engine: WhisperEngine, plain: Any) -> None:
    primed = replace(build_vocabulary(settings.asr.vocabulary,
                                      drugs_csv=DRUGS if DRUGS.exists() else None), prime=True)
    for clip in CLIPS:
        audio = SPEECH / f"{clip}.mp3"
        ref = (SPEECH / f"{clip}.txt").read_text(encoding="utf-8")
        alt = (SPEECH / f"{clip}.alt.txt").read_text(encoding="utf-8")
        (texts, duration), plain_s, plain_cpu = timed(plain, audio)
        ours, ours_s, ours_cpu = timed(transcribe_file, audio, settings, engine=engine)
        vocab, vocab_s, _ = timed(transcribe_file, audio, settings, engine=engine,
                                  vocabulary=primed)
        plain_text = " ".join(texts)
        emit(metric="wer", model=model_id, clip=clip, audio_s=round(duration, 1),
             wer_plain=round(wer(ref, plain_text), 4), wer_ours=round(wer(ref, ours.text), 4),
             altwer_plain=round(wer(alt, plain_text, alt=True), 4),
             altwer_ours=round(wer(alt, ours.text, alt=True), 4),
             wer_ours_vocab_prompt=round(wer(ref, vocab.text), 4),
             altwer_ours_vocab_prompt=round(wer(alt, vocab.text, alt=True), 4),
             rtf_ours_vocab_prompt=round(vocab_s / duration, 4),
             rtf_plain=round(plain_s / duration, 4), rtf_ours=round(ours_s / duration, 4),
             ratio_ours_vs_plain=round(ours_s / plain_s, 3),
             cpu_ratio_ours_vs_plain=round(ours_cpu / plain_cpu, 3))


def streamed(engine: WhisperEngine, options: Any, audio: np.ndarray[Any, Any],
             chunk_s: float = 1.0, early: EarlyCommit | None = None) -> str:
    """The live transcriber's text for ``audio`` fed in recorder-sized chunks, the worker
    keeping up between chunks (the cuts are then those a real-time run makes)."""
    live = StreamingTranscriber(engine, options, warm_up=False, early=early)
    step = int(chunk_s * SAMPLE_RATE)
    for i in range(0, audio.size, step):
        live.feed(audio[i:i + step])
        live.wait_idle()
    return live.stop().text


def bench_streaming_wer(settings: Settings, model_id: str, engine: WhisperEngine,
                        full_window: bool) -> None:
    """Corpus WER of live transcription (short pieces cut while the speaker goes on) against
    batch transcription of the same clips: what bounding the lag costs in accuracy. With
    ``full_window`` also live with early hearings encoded in Whisper's full 30 s window: what
    the short encoder window costs."""
    options = decode_options(settings, live=True)
    errors = {"batch": 0.0, "live": 0.0, "live_full_window": 0.0}
    words = 0
    started = time.perf_counter()
    for clip in CLIPS:
        path = SPEECH / f"{clip}.mp3"
        ref = (SPEECH / f"{clip}.txt").read_text(encoding="utf-8")
        n = len(normalise(ref))
        words += n
        errors["batch"] += wer(ref, transcribe_file(path, settings, engine=engine).text) * n
        errors["live"] += wer(ref, streamed(engine, options, decode_file(path))) * n
        if full_window:
            errors["live_full_window"] += wer(ref, streamed(
                engine, options, decode_file(path), early=EarlyCommit(window_pad_s=None))) * n
    emit(metric="streaming_wer", model=model_id, clips=len(CLIPS), words=words,
         wer_batch=round(errors["batch"] / words, 4), wer_live=round(errors["live"] / words, 4),
         ratio_live_vs_batch=round(errors["live"] / max(errors["batch"], 1e-9), 3),
         wer_live_full_window=round(errors["live_full_window"] / words, 4) if full_window
         else None,
         wall_s=round(time.perf_counter() - started, 1))


def bench_medical_words(settings: Settings, model_id: str, engine: WhisperEngine,
                        plain: Any) -> None:
    rows = (SPEECH / "medical_words" / "index.tsv").read_text(encoding="utf-8").splitlines()[1:]
    hits = {"plain": 0, "ours": 0, "ours_vocab_prompt": 0}
    primed = replace(build_vocabulary(settings.asr.vocabulary), prime=True)
    for row in rows:
        name, word = row.split("\t")[:2]
        path = SPEECH / "medical_words" / name
        target = normalise(word)
        plain_words = normalise(" ".join(plain(path)[0]))
        hits["plain"] += all(t in plain_words for t in target)
        for name, vocab in (("ours", None), ("ours_vocab_prompt", primed)):
            try:
                text = transcribe_file(path, settings, engine=engine, vocabulary=vocab).text
            except Exception:  # SilentAudio on a near-silent clip counts as a miss
                text = ""
            hits[name] += all(t in normalise(text) for t in target)
    emit(metric="medical_words_accuracy", model=model_id, words=len(rows),
         accuracy_plain=round(hits["plain"] / len(rows), 4),
         accuracy_ours=round(hits["ours"] / len(rows), 4),
         accuracy_ours_vocab_prompt=round(hits["ours_vocab_prompt"] / len(rows), 4))


def long_recording(seconds: float, folder: Path) -> Path:
    """Real speech clips one after another (1 s apart), repeated to ``seconds``, as a WAV."""
    gap = np.zeros(SAMPLE_RATE, dtype=np.float32)
    parts: list[np.ndarray[Any, Any]] = []
    total = 0
    clips = [SPEECH / f"{c}.mp3" for c in CLIPS[3:]] + [SPEECH / f"{CLIPS[2]}.mp3", SAMPLE]
    while total < seconds * SAMPLE_RATE:
        for clip in clips:
            parts += [decode_file(clip), gap]
            total += parts[-2].size + gap.size
    audio = np.concatenate(parts)[: int(seconds * SAMPLE_RATE)]
    path = folder / "stream.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(to_int16_bytes(audio))
    return path


def bench_streaming(settings: Settings, model_id: str, engine: WhisperEngine,
                    seconds: float) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = long_recording(seconds, Path(tmp))
        lags: list[float] = []
        word_lags: list[float] = []
        start = [0.0]
        lock = threading.Lock()

        def on_segment(segment: Segment) -> None:
            now = time.monotonic() - start[0]
            with lock:
                lags.append(now - segment.t1)
                word_lags.extend(now - w.t1 for w in segment.words)

        live = StreamingTranscriber(engine, decode_options(settings, live=True),
                                    on_segment=on_segment)
        recorder = Recorder(FileBackend(path, speed=1.0), live.on_chunk)
        time.sleep(2.0)  # model warm-up happens before a GP presses record
        start[0] = time.monotonic()
        recorder.start()
        recorder.ended.wait()
        stopped = time.monotonic()
        recorder.stop()
        transcript = live.stop()
        stop_to_last = time.monotonic() - stopped
    stats = live.stats()
    emit(metric="streaming", model=model_id, audio_s=round(stats.fed_s, 1),
         threads=engine.info.threads, pieces=stats.pieces, segments=len(transcript.segments),
         hearings=stats.hearings, worker_busy=round(stats.hearing_s / max(stats.fed_s, 1e-9), 3),
         lag_median_s=round(statistics.median(lags), 2) if lags else None,
         lag_p95_s=round(float(np.percentile(lags, 95)), 2) if lags else None,
         lag_max_s=round(max(lags), 2) if lags else None,
         word_lag_p95_s=round(float(np.percentile(word_lags, 95)), 2) if word_lags else None,
         word_lag_max_s=round(max(word_lags), 2) if word_lags else None,
         stop_to_last_segment_s=round(stop_to_last, 2))


def asr_packs(store: ModelStore) -> list[str]:
    return [p.id for p in store.packs() if p.kind == "asr" and store.status(p).installed]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--only", choices=["batch", "wer", "streaming", "speakers"])
    args, _unknown = parser.parse_known_args(argv[1:])
    settings = with_section(load_settings(), "asr", threads=args.threads)
    if args.only in (None, "speakers"):
        roles = evaluate_roles(SHARED / "eval" / "dev")
        emit(metric="speaker_role_accuracy", cases=len(roles.per_case), turns=roles.total,
             accuracy=round(roles.accuracy, 4))
    store = ModelStore(settings.models_dir)
    for model_id in asr_packs(store):
        path = store.resolve(model_id)
        engine = WhisperEngine(path, device=settings.asr.device, threads=args.threads)
        plain = plain_transcriber(path, threads=args.threads,
                                  beam_size=settings.asr.beam_size)
        for _ in range(2):  # first calls pay one-off set-up (VAD session, alignment): not timed
            plain(SPEECH / f"{CLIPS[0]}.mp3")
            transcribe_file(SPEECH / f"{CLIPS[0]}.mp3", settings, engine=engine)
        if args.only in (None, "batch"):
            bench_batch(settings, model_id, engine, plain, reps=1 if args.quick else 2)
        if args.only in (None, "wer"):
            bench_wer(settings, model_id, engine, plain)
            if not args.quick:
                bench_medical_words(settings, model_id, engine, plain)
        if args.only in (None, "streaming"):
            bench_streaming_wer(settings, model_id, engine, full_window=not args.quick)
            bench_streaming(settings, model_id, engine, 120.0 if args.quick else 600.0)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
