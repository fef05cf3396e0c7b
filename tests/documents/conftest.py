"""Fixtures for the documents tests: a synthetic visit drafted for real, and a real SQLCipher
store in tmp_path with two doctors (cheap key derivation for speed)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from docworld import KDF_ITER, PASSPHRASE, PASSWORD, visit_of

from scribe.config import load_settings
from scribe.documents.drafting import DocumentDrafter, Visit
from scribe.draft.lexicon import DrugLexicon, lexicon_for
from scribe.draft.pipeline import Drafter
from scribe.store import Session, Store, users


@pytest.fixture(scope="session")
def lexicon() -> DrugLexicon:
    found = lexicon_for(load_settings().lexicon_dir)
    assert found.find("ibuprofen"), "the drug list is missing (SCRIBE_REFERENCE_DIR)"
    return found


@pytest.fixture(scope="session")
def drafter(lexicon: DrugLexicon) -> Drafter:
    return Drafter(lexicon=lexicon)


@pytest.fixture(scope="session")
def visit(drafter: Drafter) -> Visit:
    return visit_of(drafter)


@pytest.fixture(scope="session")
def documents(lexicon: DrugLexicon) -> DocumentDrafter:
    return DocumentDrafter(lexicon)


@pytest.fixture(autouse=True)
def cheap_password_hash(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(users, "SCRYPT_N", 2**8)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "scribe.db", PASSPHRASE, create=True, kdf_iter=KDF_ITER) as s:
        s.create_user("admin", "admin", PASSWORD)
        admin = s.authenticate("admin", PASSWORD)
        s.create_user("dr.berg", "lege", PASSWORD, hpr="9144889", session=admin)
        s.create_user("dr.lie", "lege", PASSWORD, hpr="9144890", session=admin)
        yield s


@pytest.fixture
def doctor(store: Store) -> Session:
    return store.authenticate("dr.berg", PASSWORD)
