"""Fact detection behind the takster the second development set missed: ear irrigation,
anoscopy, a sick note said in the plain present, structured lifestyle guidance (101), an
examination only planned and an HbA1c only sent or ordered. Each rule is checked both ways:
done now vs. ordered, planned, conditional or history. The sentences are synthetic."""

from __future__ import annotations

from coding_helpers import make_transcript

from scribe.coding.reference import Reference
from scribe.coding.takster import check_takster, suggest_takster
from scribe.domain import ConsultationFacts, ContactType, DoctorProfile
from scribe.text.facts import detect_all, detect_guidance, detect_procedures, detect_sick_leave
from scribe.text.sentences import Sentence, split_segments

GP = DoctorProfile()


def _s(*turns: tuple[str, str]) -> list[Sentence]:
    return split_segments(make_transcript(*turns).segments)


def _status(*turns: tuple[str, str]) -> dict[str, str]:
    """Each procedure found, with its status."""
    return {f.name: f.attr("status") for f in detect_procedures(_s(*turns))}


def _done(*turns: tuple[str, str]) -> set[str]:
    return {f.name for f in detect_procedures(_s(*turns)) if f.attr("done_here") == "true"}


def takster_for(*turns: tuple[str, str], ref: Reference,
                contact: ContactType = ContactType.OPPMOTE) -> dict[str, int]:
    facts = ConsultationFacts(contact_type=contact, duration_min=15,
                              facts=tuple(detect_all(_s(*turns))))
    lines = suggest_takster(facts, GP, ref=ref)
    assert check_takster(lines, ref, facts=facts, profile=GP) == []
    return {ln.code: ln.count for ln in lines}


# --- ear irrigation ------------------------------------------------------------------------

def test_ear_wax_rinsed_out_now_with_the_object_between_verb_and_particle() -> None:
    assert "orerens" in _done(("lege", "Det er en stor vokspropp i venstre øre. "
                                       "Jeg spyler den ut nå med lunkent vann."))
    assert "orerens" in _done(("lege", "Øregangen er full av voks."),
                              ("lege", "Da skyller vi det ut med en gang, i dag."))


def test_rinsing_out_needs_an_ear_in_the_turn() -> None:
    # A wound rinsed is not ear cleaning.
    assert "orerens" not in _done(("lege", "Jeg skyller det ut med saltvann nå, "
                                           "så det blir rent i såret."))


def test_ear_irrigation_planned_advised_or_done_before_is_not_done_here() -> None:
    assert "orerens" not in _done(("lege", "Bruk olivenolje i øret i en uke, så skyller vi "
                                           "det ut neste gang."))
    assert "orerens" not in _done(("lege", "Du har voks i øret. Hvis det ikke løsner, "
                                           "spyler vi det ut."))
    assert "orerens" not in _done(("lege", "Du kan skylle ut voksen selv med en ørebolle."))
    assert "orerens" not in _done(("lege", "Øret ble skylt ut for to år siden."))


def test_ear_irrigation_done_gives_100(ref: Reference) -> None:
    got = takster_for(("lege", "Øregangen er tett av voks. Vi skyller den ut nå."), ref=ref)
    assert got == {"2ad": 1, "100": 1}


# --- anoscopy --------------------------------------------------------------------------------

def test_anoscopy_with_a_light_gives_100_and_material_group_2(ref: Reference) -> None:
    got = takster_for(("lege", "Nå ser jeg inn med anoskopet, det har lys i enden."),
                      ref=ref)
    assert got == {"2ad": 1, "100": 1, "10b": 1}


def test_anoscopy_without_a_light_gives_material_group_1(ref: Reference) -> None:
    got = takster_for(("lege", "Jeg setter inn et anoskop og ser på slimhinnen."), ref=ref)
    assert got == {"2ad": 1, "100": 1, "10a": 1}


