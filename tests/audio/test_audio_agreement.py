"""Early commits of live words: what two hearings agree on, nothing twice, nothing lost."""

from __future__ import annotations

from scribe.audio.agreement import (
    HeardWord,
    LocalAgreement,
    as_segment,
    heard_words,
    loop_start,
    trim_point,
    without_loops,
)
from scribe.audio.whisper_engine import RawSegment
from scribe.domain import Word


def _hearing(text: str, start: float = 0.0, step: float = 0.5, *,
             logprob: float = -0.2) -> list[HeardWord]:
    """One hearing: each word ``step`` seconds long, 0.1 s apart, in one segment."""
    words = tuple(Word(w, round(start + i * step, 3), round(start + i * step + step - 0.1, 3),
                       0.9) for i, w in enumerate(text.split()))
    raw = RawSegment(words[0].t0, words[-1].t1, text, logprob, 0.02, 1.2, words)
    return heard_words([raw])


def _texts(words: list[HeardWord]) -> list[str]:
    return [w.word.text for w in words]


def test_only_what_two_hearings_agree_on_is_committed() -> None:
    agreement = LocalAgreement()
    assert agreement.update(_hearing("Jeg har hatt vondt i")) == []  # heard once: wait
    got = agreement.update(_hearing("Jeg har hatt vondt i halsen siden"))
    assert _texts(got) == ["Jeg", "har", "hatt", "vondt", "i"]
    assert _texts(agreement.pending) == ["halsen", "siden"]
    assert agreement.committed_until == 2.4


def test_a_word_heard_differently_holds_back_what_follows_it() -> None:
    agreement = LocalAgreement()
    agreement.update(_hearing("Han tar Paracet to ganger"))
    got = agreement.update(_hearing("Han tar paracet, tre ganger daglig"))  # case/punct aside
    assert _texts(got) == ["Han", "tar", "paracet,"]
    assert _texts(agreement.pending) == ["tre", "ganger", "daglig"]


def test_committed_words_are_not_committed_again_by_later_hearings() -> None:
    agreement = LocalAgreement()
    commits = [agreement.update(_hearing("Hun har feber")),
               agreement.update(_hearing("Hun har feber og hoste"))]
    assert _texts(commits[-1]) == ["Hun", "har", "feber"]
    # Later hearings start where the audio was let go of, so they repeat "feber".
    commits += [agreement.update(_hearing("feber og hoste om natten", start=1.0)),
                agreement.update(_hearing("feber og hoste om natten nå", start=1.0)),
                agreement.finish(_hearing("feber og hoste om natten nå i en uke", start=1.0))]
    words = " ".join(w for c in commits for w in _texts(c))
    assert words == "Hun har feber og hoste om natten nå i en uke"


def test_a_repeat_of_the_last_committed_words_is_dropped_even_with_shifted_timings() -> None:
    agreement = LocalAgreement()
    agreement.finish(_hearing("Blodtrykket er fint"))
    # The next piece is heard with its timings 0.3 s off and repeats the last two words.
    again = _hearing("er fint i dag", start=0.8)
    assert _texts(agreement.finish(again)) == ["i", "dag"]


def test_the_deadline_commits_old_words_even_when_the_hearings_disagree() -> None:
    agreement = LocalAgreement()
    agreement.update(_hearing("A B C D E F"))
    got = agreement.update(_hearing("X B C D E F G"), settled_before=1.5)
    assert _texts(got) == ["X", "B", "C"]  # ending by 1.4 s: the newest hearing's version


def test_committed_words_from_several_hearings_make_one_segment() -> None:
    one = _hearing("Ja det", logprob=-0.2)
    two = _hearing("stemmer.", start=1.0, logprob=-0.6)
    segment = as_segment(one + two)
    assert segment.text == "Ja det stemmer."
    assert segment.avg_logprob == (-0.2 * 2 - 0.6) / 3  # averaged over the words
    assert (segment.t0, segment.t1) == (0.0, 1.4)
    assert [w.text for w in segment.words] == ["Ja", "det", "stemmer."]


def test_punctuation_alone_is_not_heard_as_a_word() -> None:
    raw = RawSegment(0.0, 1.0, "Ja &", -0.2, 0.01, 1.1,
                     (Word("Ja", 0.0, 0.4, 0.9), Word("&", 0.5, 1.0, 0.9)))
    assert [w.word.text for w in heard_words([raw])] == ["Ja"]


def test_a_segment_without_word_timings_counts_as_one_word() -> None:
    raw = RawSegment(1.0, 2.0, "Del 1.", -0.2, 0.01, 1.1, ())
    [word] = heard_words([raw])
    assert (word.word.text, word.word.t0, word.word.t1, word.timed) == ("Del 1.", 1.0, 2.0,
                                                                          False)
    segment = as_segment([word])
    assert segment.text == "Del 1." and segment.words == ()


def test_audio_is_let_go_only_in_a_gap_between_committed_words() -> None:
    committed = _hearing("Vi tar en blodprøve.")  # words 0.1 s apart: too close
    assert trim_point(committed[:2], committed[2:]) is None
    # A sentence end is a safe place even without a long gap…
    assert trim_point(committed, _hearing("Så", start=2.0)) == 1.9 + 0.05
    # …and so is a pause of 0.15 s or more.
    spaced = _hearing("Vi tar", step=0.5) + _hearing("en prøve", start=1.3)
    assert trim_point(spaced[:3], spaced[3:]) == 0.9 + 0.2
    assert trim_point([], spaced) is None


def test_a_decoding_loop_is_found_where_it_starts_and_cut_back_to_two_repeats() -> None:
    looped = _hearing("og mord på og og og og og feberen")
    assert loop_start(looped) == 3
    assert _texts(without_loops(looped)) == ["og", "mord", "på", "og", "og", "feberen"]
    phrase = _hearing("hei på deg hei på deg hei på deg hei på deg slutt")
    assert loop_start(phrase) == 0
    assert _texts(without_loops(phrase)) == ["hei", "på", "deg", "hei", "på", "deg", "slutt"]


def test_words_said_twice_are_speech_not_a_loop() -> None:
    said = _hearing("ja ja det gjør vondt vondt når jeg svelger")
    assert loop_start(said) is None
    assert without_loops(said) == said
    assert loop_start(_hearing("Ja. Ja, ja")) == 0  # case and punctuation aside: three times


def test_a_committed_word_heard_again_a_little_later_is_not_committed_twice() -> None:
    agreement = LocalAgreement()
    agreement.update(_hearing("Hun har feber"))
    agreement.update(_hearing("Hun har feber nå"))  # "Hun har feber" committed, ends at 1.4
    assert agreement.committed_until == 1.4
    # "feber" again, spelled differently and 0.25 s later: 1.25–1.60, its middle just after
    # the committed end; the next word starts after it.
    again = _hearing("febre nå i dag", start=1.25, step=0.45)
    got = agreement.update(again)
    assert _texts(got) + _texts(agreement.pending) == ["nå", "i", "dag"]
