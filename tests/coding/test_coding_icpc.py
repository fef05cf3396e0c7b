"""ICPC-2 suggestions from transcripts: assessment first, certainty, negation, LLM choice."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pytest
from coding_helpers import make_transcript

from scribe.coding import llm_choice
from scribe.coding.icpc import suggest_icpc2, validate_code
from scribe.coding.index import CodeIndex
from scribe.coding.model import Candidate
from scribe.coding.reference import Reference
from scribe.errors import LLMError, UnknownCode
from scribe.llm.api import Message
from scribe.progress import CancelToken

PNEUMONIA = make_transcript(
    ("lege", "Hva er det som plager deg?"),
    ("pasient", "Jeg har hostet i ti dager, og nå har jeg fått feber og vondt når jeg puster."),
    ("lege", "Jeg lytter på lungene. Det er knatring nede på høyre side. CRP er 140."),
    ("lege", "Min vurdering er at du har lungebetennelse. Du får penicillin."),
)
SUSPECTED_ANGINA = make_transcript(
    ("pasient", "Jeg får trykk i brystet når jeg går opp bakker, det går over når jeg står."),
    ("lege", "Det høres ut som det kan være hjertekrampe, angina, men det er ikke sikkert."),
    ("lege", "Jeg har mistanke om angina pectoris, så jeg henviser deg til arbeids-EKG."),
)
NEGATED = make_transcript(
    ("pasient", "Jeg har vondt i halsen og er tett i nesa."),
    ("lege", "Det er ingen tegn til lungebetennelse. Du har en vanlig forkjølelse."),
)


def codes(suggestions: Sequence[Any]) -> list[str]:
    return [s.code for s in suggestions]


def test_assessment_gives_the_primary_code(index: CodeIndex) -> None:
    out = suggest_icpc2(PNEUMONIA, None, index=index, llm=None)
    assert out[0].code == "R81" and out[0].primary and out[0].rank == 1
    assert "s0004" in out[0].evidence
    assert out[0].reason


def test_suspected_diagnosis_gives_way_to_symptom_code(index: CodeIndex) -> None:
    found = codes(suggest_icpc2(SUSPECTED_ANGINA, None, index=index, llm=None))
    assert found[0] == "K02"
    assert "K74" not in found[:1]


def test_negated_diagnosis_is_not_suggested(index: CodeIndex) -> None:
    found = codes(suggest_icpc2(NEGATED, None, index=index, llm=None))
    assert found[0] == "R74"
    assert "R81" not in found


def test_never_process_codes_and_only_codes_of_the_edition(ref: Reference,
                                                          index: CodeIndex) -> None:
    for transcript in (PNEUMONIA, SUSPECTED_ANGINA, NEGATED):
        for s in suggest_icpc2(transcript, None, index=index, llm=None, k=10):
            assert s.code in ref.codes
            assert not ref.codes[s.code].is_process


def test_validate_code(ref: Reference) -> None:
    assert validate_code("K86", ref).title.startswith("Hypertensjon")
    with pytest.raises(UnknownCode, match="finnes ikke"):
        validate_code("K00", ref)


class FakeLLM:
    """A ChatModel that replies from a script and records what it was asked."""

    model_id = "fake"

    def __init__(self, replies: list[str | Exception]) -> None:
        self.replies = replies
        self.schemas: list[Mapping[str, Any] | None] = []

    def chat(self, messages: Sequence[Message], *, json_schema: Mapping[str, Any] | None = None,
             max_tokens: int = 512, temperature: float = 0.0, cancel: CancelToken | None = None,
             on_text: Callable[[str], None] | None = None) -> str:
        self.schemas.append(json_schema)
        reply = self.replies.pop(0)
        if isinstance(reply, Exception):
            raise reply
        return reply


def _answer(primary: str, evidence: list[str]) -> str:
    return json.dumps({"primary": primary, "secondary": [], "reason": "Vurdert av legen.",
                       "evidence": evidence})


def test_llm_chooses_among_candidates_with_schema_enum(ref: Reference,
                                                        index: CodeIndex) -> None:
    llm = FakeLLM([_answer("R81", ["s0004", "s0004"])])
    out = suggest_icpc2(PNEUMONIA, None, index=index, llm=llm, k=8)
    assert out[0].code == "R81" and out[0].evidence == ("s0004",)
    assert "språkmodell fake" in out[0].reason
    schema = llm.schemas[0]
    assert schema is not None
    assert set(schema["properties"]["primary"]["enum"]) <= set(ref.codes)
    assert "R81" in schema["properties"]["primary"]["enum"]


def _cands(ref: Reference, scores: dict[str, float]) -> list[Candidate]:
    return [Candidate(ref.codes[c], score=s, evidence=["s0001"]) for c, s in scores.items()]


@pytest.mark.parametrize(("scores", "leader"), [
    ({"R74": 10.0, "R76": 8.0}, "R76"),  # close call: the model decides
    ({"R74": 10.0, "R76": 2.0}, "R74"),  # retrieval is clearly surer
])
def test_llm_vote_decides_close_calls_only(ref: Reference, scores: dict[str, float],
                                          leader: str) -> None:
    cands = _cands(ref, scores)
    llm = FakeLLM([_answer("R76", ["s0001"])])
    ranked, why = llm_choice.rerank(llm, cands, PNEUMONIA, cands)
    assert ranked[0].code.code == leader
    assert "R76" in why


def test_llm_invented_code_is_repaired_once_then_ignored(index: CodeIndex) -> None:
    baseline = codes(suggest_icpc2(PNEUMONIA, None, index=index, llm=None))
    llm = FakeLLM([_answer("Q99", []), "ikke json"])
    assert codes(suggest_icpc2(PNEUMONIA, None, index=index, llm=llm)) == baseline
    assert not llm.replies  # exactly two calls: the answer and one repair


def test_llm_repair_succeeds(index: CodeIndex) -> None:
    llm = FakeLLM([_answer("Q99", []), _answer("R81", ["s0002"])])
    out = suggest_icpc2(PNEUMONIA, None, index=index, llm=llm)
    assert out[0].code == "R81" and out[0].evidence == ("s0002",)
    assert not llm.replies


def test_llm_failure_keeps_retrieval_ranking(index: CodeIndex) -> None:
    baseline = codes(suggest_icpc2(PNEUMONIA, None, index=index, llm=None))
    llm = FakeLLM([LLMError("modellen svarte ikke")])
    assert codes(suggest_icpc2(PNEUMONIA, None, index=index, llm=llm)) == baseline


def test_validate_rejects_unknown_evidence() -> None:
    with pytest.raises(ValueError, match="evidence"):
        llm_choice.validate(_answer("R81", ["s9999"]), ["R81"], ["s0001"])