def test_one_anoscopy_named_twice_is_billed_once(ref: Reference) -> None:
    got = takster_for(("lege", "Jeg bruker et proktoskop med lys."),
                      ("lege", "I anoskopet ser jeg små hemoroider."), ref=ref)
    assert got == {"2ad": 1, "100": 1, "10b": 1}


def test_anoscopy_planned_or_conditional_is_not_billed(ref: Reference) -> None:
    assert takster_for(("lege", "Neste gang gjør vi en anoskopi."), ref=ref) == {"2ad": 1}
    assert takster_for(("lege", "Vi kan gjøre en anoskopi hvis blødningen fortsetter."),
                       ref=ref) == {"2ad": 1}


# --- sick note in the plain present ----------------------------------------------------------

def test_the_doctors_plain_present_decision_is_a_sick_note() -> None:
    facts = detect_sick_leave(_s(("lege", "Jeg sykmelder deg femti prosent i fjorten dager.")))
    assert [f.kind for f in facts] == ["sick_leave"]
    assert facts[0].attr("days") == "14"


def test_a_sick_note_from_last_year_or_refused_is_not_issued() -> None:
    assert detect_sick_leave(_s(("lege", "Du var sykmeldt i fjor høst."))) == []
    assert detect_sick_leave(_s(("lege", "Jeg sykmelder deg ikke nå."))) == []
    assert detect_sick_leave(_s(("lege", "Jeg kan sykmelde deg hvis det ikke går over."))) == []


def test_a_time_word_is_read_whole() -> None:
    # "i fjorten dager" is not "i fjor", "i gården" is not "i går".
    assert _done(("lege", "Jeg tar en CRP nå. Du har hatt feber i fjorten dager.")) == {"crp"}
    assert _done(("lege", "Du var ute i gården, sier du. Jeg tar en CRP.")) == {"crp"}


# --- structured lifestyle guidance (101) -----------------------------------------------------

_PLAN = (
    ("lege", "Du har fedme, og det gir økt risiko for diabetes type 2."),
    ("lege", "La oss lage en plan. Første mål er å kutte ut søt saft og spise mer grønnsaker."),
    ("lege", "Så gåturer, en halvtime fire dager i uka. Vi setter et mål på tre kilo ned "
             "til kontrollen."),
)


def test_structured_diet_and_activity_plan_for_a_patient_at_risk_is_guidance() -> None:
    assert [f.name for f in detect_guidance(_s(*_PLAN))] == ["livsstilsveiledning"]


def test_structured_guidance_gives_101(ref: Reference) -> None:
    assert takster_for(*_PLAN, ref=ref) == {"2ad": 1, "101": 1}


def test_advice_in_passing_is_not_101() -> None:
    passing = _s(("lege", "Du har høyt blodtrykk. Litt mindre salt og mer mosjon hjelper."),
                 ("lege", "Jeg starter deg på en blodtrykkstablett."))
    assert detect_guidance(passing) == []


def test_a_lifestyle_plan_without_a_risk_named_is_not_101() -> None:
    no_risk = _s(("lege", "Mot forstoppelsen lager vi en plan: mer fiber, grønnsaker, "
                          "gåturer og litt trening hver dag. Målet er myk avføring."))
    assert detect_guidance(no_risk) == []


def test_a_target_for_a_lab_value_is_not_a_lifestyle_plan() -> None:
    lab_target = _s(("lege", "Du har diabetes. Målet for deg er et langtidsblodsukker "
                             "under femtitre."),
                    ("lege", "Bytt brusen med vann, og gå en tur hver dag."),
                    ("lege", "Og spis mer grønnsaker."))
    assert detect_guidance(lab_target) == []


def test_lifestyle_guidance_only_planned_or_conditional_is_not_101() -> None:
    later = _s(("lege", "Du har fedme og økt risiko for hjerte- og karsykdom."),
               ("lege", "Hvis du vil, kan vi lage en plan for kosthold, trening og gåturer "
                        "med mål."))
    assert detect_guidance(later) == []


