"""The note at once, codes after: the language model's ranking of the ICPC-2 candidates.

Drafting stores the note with the rule-based codes straight away (cheap); when a model is
used for codes (``llm_mode`` "koder" or "utkast"), the result carries a :class:`PendingRanking`
and :func:`rank_codes` runs afterwards (about 20 s with the 1.5 B pack on a CPU). Its codes
replace the stored ones only while the doctor has not touched them: a code accepted, rejected
or added by hand, or an approval, always wins over the model.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from scribe.domain import CodeSuggestion, ConsultationFacts, Transcript
from scribe.progress import CancelToken, Progress, ProgressCallback, no_progress

if TYPE_CHECKING:
    from scribe.consultation.service import Consultations
    from scribe.store import Session

RANKING_MODES = ("koder", "utkast")  # llm_mode values in which the model ranks the codes


@dataclass(frozen=True)
class PendingRanking:
    """What the model's ranking needs, and the rule-based codes stored with the note."""

    cid: int
    version: int
    transcript: Transcript
    facts: ConsultationFacts
    stored: tuple[CodeSuggestion, ...]


@dataclass(frozen=True)
class Ranked:
    """The model's ICPC-2 suggestions; ``applied``: stored on the newest ``version`` (False
    when the doctor had changed the codes or approved first: the doctor's codes stand)."""

    cid: int
    version: int
    codes: tuple[CodeSuggestion, ...]
    applied: bool


def rank_codes(service: Consultations, session: Session, pending: PendingRanking, *,
               on_progress: ProgressCallback = no_progress,
               cancel: CancelToken | None = None) -> Ranked:
    """Loads the model (once), ranks the candidates and stores the codes if still untouched."""
    from scribe.coding.icpc import suggest_icpc2

    cancel = cancel or CancelToken()
    on_progress(Progress(None, "Språkmodellen rangerer ICPC-2-kodene"))
    engines = service.engines
    llm = engines.chat_model()
    cancel.check()
    codes = tuple(suggest_icpc2(pending.transcript, pending.facts,
                                index=engines.code_index(), llm=llm))
    cancel.check()
    stored = service.store.replace_codes_if_unchanged(session, pending.cid, pending.stored,
                                                      codes)
    on_progress(Progress(1.0, "Kodeforslagene er klare"))
    return Ranked(pending.cid, stored or pending.version, codes, stored is not None)
