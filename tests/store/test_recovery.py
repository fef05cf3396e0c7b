"""Crash safety with a real killed process, the recovery sweep and audio retention."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

from storekit import DOCTOR_PW, KDF_ITER, PASSPHRASE, drafted_consultation

from scribe.consultation import Status
from scribe.store import Session, Store

CHUNK = b"\x10\x00" * 16000  # one second of 16 kHz 16-bit mono

RECORDER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from scribe.store import Store
    store = Store.open(Path(sys.argv[1]), sys.argv[2], kdf_iter=int(sys.argv[3]))
    session = store.authenticate("dr.hansen", sys.argv[4])
    cid = store.create_consultation(session)
    print(cid, flush=True)
    seq = 0
    while True:
        store.add_audio_chunk(cid, seq, float(seq), bytes([seq % 256, 0]) * 16000)
        print(seq, flush=True)
        seq += 1
""")


def _record_and_kill(db_path: Path, chunks_before_kill: int) -> tuple[int, int]:
    """Runs a recorder process, SIGKILLs it mid-stream; returns (cid, last acknowledged seq)."""
    with subprocess.Popen(
            [sys.executable, "-c", RECORDER, str(db_path), PASSPHRASE, str(KDF_ITER),
             DOCTOR_PW], stdout=subprocess.PIPE, text=True) as proc:
        assert proc.stdout is not None
        cid = int(proc.stdout.readline())
        last = -1
        while last < chunks_before_kill:
            last = int(proc.stdout.readline())
        os.kill(proc.pid, signal.SIGKILL)
        # Lines still in the pipe were acknowledged before the kill, too.
        last = max([last, *(int(line) for line in proc.stdout.read().split())])
        proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    return cid, last


def test_a_killed_recorder_loses_at_most_the_last_chunk_and_is_recovered(
        db_path: Path, store: Store) -> None:
    store.close()
    cid, last = _record_and_kill(db_path, chunks_before_kill=15)
    with Store.open(db_path, PASSPHRASE, kdf_iter=KDF_ITER) as reopened:
        assert reopened.recover_interrupted() == [cid]
        doctor = reopened.authenticate("dr.hansen", DOCTOR_PW)
        pcm = reopened.audio_pcm(doctor, cid)
        assert reopened.consultation(doctor, cid).status is Status.RECOVERED
        assert reopened.audit_verify().ok
        reopened.transition(doctor, cid, "transcribed")
    kept = len(pcm) // len(CHUNK)
    assert last + 1 <= kept <= last + 2  # every acknowledged chunk, plus maybe one in flight
    assert pcm[: 2 * len(CHUNK)] == bytes([0, 0]) * 16000 + bytes([1, 0]) * 16000


def test_recovery_leaves_a_recording_of_this_process_alone(store: Store,
                                                           doctor: Session) -> None:
    cid = store.create_consultation(doctor)
    assert store.recover_interrupted() == []
    assert store.consultation(doctor, cid).status is Status.RECORDING


def test_recovery_leaves_a_recording_of_another_live_process_alone(
        db_path: Path, store: Store, doctor: Session) -> None:
    cid = store.create_consultation(doctor)
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"]) as other:
        store.db.call(lambda c: c.execute(
            "UPDATE consultations SET recorder_pid = ? WHERE id = ?", (other.pid, cid)))
        with Store.open(db_path, PASSPHRASE, kdf_iter=KDF_ITER) as starting_up:
            assert starting_up.recover_interrupted() == []
            other.kill()
            other.wait()
            assert starting_up.recover_interrupted() == [cid]


def test_audio_is_deleted_at_approval_by_default_and_audited(store: Store,
                                                             doctor: Session) -> None:
    cid = drafted_consultation(store, doctor)
    store.approve(doctor, cid, DOCTOR_PW)
    assert store.audio_pcm(doctor, cid) == b""
    assert store.segments(doctor, cid)  # the transcript stays
    last = store.db.call(lambda c: c.execute(
        "SELECT action, object_id FROM audit_events WHERE action = 'delete_audio'").fetchall())
    assert last == [("delete_audio", str(cid))]


def test_audio_is_kept_until_the_retention_period_has_passed(store: Store,
                                                             doctor: Session) -> None:
    cid = drafted_consultation(store, doctor)
    unapproved = drafted_consultation(store, doctor)
    store.approve(doctor, cid, DOCTOR_PW, retention_days=7)
    now = datetime.now(UTC)
    assert store.apply_retention(now + timedelta(days=6), 7) == []
    assert store.audio_pcm(doctor, cid)
    assert store.apply_retention(now + timedelta(days=8), 7) == [cid]
    assert store.audio_pcm(doctor, cid) == b""
    assert store.audio_pcm(doctor, unapproved)  # never deleted before approval
