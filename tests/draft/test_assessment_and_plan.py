"""Issue 14: Vurdering says what was concluded, not what was explained; a follow-up is written
once; samples taken and where they go are one step of the plan. Synthetic sentences only."""

from __future__ import annotations

import pytest

from scribe.domain import Speaker, Statement
from scribe.draft.answers import fold_answer
from scribe.draft.classify import classify_rules
from scribe.draft.condense import sentence_values
from scribe.draft.dialogue import parse_question
from scribe.draft.select import _assessment, compact, is_fact, select, unaddressed
from scribe.draft.spoken import abbreviate
from scribe.text.sentences import Sentence


def _st(texts: list[str]) -> list[Statement]:
    return [Statement(t, (f"s{i}",)) for i, t in enumerate(texts)]


def _texts(statements: list[Statement]) -> list[str]:
    return [st.text for st in statements]


@pytest.mark.parametrize(("said", "written"), [
    ("Vurderingen er at dette er et typisk anfall av urinsyregikt i høyre stortå.",
     "Typisk anfall av urinsyregikt i høyre stortå."),
    ("Det er ikke en depresjon.", "Ikke depresjon."),
    ("Dette er psoriasis.", "Psoriasis."),
    ("Mener pas. har et akutt koronarsyndrom.", "Akutt koronarsyndrom."),
    ("Da høres dette ut som en ukomplisert blærekatarr.", "Ukomplisert blærekatarr."),
    ("Han har en akutt mellomørebetennelse på høyre side.",
     "Akutt mellomørebetennelse på høyre side."),
    ("Trolig virusinfeksjon.", "Trolig virusinfeksjon."),
])
def test_the_assessment_is_written_without_the_frame_it_was_said_in(said: str,
                                                                    written: str) -> None:
    assert _texts(_assessment(_st([said]))) == [written]


def test_what_only_explains_leaves_the_assessment() -> None:
    out = select({"Vurdering": _st([
        "Dette er eksem.",
        "Det er en kronisk hudsykdom som kommer og går, og de fleste blir bedre om sommeren.",
        "Det smitter ikke.",
        "Smør huden med fet krem hver dag."])}, spoken_words=600)
    assert _texts(out["Vurdering"]) == ["Eksem."]


def test_what_was_ruled_out_is_no_explanation() -> None:
    out = select({"Vurdering": _st([
        "Dette er krystallsyke fra høyre øre.",
        "Det er ufarlig, og det er ingen tegn til slag."])}, spoken_words=600)
    assert any("ingen tegn til slag" in t for t in _texts(out["Vurdering"]))


def test_an_assessment_of_explanations_only_is_not_emptied() -> None:
    out = select({"Vurdering": _st(["Det er ufarlig og går over av seg selv."])},
                 spoken_words=600)
    assert _texts(out["Vurdering"]) == ["Det er ufarlig og går over av seg selv."]


def test_a_noun_that_looks_like_a_command_is_kept() -> None:
    out = select({"Vurdering": _st(["Det er et kutt på 2 cm over grunnleddet.",
                                    "Det blør litt fortsatt."])}, spoken_words=600)
    assert "Kutt på 2 cm over grunnleddet." in _texts(out["Vurdering"])


def test_a_short_remark_without_clinical_content_leaves_the_assessment() -> None:
    out = select({"Vurdering": _st(["Det er en stund siden.", "Det er ikke en depresjon."])},
                 spoken_words=600)
    assert _texts(out["Vurdering"]) == ["Ikke depresjon."]


def test_a_follow_up_is_written_once_with_all_its_evidence() -> None:
    out = select({"Tiltak": _st(["Kontroll om 2 uker.", "Ny kontakt ved forverring.",
                                 "Ser på det igjen om 2 uker.", "Snakkes om 2 uker.",
                                 "Blodprøver om 3 uker."])}, spoken_words=600)
    texts = _texts(out["Tiltak"])
    assert texts == ["Kontroll om 2 uker.", "Ny kontakt ved forverring.",
                     "Blodprøver om 3 uker."]
    assert set(out["Tiltak"][0].evidence) == {"s0", "s2", "s3"}


def test_different_follow_ups_both_stay() -> None:
    out = select({"Tiltak": _st(["Kontroll om 2 uker.", "Sees om 3 måneder."])},
                 spoken_words=600)
    assert _texts(out["Tiltak"]) == ["Kontroll om 2 uker.", "Sees om 3 måneder."]


