"""Decoding every supported format to 16 kHz mono float32, and refusing bad files clearly."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest

from scribe.audio.decode import (
    StoredBlocks,
    decode_file,
    from_int16_bytes,
    iter_blocks,
    level_dbfs,
    probe,
    rebatch,
    to_int16_bytes,
)
from scribe.audio.pcm import BYTES_PER_SECOND, pcm_between, pcm_seconds
from scribe.errors import AudioDecodeError

RATE = 16_000
WavWriter = Callable[..., Path]


def _encode_with_pyav(path: Path, audio: npt.NDArray[np.float32], codec: str,
                      rate: int = 44_100) -> Path:
    import av

    resampled = np.interp(np.arange(0, audio.size, RATE / rate), np.arange(audio.size), audio)
    pcm = (resampled * 32767).astype(np.int16)
    with av.open(str(path), "w") as out:
        stream: Any = out.add_stream(codec, rate=rate, layout="stereo")
        for i in range(0, pcm.size, 1024):
            block = pcm[i:i + 1024]
            stereo = np.stack([block, block]).reshape(1, -1, order="F")
            frame = av.AudioFrame.from_ndarray(stereo, format="s16", layout="stereo")
            frame.rate = rate
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return path


@pytest.fixture(scope="module")
def clip(sample_audio: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    return sample_audio[: 3 * RATE]


def test_48khz_stereo_wav_becomes_16khz_mono_with_the_same_content(
        tmp_path: Path, clip: npt.NDArray[np.float32], write_wav: WavWriter) -> None:
    source = tmp_path / "st.wav"
    subprocess.run(["sox", str(write_wav(tmp_path / "m.wav", clip)), "-r", "48000", "-c", "2",
                    str(source)], check=True)
    info = probe(source)
    assert (info.sample_rate, info.channels) == (48_000, 2)
    audio = decode_file(source)
    assert audio.dtype == np.float32
    assert abs(audio.size - clip.size) < 50
    n = min(audio.size, clip.size)
    assert np.corrcoef(audio[:n], clip[:n])[0, 1] > 0.98


@pytest.mark.parametrize("suffix", [".mp3", ".ogg", ".flac"])
def test_compressed_formats_decode_to_about_the_right_length(
        tmp_path: Path, clip: npt.NDArray[np.float32], write_wav: WavWriter,
        suffix: str) -> None:
    target = tmp_path / f"clip{suffix}"
    subprocess.run(["sox", str(write_wav(tmp_path / "m.wav", clip)), str(target)], check=True)
    audio = decode_file(target)
    assert abs(audio.size / RATE - 3.0) < 0.15
    assert level_dbfs(audio)[0] > -40


def test_m4a_aac_at_44khz_stereo_decodes(tmp_path: Path, clip: npt.NDArray[np.float32]) -> None:
    path = _encode_with_pyav(tmp_path / "clip.m4a", clip, "aac")
    assert probe(path).codec == "aac"
    audio = decode_file(path)
    assert abs(audio.size / RATE - 3.0) < 0.15
    assert level_dbfs(audio)[0] > -40


def test_a_zero_byte_file_is_refused_in_norwegian(tmp_path: Path) -> None:
    empty = tmp_path / "tom.wav"
    empty.write_bytes(b"")
    with pytest.raises(AudioDecodeError, match="tom"):
        decode_file(empty)


def test_a_corrupt_header_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "ødelagt.wav"
    bad.write_bytes(b"RIFF\x00\x00" + b"garbage" * 200)
    with pytest.raises(AudioDecodeError, match="kan ikke leses") as err:
        decode_file(bad)
    assert "ødelagt.wav" not in str(err.value)  # file names may hold patient names


def test_an_unknown_format_is_refused_with_the_supported_formats_as_hint(tmp_path: Path) -> None:
    text = tmp_path / "notat.txt"
    text.write_text("dette er ikke lyd\n" * 50)
    with pytest.raises(AudioDecodeError) as err:
        decode_file(text)
    assert "wav, mp3, m4a, ogg eller flac" in err.value.hint


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(AudioDecodeError, match="Finner ikke"):
        decode_file(tmp_path / "borte.wav")


def test_a_header_without_samples_is_refused(tmp_path: Path, write_wav: WavWriter) -> None:
    path = write_wav(tmp_path / "h.wav", np.zeros(0, dtype=np.float32))
    with pytest.raises(AudioDecodeError, match="ingen lyd"):
        decode_file(path)


def test_blocks_stream_a_long_file_without_decoding_it_whole(tmp_path: Path) -> None:
    long_file = tmp_path / "lang.flac"
    subprocess.run(["sox", "-n", "-r", "16000", "-c", "1", "-b", "16", str(long_file),
                    "synth", "600", "sine", "440", "vol", "0.1"], check=True)
    sizes = []
    for i, block in enumerate(iter_blocks(long_file, block_s=30.0)):
        sizes.append(block.size)
        if i == 2:
            break  # the generator stops decoding here: nothing else is read
    assert sizes == [30 * RATE] * 3


def test_int16_round_trip_is_exact_for_pcm_values() -> None:
    pcm = np.array([0, 1, -1, 32767, -32768, 1234], dtype="<i2").tobytes()
    assert to_int16_bytes(from_int16_bytes(pcm)) == pcm


def test_levels_are_in_dbfs() -> None:
    full = np.ones(1600, dtype=np.float32) * 0.5
    rms, peak = level_dbfs(full)
    assert rms == pytest.approx(-6.02, abs=0.01)
    assert peak == pytest.approx(-6.02, abs=0.01)
    assert level_dbfs(np.zeros(100, dtype=np.float32)) == (-120.0, -120.0)


def test_one_pass_stores_one_second_chunks_and_passes_on_exactly_the_30_s_blocks(
        tmp_path: Path, sample_audio: npt.NDArray[np.float32], write_wav: WavWriter) -> None:
    twice = np.concatenate([sample_audio, sample_audio])
    path = write_wav(tmp_path / "s.wav", twice[: int(65.5 * RATE)])
    chunks: list[tuple[int, float, bytes]] = []
    stored = StoredBlocks(iter_blocks(path, block_s=1.0), lambda *c: chunks.append(c))
    passed = list(rebatch(stored, block_s=30.0))
    direct = list(iter_blocks(path, block_s=30.0))
    assert [b.size for b in passed] == [b.size for b in direct]
    assert [b.size for b in direct] == [30 * RATE, 30 * RATE, int(5.5 * RATE)]
    assert all(np.array_equal(a, b) for a, b in zip(passed, direct, strict=True))
    assert [(seq, t0) for seq, t0, _ in chunks] == [(n, float(n)) for n in range(66)]
    assert len(chunks[-1][2]) == BYTES_PER_SECOND // 2
    assert b"".join(pcm for _, _, pcm in chunks) == to_int16_bytes(np.concatenate(direct))


def test_what_the_consumer_left_is_stored_by_drain(
        tmp_path: Path, sample_audio: npt.NDArray[np.float32], write_wav: WavWriter) -> None:
    path = write_wav(tmp_path / "s.wav", sample_audio[: 10 * RATE])
    chunks: list[tuple[int, float, bytes]] = []
    stored = StoredBlocks(iter_blocks(path, block_s=1.0), lambda *c: chunks.append(c))
    for seq, _block in enumerate(stored):
        if seq == 2:
            break  # a transcriber that failed on its third block
    assert len(chunks) == 3
    stored.drain()
    assert [seq for seq, _, _ in chunks] == list(range(10))


def test_pcm_slices_are_cut_on_whole_samples() -> None:
    pcm = b"".join(bytes([n, 0]) * RATE for n in (1, 2, 3))
    assert pcm_seconds(pcm) == 3.0
    assert pcm_between(pcm, 2.0, 2.5) == bytes([3, 0]) * (RATE // 2)
    assert pcm_between(pcm, 2.5, 9.0) == bytes([3, 0]) * (RATE // 2)
    assert len(pcm_between(pcm, 0.2, 0.30001)) == 2 * 1600
