"""Drafting the documents of one visit from the note's extraction, facts, note and codes.

:class:`Visit` holds what every document is drafted from; :func:`applicable` says which
documents the visit calls for; :class:`DocumentDrafter` drafts one and verifies it with the
note's verifier (:func:`scribe.draft.verify.verify_draft`), so a document's statements carry the
same evidence and flags as the note's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from scribe.documents import henvisning, pasient, sykmelding
from scribe.documents.decisions import find_referral, find_sick_leave
from scribe.documents.model import Document, DocumentKind, Field
from scribe.domain import CodeSuggestion, Draft, Section, Statement, Transcript
from scribe.draft.conversation import small_talk_turns
from scribe.draft.lexicon import DrugLexicon
from scribe.draft.pipeline import Extraction
from scribe.draft.verify import verify_draft

# Fields whose text is a label made from what was said (a code, a number of days, a
# receiver, "Øyeblikkelig hjelp"), not a paraphrase: their wording is not checked for
# support, only their numbers, drugs, negations and evidence.
# A diagnosis is a code from the code list: its digits are no numbers said either.
LABEL_FIELDS: dict[str, frozenset[str]] = {
    **{key: frozenset({"weak_support"})
       for key in ("mottaker", "hastegrad", "periode", "grad", "samtykke")},
    "diagnose": frozenset({"weak_support", "number_not_in_source"}),
}
# Statements that are formulas of the document itself, not a paraphrase, wherever they stand.
LABEL_STATEMENTS: dict[str, frozenset[str]] = {henvisning.ASSESSMENT_WANTED:
                                               frozenset({"weak_support"})}


@dataclass(frozen=True)
class Visit:
    """What the documents of one consultation are drafted from."""

    transcript: Transcript
    extraction: Extraction
    draft: Draft  # the note (the latest version, the doctor's edits included)
    codes: tuple[CodeSuggestion, ...] = ()

    def note(self, *sections: str) -> list[Statement]:
        """The note's statements of ``sections``, in that order."""
        return [st for name in sections if (sec := self.draft.section(name)) is not None
                for st in sec.statements]


def applicable(visit: Visit) -> tuple[DocumentKind, ...]:
    """The documents this visit calls for: a referral when the doctor made one, a sick note
    when sick leave was given, and always the summary for the patient."""
    sentences, facts = visit.extraction.sentences, visit.extraction.facts.facts
    kinds = []
    if find_referral(sentences, facts) is not None:
        kinds.append(DocumentKind.HENVISNING)
    if find_sick_leave(sentences, facts) is not None:
        kinds.append(DocumentKind.SYKMELDING)
    kinds.append(DocumentKind.PASIENT)
    return tuple(kinds)


_BUILDERS = {
    DocumentKind.HENVISNING: henvisning.build,
    DocumentKind.SYKMELDING: sykmelding.build,
    DocumentKind.PASIENT: pasient.build,
}


@dataclass
class DocumentDrafter:
    """Drafts and verifies documents. Deterministic: no model is asked."""

    lexicon: DrugLexicon
    templates: Mapping[DocumentKind, str] = field(default_factory=lambda: {
        k: k.value for k in DocumentKind})

    def draft(self, visit: Visit, kind: DocumentKind) -> Document:
        fields = _BUILDERS[kind](visit, self.lexicon)
        document = Document(kind, tuple(fields), self.templates.get(kind, kind.value))
        checked = self.verify(visit, document)
        # A document goes out of the practice: what the verifier finds rests on small talk is
        # left out of the draft (the note keeps such a statement, flagged, for the doctor).
        return replace(checked, fields=tuple(
            replace(f, statements=tuple(st for st in f.statements
                                        if not any(fl.kind == "small_talk" for fl in st.flags)))
            for f in checked.fields))

    def draft_applicable(self, visit: Visit) -> dict[DocumentKind, Document]:
        return {kind: self.draft(visit, kind) for kind in applicable(visit)}

    def verify(self, visit: Visit, document: Document) -> Document:
        """The note's verification on every statement of ``document``."""
        extraction = visit.extraction
        small_talk = small_talk_turns(extraction.sentences) | extraction.small_talk_segments()
        as_draft = Draft(document.template, tuple(Section(f.key, f.statements)
                                                  for f in document.fields), document.author)
        checked = verify_draft(as_draft, visit.transcript.by_id(), lexicon=self.lexicon,
                               small_talk=small_talk)
        fields = []
        for f, section in zip(document.fields, checked.sections, strict=True):
            statements = section.statements
            field_exempt = LABEL_FIELDS.get(f.key, frozenset())
            statements = tuple(
                replace(st, flags=tuple(
                    fl for fl in st.flags if fl.kind not in field_exempt
                    and fl.kind not in LABEL_STATEMENTS.get(st.text.strip(), frozenset())))
                for st in statements)
            fields.append(Field(f.key, f.label, statements))
        return replace(document, fields=tuple(fields))
