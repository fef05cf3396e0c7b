"""Spoken consultation Norwegian → the short clinical Norwegian of a GP's note (issue 14).

One import for the drafter; the rules live in the modules below, their word lists in
``data/phrasebook.toml``. All functions are pure and work on one sentence (or one question
and its answer) at a time:

- :func:`take_back` / :func:`take_back_text`: the later statement wins over what it corrects;
- :func:`strip_fillers`: fillers, discourse markers, hedges and pauses out;
- :func:`is_question`, :func:`question_topic`, :func:`parse_question`: what a question asks;
- :func:`fold_answer`: a question and its answer as one third-person statement;
- :func:`third_person`: no jeg/du/vi/meg/deg/min/man left, a relative's words attributed;
- :func:`finding_from_narration`: what the doctor found, not the narration of finding it;
- :func:`abbreviate`: digits with decimal comma, units and the abbreviations GPs use;
- :func:`rewrite_sentence`: a plain statement through all of the above.
"""

from __future__ import annotations

from scribe.domain import Speaker
from scribe.draft.answers import Answer, fold_answer, parse_answer
from scribe.draft.corrections import take_back, take_back_text
from scribe.draft.dialogue import Question, is_question, parse_question, question_topic
from scribe.draft.doctor import safety_net
from scribe.draft.findings import finding_from_narration, organ_of
from scribe.draft.person import kinship, relation_of, third_person
from scribe.draft.spoken import abbreviate, finish, standardise, strip_fillers
from scribe.draft.values import find_values, name_values

__all__ = [
    "Answer", "Question", "abbreviate", "find_values", "finding_from_narration", "fold_answer",
    "is_question", "kinship", "name_values", "organ_of", "parse_answer", "parse_question",
    "question_topic", "relation_of", "rewrite_sentence", "safety_net", "standardise",
    "strip_fillers", "take_back", "take_back_text", "third_person",
]


def rewrite_sentence(text: str, speaker: Speaker | str, *, relation: str | None = None,
                     short_forms: bool = False) -> str:
    """A statement (not a question, not examination narration) in note form; "" when only
    fillers, acknowledgement or politeness was said."""
    cleaned = strip_fillers(take_back_text(text))
    if not cleaned:
        return ""
    said = third_person(cleaned, speaker, relation=relation)
    return finish(abbreviate(said, short_forms=short_forms))
