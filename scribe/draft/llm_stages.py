"""The two LLM stages: grammar-constrained sentence labels, and phrasing sections as
statements with evidence. Every answer is validated here; one repair attempt, then
:class:`SchemaViolation` (the transcript is never touched)."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from scribe.domain import Statement
from scribe.draft.classify import LABELS, Label
from scribe.draft.prompts import task_messages, window
from scribe.draft.render import Templates
from scribe.draft.schema import labels_schema, statements_schema
from scribe.errors import SchemaViolation
from scribe.llm.api import ChatModel, Message
from scribe.llm.schema import parse_answer
from scribe.progress import CancelToken
from scribe.text.sentences import Sentence, segment_of

log = logging.getLogger(__name__)
_LETTERS = {"A": "Anamnese", "F": "Funn", "V": "Vurdering", "T": "Tiltak", "X": "none"}
assert set(_LETTERS.values()) == set(LABELS)


@dataclass(frozen=True)
class LlmOptions:
    chunk: int = 40  # sentences labelled per call
    context_tokens: int = 8192  # the model's window; longer transcripts are windowed
    max_statements: int = 6
    tokens_per_statement: int = 60
    model_may_add: bool = False  # may model labels bring in sentences the rules left out?
    cancel: CancelToken | None = None
    on_text: Callable[[str], None] | None = None


def ask_json(model: ChatModel, messages: list[Message], schema: Mapping[str, Any], *,
             max_tokens: int, options: LlmOptions) -> Any:
    """The validated answer; one repair attempt with the problems named."""
    answer = model.chat(messages, json_schema=schema, max_tokens=max_tokens,
                        cancel=options.cancel, on_text=options.on_text)
    value, problems = parse_answer(answer, schema)
    if not problems:
        return value
    log.info("svar passet ikke skjemaet (%d problemer); ett nytt forsøk", len(problems))
    repair = [*messages, Message("assistant", answer[:2000]),
              Message("user", f"Svaret passet ikke: {'; '.join(problems[:5])}. "
                              "Svar på nytt med gyldig JSON etter skjemaet.")]
    answer = model.chat(repair, json_schema=schema, max_tokens=max_tokens,
                        cancel=options.cancel, on_text=options.on_text)
    value, problems = parse_answer(answer, schema)
    if problems:
        raise SchemaViolation(
            f"Språkmodellen «{model.model_id}» svarte ikke etter skjemaet "
            f"({len(problems)} avvik).")
    return value


def classify_with_model(model: ChatModel, templates: Templates, sentences: Sequence[Sentence],
                        options: LlmOptions, *, known: Mapping[str, Label] | None = None,
                        final: bool = True) -> list[Label]:
    """Labels from the model, chunk by chunk, so no part of a long consultation is lost.

    Chunks whose labels are all in ``known`` are not asked again; with ``final`` False (still
    recording) the last, unfinished chunk is left for later.
    """
    known = known or {}
    labels: list[Label] = []
    for start in range(0, len(sentences), options.chunk):
        chunk = sentences[start:start + options.chunk]
        if all(s.id in known for s in chunk):
            labels += [known[s.id] for s in chunk]
        elif final or start + options.chunk < len(sentences):
            labels += classify_chunk(model, templates, sentences, start, options)
    return labels


def classify_chunk(model: ChatModel, templates: Templates, sentences: Sequence[Sentence],
                   start: int, options: LlmOptions) -> list[Label]:
    chunk = sentences[start:start + options.chunk]
    shown = window(sentences, start, start + len(chunk) - 1,
                   budget_tokens=options.context_tokens - 800, templates=templates)
    messages = task_messages(templates, shown, "prompt_classify.j2", first=chunk[0].id,
                             last=chunk[-1].id, count=len(chunk))
    schema = labels_schema(len(chunk), list(_LETTERS))
    value = ask_json(model, messages, schema, max_tokens=8 + 6 * len(chunk), options=options)
    return [Label(s.id, _LETTERS[letter], 0.6, "modell")
            for s, letter in zip(chunk, value["labels"], strict=True)]


def phrase_section(model: ChatModel, templates: Templates, sentences: Sequence[Sentence],
                   section: str, chosen: Sequence[Sentence], facts: Sequence[str],
                   options: LlmOptions) -> list[Statement]:
    """The model's statements for one section; evidence ids mapped to segment ids."""
    ids = [s.id for s in chosen]
    n = max(1, min(options.max_statements, len(chosen)))
    first = min(s.index for s in chosen)
    last = max(s.index for s in chosen)
    shown = window(sentences, first, last, budget_tokens=options.context_tokens - 1200,
                   templates=templates)
    messages = task_messages(templates, shown, "prompt_phrase.j2", section=section, ids=ids,
                             facts=list(facts), max_statements=n)
    value = ask_json(model, messages, statements_schema(ids, n),
                     max_tokens=30 + options.tokens_per_statement * n, options=options)
    out = []
    for item in value["statements"]:
        evidence = tuple(dict.fromkeys(segment_of(e) for e in item["evidence"]))
        out.append(Statement(" ".join(str(item["text"]).split()), evidence))
    return out


def dumps_labels(labels: Sequence[Label]) -> str:
    return json.dumps({lb.sentence_id: lb.label for lb in labels}, ensure_ascii=False)
