from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from scribe.domain import Draft, Section, Statement, Transcript
from scribe.draft.prompts import prefix_messages, task_messages
from scribe.draft.render import Templates
from scribe.draft.schema import labels_schema, statements_schema
from scribe.errors import TemplateBroken, TemplateMissing
from scribe.llm.schema import parse_answer, schema_to_gbnf
from scribe.text.sentences import split_segments

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("SCRIBE_UPDATE_GOLDEN") == "1"


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def _flat(messages: list[object]) -> str:
    return "".join(f"<<{m.role}>>\n{m.content}\n" for m in messages)  # type: ignore[attr-defined]


def test_classify_prompt_matches_golden(back_pain: Transcript) -> None:
    sentences = split_segments(back_pain.segments)
    msgs = task_messages(Templates(), sentences, "prompt_classify.j2", first=sentences[0].id,
                         last=sentences[-1].id, count=len(sentences))
    _golden("classify.txt", _flat(msgs))


def test_phrase_prompt_matches_golden(back_pain: Transcript) -> None:
    sentences = split_segments(back_pain.segments)
    msgs = task_messages(Templates(), sentences, "prompt_phrase.j2", section="Funn",
                         ids=["s0008.1", "s0008.2"], facts=["BT 148/92 mmHg"],
                         max_statements=2)
    _golden("phrase_funn.txt", _flat(msgs))


def test_every_prompt_starts_with_the_prefilled_prefix(back_pain: Transcript) -> None:
    sentences = split_segments(back_pain.segments)
    prefix = prefix_messages(Templates(), sentences)
    task = task_messages(Templates(), sentences, "prompt_classify.j2", first="a", last="b",
                         count=1)
    assert task[0] == prefix[0]
    assert task[1].content.startswith(prefix[1].content)


def _draft() -> Draft:
    return Draft("allmennlege", (
        Section("Tiltak", (Statement("Ibuprofen ved behov.", ("s0003",)),)),
        Section("Anamnese", (Statement("Vondt i ryggen siden mandag.", ("s0001",)),
                             Statement("Benekter feber.", ("s0002",)))),
        Section("Resepter", (Statement("Ibuprofen 400 mg, 3 ganger daglig", ("s0003",)),)),
        Section("Funn", ()),
    ), "uttrekk")


def test_note_renders_in_record_order_and_skips_empty_sections() -> None:
    _golden("note_allmennlege.txt", Templates().render_note(_draft()))


def test_user_template_folder_adds_a_note_template(tmp_path: Path) -> None:
    (tmp_path / "note_kort.j2").write_text(
        "{% for s in sections if s.statements %}{{ s.name|upper }}: "
        "{{ s.statements|map(attribute='text')|join(' ') }}\n{% endfor %}", encoding="utf-8")
    templates = Templates(tmp_path)
    assert templates.note_names() == ["allmennlege", "kort"]
    assert templates.render_note(_draft(), template="kort").startswith(
        "ANAMNESE: Vondt i ryggen siden mandag. Benekter feber.\n")


def test_unknown_and_broken_templates_raise_norwegian_errors(tmp_path: Path) -> None:
    with pytest.raises(TemplateMissing):
        Templates().render_note(_draft(), template="finnes_ikke")
    (tmp_path / "note_feil.j2").write_text("{{ ukjent_felt }}", encoding="utf-8")
    with pytest.raises(TemplateBroken, match="ukjent felt"):
        Templates(tmp_path).render_note(_draft(), template="feil")


def test_answers_are_validated_against_the_schema() -> None:
    schema = statements_schema(["s1.1", "s2.1"], 2)
    ok, problems = parse_answer(
        json.dumps({"statements": [{"text": "Har feber.", "evidence": ["s1.1"]}]}), schema)
    assert problems == [] and ok["statements"][0]["evidence"] == ["s1.1"]
    _, problems = parse_answer('{"statements": [{"text": "Har feber.", "evidence": ["s9"]}]}',
                               schema)
    assert problems and "tillatte" in problems[0]
    _, problems = parse_answer('{"statements": [{"text": "avkut', schema)
    assert problems and "JSON" in problems[0]
    _, problems = parse_answer('{"labels": ["A"]}', labels_schema(2, ["A", "X"]))
    assert problems == ["$.labels: for få elementer (1)"]


def test_grammar_bounds_strings_and_arrays() -> None:
    gbnf = schema_to_gbnf(statements_schema(["s1.1"], 3))
    assert 'char ::= [^"\\\\\\x00-\\x1F\\x7F]' in gbnf  # no raw newlines or quotes in text
    assert "char{3,300}" in gbnf and "{0,2}" in gbnf
    assert '"\\"s1.1\\""' in gbnf
