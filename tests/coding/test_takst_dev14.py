"""Takst rules behind the fourteenth set's first run (eval/dev14, written blind), from how
general practice works: a blood glucose measured here from a finger prick ("Og så tar vi et
stikk i fingeren for blodsukkeret ... Det er fjorten komma to") is Helfo 708a with the sample
taken here (701a); glucose among the blood samples sent, the long-term value (HbA1c, 709) and
the patient's own readings at home are not; the last of a list said with "nå … vi tar"
and no verb of its own ("…, og en hørselstest") is done now too. Both ways. Synthetic
sentences only."""

from __future__ import annotations

from test_coding_takster_now import takster_for

from scribe.coding.reference import Reference


def test_a_glucose_measured_here_from_a_finger_prick(ref: Reference) -> None:
    got = takster_for(("lege", "Og så tar vi et stikk i fingeren for blodsukkeret ... Det er "
                               "fjorten komma to. Det er høyt."), ref=ref)
    assert got.get("708a") == 1 and "701a" in got
    for said in ("Derfor tar vi blodprøver nå: HbA1c, blodsukker og kolesterol. De sendes til "
                 "laboratoriet.",
                 "Du måler blodsukkeret hjemme med apparatet ditt morgen og kveld.",
                 "Brus kan gi høyt blodsukker."):
        assert "708a" not in takster_for(("lege", said), ref=ref), said


def test_the_last_of_a_list_done_now_is_done_now(ref: Reference) -> None:
    """"Nå tar vi en trykkmåling av øret, tympanometri, og en hørselstest": the hearing test
    at the end of the list has no verb of its own, so the list's "nå … vi tar" is its too."""
    got = takster_for(("lege", "Nå tar vi en trykkmåling av øret, tympanometri, og en "
                               "hørselstest."), ref=ref)
    assert "322" in got and "325" in got
    # a clause of its own without "now" is still no test done here
    assert "322" not in takster_for(("lege", "Du bør ta en hørselstest en gang, og en "
                                             "synstest."), ref=ref)
    assert "322" not in takster_for(("lege", "Nå tar vi blodtrykket, og så kan du ta en "
                                             "hørselstest hos øre-nese-hals."), ref=ref)
