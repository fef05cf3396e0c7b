"""``scribe transcribe``, ``scribe record`` and ``scribe devices``."""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import wave
from dataclasses import asdict
from pathlib import Path
from typing import Any

from scribe.config import Settings, load_settings, with_section
from scribe.domain import Segment, Transcript
from scribe.progress import Progress


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("transcribe", help="transkriber en lydfil (wav, mp3, m4a, ogg, flac)")
    p.add_argument("audio", type=Path, metavar="AUDIO")
    p.add_argument("--model", help="ASR-modellpakke (standard: [asr] model)")
    p.add_argument("--json", action="store_true", help="skriv resultatet som JSON")
    p.add_argument("--threads", type=int, default=0, help="CPU-tråder (standard: innstilling)")
    p.add_argument("--drugs", type=Path, help="legemiddelliste (drugs_no.csv) til ordforrådet")
    p.set_defaults(func=cmd_transcribe)

    p = sub.add_parser("record", help="ta opp fra mikrofon (eller en fil) som en konsultasjon "
                                      "i den krypterte databasen (en WAV-fil bare med --out)")
    p.add_argument("--seconds", type=float, required=True, metavar="N")
    src = p.add_mutually_exclusive_group()
    src.add_argument("--device", help="lydenhet: nummer eller del av navnet (se scribe devices)")
    src.add_argument("--from-file", type=Path, metavar="F", help="spill av en lydfil som mikrofon")
    p.add_argument("--speed", type=float, default=1.0,
                   help="avspillingsfart for --from-file (1 = sanntid, 0 = så fort som mulig)")
    p.add_argument("--out", type=Path, metavar="WAV",
                   help="skriv en ukryptert WAV-fil (bare for deg, modus 0600) i stedet")
    p.add_argument("--live", action="store_true", help="transkriber mens opptaket går")
    p.add_argument("--model", help="ASR-modellpakke for --live")
    p.add_argument("--threads", type=int, default=0, help="CPU-tråder for --live")
    p.set_defaults(func=cmd_record)

    p = sub.add_parser("devices", help="vis lydenheter for opptak")
    p.set_defaults(func=cmd_devices)


def _settings(args: argparse.Namespace) -> Settings:
    settings = load_settings()
    if getattr(args, "threads", 0):
        settings = with_section(settings, "asr", threads=args.threads)
    if getattr(args, "model", None):
        settings = with_section(settings, "asr", model=args.model)
    return settings


def _progress(progress: Progress) -> None:
    if sys.stderr.isatty() and progress.fraction is not None:
        print(f"\r{progress.label} {progress.fraction * 100:5.1f} %", end="", file=sys.stderr,
              flush=True)


def _clock(seconds: float) -> str:
    minutes, sec = divmod(seconds, 60)
    return f"{int(minutes):02d}:{sec:04.1f}"


def format_segment(segment: Segment) -> str:
    mark = " (usikker)" if segment.low_confidence else ""
    return (f"[{_clock(segment.t0)}–{_clock(segment.t1)}] {segment.speaker.value}: "
            f"{segment.text}{mark}")


def transcript_json(transcript: Transcript) -> dict[str, Any]:
    return {"language": transcript.language, "duration_s": round(transcript.duration_s, 3),
            "segments": [{**asdict(s), "speaker": s.speaker.value} for s in transcript.segments]}


def cmd_transcribe(args: argparse.Namespace) -> int:
    from scribe.audio.speakers import assign_speakers
    from scribe.audio.transcribe import transcribe_file
    from scribe.audio.vocabulary import build_vocabulary

    settings = _settings(args)
    vocabulary = build_vocabulary(settings.asr.vocabulary, drugs_csv=args.drugs)
    transcript = transcribe_file(args.audio, settings, vocabulary=vocabulary,
                                 on_progress=_progress)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    transcript = Transcript(assign_speakers(transcript.segments), transcript.language,
                            transcript.duration_s)
    if args.json:
        json.dump(transcript_json(transcript), sys.stdout, ensure_ascii=False, indent=1)
        print()
    elif not transcript.segments:
        print("Ingen tale funnet i opptaket.")
    else:
        for segment in transcript.segments:
            print(format_segment(segment))
    return 0


