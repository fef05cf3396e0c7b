"""Issue 14: "what am I saying" takes back what the speaker just said, in any dialect
("Nei, hva er det je sier.", "Næ, ka e det æ seie, tolvte e bryllupet", "Ka e det æ seie, no
snakke æ om feil unge."): the sentence before is not the patient's history, and the speaker's
next sentence says what stands. Seen in dev18 and dev19 (written blind); synthetic sentences,
each rule both ways."""

from __future__ import annotations

from scribe.draft.conversation import corrected
from scribe.text.sentences import split_segments
from tests.draft.conftest import make_transcript


def _said(*turns: tuple[str, str]) -> list[str]:
    return [s.text for s in corrected(split_segments(make_transcript(*turns).segments))[0]]


def test_what_am_i_saying_takes_the_sentence_before_back() -> None:
    said = _said(("lege", "Hvor lang er syklusen din?"),
                 ("pasient", "Tjueåtte dager, regelmessig. ... Nei, hva er det je sier. Den har "
                             "aldri vært jevn. Det er mellom tretti og førti dager."))
    assert not any("Tjueåtte" in s for s in said)
    assert "Det er mellom tretti og førti dager." in said
    # a question of what the patient says, asked by the doctor, takes nothing back
    asked = _said(("pasient", "Tjueåtte dager, regelmessig."),
                  ("lege", "Hva er det du sier, at den er regelmessig?"))
    assert "Tjueåtte dager, regelmessig." in asked


def test_in_dialect_with_why_it_was_wrong() -> None:
    said = _said(("lege", "Når reiser dere?"),
                 ("pasient", "Vi reise tolvte juli. ... Næ, ka e det æ seie, tolvte e "
                             "bryllupet te kusina mi. Vi reise fjortende juli."))
    assert not any(s.startswith("Vi reise tolvte") for s in said)
    assert "Vi reise fjortende juli." in said
    wrong_child = _said(("parorende", "Og han har kasta opp én gang, i bilen på vei hit. Ka e "
                                      "det æ seie, no snakke æ om feil unge. Oskar har ikkje "
                                      "kasta opp."))
    assert not any("én gang" in s for s in wrong_child)
    assert not any("feil unge" in s for s in wrong_child)
    assert "Oskar har ikkje kasta opp." in wrong_child


def test_said_without_the_wondering_it_stands() -> None:
    said = _said(("pasient", "Vi reise tolvte juli. Vi skal til Mallorca, det e det æ seie "
                             "til alle."))
    assert "Vi reise tolvte juli." in said


def test_read_off_the_wrong_line_takes_the_value_back() -> None:
    said = _said(("lege", "Så kommer leverprøvene. ALAT er hundre og tolv. ... Unnskyld, jeg "
                          "leste på feil linje. Hundre og tolv er GT. ALAT er åttisju."))
    assert "ALAT er hundre og tolv." not in said
    assert said[-2:] == ["Hundre og tolv er GT.", "ALAT er åttisju."]


def test_said_wrong_in_other_words() -> None:
    said = _said(("pasient", "Ja, det er verst på høyre. ... Det var galt sagt, hør her: jeg "
                             "holder telefonen til høyre øret fordi jeg hører best der. Så det "
                             "er venstre som er dårligst."))
    assert not any("verst på høyre" in s for s in said)
    assert "Så det er venstre som er dårligst." in said


def test_not_enough_and_the_next_sentence_gives_it() -> None:
    said = _said(("pasient", "Je har hatt det i to uker ... næ, det er lenger. Det begynte i "
                             "påska, så det er seks uker nå."))
    assert not any("to uker" in s for s in said)
    assert "Det begynte i påska, så det er seks uker nå." in said
    # "lenger" said of the thing itself takes nothing back
    plain = _said(("pasient", "Je har hatt det i to uker, og det varer lenger hver gang."))
    assert plain == ["Je har hatt det i to uker, og det varer lenger hver gang."]


def test_what_am_i_saying_in_western_dialect_corrects_the_time() -> None:
    said = _said(("pasient", "Det byrja i går kveld. ... Nei, kå seier e, det var natt til i "
                             "går."))
    text = " ".join(said)
    assert "i går kveld" not in text and "natt til i går" in text