def test_where_the_samples_go_joins_the_samples() -> None:
    out = select({"Tiltak": _st(["Blodprøver i dag: urinsyre, kreatinin og kolesterol.",
                                 "De sendes til laboratoriet."])}, spoken_words=600)
    assert _texts(out["Tiltak"]) == [
        "Blodprøver i dag: urinsyre, kreatinin og kolesterol, sendes til laboratoriet."]
    assert out["Tiltak"][0].evidence == ("s0", "s1")


def test_sent_without_samples_before_it_stands_alone() -> None:
    out = select({"Tiltak": _st(["Kontroll om 2 uker.", "De sendes til laboratoriet."])},
                 spoken_words=600)
    assert len(out["Tiltak"]) == 2


def _labels(turns: list[tuple[Speaker, str]]) -> list[str]:
    sentences = [Sentence(f"g{i}.0", f"g{i}", who, text, i)
                 for i, (who, text) in enumerate(turns)]
    return [lb.label for lb in classify_rules(sentences)]


def test_tests_taken_without_a_result_are_the_plan() -> None:
    assert _labels([(Speaker.LEGE, "Vi tar blodprøver i dag: urinsyre, kreatinin og kolesterol."),
                    (Speaker.LEGE, "Jeg sender urinen til dyrking.")]) == ["Tiltak", "Tiltak"]


def test_many_tests_ordered_are_the_plan_whatever_digits_their_names_have() -> None:
    assert _labels([(Speaker.LEGE, "Så jeg rekvirerer blodprøver: Hb, ferritin, B12, folat, "
                     "TSH, fritt T4, CRP, glukose, kreatinin og ALAT.")]) == ["Tiltak"]


def test_a_test_taken_with_its_result_is_a_finding() -> None:
    assert _labels([(Speaker.LEGE, "Vi tar en CRP her, den er 38.")]) == ["Funn"]


def test_a_test_result_stays_a_finding() -> None:
    assert _labels([(Speaker.LEGE, "Kreatinin er 128 og eGFR er 41.")]) == ["Funn"]


def test_what_a_result_means_for_this_patient_is_the_assessment() -> None:
    out = select({"Vurdering": _st([
        "Det betyr at pas. har lavt stoffskifte, hypotyreose.",
        "Det betyr at kroppen lager for lite hormon."])}, spoken_words=600)
    assert _texts(out["Vurdering"]) == ["Lavt stoffskifte, hypotyreose."]


# --- complaint nouns, repeats, how long and how often -----------------------------------------

@pytest.mark.parametrize(("said", "written"), [
    ("Ikke vondt i brystet ved anstrengelse.", "Ingen brystsmerter ved anstrengelse."),
    ("Ikke vanskelig å svelge.", "Ingen svelgvansker."),
    ("Har vondt i magen etter mat.", "Magesmerter etter mat."),
    ("Ikke gått ned i vekt.", "Ikke vekttap."),
    ("Ikke vondt i noen ledd.", "Ingen leddsmerter."),
    ("Vondt i halsen i 3 dager.", "Vondt i halsen i 3 dager."),  # no noun a GP writes instead
])
def test_a_complaint_in_everyday_words_is_written_as_the_notes_noun(said: str,
                                                                     written: str) -> None:
    assert compact(said) == written


def test_the_same_words_said_twice_are_written_once() -> None:
    out = select({"Anamnese": _st(["Har ikke migrene.", "Hoste i 3 dager.", "Ikke migrene."])},
                 spoken_words=600)
    assert _texts(out["Anamnese"]) == ["Ikke migrene.", "Hoste i 3 dager."]


def test_how_long_and_how_often_said_in_words_are_facts() -> None:
    assert is_fact("Det har holdt på i et år.", lambda _: False)
    assert is_fact("Hetetokter flere ganger i timen.", lambda _: False)
    assert is_fact("Hoste de siste ukene.", lambda _: False)
    assert not is_fact("Var så flink til å sitte stille hele tiden.", lambda _: False)


def test_how_long_after_a_pronoun_is_written_as_varighet_but_a_named_complaint_stays() -> None:
    assert compact("Det har holdt på i et år, men det har blitt verre i det siste.") == (
        "Varighet et år, verre i det siste.")
    assert compact("Smertene har vart siden jul.") == "Smertene har vart siden jul."


