"""The documents of a stored consultation: drafted on first open, edited, approved by the
doctor one by one. The operations the command line and the review screen call.

A document is drafted from the consultation's stored transcript, its newest note version
(the doctor's edits included) and that version's codes; the extraction is the note's own,
made without a model, so a document is the same whichever model wrote the note.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from scribe.documents.drafting import DocumentDrafter, Visit, applicable
from scribe.documents.model import DocumentKind
from scribe.documents.render import DocumentTemplates
from scribe.domain import ContactType, Transcript
from scribe.draft.pipeline import Drafter
from scribe.errors import ScribeError, StorageError
from scribe.store import DocumentApproval, DocumentVersion, Session, Store


class NotApplicable(ScribeError):
    """The visit does not call for this document (no referral made, no sick leave given)."""


_WHY_NOT = {
    DocumentKind.HENVISNING: "Det ble ikke henvist i denne konsultasjonen.",
    DocumentKind.SYKMELDING: "Det ble ikke gitt sykmelding i denne konsultasjonen.",
}


class DocumentService:
    """Documents over one open store. ``drafter``: the app's note drafter (its lexicon and
    settings; its model is not used here)."""

    def __init__(self, store: Store, drafter: Drafter, *,
                 templates: DocumentTemplates | None = None) -> None:
        self.store = store
        self.drafter = replace(drafter, model=None)
        self.documents = DocumentDrafter(drafter.lexicon)
        self.templates = templates or DocumentTemplates(drafter.templates.user_dir)

    def visit(self, session: Session, cid: int) -> Visit:
        info = self.store.consultation(session, cid)
        segments = tuple(self.store.segments(session, cid))
        transcript = Transcript(segments, duration_s=max((s.t1 for s in segments), default=0))
        contact = ContactType(info.contact_type)
        extraction = self.drafter.extract(transcript, contact=contact)
        try:
            version = self.store.draft(session, cid)
            note, codes = version.draft, version.codes
        except StorageError:  # transcribed, not yet drafted: the note as it would be
            note, codes = self.drafter.draft(transcript, contact=contact).draft, ()
        return Visit(transcript, extraction, note, codes)

    def applicable(self, session: Session, cid: int) -> tuple[DocumentKind, ...]:
        """The documents the visit calls for (the summary for the patient always)."""
        return applicable(self.visit(session, cid))

    def open(self, session: Session, cid: int, kind: DocumentKind, *,
             anyway: bool = False) -> DocumentVersion:
        """The newest stored version; drafted and stored first if there is none. A document
        the visit does not call for is refused unless ``anyway``."""
        if kind in self.store.document_kinds(session, cid):
            return self.store.document(session, cid, kind)
        return self.redraft(session, cid, kind, anyway=anyway)

    def redraft(self, session: Session, cid: int, kind: DocumentKind, *,
                anyway: bool = False) -> DocumentVersion:
        """A new draft from the stored transcript and note, stored as the next version."""
        visit = self.visit(session, cid)
        if not anyway and kind not in applicable(visit):
            raise NotApplicable(_WHY_NOT[kind],
                                "Bruk --likevel for å lage et tomt utkast å fylle ut.")
        n = self.store.save_document(session, cid, self.documents.draft(visit, kind))
        return self.store.document(session, cid, kind, n)

    def save_texts(self, session: Session, cid: int, kind: DocumentKind,
                   texts: Mapping[str, str]) -> DocumentVersion:
        """The doctor's text for some fields (key → text), stored as a new version."""
        document = self.store.document(session, cid, kind).document
        for key, text in texts.items():
            document = document.with_field_text(key, text, author=session.user.name)
        n = self.store.save_document(session, cid, document)
        return self.store.document(session, cid, kind, n)

    def approve(self, session: Session, cid: int, kind: DocumentKind, password: str, *,
                checked: bool = False, on_behalf: bool = False) -> DocumentApproval:
        """Approves the newest version. ``checked``: the doctor has checked the flagged
        statements against the conversation (stored as a new version first)."""
        current = self.store.document(session, cid, kind)
        if checked and current.document.unacknowledged_flags():
            self.store.save_document(session, cid, current.document.with_flags_acknowledged())
        return self.store.approve_document(session, cid, kind, password, on_behalf=on_behalf)

    def render(self, version: DocumentVersion, *, show_flags: bool = False) -> str:
        return self.templates.render_document(version.document, show_flags=show_flags)
