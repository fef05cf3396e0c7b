"""Done here or not, as the sixteenth set's first run (eval/dev16, written blind) showed it
read wrong; synthetic sentences, each rule both ways:

- a procedure the doctor proposes ("Jeg foreslår en sprøyte i skulderen") is done here when
  the doctor's next turn, after the patient's answer, opens with doing it now ("Da gjør vi det
  nå."); not when the patient declines or the doctor waits;
- a point-of-care test taken from the finger after a sample that is sent ("… som sendes til
  dyrking. Og en CRP fra fingeren.") is done here, not sent with it;
- analyses listed after "tar jeg blod fra fingeren" ("CRP og langtidsblodsukker") are taken
  here, the verb before its subject as Norwegian puts it after an adverb;
- tests counted back in time ("minst tre påviste streptokokkhalser hvert år") are history.
"""

from __future__ import annotations

from coding_helpers import make_transcript

from scribe.text.facts import detect_procedures
from scribe.text.sentences import split_segments


def _status(*turns: tuple[str, str]) -> dict[str, str]:
    facts = detect_procedures(split_segments(make_transcript(*turns).segments))
    return {f.name: f.attr("status") for f in facts}


def test_a_proposal_agreed_to_and_done_now_is_done_here() -> None:
    proposed = ("lege", "Jeg foreslår en sprøyte i skulderen, i slimposen. Har du diabetes?")
    done = _status(proposed, ("pasient", "Nei, ingen diabetes."),
                   ("lege", "Da gjør vi det nå. Jeg vasker huden først."))
    assert done["injeksjon_ledd"] == "done_here"
    waited = _status(proposed, ("pasient", "Kan jeg tenke på det?"),
                     ("lege", "Ja, da venter vi med det."))
    assert waited["injeksjon_ledd"] != "done_here"
    # doing it now said in the same turn as the talk about it, with no answer between, is
    # no agreement to a proposal
    talk = _status(("lege", "En sprøyte i skulderen kan hjelpe, men først fysioterapi."),
                   ("pasient", "Ok."), ("lege", "Da gjør vi det nå."))
    assert talk["injeksjon_ledd"] != "done_here"


def test_a_finger_prick_test_after_a_sample_sent_is_done_here() -> None:
    here = _status(("lege", "Jeg tar en pinneprøve fra såret, som sendes til dyrking. Og en "
                            "CRP fra fingeren. CRP er førtiåtte."))
    assert here["crp"] == "done_here"
    # a sample named after one sent, its verb left out, is sent with it
    sent = _status(("lege", "Så sender vi blodprøver til laboratoriet. Og en urinprøve for å "
                            "se etter protein."))
    assert sent["urin_sendt"] == "sent"


def test_analyses_listed_after_taking_blood_from_the_finger_are_done_here() -> None:
    found = _status(("lege", "Så tar jeg blod fra fingeren, CRP og langtidsblodsukker. CRP er "
                             "nittito. Langtidsblodsukkeret er syttifire."))
    assert found["hba1c"] == "done_here" and found["crp"] == "done_here"
    told = _status(("lege", "Langtidsblodsukkeret var syttifire i fjor."))
    assert told.get("hba1c") != "done_here"


def test_tests_counted_back_in_time_are_history() -> None:
    past = _status(("lege", "Du har hatt minst tre påviste streptokokkhalser hvert år i tre år."))
    assert past["strep_a"] == "earlier"
    now = _status(("lege", "Jeg tar en streptokokktest nå. Den er positiv."))
    assert now["strep_a"] == "done_here"


def test_what_happens_every_time_and_what_is_taken_later_are_not_history_or_done() -> None:
    # "hver gang" says how something is done, not when: the test is of this visit
    sent = _status(("lege", "Siden du har hatt sex uten kondom hver gang, tar vi en "
                            "klamydiatest i dag. Den sender vi til laboratoriet."))
    assert sent["klamydia"] == "sent"
    # "tar vi" of a later visit is not done here
    later = _status(("lege", "Så tar vi en HbA1c på neste diabeteskontroll."))
    assert later.get("hba1c") != "done_here"
