"""Done here now vs ordered, planned, conditional or earlier: the detectors behind the takster
added for issue 15 (on-site analyses, minor procedures, interpreter, pregnancy checks, sick
notes with inverted word order, utdypende opplysninger). Sentences are synthetic."""

from __future__ import annotations

from coding_helpers import make_transcript

from scribe.domain import Fact, Transcript
from scribe.text.facts import (
    clause_at,
    detect_all,
    detect_guidance,
    detect_interpreter,
    detect_procedures,
    detect_sick_leave,
)
from scribe.text.sentences import Sentence, split_segments


def _s(transcript: Transcript) -> list[Sentence]:
    return split_segments(transcript.segments)


def _done(*turns: tuple[str, str]) -> set[str]:
    """The procedures found done here in the turns."""
    return {f.name for f in detect_procedures(_s(make_transcript(*turns)))
            if f.attr("done_here") == "true"}


def test_a_clause_is_cut_at_a_conjunction_after_a_comma() -> None:
    text = "vi tok hba1c i fingeren nå, og blodprøvene fra forrige uke har kommet."
    assert "forrige" not in clause_at(text, text.index("hba1c"))
    assert "forrige" in clause_at(text, text.index("blodprøvene"))


def test_capillary_hba1c_taken_now_is_done_here_beside_earlier_samples() -> None:
    t = make_transcript(
        ("lege", "Vi stakk deg i fingeren nå og tok HbA1c, og prøvene fra i fjor er her."))
    facts = {f.name: f for f in detect_procedures(_s(t))}
    assert facts["hba1c"].attr("done_here") == "true"
    assert facts["hba1c"].attr("material") == "kapillærblod"


def test_a_result_alone_or_a_later_hba1c_is_not_done_here() -> None:
    assert "hba1c" not in _done(("lege", "Langtidsblodsukkeret ditt er femtiåtte."))
    assert "hba1c" not in _done(("lege", "Vi tar nytt HbA1c om tre måneder."))
    assert "hba1c" not in _done(("lege", "Jeg rekvirerer HbA1c, du tar den på laben."))


def test_inr_taken_elsewhere_or_planned_is_not_an_office_analysis() -> None:
    assert "inr" not in _done(("lege", "Jeg ringer om INR-prøven du tok i går."),
                              ("lege", "Ny INR neste onsdag, altså om en uke."))
    assert "inr" in _done(("lege", "Jeg tar en INR i fingeren nå."))


def test_planned_spirometry_is_ordered_not_done() -> None:
    t = make_transcript(("lege", "Det er to år siden forrige spirometri."),
                        ("lege", "Vi tar en spirometri når du er frisk, om to-tre måneder."))
    f = {x.name: x for x in detect_procedures(_s(t))}["spirometri"]
    assert f.attr("done_here") == "false" and f.attr("status") == "ordered"


def test_spirometry_done_today_is_done_here() -> None:
    assert "spirometri" in _done(("lege", "Nå tar vi en spirometri her."))


def test_now_is_a_whole_word_so_naar_does_not_make_a_plan_today() -> None:
    t = make_transcript(("lege", "Vi tar EKG når du kommer til kontroll om fire uker."))
    assert {f.name: f for f in detect_procedures(_s(t))}["ekg"].attr("status") == "ordered"


def test_nebuliser_given_here_is_a_procedure() -> None:
    assert "forstover" in _done(("lege", "Nå gir vi ham forstøverbehandling her, med maske."))


def test_nebuliser_only_advised_or_conditional_is_not() -> None:
    assert "forstover" not in _done(("lege", "Hvis han blir verre, får han forstøver på "
                                             "legevakta."))
    assert "forstover" not in _done(("lege", "Han har fått forstøver på legevakta før."))


def test_elastic_bandage_put_on_now_but_not_one_to_buy() -> None:
    assert "elastisk_bind" in _done(("lege", "Jeg legger på et elastisk bind nå."))
    assert "elastisk_bind" not in _done(("lege", "Du kan kjøpe et elastisk bind på apoteket."))
    assert "elastisk_bind" not in _done(("lege", "Et elastisk bind kan hjelpe."))


