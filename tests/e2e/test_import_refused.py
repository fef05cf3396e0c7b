"""A recording file is checked before anything is stored (issue 19, failure 6): a refused
file leaves no consultation behind, and an hour of silence is refused after its start."""

from __future__ import annotations

import subprocess
import wave
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from scribe.app import ScribeApp
from scribe.audio import decode
from scribe.config import load_settings
from scribe.errors import AudioDecodeError, SilentAudio
from scribe.store.users import Session

KDF = 1000


@pytest.fixture
def app(tmp_path: Path) -> Iterator[ScribeApp]:
    app = ScribeApp(replace(load_settings(), data_dir=tmp_path / "data"), use_llm=False)
    app.create_practice("passordfrase-1", admin=("admin", "fjord-hest-41"),
                        doctor=("lege", "fjord-hest-42", None), kdf_iter=KDF)
    yield app
    app.close()


def _empty(p: Path) -> Path:
    p.write_bytes(b"")
    return p


def _header_only(p: Path) -> Path:
    with wave.open(str(p), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
    return p


def _text(p: Path) -> Path:
    p.write_text("Dette er et notat, ikke et lydopptak.\n" * 40, encoding="utf-8")
    return p


def _folder(p: Path) -> Path:
    p.mkdir()
    return p


@pytest.mark.parametrize(("make", "message"), [
    (_empty, "tom"), (_header_only, "ingen lyd"), (_text, "kan ikke leses"),
    (lambda p: p, "Finner ikke"), (_folder, "mappe"),
])
def test_a_refused_file_gives_a_norwegian_error_and_leaves_no_consultation(
        app: ScribeApp, tmp_path: Path, make: Callable[[Path], Path], message: str) -> None:
    session = app.users.login("lege", "fjord-hest-42")
    path = make(tmp_path / "opptak.wav")
    with pytest.raises(AudioDecodeError, match=message) as err:
        app.consultations.import_recording(session, path)
    assert err.value.hint and "opptak.wav" not in str(err.value)
    assert app.consultations.all(session) == []


def test_an_hour_of_silence_is_refused_after_its_start_and_nothing_is_stored(
        app: ScribeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    silent = tmp_path / "stille.flac"
    subprocess.run(["sox", "-n", "-r", "8000", "-c", "1", "-b", "16", str(silent),
                    "trim", "0", "3600"], check=True)
    decoded = [0]
    real = decode._resampled

    def counted(container: Any, resampler: Any) -> Iterator[Any]:
        for pcm in real(container, resampler):
            decoded[0] += pcm.size
            yield pcm

    monkeypatch.setattr(decode, "_resampled", counted)
    session: Session = app.users.login("lege", "fjord-hest-42")
    with pytest.raises(SilentAudio, match="stille"):
        app.consultations.import_recording(session, silent)
    assert decoded[0] <= (decode.LEADING_SILENCE_S + 5) * 16000  # the start, not the hour
    assert app.consultations.all(session) == []
