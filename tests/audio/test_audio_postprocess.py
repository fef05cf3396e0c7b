"""Hallucination removal, confidence marks, splitting at pauses, the vocabulary prompt."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from scribe.audio.postprocess import (
    SegmentMaker,
    is_credit_phrase,
    is_hallucination,
    is_low_confidence,
    split_at_pauses,
)
from scribe.audio.vocabulary import BUILTIN_TERMS, build_vocabulary, load_drug_names
from scribe.audio.whisper_engine import RawSegment
from scribe.domain import Word
from scribe.errors import ReferenceDataError

RATE = 16_000


def _raw(text: str, *, t0: float = 1.0, t1: float = 3.0, logprob: float = -0.3,
         no_speech: float = 0.05, words: tuple[Word, ...] = ()) -> RawSegment:
    return RawSegment(t0, t1, text, logprob, no_speech, 1.2, words)


def _words(*spec: tuple[str, float, float, float]) -> tuple[Word, ...]:
    return tuple(Word(w, a, b, p) for w, a, b, p in spec)


@pytest.mark.parametrize("text", ["Teksting av Nicolai Winther", "Takk for at du så på!",
                                  "Undertekster av Amara.org-fellesskapet",
                                  "Tekstet av NRK", "Abonner på kanalen"])
def test_known_subtitle_credits_are_recognised(text: str) -> None:
    assert is_credit_phrase(text)


@pytest.mark.parametrize("text", ["Jeg har hatt vondt i halsen.", "Takk for at du kom i dag.",
                                  "Du får penicillin i sju dager."])
def test_ordinary_consultation_talk_is_not_a_credit(text: str) -> None:
    assert not is_credit_phrase(text)


def test_a_credit_over_silence_is_dropped_but_kept_when_really_said() -> None:
    credit = _raw("Teksting av Nicolai Winther", no_speech=0.7)
    assert is_hallucination(credit, rms_dbfs=-30)
    assert is_hallucination(_raw("Takk for at du så på."), rms_dbfs=-70)  # low energy
    assert not is_hallucination(_raw("Takk for at du så på."), rms_dbfs=-25)


def test_a_repetition_squeezed_into_a_blip_is_dropped() -> None:
    loop = _raw("Det er veldig veldig veldig veldig veldig.", t0=47.18, t1=47.7)
    assert is_hallucination(loop, rms_dbfs=-30)
    assert not is_hallucination(_raw("Det er veldig bra.", t0=1.0, t1=2.2), rms_dbfs=-30)


def test_a_decoding_loop_in_a_long_segment_is_cut_back_and_marked_unsure() -> None:
    """The fallback to higher temperatures does not always break a loop; what comes after it
    is kept, and the GP is shown where to listen."""
    spoken = ["Jeg", "har", "hatt", "et"] + ["hatt", "et"] * 6 + ["vondt", "i", "halsen."]
    words = _words(*((w, 1.0 + 0.4 * i, 1.3 + 0.4 * i, 0.6) for i, w in enumerate(spoken)))
    raw = _raw(" ".join(spoken), t0=1.0, t1=8.0, words=words)
    audio = (0.1 * np.random.default_rng(1).standard_normal(10 * RATE)).astype(np.float32)
    made = SegmentMaker().make(raw, audio)  # split where the loop's words were
    kept = "Jeg har hatt et hatt et vondt i halsen."
    assert " ".join(s.text for s in made) == kept
    assert " ".join(w.text for s in made for w in s.words) == kept
    assert all(s.low_confidence for s in made)
    said_twice = _words(*((w, 1.0 + 0.4 * i, 1.3 + 0.4 * i, 0.9) for i, w in
                          enumerate(["Ja,", "ja,", "det", "stemmer."])))
    [kept] = SegmentMaker().make(_raw("Ja, ja, det stemmer.", words=said_twice), audio)
    assert kept.text == "Ja, ja, det stemmer." and not kept.low_confidence


def test_empty_text_is_dropped() -> None:
    assert is_hallucination(_raw(" ... "), rms_dbfs=-20)


def test_low_confidence_marks_unsure_segments_and_words() -> None:
    sure = _words(("Jeg", 0, .2, .95), ("har", .2, .4, .9), ("feber", .4, .8, .85))
    unsure = _words(("Jeg", 0, .2, .95), ("harr", .2, .4, .3), ("fæber", .4, .8, .2))
    assert not is_low_confidence(_raw("Jeg har feber", words=sure))
    assert is_low_confidence(_raw("Jeg harr fæber", words=unsure))
    assert is_low_confidence(_raw("Jeg har feber", logprob=-1.3, words=sure))


def test_a_segment_with_a_pause_between_words_is_split_into_turns() -> None:
    words = _words(("Har", 1.0, 1.2, .9), ("du", 1.2, 1.3, .9), ("feber?", 1.3, 1.7, .9),
                   ("Ja,", 2.6, 2.8, .9), ("litt.", 2.8, 3.1, .9))
    parts = split_at_pauses(_raw("Har du feber? Ja, litt.", t0=0.9, t1=3.2, words=words))
    assert [p.text for p in parts] == ["Har du feber?", "Ja, litt."]
    assert [(p.t0, p.t1) for p in parts] == [(0.9, 1.7), (2.6, 3.2)]


def test_segment_ids_are_stable_and_consecutive_and_times_kept() -> None:
    maker = SegmentMaker()
    audio = np.random.default_rng(0).normal(0, 0.1, 5 * RATE).astype(np.float32)
    first = maker.make(_raw("Hei, kom inn.", t0=11.0, t1=12.0), audio, offset_s=10.0)
    gone = maker.make(_raw("Teksting av Nicolai Winther", no_speech=0.9), audio, 10.0)
    second = maker.make(_raw("Takk.", t0=13.0, t1=13.5), audio, offset_s=10.0)
    assert gone == []
    assert [s.id for s in first + second] == ["s0001", "s0002"]
    assert (first[0].t0, first[0].t1) == (11.0, 12.0)


# --- vocabulary --------------------------------------------------------------------------------
def test_the_prompt_is_short_and_puts_the_practices_own_terms_first() -> None:
    vocabulary = build_vocabulary(["Lyrica", "", "CRP"])
    prompt = vocabulary.prompt()
    assert prompt is not None and len(prompt) <= 120
    assert prompt.index("Lyrica") < prompt.index("CRP") < prompt.index("HbA1c")
    assert prompt.count("CRP") == 1
    assert set(BUILTIN_TERMS) >= {"CRP", "HbA1c", "sykmelding"}


def test_without_practice_terms_whisper_gets_no_prompt() -> None:
    assert build_vocabulary([]).prompt() is None
    assert (build_vocabulary(["Lyrica"]).prompt() or "").startswith("Lyrica, CRP")


def test_the_drug_lexicon_loads_from_the_shared_fest_list(shared_dir: Path) -> None:
    csv_path = shared_dir / "data/reference/drugs/drugs_no.csv"
    vocabulary = build_vocabulary([str(csv_path)])
    assert len(vocabulary.drug_names) > 5000
    assert vocabulary.is_drug("Ibux,") and vocabulary.is_drug("amoksicillin")
    assert not vocabulary.is_drug("halsen")
    assert str(csv_path) not in (vocabulary.prompt() or "")


def test_a_broken_lexicon_file_is_a_reference_data_error(tmp_path: Path) -> None:
    bad = tmp_path / "drugs.csv"
    bad.write_text("a,b\n1,2\n")
    with pytest.raises(ReferenceDataError):
        load_drug_names(bad)
    with pytest.raises(ReferenceDataError):
        load_drug_names(tmp_path / "missing.csv")
