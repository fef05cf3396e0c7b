"""The recorder: 1 s chunks to the sink as they arrive, levels, pause/resume, failures, and the
real sounddevice path on a machine without a microphone."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from scribe.audio.capture import (
    BackendEvents,
    FileBackend,
    Level,
    Recorder,
    SoundDeviceBackend,
    fan_out,
    list_input_devices,
)
from scribe.errors import AudioDeviceLost, AudioError, DiskFull, NoMicrophone

RATE = 16_000
REPO = Path(__file__).resolve().parents[2]
Chunks = list[tuple[int, float, bytes]]


def _collect() -> tuple[Chunks, Callable[[int, float, bytes], None]]:
    got: Chunks = []
    return got, lambda seq, t0, pcm: got.append((seq, t0, pcm))


def _record_all(recorder: Recorder) -> None:
    recorder.start()
    assert recorder.ended.wait(20)
    recorder.stop()


def test_a_file_fed_fast_arrives_as_one_second_chunks_identical_to_the_file(
        short_clip: Path) -> None:
    from scribe.audio.decode import decode_file, to_int16_bytes

    got, sink = _collect()
    recorder = Recorder(FileBackend(short_clip, speed=0), sink)
    _record_all(recorder)
    assert [seq for seq, _, _ in got] == list(range(len(got)))
    assert [t0 for _, t0, _ in got] == [float(i) for i in range(len(got))]
    assert all(len(pcm) == 2 * RATE for _, _, pcm in got[:-1])
    assert b"".join(pcm for _, _, pcm in got) == to_int16_bytes(decode_file(short_clip))
    assert recorder.seconds == pytest.approx(10.9, abs=0.01)


def test_real_time_feeding_delivers_chunks_while_recording(short_clip: Path) -> None:
    got, sink = _collect()
    recorder = Recorder(FileBackend(short_clip, speed=1.0), sink)
    recorder.start()
    threading.Event().wait(1.6)
    during = len(got)
    recorder.stop()
    assert during == 1  # one chunk after ~1.6 s: chunks arrive as the audio does
    assert len(got) == 2  # stop delivers the partial second chunk


def test_level_meter_follows_the_signal(short_clip: Path) -> None:
    levels: list[Level] = []
    recorder = Recorder(FileBackend(short_clip, speed=0), lambda *a: None,
                        on_level=levels.append)
    _record_all(recorder)
    loudest = max(level.rms_dbfs for level in levels)
    quietest = min(level.rms_dbfs for level in levels)
    assert -30 < loudest < 0
    assert quietest < -80  # the pause between the turns
    assert all(level.peak_dbfs >= level.rms_dbfs for level in levels)


class _ScriptedBackend:
    """Delivers given blocks on a thread; optionally fails after them (an unplugged mic)."""

    def __init__(self, blocks: list[npt.NDArray[np.int16]], *, fail: bool = False,
                 gate: Callable[[int], None] | None = None) -> None:
        self.blocks, self.fail, self.gate = blocks, fail, gate

    def start(self, events: BackendEvents) -> None:
        def run() -> None:
            for i, block in enumerate(self.blocks):
                if self.gate:
                    self.gate(i)
                events.block(block)
            if self.fail:
                events.failed(AudioDeviceLost("Lydenheten sluttet å levere lyd under opptaket."))
            else:
                events.ended()

        threading.Thread(target=run, daemon=True).start()

    def stop(self) -> None:
        pass


def _blocks(n: int, value: int = 1000) -> list[npt.NDArray[np.int16]]:
    return [np.full(1600, value + i, dtype=np.int16) for i in range(n)]


def test_a_device_that_disappears_keeps_the_chunks_and_reports_the_error() -> None:
    got, sink = _collect()
    errors: list[AudioError] = []
    recorder = Recorder(_ScriptedBackend(_blocks(25), fail=True), sink, on_error=errors.append)
    recorder.start()
    assert recorder.ended.wait(5)
    summary = recorder.stop()
    assert isinstance(summary.error, AudioDeviceLost)
    assert errors == [summary.error]
    assert "lagret" in summary.error.hint
    assert [len(pcm) for _, _, pcm in got] == [32000, 32000, 16000]  # 2.5 s, nothing lost


def test_a_device_that_silently_stops_delivering_counts_as_lost() -> None:
    got, sink = _collect()

    class _Stalls(_ScriptedBackend):
        def start(self, events: BackendEvents) -> None:
            for block in self.blocks:
                events.block(block)  # then nothing more, and no error either

    recorder = Recorder(_Stalls(_blocks(12)), sink, stall_s=0.3)
    recorder.start()
    assert recorder.ended.wait(5)
    summary = recorder.stop()
    assert isinstance(summary.error, AudioDeviceLost)
    assert sum(len(pcm) for _, _, pcm in got) == 12 * 1600 * 2


def test_pause_drops_audio_and_recording_time_continues_without_a_gap() -> None:
    recorder_box: list[Recorder] = []

    def gate(i: int) -> None:
        if i == 10:
            recorder_box[0].pause()
        if i == 20:
            recorder_box[0].resume()

    got, sink = _collect()
    recorder = Recorder(_ScriptedBackend(_blocks(30), gate=gate), sink)
    recorder_box.append(recorder)
    _record_all(recorder)
    samples = np.frombuffer(b"".join(pcm for _, _, pcm in got), dtype="<i2")
    kept = sorted(set(samples.tolist()))
    assert kept == [1000 + i for i in range(10)] + [1000 + i for i in range(20, 30)]
    assert recorder.seconds == pytest.approx(2.0)
    assert [t0 for _, t0, _ in got] == [0.0, 1.0]


def test_max_seconds_stops_at_exactly_that_much_audio(short_clip: Path) -> None:
    got, sink = _collect()
    recorder = Recorder(FileBackend(short_clip, speed=0), sink, max_seconds=2.5)
    _record_all(recorder)
    assert sum(len(pcm) for _, _, pcm in got) == int(2.5 * RATE) * 2


def test_a_failing_sink_surfaces_at_stop() -> None:
    def full_disk(seq: int, t0: float, pcm: bytes) -> None:
        raise DiskFull("Disken er full.")

    recorder = Recorder(_ScriptedBackend(_blocks(15)), full_disk)
    recorder.start()
    assert recorder.ended.wait(5)
    with pytest.raises(DiskFull):
        recorder.stop()


def test_fan_out_gives_every_sink_each_chunk_in_order() -> None:
    first, a = _collect()
    second, b = _collect()
    fan_out(a, b)(0, 0.0, b"xy")
    assert first == second == [(0, 0.0, b"xy")]


# --- the real sounddevice/PortAudio stack ---------------------------------------------------
def test_without_a_microphone_the_device_list_is_empty_and_start_says_so() -> None:
    if list_input_devices():
        pytest.skip("this machine has an input device")
    recorder = Recorder(SoundDeviceBackend(), lambda *a: None)
    with pytest.raises(NoMicrophone, match="Ingen mikrofon funnet") as err:
        recorder.start()
    assert "mikrofon" in err.value.hint


def test_a_named_device_that_does_not_exist_is_reported() -> None:
    with pytest.raises(NoMicrophone, match="valgte lydenheten") as err:
        Recorder(SoundDeviceBackend("finnes-ikke-usb"), lambda *a: None).start()
    assert "scribe devices" in err.value.hint


def test_real_portaudio_stream_from_an_alsa_file_device_is_bit_identical(
        tmp_path: Path, short_clip: Path) -> None:
    """PortAudio → ALSA ``file`` PCM fed from a raw recording: the real stream code path."""
    raw = tmp_path / "in.s16"
    subprocess.run(["sox", str(short_clip), "-t", "raw", "-r", "16000", "-c", "1", "-b", "16",
                    "-e", "signed", str(raw)], check=True)
    (tmp_path / ".asoundrc").write_text(textwrap.dedent(f"""
        pcm.wavin {{ type file slave.pcm "null" file "/dev/null" infile "{raw}" format "raw" }}
        pcm.!default {{ type plug slave.pcm "wavin" }}
    """))
    code = textwrap.dedent("""
        import sys
        from scribe.audio.capture import Recorder, SoundDeviceBackend, list_input_devices
        assert any(d.name == "wavin" for d in list_input_devices())
        got = []
        rec = Recorder(SoundDeviceBackend("wavin"), lambda s, t, p: got.append(p),
                       max_seconds=3.0)
        rec.start()
        assert rec.ended.wait(20)
        summary = rec.stop()
        sys.stdout.buffer.write(b"".join(got))
    """)
    env = {**os.environ, "HOME": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, env=env, cwd=REPO,
                         timeout=60)
    if out.returncode != 0 and b"PortAudio" in out.stderr:
        pytest.fail("PortAudio (libportaudio2) is not installed: run installer/system-deps.sh")
    assert out.returncode == 0, out.stderr.decode()[-2000:]
    assert out.stdout == raw.read_bytes()[: 3 * RATE * 2]
