"""LIX and sentence length on known text."""

from __future__ import annotations

import pytest

from scribe.documents.plain import from_speech, jargon, plain_words, short_sentences
from scribe.documents.readability import lix, readability, sentences


def test_lix_of_a_known_text() -> None:
    # 7 words, 2 sentences, 1 long word ("bjeffet", 7 letters): 7/2 + 100 * 1/7
    assert lix("Katten satt på matta. Hunden bjeffet høyt.") == pytest.approx(3.5 + 100 / 7)


def test_lix_counts_only_words_longer_than_six_letters_and_colon_ends_a_sentence() -> None:
    r = readability("Blodtrykket er fint: seks ord uten lange ord her.")
    assert (r.words, r.sentences, r.long_words) == (9, 2, 1)
    assert r.max_sentence_words == 6


def test_a_full_stop_inside_a_number_ends_no_sentence() -> None:
    assert sentences("Temperaturen var 38.5 i går. Nå er den normal.") == [
        "Temperaturen var 38.5 i går", "Nå er den normal"]


def test_empty_text_has_lix_zero() -> None:
    assert lix("") == 0.0


def test_abbreviations_and_latin_are_written_out() -> None:
    text = plain_words("BT 136/82, CRP 12 og ibuprofen 400 mg x 3, bilat.")
    assert "blodtrykket" in text and "betennelsesprøven" in text
    assert "400 milligram" in text and "3 ganger om dagen" in text
    assert "på begge sider" in text and not jargon(text)


def test_min_as_a_pronoun_is_not_read_as_minutes() -> None:
    assert from_speech("Så vurderingen min er at det er en forstrekning.").startswith(
        "Så vurderingen min er")


def test_a_long_condition_becomes_two_short_sentences_that_keep_their_meaning() -> None:
    long = ("Hvis du blir akutt syk med oppkast eller ikke får i deg mat og drikke, tar du "
            "pause med tablettene til du er frisk igjen.")
    parts = short_sentences(long)
    assert readability(long).max_sentence_words > 20
    assert parts == ["Det kan skje at du blir akutt syk med oppkast eller ikke får i deg mat "
                     "og drikke.", "Da tar du pause med tablettene til du er frisk igjen."]
    assert all(readability(p).max_sentence_words <= 20 for p in parts)
