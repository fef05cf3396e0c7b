"""A term matched in part only through the head of another word's compound ("melkegang" has
"gang", and "Gange unormal" is half said) is not matched: the compound names something else.
The same term said with its own words still matches, whole or in part. Real ICPC-2
reference data, synthetic sentences."""

from __future__ import annotations

from scribe.coding.index import CodeIndex


def _codes(index: CodeIndex, sentence: str) -> set[str]:
    return {m.code for m in index.match_terms(sentence)}


def test_a_compounds_head_alone_is_no_part_of_a_term(index: CodeIndex) -> None:
    assert "N29" not in _codes(index, "Hun har en vond melkegang i brystet.")


def test_the_terms_own_words_still_match(index: CodeIndex) -> None:
    assert "N29" in _codes(index, "Han har en gange som er litt ustø.")
    assert "N29" in _codes(index, "Gangen hans er unormal.")
