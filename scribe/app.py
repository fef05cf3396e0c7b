"""The composition root of the core: settings → store, engines and services.

Both front ends use it: the CLI (``scribe process``, ``scribe demo``) and the Qt app. It holds
no Qt and no global state; engines load on first use. The main job is
recording (or a file) → transcript → draft → codes, each stored as it is produced.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scribe.config import Settings
from scribe.consultation import Status
from scribe.domain import (
    CodingResult,
    ConsultationFacts,
    ContactType,
    DoctorProfile,
    Segment,
    Transcript,
)
from scribe.errors import ScribeError, StorageLocked
from scribe.models import ModelStore
from scribe.progress import CancelToken, Progress, ProgressCallback, no_progress

if TYPE_CHECKING:
    from scribe.audio.capture import AudioBackend, Level, Recorder
    from scribe.audio.streaming import StreamingTranscriber
    from scribe.coding.reference import Reference
    from scribe.draft.pipeline import Drafter, DraftResult
    from scribe.draft.prefill import PrefillSession
    from scribe.export.service import ExportService
    from scribe.llm_api import ChatModel
    from scribe.store.store import Store
    from scribe.store.users import Session

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ProcessResult:
    """What the main job produced for one consultation, as stored."""

    cid: int
    transcript: Transcript
    draft: DraftResult
    coding: CodingResult
    version: int


@dataclass
class ScribeApp:
    """The core's services for one practice database. Not thread-affine; engines are shared."""

    settings: Settings
    use_llm: bool = True
    _store: Store | None = None
    _drafter: Drafter | None = None
    _chat: ChatModel | None = None
    _reference: Reference | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    # --- models ------------------------------------------------------------------------------
    @property
    def models(self) -> ModelStore:
        return ModelStore(self.settings.models_dir)

    # --- the practice database ---------------------------------------------------------------
    def database_exists(self) -> bool:
        return self.settings.db_path.exists()

    def create_practice(self, passphrase: str, *, admin: tuple[str, str],
                        doctor: tuple[str, str, str | None],
                        kdf_iter: int | None = None) -> Store:
        """First run: a new encrypted database with its first admin and doctor."""
        from scribe.store.store import Store

        self.settings.data_dir.mkdir(parents=True, exist_ok=True)
        existed = self.database_exists()
        store = Store.open(self.settings.db_path, passphrase, create=True, kdf_iter=kdf_iter)
        try:
            store.create_user(admin[0], "admin", admin[1])
            admin_session = store.authenticate(admin[0], admin[1])
            store.create_user(doctor[0], "lege", doctor[1], doctor[2], session=admin_session)
            store.logout(admin_session)
        except BaseException:
            store.close()
            if not existed:  # a half-made practice database would lock the first run out
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{self.settings.db_path}{suffix}").unlink(missing_ok=True)
            raise
        self._store = store
        return store

    def update_settings(self, settings: Settings) -> None:
        """New settings; engines built from the old ones are dropped and load again."""
        with self._lock:
            self.settings = settings
            self._drafter = None
            self._chat = None
            self._reference = None

    def unlock(self, passphrase: str, *, kdf_iter: int | None = None) -> Store:
        """Opens the practice database; a wrong passphrase raises StorageLocked."""
        from scribe.store.store import Store

        if not self.database_exists():
            raise StorageLocked("Det finnes ingen praksisdatabase ennå.",
                                "Opprett den først («scribe init» eller første oppstart).")
        store = Store.open(self.settings.db_path, passphrase, kdf_iter=kdf_iter)
        recovered = store.recover_interrupted()
        if recovered:
            log.warning("%d avbrutte opptak ble gjenopprettet", len(recovered))
        self._store = store
        return store

    @property
    def store(self) -> Store:
        if self._store is None:
            raise StorageLocked("Praksisdatabasen er ikke åpnet.", "Lås opp med passordfrasen.")
        return self._store

    def login(self, name: str, password: str) -> Session:
        return self.store.authenticate(name, password)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    # --- engines -----------------------------------------------------------------------------
    @property
    def llm_mode(self) -> str:
        """What the language model does here: "av", "koder" or "utkast" (see LlmSettings)."""
        llm = self.settings.llm
        if not self.use_llm or llm.mode == "av":
            return "av"
        if llm.mode != "auto":
            return llm.mode
        if llm.server_url:
            return "utkast"
        pack = next((p for p in self.models.packs() if p.id == llm.model), None)
        if pack is not None and not pack.clinical:
            return "av"  # a test-sized model must not pick diagnoses
        return "utkast" if pack is not None and pack.registered else "koder"

    def chat_model(self) -> ChatModel | None:
        """The language model (loaded once), or None when the mode uses none."""
        if self.llm_mode == "av":
            return None
        with self._lock:
            if self._chat is None:
                from scribe.draft.factory import make_chat_model

                self._chat = make_chat_model(self.settings, self.models)
            return self._chat

    def drafter(self) -> Drafter:
        model = self.chat_model() if self.llm_mode == "utkast" else None
        with self._lock:
            if self._drafter is None:
                from scribe.draft.factory import lexicon_for
                from scribe.draft.pipeline import Drafter
                from scribe.draft.render import Templates

                self._drafter = Drafter(lexicon=lexicon_for(), model=model,
                                        templates=Templates(self.settings.templates_dir),
                                        template=self.settings.template)
            return self._drafter

    def reference(self) -> Reference:
        with self._lock:
            if self._reference is None:
                from scribe.coding.reference import ensure_reference

                self._reference = ensure_reference(self.settings.data_dir)
            return self._reference

    @property
    def profile(self) -> DoctorProfile:
        d = self.settings.doctor
        return DoctorProfile(specialist_allmennmedisin=d.specialist_allmennmedisin, phd=d.phd)

    @property
    def exporter(self) -> ExportService:
        from scribe.export.service import ExportService, export_folder

        return ExportService(self.store, folder=export_folder(self.settings))

    # --- the main job ------------------------------------------------------------------------
    def import_recording(self, session: Session, path: Path, *,
                         contact_type: ContactType = ContactType.OPPMOTE,
                         on_progress: ProgressCallback = no_progress,
                         cancel: CancelToken | None = None) -> ProcessResult:
        """A recording file → a stored consultation with transcript, draft and codes.

        The audio is stored first (as chunks), so nothing is lost if a later step fails.
        """
        from scribe.audio.decode import iter_blocks, to_int16_bytes
        from scribe.audio.speakers import assign_speakers
        from scribe.audio.transcribe import transcribe_file

        cancel = cancel or CancelToken()
        cid = self.store.create_consultation(session, contact_type=contact_type.value)
        t0 = 0.0
        for seq, block in enumerate(iter_blocks(path, block_s=1.0)):
            cancel.check()
            self.store.add_audio_chunk(cid, seq, t0, to_int16_bytes(block))
            t0 += block.size / 16000
        part = _scaled(on_progress, 0.0, 0.5)
        transcript = transcribe_file(path, self.settings, on_progress=part, cancel=cancel)
        transcript = replace(transcript, segments=tuple(assign_speakers(transcript.segments)))
        self.store.add_segments(cid, transcript.segments)
        self.store.transition(session, cid, Status.TRANSCRIBED)
        return self._draft_and_code(session, cid, transcript, contact_type,
                                    _scaled(on_progress, 0.5, 1.0), cancel)

    def redraft(self, session: Session, cid: int, *,
                on_progress: ProgressCallback = no_progress,
                cancel: CancelToken | None = None) -> ProcessResult:
        """A new draft from the stored (perhaps edited) transcript."""
        info = self.store.consultation(session, cid)
        segments = tuple(self.store.segments(session, cid))
        duration = max((s.t1 for s in segments), default=0.0)
        transcript = Transcript(segments, duration_s=duration)
        return self._draft_and_code(session, cid, transcript, ContactType(info.contact_type),
                                    on_progress, cancel or CancelToken())

    def evidence_audio(self, session: Session, cid: int, segment_ids: Sequence[str], *,
                       margin_s: float = 0.3) -> bytes:
        """The stored audio from the first to the last of ``segment_ids`` (16 kHz int16),
        read through the store (access-checked and audited)."""
        from scribe.errors import AudioDeleted

        wanted = [s for s in self.store.segments(session, cid) if s.id in set(segment_ids)]
        if not wanted:
            return b""
        pcm = self.store.audio_pcm(session, cid)
        if not pcm:
            raise AudioDeleted("Lydopptaket til denne konsultasjonen finnes ikke lenger.")
        t0 = max(0.0, min(s.t0 for s in wanted) - margin_s)
        t1 = max(s.t1 for s in wanted) + margin_s
        start, end = int(t0 * 16000) * 2, int(t1 * 16000) * 2
        return pcm[start:end]

    def play_evidence(self, session: Session, cid: int, segment_ids: Sequence[str]) -> float:
        """Plays the stretch of audio behind a statement; returns its length in seconds."""
        from scribe.audio.capture import play_pcm

        pcm = self.evidence_audio(session, cid, segment_ids)
        if pcm:
            play_pcm(pcm, device=self.settings.audio.output_device or None)
        return len(pcm) / 32000

    def start_live(self, session: Session, *, contact_type: ContactType = ContactType.OPPMOTE,
                   backend: AudioBackend | None = None, device: str | None = None,
                   on_segment: Callable[[Segment], None] | None = None,
                   on_level: Callable[[Level], None] | None = None) -> LiveConsultation:
        """Starts recording now: chunks are stored and transcribed as they arrive."""
        cid = self.store.create_consultation(session, contact_type=contact_type.value)
        live = LiveConsultation(self, session, cid, contact_type)
        live.start(backend, device or self.settings.audio.device or None, on_segment, on_level)
        return live

    def _draft_and_code(self, session: Session, cid: int, transcript: Transcript,
                        contact: ContactType, on_progress: ProgressCallback,
                        cancel: CancelToken, prefill: PrefillSession | None = None
                        ) -> ProcessResult:
        from scribe.coding.service import code_consultation

        part = _scaled(on_progress, 0.0, 0.8)
        if prefill is not None:
            result = prefill.finish(contact=contact, duration_s=transcript.duration_s,
                                    on_progress=part, cancel=cancel)
        else:
            result = self.drafter().draft(transcript, contact=contact, on_progress=part,
                                          cancel=cancel)
        cancel.check()
        on_progress(Progress(0.85, "Foreslår koder og takster"))
        facts = replace(result.extraction.facts, contact_type=contact,
                        duration_min=round(transcript.duration_s / 60.0, 1))
        coding = code_consultation(transcript, facts, self.profile, ref=self.reference(),
                                   llm=self.chat_model())
        version = self.store.save_draft(session, cid, result.draft)
        self.store.save_coding(session, cid, version, coding.icpc2, coding.takster)
        on_progress(Progress(1.0, "Utkastet er klart"))
        return ProcessResult(cid, transcript, result, coding, version)