def test_a_complaint_in_words_no_list_knows_still_opens_the_history() -> None:
    opening = "Har så mye hetetokter, flere ganger i timen noen dager."
    history = _st(["Tror det er overgangsalderen.", opening, "Søkkvåt om natten.",
                   *(f"Ikke {w}." for w in ("migrene", "blodpropp", "brystkreft", "røyk")),
                   "Søvnen er elendig, våkner flere ganger hver natt på grunn av svetten.",
                   "Mor hadde høyt blodtrykk, men ingen kreft eller blodpropp i familien.",
                   "Gleder seg til å sove en hel natt og til å få litt mer energi."])
    out = select({"Anamnese": history}, spoken_words=40)
    assert compact(opening) in _texts(out["Anamnese"])  # "Mye hetetokter, …"


@pytest.mark.parametrize(("said", "section"), [
    ("Slik jeg ser det, er dette en belastningsreaksjon på konflikten på jobben.",
     "Vurdering"),
    ("Det betyr at du har blodmangel på grunn av jernmangel.", "Vurdering"),
    ("Og jeg ser at øynene dine rykker, roterende, i noen sekunder.", "Funn"),
    ("Så ser jeg inn med et lite rør med lys, et anoskop.", "Funn"),
    ("Vi kan prøve å få krystallene tilbake på plass nå, med en manøver.", "Tiltak"),
])
def test_how_a_doctor_says_a_conclusion_a_finding_or_a_step_is_sorted(said: str,
                                                                      section: str) -> None:
    assert _labels([(Speaker.LEGE, said)]) == [section]


# --- tests named for later, values, limits, angles, a hesitant "nei" ------------------------

@pytest.mark.parametrize(("said", "section"), [
    ("Fra i morgen tar han én tablett hver dag, også mandag og fredag, fram til ny INR.",
     "Tiltak"),
    ("Ny INR neste onsdag, altså om en uke.", "Tiltak"),
    ("INR-en var fire komma fire.", "Funn"),
    ("CRP er 42.", "Funn"),
])
def test_a_test_named_without_a_result_is_planned_not_found(said: str, section: str) -> None:
    assert _labels([(Speaker.LEGE, said)]) == [section]


@pytest.mark.parametrize(("said", "values"), [
    ("Kreatinin er hundre og tjueåtte, og eGFR, som er et mål på nyrefunksjonen, er førtien.",
     ["Kreatinin 128", "eGFR 41"]),
    ("Og i urinen er det litt eggehvite, albumin-kreatinin-ratio trettiåtte.", ["ACR 38"]),
    ("INR-en var fire komma fire.", ["INR 4,4"]),
    ("Når eGFR er under førtifem, skal metformin ned.", []),  # a limit, not a result
    ("CRP er under fem.", ["CRP <5"]),
])
def test_lab_values_with_their_names_and_explanations(said: str, values: list[str]) -> None:
    assert sentence_values(said) == values


def test_degrees_of_an_angle_are_no_temperature() -> None:
    assert abbreviate("Positiv Lasègue på venstre side ved førti grader.") == (
        "Positiv Lasègue på venstre side ved 40 grader.")
    assert abbreviate("Feber på trettini grader.") == "Feber på 39 °C."


def test_a_no_with_a_pause_before_what_is_so_is_no_denial() -> None:
    assert fold_answer("Drikker du alkohol?", "Nei ... noen pils etter jobb.") == (
        "Alkohol: noen pils etter jobb.")
    assert fold_answer("Har du feber?", "Nei.") == "Ikke feber."
    assert fold_answer("Har du vondt i brystet?", "Nei ... ikke nå lenger.") == (
        "Ikke vondt i brystet lenger.")


def test_the_doctors_preamble_before_a_colon_is_not_the_question() -> None:
    q = parse_question("Jeg spør alle om dette: Hvor mye alkohol drikker du i uka?")
    assert q.kind == "open" and q.label == "Alkohol: {}"
    assert "BT" in parse_question("Blodtrykk: er det målt hjemme?").topic


@pytest.mark.parametrize(("said", "written"), [
    ("Snakkes om 2 måneder, Arne.", "Snakkes om 2 måneder."),
    ("Trolig alkoholen som er hovedproblemet, Geir.", "Trolig alkoholen som er hovedproblemet."),
    # a drug or a clinical word in apposition stays
    ("Bytter til en annen jerntablett, Duroferon.", "Bytter til en annen jerntablett, Duroferon."),
    ("Tar blodprøver: Hb, CRP, Ferritin.", "Tar blodprøver: Hb, CRP, Ferritin."),
    ("Ja, Arne.", "Ja, Arne."),  # nothing left but the name: not this rule's to empty
])
def test_a_name_the_patient_was_addressed_by_is_not_written(said: str, written: str) -> None:
    assert unaddressed(said, lambda w: w == "Duroferon") == written


