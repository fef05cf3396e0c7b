"""What an export is made from: one approved version of a consultation, as plain values.

The text, FHIR and file writers take an :class:`ApprovedNote` and nothing else, so they are
tested without a database; :mod:`scribe.export.service` builds one from the store after the
approval hash has been checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from scribe.domain import CodeSuggestion, ContactType, Draft, TakstLine


class ExportFormat(StrEnum):
    TEXT = "text"
    FHIR = "fhir"


CONTACT_LABELS: dict[ContactType, str] = {
    ContactType.OPPMOTE: "Oppmøte",
    ContactType.VIDEO: "Video",
    ContactType.TELEFON: "Telefon",
    ContactType.SYKEBESOK: "Sykebesøk",
}


@dataclass(frozen=True)
class Clinician:
    """A doctor as exports name them: display name and HPR number (Helsepersonellregisteret)."""

    name: str
    hpr: str | None = None


@dataclass(frozen=True)
class ApprovedNote:
    """Exactly what a doctor approved, with the facts an EPJ needs around it.

    ``codes`` and ``takster`` hold only the accepted ones, primary diagnosis first.
    ``patient_ref`` is the EPJ's own patient id as the practice entered it (never a national
    id number unless the practice chose to store one).
    """

    consultation_id: int
    version: int
    approved_at: datetime
    approved_by: Clinician
    doctor: Clinician
    contact_type: ContactType
    started_at: datetime
    ended_at: datetime | None
    draft: Draft
    codes: tuple[CodeSuggestion, ...]
    takster: tuple[TakstLine, ...]
    sha256: str
    patient_ref: str | None = None
