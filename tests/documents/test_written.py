"""Spoken sentences made written: each rewrite rule on synthetic Norwegian sentences written
for these tests, the sentences a rule must leave alone, and the documents of a synthetic knee
visit (no duplicates in the referral, a request to the receiver, no "jeg" to the patient)."""

from __future__ import annotations

import pytest
from docworld import visit_of

from scribe.documents.drafting import DocumentDrafter
from scribe.documents.model import DocumentKind
from scribe.documents.sykmelding import medical
from scribe.documents.written import clinical, for_patient
from scribe.domain import Speaker
from scribe.draft.pipeline import Drafter
from scribe.draft.verify import hard_flags

L, P = Speaker.LEGE, Speaker.PASIENT


@pytest.mark.parametrize(("said", "written"), [
    ("Da sykmelder jeg deg 50 % i 14 dager, fra i dag.",
     "Du er sykmeldt 50 % i 14 dager, fra i dag."),
    ("Jeg skriver sykmelding 100 % i 3 dager.", "Du er sykmeldt 100 % i 3 dager."),
    ("Da forlenger jeg sykmeldingen, 50 %, i 2 uker til.",
     "Sykmeldingen blir forlenget, 50 %, i 2 uker til."),
    ("Jeg kommer ikke til å sykmelde deg nå.", "Du blir ikke sykmeldt nå."),
    ("Jeg henviser deg til ortoped for vurdering av skulderen.",
     "Du blir henvist til ortoped for vurdering av skulderen."),
    ("Jeg sender en henvisning til hudlegen i dag.", "Henvisningen blir sendt til hudlegen i dag."),
    ("Vurderingen min er en strekkskade i leggmuskelen.",
     "Legens vurdering er en strekkskade i leggmuskelen."),
    ("Så min vurdering er at du har en vannkoppeinfeksjon.",
     "Legens vurdering er at du har en vannkoppeinfeksjon."),
    ("Da er min vurdering at det er en forstuing.", "Legens vurdering er at det er en forstuing."),
    ("Jeg tror det er en virusinfeksjon i magen.", "Det er trolig en virusinfeksjon i magen."),
    ("Vi ses om 3 uker hvis det ikke er bedre.", "Ny time om 3 uker hvis det ikke er bedre."),
    ("Og så vil jeg se deg igjen om 10 dager.", "Ny time om 10 dager."),
    ("Vi tar en kontroll om 6 uker.", "Kontroll om 6 uker."),
    ("Jeg skriver ut naproksen 250 milligram to ganger daglig.",
     "Du får resept på naproksen 250 milligram to ganger daglig."),
    ("Jeg gir dere en ventresept på amoksicillin.", "Dere får en ventresept på amoksicillin."),
    ("Jeg ringer deg når svaret kommer.", "Legen ringer deg når svaret kommer."),
    ("Ring oss hvis feberen kommer tilbake.", "Ring legekontoret hvis feberen kommer tilbake."),
    ("Så prøver du å gå litt hver dag.", "Du prøver å gå litt hver dag."),
    ("Ja, det er helt normalt etter en slik skade.", "Det er helt normalt etter en slik skade."),
    ("Altså, dette går over av seg selv.", "Dette går over av seg selv."),
    ("Okei, da er det mest sannsynlig en muskelstrekk.",
     "Det er mest sannsynlig en muskelstrekk."),
    ("Det er en forkjølelse, en forkjølelse, som går over.",
     "Det er en forkjølelse, som går over."),
])
def test_spoken_decisions_become_written_statements_to_the_patient(said: str,
                                                                   written: str) -> None:
    assert for_patient(said) == written


@pytest.mark.parametrize(("said", "written"), [
    # a condition stays a condition: no sick note or referral is made by it
    ("Hvis det ikke går over, sykmelder jeg deg.", "Hvis det ikke går over, blir du sykmeldt."),
    ("Dersom smertene øker, henviser jeg deg til røntgen.",
     "Dersom smertene øker, blir du henvist til røntgen."),
    # "så" as a degree word, and a noun subject after the verb, are left as they are
    ("Så lenge du har feber, skal du være hjemme.", "Så lenge du har feber, skal du være hjemme."),
    ("Da har antibiotika ingen virkning.", "Da har antibiotika ingen virkning."),
    # nothing spoken, nothing first person: unchanged
    ("Du kan ta paracetamol ved behov.", "Du kan ta paracetamol ved behov."),
])
def test_what_a_rule_must_not_rewrite(said: str, written: str) -> None:
    assert for_patient(said) == written


@pytest.mark.parametrize("said", [
    "Da måler jeg blodtrykket ditt.",
    "Så kjenner jeg på magen.",
    "Jeg må spørre deg om noe jeg spør alle om.",
    "Så oppsummerer vi: hvile og is.",
    "Nei, ikke nå.",
])
def test_narration_and_bare_answers_are_left_out_of_the_summary(said: str) -> None:
    assert for_patient(said) == ""


