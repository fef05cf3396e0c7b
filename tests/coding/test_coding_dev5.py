"""Coding and takst rules behind what the fifth development set (eval/dev5, written blind)
missed on its first run: what the doctor names only after "hvis" is what to watch for, a sick
note weighed as the right thing is written, nothing done to a patient who is not in the room
is billed, a suction of the ear canal is an ear cleaning, and a further matter the doctor
says has no bearing on this one is mentioned, not handled.
Each rule is checked both ways; the sentences are synthetic."""

from __future__ import annotations

from coding_helpers import codes_for as _codes
from coding_helpers import make_transcript
from test_coding_takster_now import takster_for

from scribe.coding.icpc import suggest_icpc2
from scribe.coding.index import CodeIndex
from scribe.coding.reference import Reference
from scribe.coding.suggestion import secondary_codes
from scribe.domain import ContactType

_FLU = (("lege", "Hei, hva kan jeg hjelpe deg med?"),
        ("pasient", "Jeg har feber og vondt i hele kroppen, og jeg hoster."),
        ("lege", "Da høres det ut som influensa."))


def test_what_to_watch_for_after_hvis_is_no_problem(index: CodeIndex) -> None:
    warned = ("lege", "Det er viktig at du tar kontakt hvis du blir tung i pusten eller blir "
                      "forvirret.")
    assert "P71" not in _codes(index, *_FLU, warned)
    # said without "hvis", the confusion is there
    found = ("lege", "Kona di sier at du har vært forvirret i dag, og det er du fortsatt.")
    assert "P71" in _codes(index, *_FLU, found)


def test_a_sick_note_weighed_as_right_is_written(ref: Reference) -> None:
    got = takster_for(("lege", "Da synes jeg en gradert sykmelding er riktig. Femti prosent "
                               "i fjorten dager."), ref=ref)
    assert got.get("L1") == 1
    got = takster_for(("lege", "Jeg synes ikke sykmelding er riktig nå, det er bedre å være "
                               "i aktivitet."), ref=ref)
    assert "L1" not in got


def test_nothing_done_to_a_patient_not_in_the_room_is_billed(ref: Reference) -> None:
    said = ("lege", "Jeg ringer om blodprøvene du tok på laboratoriet forrige uke. Vi tok CRP "
                    "i fingeren da du var her, og den var atten.")
    assert takster_for(said, contact=ContactType.TELEFON, ref=ref) == {"2at": 1}
    assert takster_for(said, contact=ContactType.VIDEO, ref=ref) == {"2av": 1}
    # the same words in the office: the CRP taken here is billed
    here = ("lege", "Vi tok CRP i fingeren nå, og den er atten.")
    assert takster_for(here, ref=ref).get("701a") == 1


def test_sucking_the_ear_canal_clean_is_an_ear_cleaning(ref: Reference) -> None:
    got = takster_for(("lege", "Øregangen er hoven og full av rusk. Jeg suger rent i "
                               "øregangen med et tynt sug, så dråpene kommer til."), ref=ref)
    assert got.get("100") == 1
    got = takster_for(("lege", "Øregangen er hoven. Du kan rense øret selv med en bomullspinne "
                               "på utsiden, men ikke inne i øregangen."), ref=ref)
    assert "100" not in got


_ECZEMA = (("pasient", "Jeg har fått eksem på hendene igjen, det klør og sprekker."),
           ("lege", "Ja, dette er håndeksem. Du får en kortisonkrem, Elocon, en gang om dagen."))


def _further(index: CodeIndex, reply: str) -> list[str]:
    raised = ("pasient", "Ja. Forresten, jeg skal operere grå stær på sykehuset i mars. "
                         "Har det noe å si?")
    return secondary_codes(suggest_icpc2(make_transcript(*_ECZEMA, raised, ("lege", reply)),
                                         index=index))


def test_a_further_matter_with_no_bearing_on_this_one_is_not_coded(index: CodeIndex) -> None:
    assert "F92" not in _further(index, "Nei, det har ikke noe med dette å gjøre. Det går fint.")
    # taken up, it is a problem handled
    assert "F92" in _further(index, "Da må du slutte med kremen rundt øynene en uke før "
                                    "operasjonen, og jeg sender et brev om grå stær til "
                                    "sykehuset.")