class LiveConsultation:
    """A recording in progress: chunks → store and → streaming transcriber → prefill."""

    def __init__(self, app: ScribeApp, session: Session, cid: int,
                 contact: ContactType) -> None:
        self.app, self.session, self.cid, self.contact = app, session, cid, contact
        self._recorder: Recorder | None = None
        self._transcriber: StreamingTranscriber | None = None
        self._prefill: PrefillSession | None = None
        self._on_segment: Callable[[Segment], None] | None = None

    def start(self, backend: AudioBackend | None, device: str | None,
              on_segment: Callable[[Segment], None] | None,
              on_level: Callable[[Level], None] | None) -> None:
        """Opens the microphone first (a missing one fails at once and the consultation is
        discarded), then loads the engines while the first chunks wait in a queue."""
        from scribe.audio.capture import Recorder, SoundDeviceBackend, fan_out
        from scribe.audio.streaming import StreamingTranscriber
        from scribe.audio.transcribe import decode_options
        from scribe.audio.whisper_engine import load_engine
        from scribe.draft.prefill import PrefillSession

        store = self.app.store
        self._on_segment = on_segment
        waiting = _Deferred()

        def store_chunk(seq: int, t0: float, pcm: bytes) -> None:
            store.add_audio_chunk(self.cid, seq, t0, pcm)

        self._recorder = Recorder(backend or SoundDeviceBackend(device),
                                  fan_out(store_chunk, waiting), on_level=on_level)
        try:
            self._recorder.start()
        except BaseException:
            store.transition(self.session, self.cid, Status.DISCARDED)
            raise
        self._prefill = PrefillSession(self.app.drafter())
        self._transcriber = StreamingTranscriber(
            load_engine(self.app.settings), decode_options(self.app.settings, live=True),
            on_segment=self._segment_done)
        waiting.connect(self._transcriber.on_chunk)

    def _segment_done(self, segment: Segment) -> None:
        self.app.store.add_segments(self.cid, [segment])
        if self._on_segment is not None:
            self._on_segment(segment)
        if self._prefill is not None:
            try:
                self._prefill.append([segment])
            except ScribeError as exc:  # prefill is an optimisation: drafting still works
                log.warning("prefill failed: %s", type(exc).__name__)

    @property
    def recorder(self) -> Recorder:
        assert self._recorder is not None
        return self._recorder

    @property
    def seconds(self) -> float:
        return self.recorder.seconds

    @property
    def level(self) -> Level:
        return self.recorder.level

    def pause(self) -> None:
        self.recorder.pause()

    def resume(self) -> None:
        self.recorder.resume()

    def finish(self, *, on_progress: ProgressCallback = no_progress,
               cancel: CancelToken | None = None) -> ProcessResult:
        """Stop: the last chunk is stored, the tail transcribed, then draft and codes."""
        assert self._recorder is not None and self._transcriber is not None
        summary = self._recorder.stop()
        on_progress(Progress(0.05, "Transkriberer det siste"))
        transcript = self._transcriber.stop()
        transcript = replace(transcript, duration_s=summary.seconds)
        self.app.store.transition(self.session, self.cid, Status.TRANSCRIBED)
        if summary.error is not None:
            log.warning("recording ended by device error after %d chunks", summary.chunks)
        return self.app._draft_and_code(self.session, self.cid, transcript, self.contact,
                                        _scaled(on_progress, 0.1, 1.0),
                                        cancel or CancelToken(), self._prefill)

    def discard(self) -> None:
        """Stop without drafting; the consultation is marked discarded."""
        if self._recorder is not None:
            self._recorder.stop()
        if self._transcriber is not None:
            self._transcriber.cancel()
        self.app.store.transition(self.session, self.cid, Status.DISCARDED)


