"""Operations on consultations: list, open, record or import, draft, edit, approve, evidence.

Each builds one call into :class:`scribe.consultation.Consultations` (or the code lists) for
the task runner; the labels are what the status bar shows while it runs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from scribe.domain import ContactType, Segment, Sex
from scribe.errors import ReferenceDataError
from ui.context import Context
from ui.operations import Op

if TYPE_CHECKING:
    from scribe.audio.capture import AudioBackend
    from scribe.coding.reference import Reference
    from scribe.consultation import Edits, LiveConsultation, Opened, ProcessResult
    from scribe.consultation.ranking import PendingRanking, Ranked
    from scribe.store import Approval, ConsultationInfo

Hits = list[tuple[str, str]]  # (code, title)


def list_consultations(ctx: Context) -> Op[list[ConsultationInfo]]:
    session = ctx.require_session()
    return Op(ctx, "Henter konsultasjoner",
              lambda _p, _c: ctx.app.consultations.all(session))


def open_consultation(ctx: Context, cid: int, version: int | None = None) -> Op[Opened]:
    session = ctx.require_session()
    return Op(ctx, "Åpner konsultasjonen",
              lambda _p, _c: ctx.app.consultations.open(session, cid, version))


# --- recording ---------------------------------------------------------------------------
def start_recording(ctx: Context, *, contact: ContactType, device: str | None,
                    backend: AudioBackend | None,
                    on_segment: Callable[[Segment], None],
                    sex: Sex | None = None) -> Op[LiveConsultation]:
    """Opens the microphone and notes the patient's consent (the panel asks for it first)."""
    session = ctx.require_session()
    return Op(ctx, "Starter opptak", lambda _p, _c: ctx.app.consultations.start_live(
        session, contact_type=contact, patient_sex=sex, consent=True, backend=backend,
        device=device,
        on_segment=on_segment))


def finish_recording(ctx: Context, live: LiveConsultation) -> Op[ProcessResult]:
    return Op(ctx, "Lager journalutkast",
              lambda p, c: live.finish(on_progress=p, cancel=c))


def discard_recording(ctx: Context, live: LiveConsultation) -> Op[None]:
    return Op(ctx, "Forkaster opptaket", lambda _p, _c: live.discard())


def import_recording(ctx: Context, path: Path, contact: ContactType,
                     sex: Sex | None = None) -> Op[ProcessResult]:
    session = ctx.require_session()
    return Op(ctx, "Transkriberer lydfilen", lambda p, c: ctx.app.consultations.import_recording(
        session, path, contact_type=contact, patient_sex=sex, on_progress=p, cancel=c))


def import_transcript(ctx: Context, path: Path, contact: ContactType | None,
                      sex: Sex | None = None) -> Op[ProcessResult]:
    """A written transcript (JSON) as a consultation; ``contact`` or ``sex`` None: the
    file's own."""
    session = ctx.require_session()
    return Op(ctx, "Leser transkripsjonen", lambda p, c: ctx.app.consultations.import_transcript(
        session, path, contact_type=contact, patient_sex=sex, on_progress=p, cancel=c))


# --- drafting and review -----------------------------------------------------------------
def rank_codes(ctx: Context, pending: PendingRanking) -> Op[Ranked]:
    """The model's ranking of the ICPC-2 codes, after the note is on screen."""
    session = ctx.require_session()
    return Op(ctx, "Rangerer ICPC-2-koder", lambda p, c: ctx.app.consultations.rank_codes(
        session, pending, on_progress=p, cancel=c))


def redraft(ctx: Context, cid: int) -> Op[ProcessResult]:
    session = ctx.require_session()
    return Op(ctx, "Lager utkast", lambda p, c: ctx.app.consultations.redraft(
        session, cid, on_progress=p, cancel=c))


def save_edits(ctx: Context, cid: int, edits: Edits) -> Op[int]:
    session = ctx.require_session()
    return Op(ctx, "Lagrer", lambda _p, _c: ctx.app.consultations.save_edits(session, cid, edits))


def approve(ctx: Context, cid: int, password: str, edits: Edits, *,
            on_behalf: bool = False) -> Op[Approval]:
    session = ctx.require_session()
    return Op(ctx, "Godkjenner", lambda _p, _c: ctx.app.consultations.approve(
        session, cid, password, edits=edits, on_behalf=on_behalf))


def new_version(ctx: Context, cid: int) -> Op[int]:
    session = ctx.require_session()
    return Op(ctx, "Ny versjon", lambda _p, _c: ctx.app.consultations.new_version(session, cid))


def replace_transcript(ctx: Context, cid: int, segments: Sequence[Segment]) -> Op[None]:
    session = ctx.require_session()
    return Op(ctx, "Lagrer transkripsjonen",
              lambda _p, _c: ctx.app.consultations.replace_segments(session, cid, segments))


def play_evidence(ctx: Context, cid: int, segment_ids: Sequence[str]) -> Op[float]:
    """Plays the audio behind a statement (reading it is a database call); its seconds."""
    session = ctx.require_session()
    return Op(ctx, "Spiller av",
              lambda _p, _c: ctx.app.consultations.play_evidence(session, cid, segment_ids))


# --- code lists --------------------------------------------------------------------------
def load_reference(ctx: Context) -> Op[Reference]:
    """The code lists; without them the failure says why and how to import them."""
    def job(_p: object, _c: object) -> Reference:
        try:
            return ctx.app.reference()
        except ReferenceDataError:
            missing = ctx.app.codes_missing()
            if missing is None:
                raise
            raise missing from None
    return Op(ctx, "Laster kodeverk", job)


def drugs_missing(ctx: Context) -> Op[ReferenceDataError | None]:
    """Why notes are drafted without the drug list and how to import it; None when found."""
    return Op(ctx, "Ser etter legemiddellisten", lambda _p, _c: ctx.app.drugs_missing())


def search_codes(ctx: Context, text: str) -> Op[Hits]:
    """ICPC-2 codes for a search text; a code typed in full comes first."""
    def job(_p: object, _c: object) -> Hits:
        index = ctx.app.code_index()
        hits = [(code.code, code.title) for code, _ in index.search(text, k=15)]
        direct = index.ref.codes.get(text.strip().upper())
        if direct is not None:
            hits = [(direct.code, direct.title)] + [h for h in hits if h[0] != direct.code]
        return hits
    return Op(ctx, "Søker i ICPC-2", job)
