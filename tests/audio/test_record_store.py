"""``scribe record`` keeps a patient's voice in the encrypted database (issue 19, failure 11):
a consultation with the audio, and a plain WAV only with an explicit ``--out`` (mode 0600)."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from scribe.cli import main
from scribe.cli import store as cli_store
from scribe.config import load_settings
from scribe.consultation import Status
from scribe.store import Store

PASSPHRASE, DOCTOR, PASSWORD = "riktig hest batteri stift", "dr.lege", "fjord-hest-42"
KDF = 1000


@pytest.fixture
def practice(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setattr(cli_store, "KDF_ITER", KDF)
    monkeypatch.chdir(tmp_path)
    path = load_settings().db_path
    with Store.open(path, PASSPHRASE, create=True, kdf_iter=KDF) as store:
        store.create_user("admin", "admin", "fjord-hest-41")
        admin = store.authenticate("admin", "fjord-hest-41")
        store.create_user(DOCTOR, "lege", PASSWORD, session=admin)
    for name, value in (("SCRIBE_PASSPHRASE", PASSPHRASE), ("SCRIBE_USER", DOCTOR),
                        ("SCRIBE_PASSWORD", PASSWORD)):
        monkeypatch.setenv(name, value)
    return path


def test_record_stores_the_audio_as_a_consultation_and_writes_no_file(
        practice: Path, short_clip: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["record", "--seconds", "3", "--from-file", str(short_clip),
                 "--speed", "0"]) == 0
    assert "krypterte databasen" in capsys.readouterr().out
    assert not list(tmp_path.glob("*.wav"))
    with Store.open(practice, PASSPHRASE, kdf_iter=KDF) as store:
        session = store.authenticate(DOCTOR, PASSWORD)
        [info] = store.list_consultations(session)
        assert info.status == Status.RECOVERED  # audio kept, waiting to be transcribed
        assert len(store.audio_pcm(session, info.id)) == 3 * 32000


def test_a_wav_is_written_only_with_out_and_readable_by_the_user_alone(
        tmp_path: Path, short_clip: Path) -> None:
    out = tmp_path / "opptak.wav"
    out.write_bytes(b"")
    out.chmod(0o644)  # an existing file does not keep a wider mode
    assert main(["record", "--seconds", "1", "--from-file", str(short_clip), "--speed", "0",
                 "--out", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600 and out.stat().st_size > 32000
