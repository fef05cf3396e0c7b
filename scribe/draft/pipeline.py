"""The drafting pipeline: extract (sentences, labels, facts) → phrase → verify → Draft.

Stage 1 is deterministic with an optional LLM for labels; its facts are the consultation's
facts, the takst detectors' included (detected here once and handed to coding). Stage 2 asks
the LLM for statements with evidence and keeps only those that pass verification, falling back
to the extracted sentences (lightly normalised) for everything else. Without a model the note is
the fallback alone, with ``author = "uttrekk"``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from scribe.domain import (
    ConsultationFacts,
    ContactType,
    Draft,
    Fact,
    Section,
    Segment,
    Speaker,
    Statement,
    Transcript,
)
from scribe.draft import compose
from scribe.draft.classify import NONE, SECTIONS, Label, classify_rules, combine
from scribe.draft.condense import condense
from scribe.draft.conversation import (
    corrected,
    relation_in,
    repeated_in_recap,
    small_talk_turns,
    with_assessment,
    with_check_back,
    with_context,
    with_drug_talk,
    with_turn_topic,
    without_late_remarks,
    without_small_talk,
)
from scribe.draft.drugs import STRENGTH, extract_drugs, not_prescribed
from scribe.draft.extract import (
    extract_durations,
    extract_measures,
    extract_referrals,
    extract_sick_leave,
)
from scribe.draft.lexicon import DrugLexicon
from scribe.draft.llm_stages import LlmOptions, classify_with_model, phrase_section
from scribe.draft.phrasebook import compile_words, phrasebook
from scribe.draft.referents import with_referents
from scribe.draft.render import Templates
from scribe.draft.select import select
from scribe.draft.verify import hard_flags, verify_draft, verify_statement
from scribe.errors import LLMError
from scribe.llm.api import ChatModel
from scribe.progress import CancelToken, Progress, ProgressCallback, no_progress
from scribe.text.facts import detect_all
from scribe.text.numbers import numbers_in
from scribe.text.sentences import Sentence, split_segments

log = logging.getLogger(__name__)
FALLBACK_AUTHOR = "uttrekk"


@dataclass(frozen=True)
class Extraction:
    sentences: tuple[Sentence, ...]
    labels: tuple[Label, ...]
    facts: ConsultationFacts
    warnings: tuple[str, ...] = ()
    merged: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # corrections
    repeats: frozenset[str] = frozenset()  # sentences a recap says again (nothing of them)

    @cached_property
    def _by_id(self) -> dict[str, str]:
        return {lb.sentence_id: lb.label for lb in self.labels}

    def label(self, sentence_id: str) -> str:
        return self._by_id.get(sentence_id, NONE)

    def small_talk_segments(self) -> set[str]:
        """Segments none of whose sentences went into the note."""
        used = {s.segment_id for s in self.sentences if self.label(s.id) != NONE}
        return {s.segment_id for s in self.sentences} - used


@dataclass(frozen=True)
class DraftResult:
    draft: Draft
    extraction: Extraction
    model_statements: int = 0  # statements kept from the model's phrasing
    fallback_statements: int = 0
    warnings: tuple[str, ...] = ()


def extract_facts(sentences: Sequence[Sentence], lexicon: DrugLexicon) -> tuple[Fact, ...]:
    """The note's facts, then what the takst detectors find of the kinds the note's own
    extractors have not found (its sick leave, with status and grade, stands)."""
    own = (*extract_measures(sentences), *extract_durations(sentences),
           *extract_drugs(sentences, lexicon), *extract_sick_leave(sentences),
           *extract_referrals(sentences))
    kinds = {f.kind for f in own}
    return (*own, *(f for f in detect_all(sentences) if f.kind not in kinds))


# a short consultation in the rules' every section: what :meth:`Drafter.warm_up` drafts
_WARM_UP = Transcript(tuple(
    Segment(f"w{i}", float(i), float(i + 1), text, speaker)
    for i, (speaker, text) in enumerate((
        (Speaker.LEGE, "Hva kan jeg hjelpe deg med? Har du hatt feber?"),
        (Speaker.PASIENT, "Jeg har hatt vondt i halsen i tre dager. Nei, ikke feber."),
        (Speaker.LEGE, "Blodtrykket er hundreogtretti over åtti, og CRP er tolv. Halsen er "
                       "rød. Det er en virusinfeksjon. Du kan ta Paracet, ett gram inntil fire "
                       "ganger om dagen, og kom tilbake hvis det ikke er bedre om en uke.")))))


@dataclass
class Drafter:
    """Turns a transcript into a verified draft. ``model`` None: deterministic only."""

    lexicon: DrugLexicon
    templates: Templates = field(default_factory=Templates)
    model: ChatModel | None = None
    template: str = "allmennlege"
    phrase: bool = True  # ask the model to phrase sections (else: labels only)
    options: LlmOptions = field(default_factory=LlmOptions)

    def extract(self, transcript: Transcript, *, contact: ContactType = ContactType.OPPMOTE,
                cancel: CancelToken | None = None,
                known: Mapping[str, Label] | None = None) -> Extraction:
        """Sentences, labels and facts. ``known``: model labels from while recording."""
        fixed, merged = corrected(split_segments(transcript.segments))
        sentences = tuple(fixed)
        labels = classify_rules(sentences)
        warnings: list[str] = []
        if self.model is not None and sentences:
            try:
                model_labels = classify_with_model(self.model, self.templates, sentences,
                                                   self._options(cancel, None), known=known)
                labels = combine(labels, model_labels, may_add=self.options.model_may_add)
            except LLMError as exc:
                log.warning("modellens etiketter forkastet: %s", type(exc).__name__)
                warnings.append(f"Sortering: regelbasert ({exc.message})")
        labels = with_assessment(sentences, without_late_remarks(
            sentences, without_small_talk(sentences, labels)))
        labels = with_drug_talk(sentences, labels, lambda t: bool(self.lexicon.find(t)))
        labels = with_context(sentences, with_turn_topic(sentences, with_check_back(
            sentences, labels)))
        repeats = repeated_in_recap(sentences, labels)
        labels = [Label(lb.sentence_id, NONE, lb.confidence) if lb.sentence_id in repeats
                  else lb for lb in labels]
        facts = ConsultationFacts(contact, transcript.duration_s / 60.0,
                                  extract_facts(sentences, self.lexicon))
        return Extraction(sentences, tuple(labels), facts, tuple(warnings),
                          {k: tuple(v) for k, v in merged.items()}, frozenset(repeats))

    def _options(self, cancel: CancelToken | None,
                 on_text: Callable[[str], None] | None) -> LlmOptions:
        o = self.options
        return replace(o, cancel=cancel, on_text=on_text)

    def model_labels(self, sentences: Sequence[Sentence], known: Mapping[str, Label],
                     cancel: CancelToken | None = None) -> dict[str, Label]:
        """Model labels for the finished chunks (used while recording)."""
        if self.model is None:
            return {}
        labels = classify_with_model(self.model, self.templates, sentences,
                                     self._options(cancel, None), known=known, final=False)
        return {lb.sentence_id: lb for lb in labels}

    def draft(self, transcript: Transcript, *, contact: ContactType = ContactType.OPPMOTE,
              on_progress: ProgressCallback = no_progress, cancel: CancelToken | None = None,
              on_text: Callable[[str], None] | None = None,
              known: Mapping[str, Label] | None = None) -> DraftResult:
        on_progress(Progress(0.0, "Sorterer setningene"))
        extraction = self.extract(transcript, contact=contact, cancel=cancel, known=known)
        if cancel is not None:
            cancel.check()
        segments = transcript.by_id()
        facts = extraction.facts.facts
        runs = small_talk_turns(extraction.sentences)
        fallback = condense(extraction.sentences, extraction.labels,
                            relation=relation_in(extraction.sentences),
                            evidence=extraction.merged, unprescribed=not_prescribed(facts),
                            small_talk=runs, left_out=extraction.repeats)
        spoken = sum(len(seg.text.split()) for seg in transcript.segments)
        fallback = {name: [replace(st, text=brand_capitals(st.text, self.lexicon))
                           for st in sts]
                    for name, sts in select(fallback, spoken_words=spoken,
                                            is_drug=lambda t: bool(self.lexicon.find(t))).items()}
        fallback = {name: with_referents(sts, self._drug_names)
                    for name, sts in fallback.items()}
        fallback["Anamnese"] = interpreter_line(facts, segments, fallback["Anamnese"])
        cited = {e for sts in fallback.values() for st in sts for e in st.evidence}
        small_talk = runs | (extraction.small_talk_segments() - cited)
        sections: list[Section] = []
        kept = used_fallback = 0
        warnings: list[str] = []
        for i, name in enumerate(SECTIONS):
            on_progress(Progress(0.3 + 0.6 * i / len(SECTIONS), f"Skriver {name.lower()}"))
            chosen = [s for s in extraction.sentences if extraction.label(s.id) == name]
            statements, n_model, problem = self._section(name, chosen, fallback[name],
                                                         extraction, cancel, on_text)
            kept += n_model
            used_fallback += len(statements) - n_model
            warnings += [problem] if problem else []
            sections.append(Section(name, tuple(statements)))
        sections[0] = Section(sections[0].name, tuple(compose.contact_line(
            contact, transcript.segments, sections[0].statements)))
        sections += self._lines(facts)
        author = self.model.model_id if self.model is not None and kept else FALLBACK_AUTHOR
        draft = verify_draft(Draft(self.template, tuple(sections), author), segments,
                             lexicon=self.lexicon, small_talk=small_talk)
        on_progress(Progress(1.0, "Utkastet er klart"))
        return DraftResult(draft, extraction, kept, used_fallback,
                           (*extraction.warnings, *warnings))

    def warm_up(self) -> None:
        """Drafts a few built-in sentences with the rules alone (never the model), so that the
        first consultation's «Stopp» does not pay for compiling the rules' patterns: about
        5 s on 2 cores, mostly the measured values' names (``bench_app``'s stop → note)."""
        replace(self, model=None).draft(_WARM_UP)

    def _drug_names(self, text: str) -> list[str]:
        return [m.surface for m in self.lexicon.find(text)]

    def _lines(self, facts: Sequence[Fact]) -> list[Section]:
        lines = [("Resepter", compose.prescription_lines(facts)),
                 ("Sykmelding", compose.sick_leave_lines(facts)),
                 ("Henvisning", compose.referral_lines(facts))]
        return [Section(name, tuple(st)) for name, st in lines if st]

    def _section(self, name: str, chosen: list[Sentence], fallback: list[Statement],
                 extraction: Extraction,
                 cancel: CancelToken | None, on_text: Callable[[str], None] | None,
                 ) -> tuple[list[Statement], int, str]:
        if self.model is None or not self.phrase or not chosen:
            return fallback, 0, ""
        facts = _fact_strings(extraction.facts.facts, {s.segment_id for s in chosen})
        try:
            proposed = phrase_section(self.model, self.templates, extraction.sentences, name,
                                      chosen, facts, self._options(cancel, on_text))
        except LLMError as exc:
            log.warning("formulering av %s feilet: %s", name, type(exc).__name__)
            return fallback, 0, f"{name}: modellens svar ble forkastet ({exc.message})"
        return self._merge(proposed, fallback, chosen, extraction)

    def _merge(self, proposed: list[Statement], fallback: list[Statement], chosen: list[Sentence],
               extraction: Extraction) -> tuple[list[Statement], int, str]:
        """Keeps model statements that pass verification against the section's own sentences
        and use no small-talk vocabulary; adds fallback statements they do not cover."""
        source: dict[str, Segment] = {}
        for s in chosen:
            prev = source.get(s.segment_id)
            text = f"{prev.text} {s.text}" if prev else s.text
            source[s.segment_id] = Segment(s.segment_id, 0.0, 0.0, text, s.speaker)
        banned = _small_talk_words(extraction)
        unprescribed = not_prescribed(extraction.facts.facts)
        good = [st for st in proposed
                if not hard_flags(verify_statement(st, source, lexicon=self.lexicon))
                and not _words(st.text) & banned
                and not self._doses_unprescribed(st.text, unprescribed)]
        missing = [fb for fb in fallback if not _covered(fb, good)]
        return [*good, *missing], len(good), ""


    def _doses_unprescribed(self, text: str, unprescribed: set[str]) -> bool:
        """A dose beside a drug that was only discussed ("tramadol 50 mg") is not for the note."""
        return any(m.surface.lower() in unprescribed or m.entry.name in unprescribed
                   for m in self.lexicon.find(text)) and STRENGTH.search(text) is not None


def interpreter_line(facts: Sequence[Fact], segments: Mapping[str, Segment],
                     history: list[Statement]) -> list[Statement]:
    """An interpreter took part: the history says so first, with the language if it was
    named ("Via tolk (somali)."), as a GP notes it, in place of the interpreter's own
    introduction ("Jeg er tolk fra tolketjenesten, arabisk")."""
    found = [f for f in facts if f.kind == "interpreter"]
    if not found:
        return history
    evidence = found[0].evidence
    said = " ".join(segments[e].text for e in evidence if e in segments).lower()
    language = compile_words(phrasebook().words("people", "languages")).search(said)
    text = f"Via tolk ({language.group(0)})." if language else "Via tolk."
    rest = [st for st in history
            if not ("tolk" in st.text.lower() and set(st.evidence) <= set(evidence))]
    return [Statement(text, evidence), *rest]


def brand_capitals(text: str, lexicon: DrugLexicon) -> str:
    """Brand names with their capital ("otrivin" → "Otrivin"); substances stay lowercase."""
    out = text
    for m in lexicon.find(text):
        if m.entry.kind == "brand" and m.surface[:1].islower():
            out = out[:m.start] + m.surface[:1].upper() + out[m.start + 1:]
    return out


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-zæøå]{4,}", text.lower()))


def _small_talk_words(extraction: Extraction) -> set[str]:
    """Words said only in sentences that are not for the note."""
    inside: set[str] = set()
    outside: set[str] = set()
    for s in extraction.sentences:
        (outside if extraction.label(s.id) == NONE else inside).update(_words(s.text))
    return outside - inside


def _fact_strings(facts: Sequence[Fact], segments: set[str]) -> list[str]:
    out = []
    for f in facts:
        if f.evidence[0] in segments and f.kind in {"vital", "lab", "score"}:
            out.append(f"{f.name} {f.value} {f.unit}".strip())
        elif f.evidence[0] in segments and f.kind == "drug" and f.attr("status") == "prescribed":
            out.append(" ".join(p for p in (f.value, f.attr("strength"), f.attr("dosing")) if p))
    return out


def _covered(fallback: Statement, good: Sequence[Statement]) -> bool:
    """A fallback statement is covered when a kept statement cites its segments and carries
    all its numbers and distinctive words of negation."""
    citing = [g for g in good if set(fallback.evidence) & set(g.evidence)]
    if not citing:
        return False
    text = " ".join(g.text for g in citing).lower()
    if not numbers_in(fallback.text, words=False) <= numbers_in(text, words=False):
        return False
    negated = any(w in fallback.text.lower().split() for w in ("ikke", "ingen", "benekter"))
    return not negated or any(w in text.split() for w in ("ikke", "ingen", "benekter"))
