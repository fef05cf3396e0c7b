"""Opening, keying, refusing bad files, re-keying, disk full and the owner thread."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from storekit import KDF_ITER, PASSPHRASE

from scribe.domain import Segment
from scribe.errors import DiskFull, StorageError, StorageLocked
from scribe.store import Session, Store
from scribe.store.db import DbWorker


def _make_db(path: Path) -> None:
    with Store.open(path, PASSPHRASE, create=True, kdf_iter=KDF_ITER) as s:
        s.create_user("admin", "admin", "nøkkelknippe-hvelv-3")


def _refused_untouched(path: Path, passphrase: str, error: type[Exception]) -> Exception:
    before = path.read_bytes()
    with pytest.raises(error) as caught:
        Store.open(path, passphrase, kdf_iter=KDF_ITER)
    assert path.read_bytes() == before
    assert not Path(str(path) + "-wal").exists() or os.path.getsize(str(path) + "-wal") == 0
    return caught.value


def test_the_database_file_is_encrypted_not_plain_sqlite(db_path: Path) -> None:
    _make_db(db_path)
    head = db_path.read_bytes()[:16]
    assert head != b"SQLite format 3\x00"
    assert b"admin" not in db_path.read_bytes()


def test_production_keying_uses_sqlcipher_default_kdf(db_path: Path) -> None:
    with Store.open(db_path, PASSPHRASE, create=True) as s:
        assert s.db.call(lambda c: c.execute("PRAGMA kdf_iter").fetchone()[0]) == "256000"
    with pytest.raises(StorageLocked):
        Store.open(db_path, PASSPHRASE, kdf_iter=KDF_ITER)  # other KDF, other key
    with Store.open(db_path, PASSPHRASE) as s:
        assert not s.has_users()


def test_an_unknown_consultation_is_a_norwegian_storage_error(store: Store,
                                                             doctor: Session) -> None:
    with pytest.raises(StorageError, match="Konsultasjon 999 finnes ikke"):
        store.segments(doctor, 999)
    with pytest.raises(StorageError, match="finnes ikke"):
        store.add_audio_chunk(999, 0, 0.0, b"\x00\x00")


def test_a_wrong_passphrase_is_storage_locked_in_norwegian_and_changes_nothing(
        db_path: Path) -> None:
    _make_db(db_path)
    err = _refused_untouched(db_path, "feil frase", StorageLocked)
    assert "passordfrase" in str(err)
    with Store.open(db_path, PASSPHRASE, kdf_iter=KDF_ITER) as s:
        assert s.has_users()


def test_a_plain_sqlite_file_is_refused_untouched(db_path: Path) -> None:
    plain = sqlite3.connect(db_path)
    plain.execute("CREATE TABLE t (x)")
    plain.commit()
    plain.close()
    err = _refused_untouched(db_path, PASSPHRASE, StorageError)
    assert "ukryptert SQLite-fil" in str(err)


def test_a_truncated_database_is_refused_untouched(db_path: Path) -> None:
    _make_db(db_path)
    db_path.write_bytes(db_path.read_bytes()[:1000])
    err = _refused_untouched(db_path, PASSPHRASE, StorageError)
    assert "skadet" in str(err)


def test_a_random_file_is_refused_untouched(db_path: Path) -> None:
    db_path.write_bytes(os.urandom(8192))
    err = _refused_untouched(db_path, PASSPHRASE, StorageLocked)
    assert "ikke en Scribe-database" in str(err)


def test_a_database_from_a_newer_version_is_refused_untouched(db_path: Path) -> None:
    _make_db(db_path)
    with Store.open(db_path, PASSPHRASE, kdf_iter=KDF_ITER) as s:
        s.db.call(lambda c: c.execute(
            "INSERT INTO schema_migrations VALUES ('9999_from_the_future', 'x')"))
    err = _refused_untouched(db_path, PASSPHRASE, StorageError)
    assert "nyere versjon av Scribe" in str(err)


def test_a_missing_file_is_not_created_without_create(db_path: Path) -> None:
    with pytest.raises(StorageError, match="finnes ikke"):
        Store.open(db_path, PASSPHRASE, kdf_iter=KDF_ITER)
    assert not db_path.exists()


def test_wal_mode_and_foreign_keys_are_on(db_path: Path) -> None:
    _make_db(db_path)
    with Store.open(db_path, PASSPHRASE, kdf_iter=KDF_ITER) as s:
        mode = s.db.call(lambda c: c.execute("PRAGMA journal_mode").fetchone()[0])
        fks = s.db.call(lambda c: c.execute("PRAGMA foreign_keys").fetchone()[0])
    assert (mode, fks) == ("wal", 1)


def test_passphrase_change_rekeys_so_only_the_new_one_opens(db_path: Path) -> None:
    _make_db(db_path)
    with Store.open(db_path, PASSPHRASE, kdf_iter=KDF_ITER) as s:
        s.change_passphrase(s.authenticate("admin", "nøkkelknippe-hvelv-3"), "ny frase for 2026")
    with pytest.raises(StorageLocked):
        Store.open(db_path, PASSPHRASE, kdf_iter=KDF_ITER)
    with Store.open(db_path, "ny frase for 2026", kdf_iter=KDF_ITER) as s:
        assert s.has_users()
        assert s.audit_verify().ok


def test_a_full_disk_raises_disk_full_and_keeps_earlier_chunks(store: Store,
                                                                doctor: Session) -> None:
    cid = store.create_consultation(doctor)
    pages = store.db.call(lambda c: c.execute("PRAGMA page_count").fetchone()[0])
    store.db.call(lambda c: c.execute(f"PRAGMA max_page_count = {pages + 40}"))
    written = 0
    with pytest.raises(DiskFull) as caught:
        for seq in range(1000):
            store.add_audio_chunk(cid, seq, float(seq), b"\x00\x01" * 16000)
            written += 1
    assert "Disken er full" in caught.value.message
    assert written > 0
    assert len(store.audio_pcm(doctor, cid)) == written * 32000


def test_the_worker_runs_everything_on_one_thread_for_many_callers(store: Store) -> None:
    seen: set[int] = set()

    def job(_conn: object) -> int:
        seen.add(threading.get_ident())
        return 1

    results: list[int] = []
    threads = [threading.Thread(target=lambda: results.extend(
        store.db.call(job) for _ in range(50))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(results) == 200
    assert len(seen) == 1 and threading.get_ident() not in seen


def test_recorder_transcriber_and_ui_threads_work_at_the_same_time(store: Store,
                                                                   doctor: Session) -> None:
    cid = store.create_consultation(doctor)
    errors: list[BaseException] = []

    def guarded(fn: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            try:
                fn()
            except BaseException as exc:  # surfaced by the assert below
                errors.append(exc)
        return run

    def recorder() -> None:
        for seq in range(60):
            store.add_audio_chunk(cid, seq, float(seq), b"\x01\x00" * 1600)

    def transcriber() -> None:
        for i in range(30):
            store.add_segments(cid, [Segment(f"s{i:04d}", i, i + 0.5, f"ord {i}")])

    def ui() -> None:
        for _ in range(30):
            store.list_consultations(doctor)

    threads = [threading.Thread(target=guarded(f)) for f in (recorder, transcriber, ui)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(store.audio_pcm(doctor, cid)) == 60 * 3200
    assert len(store.segments(doctor, cid)) == 30
    assert store.audit_verify().ok


def test_the_worker_returns_futures_and_refuses_work_after_close(tmp_path: Path) -> None:
    worker = DbWorker(lambda: sqlite3.connect(":memory:", check_same_thread=True))
    future = worker.submit(lambda c: c.execute("SELECT 41 + 1").fetchone()[0])
    assert future.result(timeout=5) == 42
    worker.close()
    with pytest.raises(StorageError, match="lukket"):
        worker.submit(lambda c: 1)