class _Deferred:
    """A chunk sink that queues chunks until its real target is connected."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queued: list[tuple[int, float, bytes]] = []
        self._target: Callable[[int, float, bytes], None] | None = None

    def __call__(self, seq: int, t0: float, pcm: bytes) -> None:
        with self._lock:
            if self._target is None:
                self._queued.append((seq, t0, pcm))
                return
            target = self._target
        target(seq, t0, pcm)

    def connect(self, target: Callable[[int, float, bytes], None]) -> None:
        with self._lock:
            queued, self._queued = self._queued, []
            for chunk in queued:
                target(*chunk)
            self._target = target


def _scaled(on_progress: ProgressCallback, start: float, end: float) -> ProgressCallback:
    """Maps a sub-job's 0..1 onto ``start..end`` of the whole."""
    def report(p: Progress) -> None:
        fraction = None if p.fraction is None else start + (end - start) * p.fraction
        on_progress(Progress(fraction, p.label))
    return report


def facts_of(result: ProcessResult) -> ConsultationFacts:
    return result.draft.extraction.facts


def describe(result: ProcessResult) -> dict[str, Any]:
    """Sizes and counts only — for logs and progress, never the text."""
    return {"cid": result.cid, "segments": len(result.transcript.segments),
            "version": result.version, "codes": len(result.coding.icpc2),
            "takster": len(result.coding.takster)}
