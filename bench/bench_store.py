"""Benchmarks of the encrypted store; prints one JSON object per line.

- sustained inserts of 1-second 16 kHz 16-bit audio chunks through ``Store.add_audio_chunk``
  (each one its own committed transaction, as the recorder does it; must be far above 1/s),
- database bytes per hour of audio (WAL checkpointed),
- time to open (key + schema check) a database holding 10 000 consultations.

Production settings throughout: SQLCipher's default KDF and scrypt password hashing.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from scribe.domain import Draft, Section, Statement
from scribe.store import Store, consultations, drafts
from scribe.store import audit as audit_log
from scribe.store.db import Connection, transaction

PASSPHRASE = "benchmark passordfrase"
CHUNK_SECONDS, RATE = 1.0, 16000
CHUNKS = 300
CONSULTATIONS = 10_000


def emit(**record: object) -> None:
    print(json.dumps({"cores": os.cpu_count(), **record}, ensure_ascii=False), flush=True)


def speech_like_pcm(seconds: int) -> list[bytes]:
    """Noise shaped like speech levels: incompressible, like real audio after encryption."""
    rng = np.random.default_rng(7)
    samples = (rng.normal(0, 3000, seconds * RATE)).clip(-32768, 32767).astype("<i2")
    step = int(CHUNK_SECONDS * RATE)
    return [samples[i:i + step].tobytes() for i in range(0, len(samples), step)]


def db_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def bench_chunks(path: Path) -> None:
    with Store.open(path, PASSPHRASE, create=True) as store:
        store.create_user("admin", "admin", "bench-passord")
        admin = store.authenticate("admin", "bench-passord")
        store.create_user("lege", "lege", "bench-passord", session=admin)
        doctor = store.authenticate("lege", "bench-passord")
        cid = store.create_consultation(doctor)
        store.db.call(lambda c: c.execute("PRAGMA wal_checkpoint(TRUNCATE)"))
        before = db_bytes(path)
        chunks = speech_like_pcm(CHUNKS)
        start = time.perf_counter()
        for seq, pcm in enumerate(chunks):
            store.add_audio_chunk(cid, seq, seq * CHUNK_SECONDS, pcm)
        elapsed = time.perf_counter() - start
        store.db.call(lambda c: c.execute("PRAGMA wal_checkpoint(TRUNCATE)"))
        grown = db_bytes(path) - before
    emit(metric="audio_chunk_inserts_per_s", value=round(CHUNKS / elapsed, 1),
         unit="chunks/s", chunk_seconds=CHUNK_SECONDS, chunks=CHUNKS,
         realtime_factor=round(CHUNKS * CHUNK_SECONDS / elapsed, 1))
    per_hour = grown * 3600 / (CHUNKS * CHUNK_SECONDS)
    raw = 3600 * RATE * 2
    emit(metric="db_bytes_per_hour_audio", value=int(per_hour), unit="bytes",
         raw_pcm_bytes_per_hour=raw, overhead=round(per_hour / raw - 1, 3))


DRAFT = Draft("allmennlege", (Section("Anamnese", (Statement("Tekst.", ("s0001",)),)),), "b")


def fill(path: Path) -> None:
    """10 000 consultations with a draft each, written in one go (a year or two of a GP)."""
    with Store.open(path, PASSPHRASE, create=True) as store:
        store.create_user("lege", "lege", "bench-passord")
        doctor = store.authenticate("lege", "bench-passord")

        def bulk(conn: Connection) -> None:
            # the doctor's journal key seals the clinical text, as in the app
            vault = store._vault(conn, doctor)
            with transaction(conn):
                for i in range(CONSULTATIONS):
                    cid = consultations.create(conn, doctor.actor, "oppmote", f"ref-{i}", vault)
                    drafts.insert_version(conn, doctor.actor, cid, DRAFT, vault)
                    audit_log.append(conn, doctor.actor, "save_draft", "consultation", cid)
        store.db.call(bulk)


def bench_open(path: Path) -> None:
    fill(path)
    start = time.perf_counter()
    store = Store.open(path, PASSPHRASE)
    opened = time.perf_counter() - start
    session = store.authenticate("lege", "bench-passord")
    start = time.perf_counter()
    listed = store.list_consultations(session)
    list_s = time.perf_counter() - start
    start = time.perf_counter()
    report = store.audit_verify()
    verify_s = time.perf_counter() - start
    store.close()
    emit(metric="open_s_10000_consultations", value=round(opened, 3), unit="s",
         consultations=len(listed), db_bytes=db_bytes(path))
    emit(metric="list_s_10000_consultations", value=round(list_s, 3), unit="s")
    emit(metric="audit_verify_s", value=round(verify_s, 3), unit="s", events=report.count,
         ok=report.ok)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="scribe-bench-") as tmp:
        bench_chunks(Path(tmp) / "chunks.db")
        bench_open(Path(tmp) / "many.db")
    return 0


if __name__ == "__main__":
    sys.exit(main())
