"""Shared fixtures for the coding tests: the reference and its index are built once per
session."""

from __future__ import annotations

from pathlib import Path

import pytest

from scribe.coding.index import CodeIndex
from scribe.coding.reference import Reference, import_defaults, load_reference
from scribe.config import load_settings


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    path = load_settings().reference_dir
    if path is None or not path.is_dir():
        pytest.fail("the shared reference files (SCRIBE_REFERENCE_DIR, "
                    "../shared/data/reference/raw) are missing")
    return path


@pytest.fixture(scope="session")
def ref_dir(raw_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("coding-ref")
    import_defaults(data_dir, raw_dir)
    return data_dir


@pytest.fixture(scope="session")
def ref(ref_dir: Path) -> Reference:
    return load_reference(ref_dir)


@pytest.fixture(scope="session")
def index(ref: Reference) -> CodeIndex:
    return CodeIndex(ref)
