"""Shared fixtures for the coding tests: the reference is imported once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from scribe.coding.reference import Reference, default_raw_dir, import_defaults, load_reference


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    path = default_raw_dir()
    if path is None:
        pytest.fail("the shared reference files (../shared/data/reference/raw) are missing")
    return path


@pytest.fixture(scope="session")
def ref_dir(raw_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("coding-ref")
    import_defaults(data_dir, raw_dir)
    return data_dir


@pytest.fixture(scope="session")
def ref(ref_dir: Path) -> Reference:
    reference = load_reference(ref_dir)
    reference.index  # noqa: B018 - build the index once for the whole session
    return reference
