"""Prompt messages. Every prompt starts with the same system text and transcript block, so
the KV cache filled while recording (or by the previous call) covers all of them."""

from __future__ import annotations

from collections.abc import Sequence

from scribe.draft.render import Templates
from scribe.llm.api import Message, estimate_tokens
from scribe.text.sentences import Sentence


def transcript_block(templates: Templates, sentences: Sequence[Sentence]) -> str:
    return templates.render("prompt_transcript.j2", sentences=sentences)


def prefix_messages(templates: Templates, sentences: Sequence[Sentence]) -> list[Message]:
    return [Message("system", templates.render("prompt_system.j2").strip()),
            Message("user", transcript_block(templates, sentences))]


def task_messages(templates: Templates, sentences: Sequence[Sentence], task: str,
                  **context: object) -> list[Message]:
    system, user = prefix_messages(templates, sentences)
    return [system, Message("user", user.content + templates.render(task, **context))]


def window(sentences: Sequence[Sentence], first: int, last: int, *, budget_tokens: int,
           templates: Templates) -> list[Sentence]:
    """All sentences when they fit ``budget_tokens``, else ``first..last`` with context."""
    if estimate_tokens(transcript_block(templates, sentences)) <= budget_tokens:
        return list(sentences)
    margin = 6
    return list(sentences[max(0, first - margin): last + 1 + margin])