def cmd_devices(_args: argparse.Namespace) -> int:
    from scribe.audio.capture import list_input_devices

    devices = list_input_devices()
    if not devices:
        print("Ingen mikrofon funnet.\nKoble til en mikrofon, eller bruk "
              "«scribe record --from-file FIL» for å spille av et opptak.")
        return 1
    for dev in devices:
        star = "*" if dev.is_default else " "
        print(f"{star}{dev.index:3d}  {dev.name}  ({dev.channels} kanaler, "
              f"{dev.default_rate:.0f} Hz)")
    return 0


def cmd_record(args: argparse.Namespace) -> int:
    """Records into the encrypted database as a consultation; a plain WAV only with --out."""
    from scribe.audio.capture import AudioBackend, FileBackend, SoundDeviceBackend

    backend: AudioBackend = (FileBackend(args.from_file, speed=args.speed) if args.from_file
                             else SoundDeviceBackend(args.device))
    live = _live_transcriber(args) if args.live else None
    summary, where = (_record_to_wav(args, backend, live) if args.out is not None
                      else _record_to_store(args, backend, live))
    if live is not None:
        live.stop()
    print(f"Tok opp {summary.seconds:.1f} s i {summary.chunks} biter til {where}.")
    if summary.error is not None:
        print(f"Feil: {summary.error.show()}", file=sys.stderr)
        return int(summary.error.exit_code)
    return 0


def _record(backend: Any, sink: Any, seconds: float, live: Any, on_fail: Any) -> Any:
    """Runs the recorder until done; ``on_fail`` cleans up when it never started."""
    from scribe.audio.capture import Recorder

    def both(seq: int, t0: float, pcm: bytes) -> None:
        sink(seq, t0, pcm)
        if live is not None:
            live.on_chunk(seq, t0, pcm)

    recorder = Recorder(backend, both, max_seconds=seconds)
    try:
        recorder.start()
    except BaseException:
        on_fail()
        raise
    _wait(recorder)
    return recorder.stop()


def _record_to_store(args: argparse.Namespace, backend: Any, live: Any) -> tuple[Any, str]:
    """Chunks go straight into the encrypted database; the consultation waits, with its audio,
    for transcription (status «gjenopprettet», as a recording that ended without a transcript)."""
    from scribe.cli.store import login, open_store
    from scribe.consultation.status import Status

    with open_store() as store:
        session = login(store)
        cid = store.create_consultation(session)
        summary = _record(backend, lambda seq, t0, pcm: store.add_audio_chunk(cid, seq, t0, pcm),
                          args.seconds, live,
                          lambda: store.transition(session, cid, Status.DISCARDED))
        store.transition(session, cid, Status.RECOVERED)
    return summary, f"konsultasjon {cid} i den krypterte databasen"


def _record_to_wav(args: argparse.Namespace, backend: Any, live: Any) -> tuple[Any, str]:
    """A plain WAV, readable by the user alone (0600): it holds a patient's voice unencrypted."""
    from scribe.audio import SAMPLE_RATE

    args.out.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(args.out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)  # an existing file keeps its old mode through O_CREAT
    with os.fdopen(fd, "wb") as raw, wave.open(raw, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)

        def fail() -> None:
            args.out.unlink(missing_ok=True)  # nothing was recorded
        summary = _record(backend, lambda seq, t0, pcm: out.writeframes(pcm), args.seconds,
                          live, fail)
    return summary, str(args.out)


def _wait(recorder: Any) -> None:
    """Until the recording is done, with a level meter on a terminal."""
    while not recorder.ended.wait(0.2):
        if sys.stderr.isatty():
            level = recorder.level
            bar = "#" * max(0, int((level.rms_dbfs + 60) / 2))
            print(f"\r{recorder.seconds:6.1f} s {level.rms_dbfs:6.1f} dBFS {bar:<30}",
                  end="", file=sys.stderr, flush=True)
    if sys.stderr.isatty():
        print(file=sys.stderr)


def _live_transcriber(args: argparse.Namespace) -> Any:
    from scribe.audio.streaming import StreamingTranscriber
    from scribe.audio.transcribe import decode_options
    from scribe.audio.whisper_engine import load_engine

    settings = _settings(args)
    lock = threading.Lock()

    def show(segment: Segment) -> None:
        with lock:
            print(format_segment(segment), flush=True)

    return StreamingTranscriber(load_engine(settings), decode_options(settings, live=True),
                                on_segment=show)
