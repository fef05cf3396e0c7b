"""The doctor's review of codes and takster without the window (``scribe review``).

Accept or reject what was suggested, add an ICPC-2 code or a takst from the imported code
lists (validated: a code not in them is an :class:`~scribe.errors.UnknownCode`), remove a
takst. The result is an :class:`~scribe.consultation.service.Edits` the service stores like
the window's edits, so a headless approval covers the same codes and takster.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from scribe.domain import CodeSuggestion, TakstLine
from scribe.errors import UnknownCode

if TYPE_CHECKING:
    from scribe.coding.reference import Reference
    from scribe.consultation.service import Edits
    from scribe.store import DraftVersion

CODE_REASON = "Valgt av legen fra kodelisten."
TAKST_REASON = "Lagt til av legen fra taksttabellen."


@dataclass(frozen=True)
class ReviewChoices:
    """Codes to accept (ICPC-2 codes or suggested takster), reject, and takster to add or
    remove."""

    accept: Sequence[str] = ()
    reject: Sequence[str] = ()
    add_takster: Sequence[str] = ()
    remove_takster: Sequence[str] = ()


def review_edits(base: DraftVersion, choices: ReviewChoices, ref: Reference) -> Edits:
    """``base``'s codes and takster with ``choices`` applied (the note text unchanged)."""
    from scribe.consultation.service import Edits

    codes, takster = list(base.codes), list(base.takster)
    for code in choices.accept:
        if not _set_takst(takster, code, "accepted"):
            _accept_code(codes, code, ref)
    for code in choices.reject:
        if not (_set_code(codes, code, "rejected") or _set_takst(takster, code, "rejected")):
            raise UnknownCode(f"«{code}» er ikke blant forslagene og kan ikke avvises.",
                              "Se forslagene med «scribe show ID».")
    for code in choices.add_takster:
        if not _set_takst(takster, code, "accepted"):
            takster.append(_takst_line(code, ref))
    for code in choices.remove_takster:
        kept = [t for t in takster if t.code != code.strip()]
        if len(kept) == len(takster):
            raise UnknownCode(f"Takst «{code}» er ikke med og kan ikke fjernes.")
        takster = kept
    return Edits(base, base.draft, tuple(codes), tuple(takster))


def _set_code(codes: list[CodeSuggestion], code: str, status: str) -> bool:
    wanted = code.strip().upper()
    hits = [i for i, c in enumerate(codes) if c.code == wanted]
    for i in hits:
        codes[i] = replace(codes[i], status=status)
    return bool(hits)


def _set_takst(takster: list[TakstLine], code: str, status: str) -> bool:
    hits = [i for i, t in enumerate(takster) if t.code == code.strip()]
    for i in hits:
        takster[i] = replace(takster[i], status=status)
    return bool(hits)


def _accept_code(codes: list[CodeSuggestion], code: str, ref: Reference) -> None:
    """Accepts a suggested code, or adds it from ICPC-2 (primary when no other is)."""
    if _set_code(codes, code, "accepted"):
        return
    found = ref.validate_code(code)  # UnknownCode with a Norwegian message
    primary = not any(c.primary and c.status != "rejected" for c in codes)
    rank = max((c.rank for c in codes), default=0) + 1
    codes.append(CodeSuggestion(system="ICPC-2", code=found.code, title=found.title, rank=rank,
                                reason=CODE_REASON, primary=primary, status="accepted"))


def _takst_line(code: str, ref: Reference) -> TakstLine:
    takst = ref.takst(code)  # UnknownCode for anything not in the table
    return TakstLine(code=takst.code, count=1, fee=takst.fee, patient_share=takst.patient_share,
                     refund=takst.refund, reason=TAKST_REASON, status="accepted")
