"""Done here, later or only offered, as the seventeenth set's first run (eval/dev17, written
blind) showed it read wrong; synthetic sentences, each rule both ways:

- what waits for a test not yet taken ("… før vi har tatt en skikkelig pusteprøve") and a test
  repeated from now on ("en gang i året") are not done today;
- "Da tar vi …" right after a sentence that put the matter later ("det tar vi neste gang")
  happens then, not now;
- a clause that leaves out its subject and time ("Så måler vi igjen om fire uker, og tar en
  blodprøve da") shares them with the clause before;
- an interpreter offered ("Vil du ha tolk? Vi kan ringe en tolk på telefon.") is not present.
"""

from __future__ import annotations

from coding_helpers import make_transcript

from scribe.text.facts import detect_interpreter, detect_procedures
from scribe.text.sentences import split_segments

TODAY = ("done_here", "sent")  # blood is taken here and sent to the laboratory


def _status(*turns: tuple[str, str]) -> dict[str, str]:
    facts = detect_procedures(split_segments(make_transcript(*turns).segments))
    return {f.name: f.attr("status") for f in facts}


def test_a_test_not_yet_taken_is_not_done() -> None:
    waits = _status(("lege", "Jeg vil ikke sette diagnosen før vi har tatt en skikkelig "
                             "spirometri."))
    assert waits.get("spirometri") != "done_here"
    taken = _status(("lege", "Nå har vi tatt spirometri, og den viser trange luftveier."))
    assert taken["spirometri"] == "done_here"


def test_a_test_repeated_from_now_on_is_not_done_today() -> None:
    yearly = _status(("lege", "Så vi tar en HbA1c en gang i året etterpå."))
    assert yearly.get("hba1c") != "done_here"
    today = _status(("lege", "Så vi tar en HbA1c i fingeren nå."))
    assert today["hba1c"] == "done_here"


def test_then_after_a_time_ahead_is_then() -> None:
    later = _status(("lege", "Det tar vi neste gang, når du kommer for blodtrykket. Da tar vi "
                             "blodprøver samtidig."))
    assert later.get("blodprover") not in TODAY
    now = _status(("lege", "Blodtrykket er fint. Da tar vi blodprøver nå."))
    assert now["blodprover"] in TODAY


def test_a_clause_without_its_subject_shares_the_time_before() -> None:
    later = _status(("lege", "Så måler vi igjen om fire uker, og tar en blodprøve for nyrer og "
                             "salter da."))
    assert later.get("blodprover") not in TODAY
    now = _status(("lege", "Så måler vi blodtrykket nå, og tar en blodprøve for nyrer og "
                           "salter."))
    assert now["blodprover"] in TODAY


def _interpreter(*turns: tuple[str, str]) -> bool:
    return bool(detect_interpreter(split_segments(make_transcript(*turns).segments)))


def test_an_interpreter_offered_is_not_present() -> None:
    assert not _interpreter(("lege", "Vil du ha tolk? Vi kan ringe en ukrainsk tolk på "
                                     "telefon."), ("pasient", "Nei, det går fint."))
    assert _interpreter(("lege", "Vi har tolk på telefon i dag. Tolken oversetter alt."))
