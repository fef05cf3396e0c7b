"""More than the note (issue 18): the referral (henvisning), the medical part of the sick note
(sykmelding) and a summary for the patient, drafted from the note's extraction and facts, each
statement with its evidence, verified like the note, approved and exported on its own.

- :mod:`~scribe.documents.model`: :class:`Document`, :class:`Field`, :class:`DocumentKind`;
- :mod:`~scribe.documents.drafting`: :class:`~scribe.documents.drafting.Visit`,
  :func:`~scribe.documents.drafting.applicable`,
  :class:`~scribe.documents.drafting.DocumentDrafter`;
- :mod:`~scribe.documents.service`: :class:`~scribe.documents.service.DocumentService` (the
  operations on a stored consultation); export in :mod:`scribe.export.documents`;
- :mod:`~scribe.documents.readability`: LIX and sentence length.

Only the plain values are imported here, so the store can use them without loading drafting.
"""

from __future__ import annotations

from scribe.documents.model import Document, DocumentKind, Field
from scribe.documents.readability import Readability, lix, readability

__all__ = ["Document", "DocumentKind", "Field", "Readability", "lix", "readability"]
