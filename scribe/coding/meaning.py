"""Retrieval by meaning beside the lexical rules, where it is allowed to count.

Only the patient's complaint is searched by meaning (the opening turns and a further matter
raised with "forresten …"): a whole conversation is mostly small talk and swamps the embedding.
Each complaint sentence is searched both ways and the two rankings are fused by rank
(:func:`scribe.coding.semantic.fuse_rrf`, depth 50); of the fused top ``KEEP``, a code the rules
already hold gets a bonus by its fused rank, and a code found only by meaning joins as a
candidate with no said term, so it is always weak: never primary, never accepted by
"Godta alle". Cosines are never thresholded.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from scribe.coding.index import CodeIndex
from scribe.coding.model import Candidate
from scribe.coding.reference import Reference
from scribe.coding.semantic import SemanticIndex, fuse_rrf
from scribe.domain import Speaker, Transcript
from scribe.text.sentences import split_segments

DEPTH = 50  # how deep each ranking goes into the fusion
KEEP = 8  # fused codes per complaint sentence that count
BONUS = 1.5  # score for the fused first place; rank r gets BONUS / r


def code_entries(ref: Reference) -> dict[str, list[str]]:
    """code → [title, *inclusion, *termsett] for every non-process code: what is embedded."""
    return {c.code: [c.title, *c.inclusion, *ref.terms.get(c.code, ())]
            for c in ref.codes.values() if not c.is_process}


def complaint_sentences(transcript: Transcript, raised: Sequence[str] = ()) -> list[
        tuple[str, str]]:
    """(segment id, text) of what the patient (or a relative) said first, and in the turns
    ``raised`` (a further matter)."""
    others = [s.id for s in transcript.segments if s.speaker != Speaker.LEGE]
    ids = set(others[:3]) | set(raised)
    segs = [s for s in transcript.segments if s.id in ids]
    return [(s.segment_id, s.text) for s in split_segments(segs) if len(s.text.split()) >= 3]


def add_by_meaning(cands: dict[str, Candidate], queries: Sequence[tuple[str, str]],
                   lexical: CodeIndex, semantic: SemanticIndex) -> None:
    """Fused lexical + semantic ranks for each complaint sentence, into ``cands``."""
    codes: Mapping[str, object] = lexical.ref.codes
    for seg, text in queries:
        lex = [c.code for c, _ in lexical.search(text, DEPTH) if not c.is_process]
        sem = [c for c, _ in semantic.search(text, DEPTH) if c in codes]
        for rank, (code, _) in enumerate(fuse_rrf([lex, sem], limit=KEEP), start=1):
            c = cands.get(code)
            if c is None:
                c = cands[code] = Candidate(lexical.ref.codes[code], by_meaning=True)
            c.score += BONUS / rank
            if seg not in c.evidence:
                c.evidence.append(seg)
