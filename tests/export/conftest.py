"""The ``world`` fixture: a real SQLCipher store in tmp_path, users, and the export service."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from export_world import KDF_ITER, NOW, PASSPHRASE, PASSWORD, World

from scribe.export.service import ExportService
from scribe.store import Store, users


@pytest.fixture(autouse=True)
def cheap_password_hash(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(users, "SCRYPT_N", 2**8)


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    path = tmp_path / "scribe.db"
    store = Store.open(path, PASSPHRASE, create=True, kdf_iter=KDF_ITER)
    try:
        store.create_user("admin", "admin", PASSWORD)
        admin = store.authenticate("admin", PASSWORD)
        store.create_user("Kari Lege", "lege", PASSWORD, "9144900", session=admin)
        store.create_user("Dagny Leder", "daglig_leder", PASSWORD, session=admin)
        lege = store.authenticate("Kari Lege", PASSWORD)
        leder = store.authenticate("Dagny Leder", PASSWORD)
        folder = tmp_path / "eksport"
        service = ExportService(store, folder=folder, clock=lambda: NOW)
        yield World(path, store, lege, leder, service, folder)
    finally:
        store.close()