# --- examinations planned --------------------------------------------------------------------

def test_a_gynaecological_examination_done_now_is_billed(ref: Reference) -> None:
    got = takster_for(("lege", "Nå gjør jeg en gynekologisk undersøkelse. "
                               "Slimhinnene ser fine ut."), ref=ref)
    assert got == {"2ad": 1, "100": 1, "10a": 1}


def test_a_gynaecological_examination_only_planned_or_conditional_is_not() -> None:
    assert "gynekologisk" not in _done(("lege", "Neste gang tar vi en gynekologisk "
                                                "undersøkelse."))
    assert "gynekologisk" not in _done(("lege", "Vi kan gjøre en gynekologisk undersøkelse "
                                                "hvis blødningene fortsetter."))
    assert "gynekologisk" not in _done(("lege", "Jeg vil at du kommer inn til en gynekologisk "
                                                "undersøkelse her."))
    assert "gynekologisk" not in _done(("lege", "Du hadde en gynekologisk undersøkelse for "
                                                "et år siden."))


def test_a_remote_consultation_with_an_examination_planned_has_no_procedure(
        ref: Reference) -> None:
    got = takster_for(("lege", "Jeg vil at du kommer inn til en gynekologisk undersøkelse, "
                               "med ultralyd hvis det trengs. Bestill time om et par uker."),
                      contact=ContactType.VIDEO, ref=ref)
    assert got == {"2av": 1}


# --- HbA1c: analysed here, sent, ordered, results from before --------------------------------

def test_hba1c_in_a_panel_of_blood_samples_sent_gives_701a_not_709(ref: Reference) -> None:
    got = takster_for(("lege", "Vi tar blodprøver i dag: langtidsblodsukker og kolesterol. "
                               "De sender vi til laboratoriet."), ref=ref)
    assert got == {"2ad": 1, "701a": 1}


def test_hba1c_taken_here_and_sent_gives_701a_not_709(ref: Reference) -> None:
    assert _status(("lege", "Jeg tar en HbA1c nå og sender den til laboratoriet."))[
        "hba1c"] == "sent"
    got = takster_for(("lege", "Jeg tar en HbA1c nå."),
                      ("lege", "Den sendes til laboratoriet."), ref=ref)
    assert got == {"2ad": 1, "701a": 1}


def test_hba1c_analysed_here_gives_709(ref: Reference) -> None:
    got = takster_for(("lege", "Jeg tar HbA1c i fingeren nå, svaret kommer om fem minutter."),
                      ref=ref)
    assert got == {"2ad": 1, "701a": 1, "709": 1}


def test_hba1c_only_ordered_gives_nothing(ref: Reference) -> None:
    assert takster_for(("lege", "Jeg rekvirerer HbA1c, så tar du den på laben."),
                       ref=ref) == {"2ad": 1}
    assert takster_for(("lege", "Vi tar ny HbA1c om tre måneder."), ref=ref) == {"2ad": 1}


def test_a_result_read_out_after_saying_it_came_from_before_is_not_a_sample() -> None:
    turns = (("lege", "Jeg har fått svar på prøvene du tok. Blodprosenten er elleve, "
                      "og HbA1c er førtiåtte."),)
    assert _done(*turns) == set()


def test_an_offer_for_now_is_not_a_condition() -> None:
    assert "kryo" in _done(("lege", "Vi kan fryse vorten med flytende nitrogen nå, hvis du vil."))
    assert "kryo" not in _done(("lege", "Vi kan fryse vorten hvis den ikke går over."))


def test_a_risk_only_asked_about_is_not_a_risk_named() -> None:
    asked = _s(("lege", "Diabetes eller hjertesykdom i familien?"),
               ("lege", "La oss lage en plan: mindre brus, mer grønnsaker og gåturer. "
                        "Målet er at du får mer overskudd."))
    assert detect_guidance(asked) == []
