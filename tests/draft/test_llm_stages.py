"""The LLM stages' contract handling (validation, repair, fallback) with scripted answers.

The real engine is exercised in test_model_backends.py; here the point is what the pipeline
does with answers that break the schema or the facts, which a real tiny model produces only
by chance.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pytest

from scribe.domain import Transcript
from scribe.draft.lexicon import DrugLexicon
from scribe.draft.llm_stages import LlmOptions, ask_json
from scribe.draft.pipeline import Drafter
from scribe.draft.render import Templates
from scribe.draft.schema import labels_schema
from scribe.errors import SchemaViolation
from scribe.llm.api import Message
from scribe.progress import CancelToken


class Scripted:
    """A ChatModel that answers from a function of (task text, schema)."""

    model_id = "skriptet"

    def __init__(self, answer: Callable[[str, Mapping[str, Any]], str]) -> None:
        self.answer = answer
        self.calls = 0

    def chat(self, messages: Sequence[Message], *, json_schema: Mapping[str, Any] | None = None,
             max_tokens: int = 512, temperature: float = 0.0, cancel: CancelToken | None = None,
             on_text: Callable[[str], None] | None = None) -> str:
        self.calls += 1
        return self.answer(messages[-1].content, json_schema or {})


def _labels_then(phrase: Callable[[str, Mapping[str, Any]], str]) -> Callable[..., str]:
    def answer(task: str, schema: Mapping[str, Any]) -> str:
        if "labels" in schema.get("properties", {}):
            n = schema["properties"]["labels"]["minItems"]
            return json.dumps({"labels": ["X"] * n})  # rules stay confident where they are
        return phrase(task, schema)
    return answer


def test_one_repair_then_a_schema_violation() -> None:
    model = Scripted(lambda _t, _s: '{"labels": ["A"')
    with pytest.raises(SchemaViolation, match="skjemaet"):
        ask_json(model, [Message("user", "x")], labels_schema(1, ["A"]), max_tokens=8,
                 options=LlmOptions())
    assert model.calls == 2


def test_repaired_answer_is_accepted() -> None:
    answers = iter(['{"labels": []}', '{"labels": ["A"]}'])
    model = Scripted(lambda _t, _s: next(answers))
    value = ask_json(model, [Message("user", "x")], labels_schema(1, ["A"]), max_tokens=8,
                     options=LlmOptions())
    assert value == {"labels": ["A"]}


def test_broken_phrasing_falls_back_to_extracted_sentences(back_pain: Transcript,
                                                           lexicon: DrugLexicon) -> None:
    model = Scripted(_labels_then(lambda _t, _s: "ikke json"))
    result = Drafter(lexicon, Templates(), model).draft(back_pain)  # type: ignore[arg-type]
    assert result.model_statements == 0 and result.fallback_statements > 0
    assert any("forkastet" in w for w in result.warnings)
    assert result.draft.author == "uttrekk"


def test_invented_numbers_are_replaced_by_the_transcript(back_pain: Transcript,
                                                        lexicon: DrugLexicon) -> None:
    def phrase(task: str, schema: Mapping[str, Any]) -> str:
        ids = schema["properties"]["statements"]["items"]["properties"]["evidence"]["items"]
        cited = back_pain.by_id()[ids["enum"][0].split(".")[0]].text  # restates the source
        text = "BT 160/100 mmHg, temp 39,9." if "«Funn»" in task else cited
        return json.dumps({"statements": [{"text": text, "evidence": [ids["enum"][0]]}]})

    result = Drafter(lexicon, Templates(), Scripted(_labels_then(phrase))).draft(  # type: ignore[arg-type]
        back_pain)
    note = Templates().render_note(result.draft)
    assert "160/100" not in note and "BT 148/92" in note
    assert result.model_statements > 0  # the harmless statements were kept


def test_model_labels_move_sentences_but_do_not_bring_in_small_talk() -> None:
    from scribe.draft.classify import Label, combine

    rules = [Label("a", "none", 0.1), Label("b", "Anamnese", 0.1), Label("c", "Funn", 0.9)]
    model = [Label("a", "Anamnese", 0.6, "modell"), Label("b", "Funn", 0.6, "modell"),
             Label("c", "none", 0.6, "modell")]
    assert [lb.label for lb in combine(rules, model)] == ["none", "Funn", "Funn"]
    assert [lb.label for lb in combine(rules, model, may_add=True)] == ["Anamnese", "Funn",
                                                                        "Funn"]


def test_a_failing_label_stage_keeps_the_rule_labels(back_pain: Transcript,
                                                     lexicon: DrugLexicon) -> None:
    from scribe.errors import LLMError

    def fail(_t: str, _s: Mapping[str, Any]) -> str:
        raise LLMError("Teksten er for lang for modellens kontekstvindu.")

    result = Drafter(lexicon, Templates(), Scripted(fail)).draft(back_pain)  # type: ignore[arg-type]
    assert any(w.startswith("Sortering: regelbasert") for w in result.warnings)
    assert result.draft.section("Resepter") is not None
