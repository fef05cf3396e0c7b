"""``scribe transcribe``, ``scribe record`` and ``scribe devices`` as a user runs them, and the
import rules for the audio package."""

from __future__ import annotations

import json
import subprocess
import sys
import wave
from pathlib import Path

import pytest

from scribe.audio.capture import list_input_devices
from scribe.cli import main

REPO = Path(__file__).resolve().parents[2]


def test_importing_the_audio_package_loads_no_engine_and_no_sounddevice() -> None:
    code = ("import json, sys, scribe.audio, scribe.audio.capture, scribe.audio.streaming, "
            "scribe.audio.transcribe, scribe.audio.speakers, scribe.cli.audio\n"
            "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('faster_whisper', 'ctranslate2', 'sounddevice', 'av'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=REPO)
    assert json.loads(out.stdout) == []


def test_only_the_adapters_import_faster_whisper_and_sounddevice() -> None:
    users: dict[str, list[str]] = {"faster_whisper": [], "sounddevice": []}
    for path in (REPO / "scribe").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for name, found in users.items():
            if f"import {name}" in text or f"from {name}" in text:
                found.append(path.name)
    assert users == {"faster_whisper": ["whisper_engine.py"], "sounddevice": ["capture.py"]}


@pytest.mark.model
def test_transcribe_json_gives_segments_with_speakers(
        short_clip: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["transcribe", str(short_clip), "--json", "--threads", "1"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["language"] == "no"
    segments = result["segments"]
    assert segments and segments[0]["id"] == "s0001"
    assert {s["speaker"] for s in segments} <= {"lege", "pasient", "annen"}
    assert all({"t0", "t1", "text", "avg_logprob", "no_speech_prob", "words",
                "low_confidence"} <= set(s) for s in segments)


@pytest.mark.model
def test_transcribe_prints_timestamped_lines_with_the_speaker(
        short_clip: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["transcribe", str(short_clip), "--threads", "1"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("[00:00")
    assert all("] lege: " in x or "] pasient: " in x or "] annen: " in x for x in lines)


def test_transcribe_of_a_corrupt_file_fails_with_a_norwegian_message(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "x.m4a"
    bad.write_bytes(b"\x00\x01not audio" * 100)
    assert main(["transcribe", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "Lydfilen kan ikke leses" in err and "wav, mp3, m4a, ogg eller flac" in err


def test_record_from_file_writes_a_16khz_mono_wav_of_the_asked_length(
        tmp_path: Path, short_clip: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "opptak.wav"
    assert main(["record", "--seconds", "3", "--from-file", str(short_clip), "--speed", "0",
                 "--out", str(out)]) == 0
    with wave.open(str(out)) as wav:
        assert (wav.getframerate(), wav.getnchannels(), wav.getnframes()) == (16000, 1, 48000)
    assert "3.0 s" in capsys.readouterr().out


def test_record_without_a_microphone_says_so_and_leaves_no_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if list_input_devices():
        pytest.skip("this machine has an input device")
    out = tmp_path / "opptak.wav"
    assert main(["record", "--seconds", "1", "--out", str(out)]) == 1
    assert "Ingen mikrofon funnet" in capsys.readouterr().err
    assert not out.exists()


def test_devices_without_a_microphone_explains_the_alternative(
        capsys: pytest.CaptureFixture[str]) -> None:
    if list_input_devices():
        pytest.skip("this machine has an input device")
    assert main(["devices"]) == 1
    assert "--from-file" in capsys.readouterr().out
