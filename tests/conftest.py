"""Suite-wide set-up: every test gets its own data and config folder; models and the
reference files stay shared.

Model packs are installed once by ``make models-test`` into the user's model folder
(or ``SCRIBE_MODELS_DIR``); tests that need one fail with the command that installs it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
# The shared copies of the code lists (and the drug list beside them), where CI has them too;
# read through scribe.config like any other setting.
os.environ.setdefault("SCRIBE_REFERENCE_DIR", str(SHARED / "data" / "reference" / "raw"))


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory: pytest.TempPathFactory,
                   monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    base = tmp_path_factory.mktemp("scribe-home")
    monkeypatch.setenv("SCRIBE_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("SCRIBE_CONFIG", str(base / "config.toml"))
    for var in ("SCRIBE_PASSPHRASE", "SCRIBE_USER", "SCRIBE_PASSWORD"):
        monkeypatch.delenv(var, raising=False)
    yield


@pytest.fixture(scope="session")
def models_dir() -> Path:
    from scribe.config import load_settings

    return load_settings().models_dir


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"../shared is missing next to the repository ({SHARED})")
    return SHARED
