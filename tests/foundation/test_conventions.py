"""Settings, errors, progress and the logging guard."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

import pytest

from scribe import logs
from scribe.config import load_settings, save_settings, with_section
from scribe.errors import Cancelled, ConfigError, ScribeError, StorageLocked
from scribe.progress import CancelToken, Progress


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {"SCRIBE_CONFIG": str(tmp_path / "c.toml"), **extra}


def test_defaults_without_a_file_and_env_overrides(tmp_path: Path) -> None:
    s = load_settings(_env(tmp_path, SCRIBE_DATA_DIR=str(tmp_path / "d"),
                           SCRIBE_MODELS_DIR=str(tmp_path / "m")))
    assert s.data_dir == tmp_path / "d"
    assert s.models_dir == tmp_path / "m"
    assert s.db_path == tmp_path / "d" / "scribe.db"
    assert s.asr.model == "whisper-base"
    assert s.template == "allmennlege"


def test_settings_round_trip_through_the_toml_file(tmp_path: Path) -> None:
    s = load_settings(_env(tmp_path))
    s = with_section(s, "llm", server_url="http://192.168.1.20:8080", threads=3)
    s = with_section(s, "doctor", specialist_allmennmedisin=True)
    s = with_section(s, "asr", vocabulary=("Paracet", "CRP"))
    s = replace(s, export_dir=tmp_path / "epj-import", retention_days=7)
    save_settings(s)
    again = load_settings(_env(tmp_path))
    assert again.llm.server_url == "http://192.168.1.20:8080"
    assert again.llm.threads == 3
    assert again.doctor.specialist_allmennmedisin is True
    assert again.asr.vocabulary == ("Paracet", "CRP")
    assert again.export_dir == tmp_path / "epj-import"
    assert again.retention_days == 7


@pytest.mark.parametrize("text, match", [
    ("this is = = not toml", "kan ikke leses"),
    ("colour = 'blue'", "Ukjent innstilling"),
    ("[llm]\nthreads = 'many'", "skal være int"),
    ("[asr]\nlanguage = 'sv'", "Ukjent innstilling"),
    ("llm = 3", "må være en tabell"),
])
def test_a_bad_settings_file_gives_a_norwegian_config_error(
        tmp_path: Path, text: str, match: str) -> None:
    (tmp_path / "c.toml").write_text(text)
    with pytest.raises(ConfigError, match=match) as err:
        load_settings(_env(tmp_path))
    assert "config.toml" in err.value.hint


def test_errors_show_message_and_hint() -> None:
    err = StorageLocked("Feil passordfrase.")
    assert isinstance(err, ScribeError)
    assert err.show() == "Feil passordfrase.\n" + StorageLocked.default_hint
    assert ScribeError("Bare melding.").show() == "Bare melding."


def test_cancel_token_raises_cancelled_once_set() -> None:
    token = CancelToken()
    token.check()
    token.cancel()
    assert token.cancelled
    with pytest.raises(Cancelled):
        token.check()
    with pytest.raises(ValueError):
        Progress(1.5)


def test_log_filter_replaces_long_text_arguments(tmp_path: Path,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    logs.configure(logging.DEBUG, log_dir=tmp_path)
    secret = "Pasienten har hatt vondt i brystet siden mandag og bruker Albyl-E"
    logging.getLogger("scribe.test").info("segment %s ferdig: %s", "s0001", secret)
    for handler in logging.getLogger("scribe").handlers:
        handler.flush()
    text = (tmp_path / "scribe.log").read_text(encoding="utf-8")
    assert "segment s0001 ferdig: <tekst: 65 tegn>" in text
    assert "Albyl" not in text
    logs.configure()
