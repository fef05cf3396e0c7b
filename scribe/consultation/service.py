"""The Consultations service: the doctor's work on a consultation, as one API for the Qt app,
the command line and the tests.

Recording (live or a file) → transcript → draft → codes, each stored as it is produced; then
the doctor's edits (and when they make a new version), approval, a new version after
approval, an edited transcript, and the audio behind a statement. Access rules and the audit
trail stay in the store; engines come from the composition root (:class:`Engines`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from scribe.consultation.status import Status
from scribe.domain import (
    CodeSuggestion,
    CodingResult,
    ConsultationFacts,
    ContactType,
    DoctorProfile,
    Draft,
    Segment,
    Sex,
    TakstLine,
    Transcript,
)
from scribe.errors import StorageError
from scribe.progress import CancelToken, Progress, ProgressCallback, no_progress
from scribe.text.clean import clean_draft, clean_segments

if TYPE_CHECKING:
    from scribe.audio.capture import AudioBackend, Level
    from scribe.audio.decode import StoredBlocks
    from scribe.coding.index import CodeIndex
    from scribe.config import Settings
    from scribe.consultation.live import LiveConsultation
    from scribe.consultation.ranking import PendingRanking, Ranked
    from scribe.consultation.review import ReviewChoices
    from scribe.draft.pipeline import Drafter, DraftResult
    from scribe.draft.prefill import PrefillSession
    from scribe.llm.api import ChatModel
    from scribe.store import Approval, ConsultationInfo, DraftVersion, Session, Store

log = logging.getLogger(__name__)

CHUNK_S = 1.0  # an imported file is stored in chunks of this length, as a recording is


class Engines(Protocol):
    """What the service needs from the composition root: settings and engines, loaded once."""

    @property
    def settings(self) -> Settings: ...
    @property
    def profile(self) -> DoctorProfile: ...
    def drafter(self) -> Drafter: ...
    def chat_model(self) -> ChatModel | None: ...
    def code_index(self) -> CodeIndex: ...
    @property
    def llm_mode(self) -> str: ...


@dataclass(frozen=True)
class ProcessResult:
    """What the main job produced for one consultation, as stored."""

    cid: int
    transcript: Transcript
    draft: DraftResult
    coding: CodingResult
    version: int
    ranking: PendingRanking | None = None  # the model's ranking of the codes, still to run


@dataclass(frozen=True)
class Opened:
    """A consultation as the review shows it: one draft version (None before the first
    draft) and the transcript."""

    info: ConsultationInfo
    version: DraftVersion | None
    segments: tuple[Segment, ...]
    tamper_warnings: tuple[str, ...] = ()  # a broken audit chain or approval, in Norwegian

    @property
    def latest(self) -> bool:
        """The version shown is the newest one (older versions are history: read-only)."""
        return self.version is None or self.version.n == self.info.latest_version


@dataclass(frozen=True)
class Edits:
    """The doctor's draft, codes and takster, edited from the stored version ``base``."""

    base: DraftVersion
    draft: Draft
    codes: tuple[CodeSuggestion, ...]
    takster: tuple[TakstLine, ...]


