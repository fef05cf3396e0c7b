"""The composition root's own behaviour: first run, failing microphones, settings changes."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from scribe.app import ScribeApp
from scribe.config import load_settings, with_section
from scribe.consultation import Status
from scribe.errors import AccessDenied, NoMicrophone

KDF = 1000  # a cheap key derivation for tests; production keeps SQLCipher's default


class _NoMic:
    def start(self, events: object) -> None:
        raise NoMicrophone("Ingen mikrofon funnet.")

    def stop(self) -> None:
        pass


def _app(tmp_path: Path) -> ScribeApp:
    settings = replace(load_settings(), data_dir=tmp_path / "data")
    return ScribeApp(settings, use_llm=False)


def test_a_failed_first_run_leaves_no_half_made_database(tmp_path: Path) -> None:
    app = _app(tmp_path)
    with pytest.raises(AccessDenied):
        app.create_practice("passordfrase-1", admin=("admin", "admin-pw-1"),
                            doctor=("", "lege-pw-12", None), kdf_iter=KDF)
    assert not app.database_exists()
    app.create_practice("passordfrase-1", admin=("admin", "admin-pw-1"),
                        doctor=("lege", "lege-pw-12", "9144889"), kdf_iter=KDF)
    assert app.database_exists()
    app.close()


def test_no_microphone_fails_at_once_and_discards_the_new_consultation(tmp_path: Path) -> None:
    app = _app(tmp_path)
    app.create_practice("passordfrase-1", admin=("admin", "admin-pw-1"),
                        doctor=("lege", "lege-pw-12", None), kdf_iter=KDF)
    session = app.login("lege", "lege-pw-12")
    with pytest.raises(NoMicrophone):
        app.start_live(session, backend=_NoMic())
    [info] = app.store.list_consultations(session)
    assert info.status == Status.DISCARDED
    assert app._drafter is None, "engines load only after the microphone is open"
    app.close()


def test_new_settings_drop_the_engines_built_from_the_old_ones(tmp_path: Path) -> None:
    app = _app(tmp_path)
    first = app.drafter()
    assert app.drafter() is first
    app.update_settings(with_section(app.settings, "llm", model="qwen2.5-coder-0.5b"))
    assert app.settings.llm.model == "qwen2.5-coder-0.5b"
    assert app.drafter() is not first