def test_no_word_meaning_the_doctor_is_left() -> None:
    for said in ("Jeg vil at du fører dagbok over søvnen.", "Kom tilbake til meg om en uke.",
                 "Vi bytter til en annen tablett."):
        out = for_patient(said).lower()
        assert not {"jeg", "vi", "meg", "min"} & set(out.replace(".", " ").split()), out


def test_a_measure_said_to_the_patient_becomes_a_clinical_statement() -> None:
    assert clinical("Snakk med lederen din om lettere oppgaver når du begynner igjen.") == (
        "Pas. skal snakke med lederen om lettere oppgaver når pas. begynner igjen.")
    assert clinical("Så kan du jobbe med hansker etter det.") == (
        "Pas. kan jobbe med hansker etter det.")


def test_advice_and_paperwork_are_no_medical_reasons() -> None:
    assert not medical("Hold faste tider for søvn.")
    assert not medical("På sykmeldingen står det en diagnose.")
    assert not medical("Du bør gå tur hver dag.")
    assert medical("Moderat depressiv episode med nedsatt konsentrasjon.")


KNEE = (
    (P, "Jeg vred kneet da jeg spilte fotball på lørdag, og nå er det hovent."),
    (L, "Har du noen allergier?"),
    (P, "Ja, jeg er allergisk mot penicillin."),
    (L, "Bruker du noen faste medisiner?"),
    (P, "Jeg bruker metformin 500 milligram morgen og kveld."),
    (L, "Har du prøvd noe mot smertene?"),
    (P, "Jeg har prøvd ibuprofen, men det hjalp lite."),
    (L, "Kneet er hovent, og det er ømt på innsiden over leddspalten."),
    (L, "Vurderingen min er en mulig skade på det indre leddbåndet i kneet."),
    (L, "Da sykmelder jeg deg 50 % i 14 dager, fra i dag."),
    (L, "Jeg henviser deg til ortoped for vurdering av kneet."),
    (L, "Vi ses om 3 uker hvis det ikke er bedre."),
)


@pytest.fixture(scope="module")
def knee(drafter: Drafter, documents: DocumentDrafter) -> dict[DocumentKind, object]:
    return dict(documents.draft_applicable(visit_of(drafter, KNEE)))


def test_the_patient_summary_speaks_of_the_doctor_in_the_third_person(
        knee: dict[DocumentKind, object]) -> None:
    doc = knee[DocumentKind.PASIENT]
    text = " ".join(st.text for st in doc.statements())  # type: ignore[attr-defined]
    assert "Du er sykmeldt 50 % i 14 dager" in text
    assert "Du blir henvist til ortoped" in text
    assert "Ny time om 3 uker" in text
    assert "Legens vurdering er en mulig skade" in text
    words = set(text.lower().replace(".", " ").replace(",", " ").split())
    assert not words & {"jeg", "vi", "min", "meg"}
    assert not any(hard_flags(st) for st in doc.statements())  # type: ignore[attr-defined]


def test_the_referral_asks_its_question_and_says_each_fact_once(
        knee: dict[DocumentKind, object]) -> None:
    doc = knee[DocumentKind.HENVISNING]
    assert doc.field("problemstilling").statements[0].text == (  # type: ignore[attr-defined]
        "Vurdering av kneet ønskes.")
    assert "penicillin" in doc.text_of("allergier").lower()  # type: ignore[attr-defined]
    for key in ("problemstilling", "sykehistorie", "funn"):
        assert "allergi" not in doc.text_of(key).lower(), key  # type: ignore[attr-defined]
        assert "metformin" not in doc.text_of(key).lower(), key  # type: ignore[attr-defined]
    assert "metformin" in doc.text_of("legemidler").lower()  # type: ignore[attr-defined]
    assert "henvis" not in doc.text_of("problemstilling").lower()  # type: ignore[attr-defined]
    assert "ibuprofen" in doc.text_of("forsokt").lower()  # type: ignore[attr-defined]
    assert "ibuprofen" not in doc.text_of("sykehistorie").lower()  # type: ignore[attr-defined]


def test_a_conditional_sick_leave_gives_no_sick_note_and_stays_conditional(
        drafter: Drafter, documents: DocumentDrafter) -> None:
    lines = ((P, "Jeg har vondt i skulderen."),
             (L, "Hvis det ikke går over på en uke, sykmelder jeg deg."))
    docs = documents.draft_applicable(visit_of(drafter, lines))
    assert DocumentKind.SYKMELDING not in docs
    text = " ".join(st.text for st in docs[DocumentKind.PASIENT].statements())
    assert "Du er sykmeldt" not in text


def test_a_new_medicine_says_how_to_take_it_and_for_how_long(
        visit: object, documents: DocumentDrafter) -> None:
    doc = documents.draft(visit, DocumentKind.PASIENT)  # type: ignore[arg-type]
    line = doc.text_of("medisiner")
    assert "Ibuprofen, 400 milligram, 3 ganger daglig" in line
    assert "sammen med mat" in line and "i inntil 1 uke" in line
    assert line.count("ganger") == 1
