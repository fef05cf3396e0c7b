"""The composition root and the Consultations service: first run, failing microphones, settings
changes, import in one decoding pass, the rule for when an edit is a new version, evidence."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from scribe.app import ScribeApp
from scribe.config import load_settings, with_section
from scribe.consultation import Status
from scribe.domain import Draft, Section, Segment, Speaker, Statement, Transcript
from scribe.errors import AccessDenied, NoMicrophone
from scribe.store.users import Session

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample_consultation.flac"

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
        app.create_practice("passordfrase-1", admin=("admin", "fjord-hest-41"),
                            doctor=("", "fjord-hest-42", None), kdf_iter=KDF)
    assert not app.database_exists()
    app.create_practice("passordfrase-1", admin=("admin", "fjord-hest-41"),
                        doctor=("lege", "fjord-hest-42", "9144889"), kdf_iter=KDF)
    assert app.database_exists()
    app.close()


def test_no_microphone_fails_at_once_and_discards_the_new_consultation(tmp_path: Path) -> None:
    app = _app(tmp_path)
    app.create_practice("passordfrase-1", admin=("admin", "fjord-hest-41"),
                        doctor=("lege", "fjord-hest-42", None), kdf_iter=KDF)
    session = app.users.login("lege", "fjord-hest-42")
    with pytest.raises(NoMicrophone):
        app.consultations.start_live(session, backend=_NoMic())
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


def _recorded(app: ScribeApp) -> tuple[Session, int, bytes]:
    """A consultation with three seconds of audio whose every second has its own value."""
    app.create_practice("passordfrase-1", admin=("admin", "fjord-hest-41"),
                        doctor=("lege", "fjord-hest-42", None), kdf_iter=KDF)
    session = app.users.login("lege", "fjord-hest-42")
    cid = app.store.create_consultation(session)
    pcm = b"".join(bytes([n, 0]) * 16000 for n in (1, 2, 3))
    for seq in range(3):
        app.store.add_audio_chunk(cid, seq, float(seq), pcm[seq * 32000:(seq + 1) * 32000])
    segments = (Segment("s0001", 0.5, 1.0, "Jeg har vondt i halsen.", Speaker.PASIENT),
                Segment("s0002", 2.0, 2.5, "Halsen er rød.", Speaker.LEGE))
    app.store.add_segments(cid, segments)
    app.store.transition(session, cid, Status.TRANSCRIBED)
    assert Transcript(segments).by_id()
    return session, cid, pcm


def test_evidence_audio_is_the_stretch_the_cited_segments_cover(tmp_path: Path) -> None:
    app = _app(tmp_path)
    session, cid, pcm = _recorded(app)
    consultations = app.consultations
    clip = consultations.evidence_audio(session, cid, ["s0002"], margin_s=0.0)
    assert clip == pcm[2 * 32000:int(2.5 * 16000) * 2]
    assert set(clip[::2]) == {3}
    both = consultations.evidence_audio(session, cid, ["s0001", "s0002"])
    assert len(both) == int(2.8 * 16000) * 2 - int(0.2 * 16000) * 2
    assert consultations.evidence_audio(session, cid, ["s9999"]) == b""
    app.close()


def test_playing_evidence_on_a_missing_output_device_says_so_in_norwegian(
        tmp_path: Path) -> None:
    from scribe.errors import NoAudioOutput

    app = _app(tmp_path)
    session, cid, _ = _recorded(app)
    app.update_settings(with_section(app.settings, "audio", output_device="finnes-ikke-123"))
    with pytest.raises(NoAudioOutput, match="Fant ingen lydenhet"):
        app.consultations.play_evidence(session, cid, ["s0001"])
    app.close()


def test_evidence_audio_after_retention_deleted_it_gives_a_clear_message(
        tmp_path: Path) -> None:
    from datetime import UTC, datetime, timedelta

    from scribe.errors import AudioDeleted

    app = _app(tmp_path)
    session, cid, _ = _recorded(app)
    app.store.save_draft(session, cid, _draft())
    app.store.approve(session, cid, "fjord-hest-42", retention_days=None)
    app.store.apply_retention(datetime.now(UTC) + timedelta(seconds=1), 0)
    with pytest.raises(AudioDeleted, match="finnes ikke lenger"):
        app.consultations.evidence_audio(session, cid, ["s0001"])
    app.close()


def _draft() -> Draft:
    return Draft("allmennlege", (Section("Anamnese", (Statement("Vondt i halsen.",
                                                                 ("s0001",)),)),), "uttrekk")


def test_auto_mode_uses_the_model_only_as_far_as_it_can_be_trusted(tmp_path: Path) -> None:
    app = _app(tmp_path)
    app.use_llm = True
    assert app.llm_mode == "av"  # the built-in 1.5 B pack ranked codes no better than rules
    app.update_settings(with_section(app.settings, "llm", model="smollm2-135m"))
    assert app.llm_mode == "av"  # a test-sized pack never picks diagnoses
    app.update_settings(with_section(app.settings, "llm", model="smollm2-135m", mode="koder"))
    assert app.llm_mode == "koder"  # unless asked to explicitly
    app.update_settings(with_section(app.settings, "llm", mode="auto",
                                     server_url="http://192.168.10.5:8080"))
    assert app.llm_mode == "utkast"  # the practice's own server
    gguf = tmp_path / "praksis.gguf"
    gguf.write_bytes(b"GGUF" + bytes(64))
    models = replace(app.settings, models_dir=tmp_path / "models")
    app.update_settings(with_section(models, "llm", server_url="", model="praksis-8b"))
    app.models.add(gguf, "praksis-8b")
    assert app.llm_mode == "utkast"  # a bigger model the practice registered


def test_an_edit_of_the_text_is_a_new_version_and_codes_alone_stay_on_it(
        tmp_path: Path) -> None:
    from scribe.consultation import Edits
    from scribe.domain import CodeSuggestion

    app = _app(tmp_path)
    session, cid, _ = _recorded(app)
    consultations = app.consultations
    app.store.save_draft(session, cid, _draft())
    shown = consultations.open(session, cid).version
    assert shown is not None and shown.n == 1
    code = CodeSuggestion("ICPC-2", "R21", "Halssymptomer", 1, "Vondt i halsen", ("s0001",),
                          status="accepted")
    assert consultations.save_edits(session, cid, Edits(shown, shown.draft, (code,), ())) == 1
    assert consultations.open(session, cid).version.codes == (code,)  # type: ignore[union-attr]
    edited = Draft("allmennlege", (Section("Anamnese", (Statement("Sår hals.", ("s0001",)),)),),
                   "uttrekk")
    assert consultations.save_edits(session, cid, Edits(shown, edited, (code,), ())) == 2
    opened = consultations.open(session, cid)
    assert opened.latest and opened.version is not None
    assert opened.version.n == 2 and opened.version.draft.author == "lege"
    assert opened.version.codes == (code,)
    approval = consultations.approve(session, cid, "fjord-hest-42")
    assert approval.version == 2
    assert consultations.new_version(session, cid) == 3
    app.close()


def test_a_failed_transcription_of_an_imported_file_still_stores_all_its_audio(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from scribe.audio import transcribe
    from scribe.audio.decode import decode_file
    from scribe.audio.pcm import BYTES_PER_SECOND
    from scribe.errors import ModelMissing

    def no_model(_settings: object) -> None:
        raise ModelMissing("Talemodellen er ikke installert.")

    monkeypatch.setattr(transcribe, "load_engine", no_model)
    app = _app(tmp_path)
    app.create_practice("passordfrase-1", admin=("admin", "fjord-hest-41"),
                        doctor=("lege", "fjord-hest-42", None), kdf_iter=KDF)
    session = app.users.login("lege", "fjord-hest-42")
    with pytest.raises(ModelMissing):
        app.consultations.import_recording(session, SAMPLE)
    [info] = app.consultations.all(session)
    pcm = app.store.audio_pcm(session, info.id)
    assert len(pcm) == decode_file(SAMPLE).size * 2
    assert len(pcm) > 50 * BYTES_PER_SECOND
    app.close()


@pytest.mark.model
def test_an_imported_file_is_decoded_once_for_both_the_store_and_the_transcript(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess

    from scribe.audio import decode

    clip = tmp_path / "kort.wav"
    subprocess.run(["sox", str(SAMPLE), str(clip), "trim", "0", "12"], check=True)
    passes: list[float] = []
    real = decode.iter_blocks

    def counted(path: Path | str, *, block_s: float = 30.0) -> object:
        passes.append(block_s)
        return real(path, block_s=block_s)

    monkeypatch.setattr(decode, "iter_blocks", counted)
    app = _app(tmp_path)
    app.update_settings(with_section(app.settings, "asr", threads=1, device="cpu"))
    app.create_practice("passordfrase-1", admin=("admin", "fjord-hest-41"),
                        doctor=("lege", "fjord-hest-42", None), kdf_iter=KDF)
    session = app.users.login("lege", "fjord-hest-42")
    result = app.consultations.import_recording(session, clip)
    assert passes == [1.0]
    assert result.transcript.segments and result.version == 1
    assert len(app.store.audio_pcm(session, result.cid)) == 12 * 32000
    assert app.consultations.info(session, result.cid).status == Status.DRAFTED
    app.close()
