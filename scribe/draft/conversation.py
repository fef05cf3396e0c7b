"""How the consultation went, read before the note is written (issue 14).

- :func:`corrected`: self-corrections applied; a merged sentence cites both segments;
- :func:`relation_in`: who the relative present is, found once per transcript;
- :func:`small_talk_turns`: runs of turns with no clinical content (small talk);
- :func:`without_late_remarks`: what is brought up unasked after the assessment, without
  symptoms, is not history;
- :func:`with_assessment`: the doctor's assessment goes to Vurdering even when the rules put
  it elsewhere, so Vurdering is not empty when one was said.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from scribe.domain import Speaker
from scribe.draft.classify import ASSESSMENT, FINDING, NONE, PLAN, SMALL_TALK, SYMPTOM, Label
from scribe.draft.rewrite import relation_of, take_back
from scribe.text.sentences import Sentence


def corrected(sentences: Sequence[Sentence]) -> tuple[list[Sentence], dict[str, list[str]]]:
    """The sentences with self-corrections applied, and for a sentence that absorbed an
    earlier one, the segment ids of what it absorbed (they are its evidence too)."""
    out = take_back(sentences)
    kept = {s.id for s in out}
    extra: dict[str, list[str]] = {}
    for s in sentences:
        if s.id in kept:
            continue
        into = next((o for o in out if o.index > s.index and o.speaker == s.speaker), None)
        if into is not None and s.segment_id != into.segment_id:
            extra.setdefault(into.id, []).append(s.segment_id)
    return out, extra


def relation_in(sentences: Sequence[Sentence]) -> str | None:
    """The relation of the relative or companion present, as first said."""
    for s in sentences:
        if (found := relation_of(s.text)) is not None:
            return found
    return None


def _turns(sentences: Sequence[Sentence]) -> list[list[Sentence]]:
    turns: list[list[Sentence]] = []
    for s in sentences:
        if turns and turns[-1][0].segment_id == s.segment_id:
            turns[-1].append(s)
        else:
            turns.append([s])
    return turns


def _clinical(turn: Sequence[Sentence]) -> tuple[int, bool]:
    """(how much clinical vocabulary and how many numbers a turn has, whether it talks about
    a topic outside the visit's matter: weather, holidays, sport, pets …)."""
    text = " ".join(s.text for s in turn)
    hits = sum(len(p.findall(text)) for p in (SYMPTOM, FINDING, ASSESSMENT, PLAN))
    return hits + 2 * len(re.findall(r"\d+", text)), SMALL_TALK.search(text) is not None


def _social(turns: Sequence[Sequence[Sentence]]) -> list[tuple[bool, bool]]:
    """Per turn: (no clinical content, on a topic outside the visit). Once a turn brings up
    such a topic, the turns after it stay on it until clinical talk clearly resumes (two or
    more clinical terms or a number): the answer to "Har dere fått valp?" is small talk even
    if it says how many weeks old the puppy is."""
    out: list[tuple[bool, bool]] = []
    on_topic = False
    for turn in turns:
        score, topic = _clinical(turn)
        if (topic or on_topic) and score <= 1:
            on_topic = True
            out.append((True, True))
        else:
            on_topic = False
            out.append((score == 0, False))
    return out


def small_talk_turns(sentences: Sequence[Sentence]) -> set[str]:
    """Segment ids of small talk: a run of two or more turns without clinical content (see
    :func:`_social`) that either opens or closes the visit or turns to a topic outside it.
    Single turns ("Ja.", "Mm.") between clinical turns are left to the sentence labels."""
    turns = _turns(sentences)
    social = _social(turns)
    out: set[str] = set()
    i = 0
    while i < len(turns):
        if not social[i][0]:
            i += 1
            continue
        j = i
        while j < len(turns) and social[j][0]:
            j += 1
        edge = i == 0 or j == len(turns)
        if j - i >= 2 and (edge or any(topic for _, topic in social[i:j])):
            out |= {t[0].segment_id for t in turns[i:j]}
        i = j
    return out


def without_small_talk(sentences: Sequence[Sentence], labels: Sequence[Label]) -> list[Label]:
    """The labels with every sentence of a small-talk run out of the note."""
    drop = small_talk_turns(sentences)
    seg = {s.id: s.segment_id for s in sentences}
    return [lb if seg.get(lb.sentence_id) not in drop else Label(lb.sentence_id, NONE, 1.0)
            for lb in labels]


def with_assessment(sentences: Sequence[Sentence], labels: Sequence[Label]) -> list[Label]:
    """When no sentence is labelled Vurdering, the doctor's statement with the most
    assessment vocabulary (if any) is."""
    if any(lb.label == "Vurdering" for lb in labels):
        return list(labels)
    best, score = "", 0
    for s in sentences:
        if s.speaker != Speaker.LEGE or s.is_question:
            continue
        n = len(ASSESSMENT.findall(s.text))
        if n > score:
            best, score = s.id, n
    return [Label(lb.sentence_id, "Vurdering", lb.confidence) if lb.sentence_id == best else lb
            for lb in labels]


def without_late_remarks(sentences: Sequence[Sentence], labels: Sequence[Label]) -> list[Label]:
    """Once the doctor has given the assessment and begun the plan, what the patient or a
    relative brings up unasked with little clinical in it ("jeg skal løpe et løp i mai") is
    not history: a new complaint comes with symptom words, or the doctor asks about it."""
    out = list(labels)
    judged = assessed = False  # the assessment said; then the plan begun
    for i, (s, lb) in enumerate(zip(sentences, labels, strict=True)):
        judged = judged or (lb.label == "Vurdering" and s.speaker == Speaker.LEGE)
        assessed = assessed or (judged and lb.label == "Tiltak" and s.speaker == Speaker.LEGE)
        prev = sentences[i - 1] if i else None
        asked = prev is not None and prev.is_question and prev.speaker != s.speaker
        if (assessed and lb.label == "Anamnese" and s.speaker != Speaker.LEGE and not asked
                and len(SYMPTOM.findall(s.text)) < 2):
            out[i] = Label(lb.sentence_id, NONE, lb.confidence)
    return out


def with_drug_talk(sentences: Sequence[Sentence], labels: Sequence[Label],
                   is_drug: Callable[[str], bool]) -> list[Label]:
    """A doctor's statement about a drug that the rules left out (no plan words: "Jeg fornyer
    X", "X tar du som før") is part of the plan, unless it is small talk."""
    drop = small_talk_turns(sentences)
    return [Label(lb.sentence_id, "Tiltak", lb.confidence)
            if lb.label == NONE and s.speaker == Speaker.LEGE and not s.is_question
            and s.segment_id not in drop and is_drug(s.text) else lb
            for s, lb in zip(sentences, labels, strict=True)]
