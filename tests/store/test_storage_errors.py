"""Storage errors that say what happened (issue 19, failures 9 and 11): an unwritable folder, a
cut-off file and a read-only file each get their own Norwegian error, never "wrong passphrase"
and never a raw SQLite error; a passphrase change is logged only once it has happened."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import sqlcipher3
from storekit import ADMIN_PW, KDF_ITER, PASSPHRASE

from scribe.errors import (
    StorageCorrupt,
    StorageLocked,
    StorageReadOnly,
    StorageUnwritable,
)
from scribe.store import Store
from scribe.store import store as store_module
from scribe.store.db import PAGE_SIZE, translate


def _make_db(path: Path) -> None:
    with Store.open(path, PASSPHRASE, create=True, kdf_iter=KDF_ITER) as s:
        s.create_user("admin", "admin", ADMIN_PW)
        admin = s.authenticate("admin", ADMIN_PW)
        for n in range(30):  # several pages
            s.create_user(f"lege{n}", "lege", "fjellvann-sykkel-7", session=admin)


def _deny(monkeypatch: pytest.MonkeyPatch, denied: Path, mode: int) -> None:
    """os.access as for a user without that right (the tests may run as root, who has all)."""
    real = os.access

    def access(path: object, wanted: int, **kwargs: object) -> bool:
        if Path(str(path)) == denied and wanted & mode:
            return False
        return real(path, wanted)  # type: ignore[arg-type]
    monkeypatch.setattr(os, "access", access)


def test_a_database_under_a_file_is_a_folder_error_not_a_traceback(tmp_path: Path) -> None:
    blocker = tmp_path / "ikke-en-mappe"
    blocker.write_text("x")
    with pytest.raises(StorageUnwritable, match="kan ikke opprettes"):
        Store.open(blocker / "data" / "scribe.db", PASSPHRASE, create=True, kdf_iter=KDF_ITER)


def test_a_folder_that_cannot_be_written_is_said_so(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "scribe.db"
    _make_db(db)
    _deny(monkeypatch, tmp_path, os.W_OK)
    with pytest.raises(StorageUnwritable, match=r"Mappen .* kan ikke skrives") as caught:
        Store.open(db, PASSPHRASE, kdf_iter=KDF_ITER)
    assert not isinstance(caught.value, StorageLocked)
    with pytest.raises(StorageUnwritable, match="kan ikke skrives"):
        Store.open(tmp_path / "ny.db", PASSPHRASE, create=True, kdf_iter=KDF_ITER)


def test_a_read_only_database_file_is_said_so(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "scribe.db"
    _make_db(db)
    _deny(monkeypatch, db, os.W_OK)
    with pytest.raises(StorageReadOnly, match="skrivebeskyttet"):
        Store.open(db, PASSPHRASE, kdf_iter=KDF_ITER)


def test_sqlites_own_read_only_error_becomes_storage_read_only(tmp_path: Path) -> None:
    db = tmp_path / "scribe.db"
    _make_db(db)
    conn = sqlcipher3.connect(f"file:{db}?mode=ro", uri=True, isolation_level=None)
    conn.execute(f"PRAGMA key = '{PASSPHRASE}'")
    conn.execute(f"PRAGMA kdf_iter = {KDF_ITER}")
    with pytest.raises(sqlcipher3.Error) as caught:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    assert isinstance(translate(caught.value), StorageReadOnly)


@pytest.mark.parametrize("keep", [2048, PAGE_SIZE, 3 * PAGE_SIZE, -PAGE_SIZE],
                         ids=["half-a-page", "first-page", "three-pages", "last-page-lost"])
def test_a_cut_off_database_is_corrupt_not_a_wrong_passphrase(tmp_path: Path,
                                                              keep: int) -> None:
    db = tmp_path / "scribe.db"
    _make_db(db)
    data = db.read_bytes()
    db.write_bytes(data[:keep])
    with (pytest.raises(StorageCorrupt, match="skadet"),
          Store.open(db, PASSPHRASE, kdf_iter=KDF_ITER) as s):
        s.list_users(s.authenticate("admin", ADMIN_PW))


def test_a_passphrase_change_is_logged_only_after_the_rekey(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "scribe.db"
    _make_db(db)

    def broken_rekey(_conn: object, _new: str) -> None:
        raise StorageLocked("Omkrypteringen ble avbrutt.")

    monkeypatch.setattr(store_module, "rekey", broken_rekey)
    with Store.open(db, PASSPHRASE, kdf_iter=KDF_ITER) as s:
        admin = s.authenticate("admin", ADMIN_PW)
        with pytest.raises(StorageLocked, match="avbrutt"):
            s.change_passphrase(admin, "en helt ny passordfrase")
        actions = s.db.call(lambda c: [r[0] for r in c.execute(
            "SELECT action FROM audit_events")])
    assert "change_passphrase" not in actions
    monkeypatch.undo()
    with Store.open(db, PASSPHRASE, kdf_iter=KDF_ITER) as s:  # the old one still opens
        s.change_passphrase(s.authenticate("admin", ADMIN_PW), "en helt ny passordfrase")
    with Store.open(db, "en helt ny passordfrase", kdf_iter=KDF_ITER) as s:
        assert s.db.call(lambda c: c.execute(
            "SELECT action FROM audit_events ORDER BY id DESC LIMIT 1").fetchone()[0]) \
            == "change_passphrase"
        assert s.audit_verify().ok
