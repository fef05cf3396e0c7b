"""A clinic day through the app's core (issue 19): consultations back to back, one JSON line
each for the first and the last three and a summary, so that growth in memory or time over a
day shows.

Each consultation is ``Consultations.import_recording`` on the sample recording cut to
``--seconds`` (decode, store the audio, transcribe, draft, codes, all stored in a real
SQLCipher database), with the rules only (no language model: ``bench_llm`` times that).
``rss_mb`` is the process's resident memory after the consultation (not its peak).
30 consultations; ``--quick`` does 6.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parent / "tests" / "data" / "sample_consultation.flac"
PASSPHRASE = "benk-passordfrase-1"
DOCTOR = ("benklege", "fjord-hest-42")
SHOWN = 3  # consultations reported at each end


def emit(**record: object) -> None:
    print(json.dumps({"cores": os.cpu_count(), **record}, ensure_ascii=False), flush=True)


def rss_mb() -> float:
    """Resident memory now, from /proc (Linux); the peak would hide a slow leak."""
    with open("/proc/self/statm", encoding="ascii") as f:
        pages = int(f.read().split()[1])
    return round(pages * os.sysconf("SC_PAGE_SIZE") / 2**20, 1)


def clip(seconds: float, folder: Path) -> Path:
    out = folder / "kort.flac"
    subprocess.run(["sox", str(SAMPLE), str(out), "trim", "0", str(seconds)], check=True)
    return out


def run(count: int, seconds: float, folder: Path) -> list[tuple[float, float]]:
    """(seconds, rss_mb) per consultation."""
    from scribe.app import ScribeApp
    from scribe.config import load_settings

    app = ScribeApp(replace(load_settings(), data_dir=folder / "data"), use_llm=False)
    app.create_practice(PASSPHRASE, admin=("benkadmin", "fjord-hest-41"),
                        doctor=(DOCTOR[0], DOCTOR[1], "9144889"))
    session = app.users.login(*DOCTOR)
    recording = clip(seconds, folder)
    results = []
    try:
        for n in range(1, count + 1):
            start = time.perf_counter()
            result = app.consultations.import_recording(session, recording)
            took, rss = round(time.perf_counter() - start, 2), rss_mb()
            assert result.transcript.segments, "the sample gave no transcript"
            results.append((took, rss))
            if n <= SHOWN or n > count - SHOWN:
                emit(consultation=n, seconds=took, rss_mb=rss)
    finally:
        app.close()
    return results


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--count", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=20.0, help="length of each recording")
    args = parser.parse_args(argv)
    count = min(args.count, 6) if args.quick else args.count
    with tempfile.TemporaryDirectory(prefix="scribe-bench-soak-") as tmp:
        results = run(count, args.seconds, Path(tmp))
    first, last = results[:SHOWN], results[-SHOWN:]
    emit(soak_consultations=count, recording_s=args.seconds,
         first_seconds=statistics.median(t for t, _ in first),
         last_seconds=statistics.median(t for t, _ in last),
         rss_first_mb=first[0][1], rss_last_mb=last[-1][1],
         rss_growth_mb=round(last[-1][1] - first[0][1], 1),
         rss_growth_after_first_mb=round(last[-1][1] - first[-1][1], 1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