def test_the_addressed_name_goes_from_the_note() -> None:
    out = select({"Tiltak": _st(["Kontroll om 2 måneder, Arne."])}, spoken_words=300)
    assert _texts(out["Tiltak"]) == ["Kontroll om 2 måneder."]


def test_what_matters_most_is_written_without_saying_so() -> None:
    assert compact("Det viktigste er bekkenbunnstrening.") == "Bekkenbunnstrening."
    assert compact("Det viktigste er å vaske øynene med lunkent vann.") == (
        "Vaske øynene med lunkent vann.")


@pytest.mark.parametrize(("said", "written"), [
    ("Sender urinen til dyrking, så ser vi hvilken bakterie det er.", "Sender urinen til dyrking."),
    ("Kontroll om 2 uker, for å høre hvordan medisinen går.", "Kontroll om 2 uker."),
    ("Tar ny blodprosent og ferritin om 6 uker for å se at den stiger.",
     "Tar ny blodprosent og ferritin om 6 uker."),
    # what is sought, and what a check is of, stay
    ("Gynekologisk undersøkelse, for å se etter muskelknuter i livmoren.",
     "Gynekologisk undersøkelse, for å se etter muskelknuter i livmoren."),
    ("Kontroll om 3 måneder for å sjekke blodtrykket.",
     "Kontroll om 3 måneder for å sjekke blodtrykket."),
])
def test_what_a_test_is_to_show_the_patient_is_not_written(said: str, written: str) -> None:
    assert compact(said) == written


def test_a_value_the_patients_account_gives_too_is_written_once() -> None:
    out = select({"Anamnese": _st(["Feber siden i går.", "T 38,5.",
                                   "Så på termometeret i går kveld, det var 38,5."])},
                 spoken_words=600)
    texts = _texts(out["Anamnese"])
    assert "T 38,5." not in texts and any("38,5" in t for t in texts)
    # a value the account does not give stays
    out = select({"Anamnese": _st(["Feber siden i går.", "T 39,2.",
                                   "Så på termometeret i går kveld, det var 38,5."])},
                 spoken_words=600)
    assert "T 39,2." in _texts(out["Anamnese"])


@pytest.mark.parametrize("said", [
    "Bør gå til ergoterapeut for hjelpemidler.",
    "Anbefaler å gå til fysioterapeut for øvelser.",
    "Skriver en erklæring til barnehagen.",
    "Legger på en bandasje nå.",
    "Tar en streptest før hun går.",
    "Det er ikke behov for hjemmebesøk.",
    "Han trenger ingen behandling nå.",
    "Fyller ut helsekortet sammen.",
])
def test_what_a_plan_holds_beyond_drugs_is_a_fact(said: str) -> None:
    # who else the patient is sent to, the papers, what is done here, a test, a visit decided
    assert is_fact(said, lambda _: False)


def test_a_referral_said_briefly_outlasts_advice_in_a_short_plan() -> None:
    out = select({"Tiltak": _st([
        "Kontroll om 4 uker.",
        "Det er lurt å gå litt hver dag, det er bra for ryggen og søvnen.",
        "Prøv å sove til faste tider og legg bort telefonen om kvelden.",
        "Bør gå til fysioterapeut.",
        "Varme på ryggen kan gjøre det bedre når det er stivt.",
        "Tenk gjerne på hva som hjelper og hva som gjør det verre."])}, spoken_words=40)
    assert "Bør gå til fysioterapeut." in _texts(out["Tiltak"])


@pytest.mark.parametrize(("said", "fact"), [
    ("Siste mens var i mars i fjor.", True),
    ("Ble verre i påsken.", True),
    ("Farfar hadde tykktarmskreft.", True),
    ("Skal på ferie til Kreta i juni.", False),  # the patient's own plan is no history
    ("Ferien var fin.", False),
])
def test_a_date_or_a_family_history_is_a_fact_of_the_history(said: str, fact: bool) -> None:
    assert is_fact(said, lambda _: False) is fact