def test_ear_cleaning_done_here_not_when_only_advised() -> None:
    assert "orerens" in _done(("lege", "Jeg skyller ørene dine nå, så blir det bedre."))
    assert "orerens" not in _done(("lege", "Hvis det tetter seg igjen, skyller vi ørene."))


def test_an_interpreter_present_counts() -> None:
    t = make_transcript(("lege", "Hei, og du er tolken?"),
                        ("annen", "Ja, jeg er tolk fra tolketjenesten og tolker alt."))
    f = detect_interpreter(_s(t))
    assert [x.kind for x in f] == ["interpreter"] and f[0].evidence == ("s0001", "s0002")


def test_an_interpreter_ordered_refused_or_used_before_does_not_count() -> None:
    t = make_transcript(("lege", "Neste gang bestiller vi tolk via tolketjenesten."),
                        ("lege", "Du trenger ikke tolk, du snakker godt norsk."),
                        ("lege", "Forrige gang hadde vi med tolk."),
                        ("pasient", "Tolken var flink."))
    assert detect_interpreter(_s(t)) == []


def test_a_later_pregnancy_check_needs_two_of_its_measurements() -> None:
    t = make_transcript(("lege", "Symfyse-fundus-målet er 29 centimeter i dag."),
                        ("lege", "Og hjertelyden på babyen er fin."))
    assert [f.name for f in detect_guidance(_s(t))] == ["senere_svangerskapskontroll"]
    one = make_transcript(("lege", "Hjertelyden på babyen er fin."))
    assert detect_guidance(_s(one)) == []


def test_the_first_pregnancy_check_takes_the_place_of_a_later_one() -> None:
    t = make_transcript(("lege", "Dette er første svangerskapskontroll, og jeg fyller ut "
                                 "helsekortet nå."),
                        ("lege", "Symfyse-fundus-målet er 12 centimeter. Hjertelyden på "
                                 "babyen hører vi også."))
    assert [f.name for f in detect_guidance(_s(t))] == ["forste_svangerskapskontroll"]


def test_next_pregnancy_check_is_not_this_one() -> None:
    t = make_transcript(("lege", "Neste svangerskapskontroll er om fire uker, da måler vi "
                                 "symfyse-fundus."),
                        ("lege", "Husk helsekortet til neste gang."))
    assert detect_guidance(_s(t)) == []


def test_sick_note_with_the_verb_before_its_subject() -> None:
    for said in ("Da forlenger jeg sykmeldingen, femti prosent, i tre uker til.",
                 "Så skriver jeg en sykmelding på fem dager.",
                 "Da sykmelder jeg deg hundre prosent ut uka."):
        f = detect_sick_leave(_s(make_transcript(("lege", said))))
        assert [x.kind for x in f] == ["sick_leave"], said


def test_a_sick_note_written_before_refused_or_asked_about_is_not_issued() -> None:
    for said in ("Du ble sykmeldt hundre prosent i tre uker i mars.",
                 "Du har vært sykmeldt femti prosent de siste to ukene.",
                 "Jeg skriver ikke sykmelding nå, du klarer å jobbe.",
                 "Skal jeg skrive en sykmelding?",
                 "Hvis du ikke er bedre på fredag, skriver jeg en sykmelding."):
        assert detect_sick_leave(_s(make_transcript(("lege", said)))) == [], said


def test_utdypende_opplysninger_said_apart_from_the_sick_note_stand_on_their_own() -> None:
    t = make_transcript(("lege", "Da forlenger jeg sykmeldingen i tre uker til."),
                        ("lege", "Siden du passerer sju uker, fyller jeg ut utdypende "
                                 "opplysninger til NAV i dag."))
    kinds = {f.kind: f for f in detect_all(_s(t))}
    assert kinds["sick_leave"].attr("extended") == "true"
    assert kinds["nav_form"].name == "utdypende_opplysninger"


def test_utdypende_opplysninger_filled_before_give_nothing() -> None:
    t = make_transcript(("lege", "Utdypende opplysninger fylte jeg ut forrige gang."))
    assert [f for f in detect_all(_s(t)) if f.kind in ("sick_leave", "nav_form")] == []


def test_facts_stay_plain_values() -> None:
    f = detect_interpreter(_s(make_transcript(("annen", "Jeg er tolk."))))
    assert isinstance(f[0], Fact) and f[0].value == "Kvalifisert tolk"
