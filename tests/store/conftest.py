"""Fixtures for the store tests: real SQLCipher files in tmp_path, cheap KDFs for speed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from storekit import ADMIN_PW, DOCTOR_PW, KDF_ITER, LEADER_PW, PASSPHRASE

from scribe.store import Session, Store, users


@pytest.fixture(autouse=True)
def cheap_password_hash(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(users, "SCRYPT_N", 2**8)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "scribe.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with Store.open(db_path, PASSPHRASE, create=True, kdf_iter=KDF_ITER) as s:
        s.create_user("admin", "admin", ADMIN_PW)
        session = s.authenticate("admin", ADMIN_PW)
        s.create_user("dr.hansen", "lege", DOCTOR_PW, hpr="1234567", session=session)
        s.create_user("leder", "daglig_leder", LEADER_PW, session=session)
        yield s


@pytest.fixture
def doctor(store: Store) -> Session:
    return store.authenticate("dr.hansen", DOCTOR_PW)


@pytest.fixture
def leader(store: Store) -> Session:
    return store.authenticate("leder", LEADER_PW)


@pytest.fixture
def admin(store: Store) -> Session:
    return store.authenticate("admin", ADMIN_PW)
