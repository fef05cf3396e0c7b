"""The deterministic detectors: done here vs sent vs ordered, negation, sick notes, forms."""

from __future__ import annotations

from coding_helpers import make_transcript

from scribe.domain import Transcript
from scribe.text.facts import (
    detect_guidance,
    detect_procedures,
    detect_questionnaires,
    detect_sick_leave,
    load_rules,
)
from scribe.text.sentences import Sentence, split_segments


def _by_name(facts: list) -> dict:  # type: ignore[type-arg]
    return {f.name: f for f in facts}


def _s(transcript: Transcript) -> list[Sentence]:
    return split_segments(transcript.segments)


def test_on_site_test_is_done_here_with_evidence() -> None:
    t = make_transcript(("pasient", "Jeg har vondt i halsen."),
                        ("lege", "Jeg tar en streptokokktest, en pinne bak i halsen."))
    f = _by_name(detect_procedures(_s(t)))["strep_a"]
    assert f.kind == "procedure" and f.evidence == ("s0002",)
    assert f.attr("done_here") == "true" and f.attr("material") == "halspensel"


def test_ordered_samples_are_not_done_here() -> None:
    t = make_transcript(("lege", "Så jeg rekvirerer blodprøver: Hb, CRP og TSH. Du tar dem på "
                                 "laben i morgen."))
    facts = _by_name(detect_procedures(_s(t)))
    assert facts["blodprover"].attr("ordered") == "true"
    assert "crp" not in facts  # part of the ordered panel, not an on-site test


def test_sent_samples_are_marked_sent() -> None:
    t = make_transcript(("lege", "Vil du ta en klamydiatest? Den sender vi til laboratoriet."),
                        ("lege", "Jeg tar også noen blodprøver som sendes."))
    facts = _by_name(detect_procedures(_s(t)))
    assert facts["klamydia"].attr("sent") == "true"
    assert facts["blodprover"].attr("material") == "blod"


def test_negated_and_conditional_mentions_do_not_count() -> None:
    t = make_transcript(("lege", "Du trenger ikke å levere urinprøve til dyrking."),
                        ("lege", "Hvis det ikke går over, tar vi EKG neste gang."),
                        ("pasient", "Naboen fikk tatt EKG."))
    assert detect_procedures(_s(t)) == []


def test_earlier_results_are_not_billed_now() -> None:
    t = make_transcript(("lege", "Blodprøvene fra forrige uke var fine."))
    assert _by_name(detect_procedures(_s(t)))["blodprover"].attr("status") == "earlier"


def test_sick_leave_issued_with_days_and_grade() -> None:
    t = make_transcript(("lege", "Jeg sykmelder deg hundre prosent i fire dager."))
    [f] = detect_sick_leave(_s(t))
    assert f.attr("days") == "4" and f.attr("grade_percent") == "100"
    assert f.attr("extended") == "false"


def test_sick_leave_days_and_grade_read_any_number_word() -> None:
    t = make_transcript(("lege", "Jeg sykmelder deg femti prosent i tretten dager."))
    [f] = detect_sick_leave(_s(t))
    assert f.attr("days") == "13" and f.attr("grade_percent") == "50"
    weeks = make_transcript(("lege", "Jeg sykmelder deg i ei uke."))
    assert detect_sick_leave(_s(weeks))[0].attr("days") == "7"


def test_sick_leave_refused_gives_nothing() -> None:
    t = make_transcript(("pasient", "Kan jeg få sykmelding?"),
                        ("lege", "Nei, jeg sykmelder deg ikke nå, du kan jobbe."))
    assert detect_sick_leave(_s(t)) == []


def test_questionnaires_billable_or_not() -> None:
    t = make_transcript(("lege", "Du fyller ut PHQ-9 og GAD-7 nå."),
                        ("lege", "Og så IPSS-skjemaet for prostata."))
    facts = _by_name(detect_questionnaires(_s(t)))
    assert facts["phq9"].attr("billable") == "true"
    assert facts["gad7"].attr("billable") == "true"
    assert facts["ipss"].attr("billable") == "false"


def test_contraceptive_guidance_needs_several_methods() -> None:
    one = make_transcript(("lege", "Du kan fortsette med p-pillene."))
    several = make_transcript(("lege", "P-stav er sikrest, hormonspiral er også bra, og "
                                       "p-piller må du huske hver dag."))
    assert detect_guidance(_s(one)) == []
    assert [f.name for f in detect_guidance(_s(several))] == ["prevensjonsveiledning"]


def test_rules_file_maps_every_procedure_to_takster() -> None:
    rules = load_rules()
    for item in rules["procedure"]:
        # a trigger is a word (triggers) or a regular expression (patterns)
        assert item.get("triggers") or item.get("patterns"), item["id"]
        assert isinstance(item["takster"], list), item["id"]


def test_spirometry_repeated_after_bronchodilator_only_when_said() -> None:
    once = make_transcript(("lege", "Vi tar spirometri etter at du har tatt Ventolin."))
    twice = make_transcript(("lege", "Først spirometri."),
                            ("lege", "Så tar vi en ny blåsetest etter ventolin."))
    assert set(_by_name(detect_procedures(_s(once)))) == {"spirometri"}
    assert set(_by_name(detect_procedures(_s(twice)))) == {"spirometri", "reversibilitet"}


def test_crp_in_a_lab_panel_is_not_an_on_site_test() -> None:
    t = make_transcript(("lege", "Jeg tar noen blodprøver nå, Hb og CRP, som sendes til "
                                 "laboratoriet."),
                        ("lege", "EKG-et de tok på sykehuset var normalt."))
    facts = _by_name(detect_procedures(_s(t)))
    assert "crp" not in facts and "hb" not in facts
    assert facts["blodprover"].attr("sent") == "true"
    assert facts["ekg"].attr("status") == "earlier"
