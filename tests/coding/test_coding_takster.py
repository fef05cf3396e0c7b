"""The takst rule engine over the imported Helfo table."""

from __future__ import annotations

import pytest

from scribe.coding.reference import Reference
from scribe.coding.takster import check_takster, suggest_takster, time_supplement_count
from scribe.domain import ConsultationFacts, ContactType, DoctorProfile, Fact, TakstLine

GP = DoctorProfile()
SPECIALIST = DoctorProfile(specialist_allmennmedisin=True)


def proc(name: str, *, material: str = "", sent: bool = False, done: bool = True) -> Fact:
    return Fact(kind="procedure", name=name, value=name, evidence=("s0001",),
                attrs=(("done_here", str(done).lower()), ("material", material),
                       ("sent", str(sent).lower())))


def codes(lines: list[TakstLine]) -> dict[str, int]:
    return {ln.code: ln.count for ln in lines}


@pytest.mark.parametrize(("minutes", "count"), [(10, 0), (20, 0), (21, 1), (35, 1), (36, 2),
                                                 (50, 2), (51, 3)])
def test_2cd_counted_per_started_15_minutes_beyond_20(ref: Reference, minutes: float,
                                                      count: int) -> None:
    assert time_supplement_count(minutes, ref.takst("2cd")) == count
    facts = ConsultationFacts(duration_min=minutes)
    assert codes(suggest_takster(facts, GP, ref=ref)).get("2cd", 0) == count


def test_contact_types_and_specialist_supplements(ref: Reference) -> None:
    facts = ConsultationFacts(contact_type=ContactType.TELEFON, duration_min=25)
    assert codes(suggest_takster(facts, SPECIALIST, ref=ref)) == {
        "2at": 1, "2cd": 1, "2dd": 1, "2cdd": 1}
    facts = ConsultationFacts(contact_type=ContactType.VIDEO, duration_min=10)
    assert codes(suggest_takster(facts, GP, ref=ref)) == {"2av": 1}


def test_lines_carry_fee_share_and_reason(ref: Reference) -> None:
    [line] = suggest_takster(ConsultationFacts(duration_min=12), GP, ref=ref)
    assert (line.code, line.fee, line.patient_share, line.refund) == ("2ad", 194.0, 179.0, 15.0)
    assert "oppmøte" in line.reason


def test_on_site_tests_samples_and_sick_note(ref: Reference) -> None:
    facts = ConsultationFacts(duration_min=12, facts=(
        proc("strep_a", material="halspensel"), proc("crp", material="kapillærblod"),
        Fact(kind="sick_leave", name="sykmelding", evidence=("s0002",))))
    assert codes(suggest_takster(facts, GP, ref=ref)) == {
        "2ad": 1, "706k": 1, "705k": 1, "701a": 1, "L1": 1}


def test_701c_for_a_second_material_sent(ref: Reference) -> None:
    facts = ConsultationFacts(duration_min=12, facts=(
        proc("blodprover", material="blod", sent=True),
        proc("urindyrking", material="urin", sent=True)))
    assert codes(suggest_takster(facts, GP, ref=ref)) == {"2ad": 1, "701a": 1, "701c": 1}


def test_ordered_procedures_give_nothing(ref: Reference) -> None:
    facts = ConsultationFacts(duration_min=12, facts=(proc("ekg", done=False),
                                                     proc("blodprover", done=False)))
    assert codes(suggest_takster(facts, GP, ref=ref)) == {"2ad": 1}


def test_ekg_with_materials_and_finger_block_without(ref: Reference) -> None:
    ekg = ConsultationFacts(duration_min=12, facts=(proc("ekg"),))
    assert codes(suggest_takster(ekg, GP, ref=ref)) == {"2ad": 1, "707": 1, "10b": 1}
    suture = ConsultationFacts(duration_min=12, facts=(proc("sutur"), proc("fingerblokade")))
    assert codes(suggest_takster(suture, GP, ref=ref)) == {"2ad": 1, "100": 2}


def test_a_test_on_the_phone_is_left_out_and_explained(ref: Reference) -> None:
    """A strep test cannot be taken from a patient on the phone (and 2at may not go with
    706k): it is left out, and the GP is told why."""
    facts = ConsultationFacts(contact_type=ContactType.TELEFON, duration_min=10,
                              facts=(proc("strep_a", material="halspensel"),))
    lines = suggest_takster(facts, GP, ref=ref)
    assert "706k" not in codes(lines) and "701a" not in codes(lines)
    warnings = [w for ln in lines for w in ln.warnings]
    assert any("706k" in w and "ikke på kontoret" in w for w in warnings)


def test_check_flags_2at_with_706k(ref: Reference) -> None:
    lines = [TakstLine("2at", 1, 193.0, 179.0, 14.0, ""), TakstLine("706k", 1, 48.0, 0, 48.0, "")]
    warnings = check_takster(lines, ref)
    assert any("2at kan ikke kombineres med 706k" in w for w in warnings)


def test_check_flags_missing_required_wrong_minutes_and_profile(ref: Reference) -> None:
    lines = [TakstLine("2cdd", 1, 14.0, 0, 14.0, ""), TakstLine("2dd", 1, 120.0, 56.0, 64.0, "")]
    facts = ConsultationFacts(duration_min=20)
    warnings = " ".join(check_takster(lines, ref, facts=facts, profile=GP))
    assert "kreverTakst" in warnings  # 2cdd needs 2cd, 2dd needs a consultation
    assert "spesialist i allmennmedisin" in warnings
    wrong = [TakstLine("2ad", 1, 194.0, 179.0, 15.0, ""), TakstLine("2cd", 2, 255.0, 0, 255.0, "")]
    assert any("2cd er satt 2 ganger" in w
               for w in check_takster(wrong, ref, facts=ConsultationFacts(duration_min=25)))


def test_110_and_2cd_cannot_both_be_billed(ref: Reference) -> None:
    facts = ConsultationFacts(duration_min=30, facts=(
        Fact(kind="guidance", name="prevensjonsveiledning", value="Prevensjonsveiledning"),))
    lines = suggest_takster(facts, GP, ref=ref)
    assert not {"110", "2cd"} <= set(codes(lines))
    assert check_takster(lines, ref) == []


def test_617_form_count_is_capped_by_repetitions(ref: Reference) -> None:
    forms = tuple(Fact(kind="questionnaire", name=n, value=n, attrs=(("billable", "true"),))
                  for n in ("phq9", "gad7", "audit"))
    lines = suggest_takster(ConsultationFacts(duration_min=15, facts=forms), GP, ref=ref)
    assert any("maksRepetisjoner" in w for ln in lines for w in ln.warnings)
