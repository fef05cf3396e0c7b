"""Runs every ``bench/bench_*.py`` and prints their results: one JSON object per line.

Each benchmark prints its own JSON lines (with the machine's core count); this runner adds
the script name, copies the lines to ``bench-results/latest.jsonl`` and exits non-zero if a
benchmark failed. Timings are measured here, never asserted in the unit tests.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "bench-results" / "latest.jsonl"


def main(argv: list[str]) -> int:
    extra = argv[1:]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    failed = []
    with OUT.open("w", encoding="utf-8") as out:
        for script in sorted(HERE.glob("bench_*.py")):
            start = time.perf_counter()
            proc = subprocess.run([sys.executable, str(script), *extra], capture_output=True,
                                  text=True, check=False)
            for line in proc.stdout.splitlines():
                line = line.strip()
                if not line.startswith("{"):
                    continue
                record = {"bench": script.stem, **json.loads(line)}
                print(json.dumps(record, ensure_ascii=False), flush=True)
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            if proc.returncode != 0:
                failed.append(script.name)
                print(proc.stderr[-2000:], file=sys.stderr)
            print(json.dumps({"bench": script.stem, "wall_s": round(time.perf_counter() - start,
                                                                   1)}), flush=True)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