class Consultations:
    """The workflow over one open practice database. Thread-safe as the store is."""

    def __init__(self, store: Store, engines: Engines) -> None:
        self.store = store
        self.engines = engines

    # --- reading -----------------------------------------------------------------------------
    def all(self, session: Session) -> list[ConsultationInfo]:
        return self.store.list_consultations(session)

    def info(self, session: Session, cid: int) -> ConsultationInfo:
        return self.store.consultation(session, cid)

    def open(self, session: Session, cid: int, version: int | None = None) -> Opened:
        """The consultation with draft ``version`` (the newest by default) and transcript."""
        info = self.store.consultation(session, cid)
        try:
            shown: DraftVersion | None = self.store.draft(session, cid, version)
        except StorageError:
            shown = None  # transcribed or recovered: no draft yet
        return Opened(info, shown, tuple(self.store.segments(session, cid)),
                      tuple(self.tamper_warnings(cid)))

    def tamper_warnings(self, cid: int | None = None) -> list[str]:
        """What the audit chain and the approvals of ``cid`` (or all) say has been altered."""
        return self.store.tamper_warnings(cid)

    # --- recording ---------------------------------------------------------------------------
    def import_recording(self, session: Session, path: Path, *,
                         contact_type: ContactType = ContactType.OPPMOTE,
                         patient_sex: Sex | None = None,
                         on_progress: ProgressCallback = no_progress,
                         cancel: CancelToken | None = None) -> ProcessResult:
        """A recording file → a stored consultation with transcript, draft and codes.

        The file is decoded once: each block is stored as an audio chunk on its way to the
        transcriber, and if transcribing fails the rest is stored all the same, so the audio
        is kept whatever a later step does.
        """
        from scribe.audio.decode import StoredBlocks, iter_blocks, rebatch, validate
        from scribe.audio.speakers import assign_speakers
        from scribe.audio.transcribe import BLOCK_S, transcribe_blocks

        cancel = cancel or CancelToken()
        duration = validate(path).duration_s  # a refused file leaves no consultation behind
        cid = self.store.create_consultation(session, contact_type=contact_type.value,
                                             patient_sex=patient_sex)

        def store_chunk(seq: int, t0: float, pcm: bytes) -> None:
            self.store.add_audio_chunk(cid, seq, t0, pcm)
        stored = StoredBlocks(iter_blocks(path, block_s=CHUNK_S), store_chunk)
        try:
            transcript = transcribe_blocks(
                rebatch(stored, block_s=BLOCK_S), self.engines.settings, duration_s=duration,
                on_progress=scaled(on_progress, 0.0, 0.5), cancel=cancel)
        except BaseException:
            _store_the_rest(stored)
            raise
        transcript = replace(transcript, segments=tuple(assign_speakers(transcript.segments)))
        self.store.add_segments(cid, transcript.segments)
        self.store.transition(session, cid, Status.TRANSCRIBED)
        return self.draft_and_code(session, cid, transcript, contact_type,
                                   scaled(on_progress, 0.5, 1.0), cancel)

    def import_transcript(self, session: Session, path: Path, *,
                          contact_type: ContactType | None = None,
                          patient_sex: Sex | None = None,
                          on_progress: ProgressCallback = no_progress,
                          cancel: CancelToken | None = None) -> ProcessResult:
        """A written transcript (a ``scribe transcribe --json`` file or an evaluation case) →
        a stored consultation with draft and codes, as if it had been recorded. The contact
        type, minutes and patient sex come from a case when it has them (the arguments
        win)."""
        from scribe.text.transcripts import (
            TranscriptFileError,
            contact_of,
            is_case,
            load_json,
            sex_of,
            transcript_from_json,
        )

        data = load_json(path)
        transcript = transcript_from_json(data)
        if not transcript.segments:
            raise TranscriptFileError(f"{path.name} har ingen replikker.")
        contact = contact_type or (contact_of(data) if is_case(data) else ContactType.OPPMOTE)
        sex = patient_sex or (sex_of(data) if is_case(data) else None)
        cid = self.store.create_consultation(session, contact_type=contact.value,
                                             patient_sex=sex)
        self.store.add_segments(cid, transcript.segments)
        self.store.transition(session, cid, Status.TRANSCRIBED)
        return self.draft_and_code(session, cid, transcript, contact, on_progress,
                                   cancel or CancelToken())

    def start_live(self, session: Session, *, contact_type: ContactType = ContactType.OPPMOTE,
                   patient_sex: Sex | None = None, consent: bool = False,
                   backend: AudioBackend | None = None,
                   device: str | None = None,
                   on_segment: Callable[[Segment], None] | None = None,
                   on_level: Callable[[Level], None] | None = None) -> LiveConsultation:
        """Starts recording now: chunks are stored and transcribed as they arrive.

        ``consent``: the patient has been told; it is noted once the microphone is open.
        """
        from scribe.consultation.live import LiveConsultation

        cid = self.store.create_consultation(session, contact_type=contact_type.value,
                                             patient_sex=patient_sex)
        live = LiveConsultation(self, session, cid, contact_type)
        device = device or self.engines.settings.audio.device or None
        live.start(backend, device, on_segment, on_level)
        if consent:
            self.set_consent(session, cid, True)
        return live

    def set_consent(self, session: Session, cid: int, given: bool) -> None:
        self.store.set_consent(session, cid, given)

    # --- drafting ----------------------------------------------------------------------------
    def redraft(self, session: Session, cid: int, *,
                on_progress: ProgressCallback = no_progress,
                cancel: CancelToken | None = None) -> ProcessResult:
        """A new draft from the stored (perhaps edited) transcript."""
        info = self.store.consultation(session, cid)
        segments = tuple(self.store.segments(session, cid))
        duration = max((s.t1 for s in segments), default=0.0)
        transcript = Transcript(segments, duration_s=duration)
        return self.draft_and_code(session, cid, transcript, ContactType(info.contact_type),
                                   on_progress, cancel or CancelToken())

    def draft_and_code(self, session: Session, cid: int, transcript: Transcript,
                       contact: ContactType, on_progress: ProgressCallback,
                       cancel: CancelToken, prefill: PrefillSession | None = None
                       ) -> ProcessResult:
        """Draft (finishing ``prefill`` if a live recording began one), codes and takster,
        stored as the next version."""
        from scribe.coding.service import code_consultation

        engines = self.engines
        part = scaled(on_progress, 0.0, 0.8)
        if prefill is not None:
            result = prefill.finish(contact=contact, duration_s=transcript.duration_s,
                                    on_progress=part, cancel=cancel)
        else:
            result = engines.drafter().draft(transcript, contact=contact, on_progress=part,
                                             cancel=cancel)
        cancel.check()
        on_progress(Progress(0.85, "Foreslår koder og takster"))
        facts = replace(result.extraction.facts, contact_type=contact,
                        duration_min=round(transcript.duration_s / 60.0, 1),
                        patient_sex=self.store.consultation(session, cid).patient_sex)
        # The note and the rule-based codes at once; the model's ranking follows (rank_codes).
        coding = code_consultation(transcript, facts, engines.profile,
                                   index=engines.code_index())
        version = self.store.save_draft(session, cid, result.draft)
        self.store.save_coding(session, cid, version, coding.icpc2, coding.takster)
        on_progress(Progress(1.0, "Utkastet er klart"))
        return ProcessResult(cid, transcript, result, coding, version,
                             _pending(engines, cid, version, transcript, facts, coding))

    def rank_codes(self, session: Session, pending: PendingRanking, *,
                   on_progress: ProgressCallback = no_progress,
                   cancel: CancelToken | None = None) -> Ranked:
        """The model's ranking of the ICPC-2 candidates, after the note is stored; the codes
        replace the rule-based ones unless the doctor has changed them or approved."""
        from scribe.consultation.ranking import rank_codes

        return rank_codes(self, session, pending, on_progress=on_progress, cancel=cancel)

    def complete(self, session: Session, result: ProcessResult, *,
                 on_progress: ProgressCallback = no_progress,
                 cancel: CancelToken | None = None) -> ProcessResult:
        """``result`` with the model's codes once ranked (headless callers: both steps)."""
        if result.ranking is None:
            return result
        ranked = self.rank_codes(session, result.ranking, on_progress=on_progress,
                                 cancel=cancel)
        return replace(result, coding=replace(result.coding, icpc2=ranked.codes),
                       ranking=None)

    # --- the doctor's review -----------------------------------------------------------------
    def save_edits(self, session: Session, cid: int, edits: Edits) -> int:
        """Stores the doctor's edits; returns the version they are in.

        A changed text is a new draft version with the doctor as its author; codes and takster
        alone are saved on the version they were edited from.
        """
        n = edits.base.n
        draft = clean_draft(edits.draft)
        if draft.sections != edits.base.draft.sections:
            n = self.store.save_draft(session, cid, replace(draft, author=session.user.name))
        self.store.save_coding(session, cid, n, edits.codes, edits.takster)
        return n

    def review(self, session: Session, cid: int, choices: ReviewChoices) -> DraftVersion:
        """The doctor's choices of codes and takster without the window (accept, reject,
        add from the code lists), stored on the newest version like the window's edits."""
        from scribe.consultation.review import review_edits

        base = self.store.draft(session, cid)
        self.save_edits(session, cid, review_edits(base, choices, self.engines.code_index().ref))
        return self.store.draft(session, cid)

    def approve(self, session: Session, cid: int, password: str, *,
                edits: Edits | None = None, on_behalf: bool = False) -> Approval:
        """Saves ``edits``, then the doctor's approval of the latest version (the password
        again). A colleague approves only ``on_behalf`` of the consultation's doctor. The
        audio is then kept as long as the retention setting says."""
        if edits is not None:
            self.save_edits(session, cid, edits)
        return self.store.approve(session, cid, password, on_behalf=on_behalf,
                                  retention_days=self.engines.settings.retention_days)

    def new_version(self, session: Session, cid: int) -> int:
        """An editable copy of the approved version, to be approved again."""
        return self.store.new_version(session, cid)

    def replace_segments(self, session: Session, cid: int, segments: Sequence[Segment]) -> None:
        """The doctor's edited transcript; a new draft is made from it on request."""
        self.store.replace_segments(session, cid, clean_segments(segments))

    # --- evidence ----------------------------------------------------------------------------
    def evidence_audio(self, session: Session, cid: int, segment_ids: Sequence[str], *,
                       margin_s: float = 0.3) -> bytes:
        """The stored audio from the first to the last of ``segment_ids`` (16 kHz int16),
        read through the store (access-checked and audited)."""
        from scribe.audio.pcm import pcm_between
        from scribe.errors import AudioDeleted

        wanted = [s for s in self.store.segments(session, cid) if s.id in set(segment_ids)]
        if not wanted:
            return b""
        pcm = self.store.audio_pcm(session, cid)
        if not pcm:
            raise AudioDeleted("Lydopptaket til denne konsultasjonen finnes ikke lenger.")
        t0 = max(0.0, min(s.t0 for s in wanted) - margin_s)
        return pcm_between(pcm, t0, max(s.t1 for s in wanted) + margin_s)

    def play_evidence(self, session: Session, cid: int, segment_ids: Sequence[str]) -> float:
        """Plays the stretch of audio behind a statement; returns its length in seconds."""
        from scribe.audio.capture import play_pcm
        from scribe.audio.pcm import pcm_seconds

        pcm = self.evidence_audio(session, cid, segment_ids)
        if pcm:
            play_pcm(pcm, device=self.engines.settings.audio.output_device or None)
        return pcm_seconds(pcm)


def _pending(engines: Engines, cid: int, version: int, transcript: Transcript,
             facts: ConsultationFacts, coding: CodingResult) -> PendingRanking | None:
    """The model's ranking still to run, when the model ranks codes in this mode."""
    from scribe.consultation.ranking import RANKING_MODES, PendingRanking

    if engines.llm_mode not in RANKING_MODES:
        return None
    return PendingRanking(cid, version, transcript, facts, coding.icpc2)


def _store_the_rest(stored: StoredBlocks) -> None:
    """After a failed transcription: the rest of the file into the store (best effort)."""
    try:
        stored.drain()
    except Exception as exc:  # the first failure is the one the user is told about
        log.warning("the rest of the recording was not stored: %s", type(exc).__name__)


def scaled(on_progress: ProgressCallback, start: float, end: float) -> ProgressCallback:
    """Maps a sub-job's 0..1 onto ``start..end`` of the whole."""
    def report(p: Progress) -> None:
        fraction = None if p.fraction is None else start + (end - start) * p.fraction
        on_progress(Progress(fraction, p.label))
    return report

