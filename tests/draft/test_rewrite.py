"""The sentence-level rewriting rules of issue 14: spoken Norwegian → a GP's note.

Examples are written from how Norwegian is spoken in a consultation (dialect, slang,
relatives speaking), not taken from the evaluation cases.
"""

from __future__ import annotations

import re

import pytest

from scribe.domain import Speaker
from scribe.draft.doctor import safety_net
from scribe.draft.phrasebook import phrasebook
from scribe.draft.rewrite import (
    abbreviate,
    finding_from_narration,
    fold_answer,
    is_question,
    kinship,
    question_topic,
    relation_of,
    rewrite_sentence,
    strip_fillers,
    take_back,
    take_back_text,
    third_person,
)
from scribe.text.numbers import numbers_in
from scribe.text.sentences import Sentence

P, L, A = Speaker.PASIENT, Speaker.LEGE, Speaker.ANNEN
PRONOUNS = re.compile(r"\b(?:jeg|du|vi|meg|deg|oss|din|ditt|dine|min|mitt|mine|man|æ|eg)\b",
                      re.IGNORECASE)


def test_phrasebook_loads_once_with_every_section() -> None:
    pb = phrasebook()
    assert pb is phrasebook()
    for section in ("dialect", "fillers", "people", "questions", "answers",
                    "situations", "doctor", "examination", "corrections", "abbreviations"):
        assert section in pb.raw
    assert {t.name for t in pb.topics} >= {"smoking", "alcohol", "allergy", "medication"}
    assert any(v.abbr == "SpO2" for v in pb.values)


# --- strip_fillers ------------------------------------------------------------------------
@pytest.mark.parametrize(("spoken", "written"), [
    ("Eh, jeg har hatt vondt i halsen.", "Jeg har hatt vondt i halsen."),
    ("Ehm … altså, det begynte liksom på mandag.", "Det begynte på mandag."),
    ("Ja, jeg har hatt feber.", "Jeg har hatt feber."),
    ("Nei da, det går fint.", "Det går fint."),
    ("Så jeg har vært ganske sliten.", "Jeg har vært ganske sliten."),
    ("Øh, typ, det er sånn skikkelig vondt.", "Det er skikkelig vondt."),
    ("Det svir når jeg tisser, ikke sant?", "Det svir når jeg tisser."),
    ("Du vet, jeg har hatt det sånn før.", "Jeg har hatt det sånn før."),
    ("Jeg har egentlig ikke hatt feber.", "Jeg har ikke hatt feber."),
    ("Nei, jeg har ikke feber.", "Jeg har ikke feber."),
    ("Jeg har bare litt vondt.", "Jeg har litt vondt."),
    ("Det er sånn en uke siden.", "Det er ca. en uke siden."),
    ("Det er kanskje to uker siden det begynte.", "Det er ca. to uker siden det begynte."),
    ("Æ har itj sovi i natt.", "Jeg har ikke sovet i natt."),
    ("Eg har ikkje merka nåkka.", "Jeg har ikke merket noe."),
    ("Jeg jeg har har vondt i i kneet.", "Jeg har vondt i kneet."),
    ("Det gjør vondt … her.", "Det gjør vondt her."),
    ("Asså, hun har vært helt sykt sliten.", "Hun har vært veldig sliten."),
    ("Vel, jeg vet ikke.", "Jeg vet ikke."),
    ("Ja nei, det har jeg ikke.", "Det har jeg ikke."),
    ("Jeg har ikke noe vondt, på en måte.", "Jeg har ikke noe vondt."),
    ("Hm, mm, det kommer og går.", "Det kommer og går."),
    ("Og så, eh, begynte det å verke.", "Og så begynte det å verke."),
    ("Og så, eh, begynte jeg å hoste.", "Begynte jeg å hoste."),
    ("Men ikke feber.", "Ikke feber."),
    ("Jeg har en sånn blå inhalator.", "Jeg har en blå inhalator."),
    ("Jeg har hatt det i en uke eller noe sånt.", "Jeg har hatt det i en uke."),
    ("Det var jo vondt.", "Det var vondt."),
    ("Jeg ha- har hatt det lenge.", "Jeg har hatt det lenge."),
    # laughter and an apology before a comma are no content ("Sorry, jeg ligger i senga")
    ("Sorry, jeg ligger i senga.", "Jeg ligger i senga."),
    ("Hehe, det er et gammelt triks.", "Det er et gammelt triks."),
])
def test_strip_fillers_removes_fillers_and_keeps_meaning(spoken: str, written: str) -> None:
    assert strip_fillers(spoken) == written


@pytest.mark.parametrize("spoken", [
    "Nei, sluttet for femten år siden.",
    "Nei.",
    "Det er ikke sant at jeg drikker mye.",
    "Jeg tar bare Paracet.",
    "Kanskje en virusinfeksjon.",
    "Så lenge det ikke blir verre.",
    "Da jeg var liten hadde jeg astma.",
    "Ikke feber, ikke hoste.",
    "Jeg har aldri røykt.",
    "Det er ikke sånn at jeg ikke spiser.",
])
def test_strip_fillers_leaves_meaning_bearing_words(spoken: str) -> None:
    assert strip_fillers(spoken) == spoken


@pytest.mark.parametrize("spoken", ["Ja.", "Mm.", "Greit, takk.", "Okei.", "Ja ja.",
                                    "Tusen takk.", "Akkurat.", "Eh …", "Skjønner."])
def test_strip_fillers_leaves_nothing_of_acknowledgement(spoken: str) -> None:
    assert strip_fillers(spoken) == ""


def test_strip_fillers_keeps_a_negation_that_is_the_answer() -> None:
    assert strip_fillers("Nei, slutta for femten år siden.").startswith("Nei")
    assert "ikke" in strip_fillers("Ja, altså, jeg har ikke hatt feber.")


# --- is_question / question_topic ----------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Har du feber?", "Har du feber", "Røyker du", "Hvor lenge har det vart",
    "Hva har du tatt for det", "Noen brystsmerter", "Noe kvalme eller oppkast",
    "Er det vondt når du svelger", "Bruker du noen faste medisiner",
    "Kan du legge deg på benken", "Ka har du tatt for det", "Når begynte det",
    "Det gjør vondt her, ikke sant?", "Og hoste?", "Eh, har han hatt feber",
    "Hvordan sover du om natta", "Hvilke medisiner bruker du",
])
def test_is_question_recognises_questions(text: str) -> None:
    assert is_question(text)


@pytest.mark.parametrize("text", [
    "Jeg har feber.", "Når jeg går blir det verre.", "Blir det verre, så ta kontakt.",
    "Du har litt feber.", "Hvis du får feber, ring.", "Noen ganger blir det verre.",
    "Pust dypt inn.", "Etter det har jeg vært sliten.", "Hvor jeg jobber er det mye støv.",
    "Ja.", "Det var på mandag.",
])
def test_is_question_leaves_statements(text: str) -> None:
    assert not is_question(text)


@pytest.mark.parametrize(("question", "kind", "topic"), [
    ("Har du feber?", "yesno", "feber"),
    ("Har du hatt feber?", "yesno", "feber"),
    ("Røyker du?", "yesno", "røyker"),
    ("Noen brystsmerter?", "yesno", "brystsmerter"),
    ("Er det vondt når du svelger?", "yesno", "vondt ved svelging"),
    ("Bruker du noen faste medisiner?", "yesno", "faste medisiner"),
    ("Er du tung i pusten?", "yesno", "tung i pusten"),
    ("Har du hatt dette før?", "yesno", "har hatt dette før"),
    ("Har han hatt feber?", "yesno", "feber"),
    ("Føler du deg slapp?", "yesno", "slapp"),
    ("Kan du gå på foten?", "yesno", "kan gå på foten"),
    ("Kaster du opp?", "yesno", "kaster opp"),
    ("Hva har du tatt for det?", "open", "tatt for det"),
    ("Hvor lenge har du hatt hosten?", "open", "hosten"),
    ("Hva slags smerter er det?", "open", "smerter"),
    ("Hvor ofte kaster du opp?", "open", "oppkast"),
    ("Kan du legge deg på benken?", "request", "legge seg på benken"),
    ("Er det greit at jeg lytter på lungene?", "procedural", ""),
    ("Noen spørsmål?", "procedural", ""),
    ("Hvordan går det?", "social", ""),
])
def test_question_topic_removes_the_question_frame(question: str, kind: str,
                                                   topic: str) -> None:
    assert question_topic(question) == (kind, topic)


# --- fold_answer ----------------------------------------------------------------------------
@pytest.mark.parametrize(("question", "answer", "statement"), [
    ("Noen brystsmerter?", "Nei.", "Ingen brystsmerter."),
    ("Har du feber?", "Nei, ikke som jeg har målt.", "Ikke feber (ikke målt)."),
    ("Har du feber?", "Ikkje som æ har målt.", "Ikke feber (ikke målt)."),
    ("Røyker du?", "Nei, slutta for femten år siden.", "Eks-røyker, sluttet for 15 år siden."),
    ("Røyker du?", "Nei.", "Ikke-røyker."),
    ("Røyker du?", "Ja, ti sigaretter om dagen.", "Røyker 10 sigaretter om dagen."),
    ("Røyker du?", "Nei, men jeg vaper typ hver dag.", "Ikke-røyker, men vaper hver dag."),
    ("Er du tung i pusten?", "Litt når jeg går opp trappa.", "Litt tung i pusten i trapper."),
    ("Hvor lenge har du hatt det?", "En ukes tid.", "Varighet ca. 1 uke."),
    ("Noen allergier?", "Nei.", "Ingen kjente allergier."),
    ("Har du noen allergier?", "Nei, ikke som jeg vet om.", "Ingen kjente allergier."),
    ("Er du allergisk mot penicillin?", "Nei, ikke som jeg vet.",
     "Ingen kjent allergi mot penicillin."),
    ("Er du allergisk mot noe?", "Ja, mot pollen og katt.", "Allergi: mot pollen og katt."),
    ("Bruker du noen faste medisiner?", "Bare Aerius i sesongen.",
     "Fast med.: Aerius i sesongen."),
    ("Bruker du noen faste medisiner?", "Nei.", "Ingen faste medisiner."),
    ("Hva har du tatt for det?", "Paracet og Ibux.", "Har tatt paracet og Ibux."),
    ("Hva har du tatt for det?", "Ingenting.", "Ikke tatt noe for det."),
    ("Har du kastet opp?", "Nei, bare vært kvalm.", "Ikke kastet opp, bare vært kvalm."),
    ("Har du hatt feber?", "Ja, i tre dager.", "Feber i 3 dager."),
    ("Har du hatt feber?", "Nei.", "Ikke feber."),
    ("Har du hatt oppkast?", "Nei, men litt kvalm.", "Ikke oppkast, men litt kvalm."),
    ("Hoster du?", "Mest om natta.", "Hoster mest om natten."),
    ("Hoster du?", "Ikke noe særlig.", "Hoster lite."),
    ("Hoster du opp noe?", "Ja, gulgrønt slim.", "Hoster opp gulgrønt slim."),
    ("Er det vondt når du svelger?", "Ja, veldig.", "Veldig vondt ved svelging."),
    ("Drikker du alkohol?", "Et par glass vin i helgene.",
     "Alkohol: et par glass vin i helgene."),
    ("Drikker du alkohol?", "Nei.", "Drikker ikke alkohol."),
    ("Hva med alkohol?", "Nesten ikke.", "Alkohol: lite."),
    ("Når begynte hosten?", "Den begynte på mandag.", "Hosten begynte på mandag."),
    ("Når begynte det?", "For tre dager siden.", "Debut for 3 dager siden."),
    ("Noen i familien med hjertesykdom?", "Nei, ikke som jeg vet.",
     "Ingen kjent hjertesykdom i familien."),
    ("Noen i familien med hjertesykdom?", "Ja, faren min hadde infarkt da han var femti.",
     "Hjertesykdom i familien: far hadde infarkt da han var 50."),
    ("Har du noen gang hatt blodpropp?", "Nei.", "Aldri hatt blodpropp."),
    ("Kan du være gravid?", "Nei.", "Ikke gravid."),
    ("Har du ikke feber?", "Jo.", "Feber."),
    ("Har du feber?", "Tror ikke det.", "Trolig ikke feber."),
    ("Har du feber?", "Kanskje litt.", "Mulig feber, litt."),
    ("Hva slags hoste er det?", "Tørr.", "Hoste: tørr."),
    ("Hvor ofte kaster du opp?", "Tre-fire ganger om dagen.", "Oppkast: x 3–4."),
    ("Har du feber?", "Jeg har frysninger.", "Feber: har frysninger."),
    ("Har du vondt i magen?", "Nei, jeg har ikke vondt i magen.", "Ikke vondt i magen."),
    ("Snuser du?", "Ja, av og til.", "Snuser av og til."),
    ("Æ lurer på, har du hatt vondt i brystet?", "Itj no særlig.", "Lite vondt i brystet."),
    ("Hvor gammel er du?", "Femtito.", "Alder 52."),
    ("Har du gått ned i vekt?", "Ja, sånn fem kilo.", "Har gått ned i vekt ca. 5 kg."),
    ("Har du hatt vondt i brystet?", "Nei, itj nå.", "Ikke vondt i brystet nå."),
    ("Kaster du opp?", "Ikke lenger.", "Kaster ikke opp lenger."),
    ("Hvordan sover du?", "Dårlig, våkner flere ganger hver natt.",
     "Søvn: dårlig, våkner flere ganger hver natt."),
    ("Har du blod i urinen?", "Nei, ikke som jeg har sett.",
     "Ikke blod i urinen (ikke observert)."),
    ("Kan du bøye deg fram?", "Au, det gjør vondt.", "Smerter ved å bøye seg fram."),
])
def test_fold_answer_makes_one_statement(question: str, answer: str, statement: str) -> None:
    assert fold_answer(question, answer) == statement


@pytest.mark.parametrize(("question", "answer"), [
    ("Hvordan har du det?", "Bra, takk."),
    ("Er det greit at jeg lytter på lungene?", "Ja, det er greit."),
    ("Skal vi se på halsen?", "Ja."),
    ("Noen spørsmål?", "Nei."),
    ("Kan du legge deg på benken?", "Ja."),
    ("Hvordan går det?", "Fint."),
    ("Hva tror du selv?", "Nei, aner ikke."),
    ("Hva kan jeg hjelpe deg med i dag?", "Hei."),  # a greeting answers nothing
    ("Hvordan har magen vært siden sist?", "Mm."),
])
def test_fold_answer_returns_none_for_talk_without_clinical_content(question: str,
                                                                    answer: str) -> None:
    assert fold_answer(question, answer) is None


@pytest.mark.parametrize(("question", "answer", "statement"), [
    ("Kan jeg trene?", "Nei, vent en uke.", "Kan ikke trene, vent 1 uke."),
    ("Er det smittsomt?", "Nei.", "Ikke smittsomt."),
    ("Trenger jeg antibiotika?", "Nei, dette er et virus.",
     "Trenger ikke antibiotika, dette er et virus."),
])
def test_fold_answer_to_a_patients_question_gives_the_doctors_answer(
        question: str, answer: str, statement: str) -> None:
    assert fold_answer(question, answer, asker=P) == statement


def test_fold_answer_from_a_relative_is_attributed() -> None:
    out = fold_answer("Har han hatt feber?", "Ja, 39 i natt.", answerer=A, relation="kona")
    assert out == "Ifølge kona: feber 39 i natt."
    out = fold_answer("Spiser hun?", "Nei, nesten ingenting.", answerer=A, relation="datter")
    assert out == "Ifølge datter: spiser lite."


@pytest.mark.parametrize(("question", "answer"), [
    ("Noen allergier?", "Nei."), ("Har du feber?", "Nei."), ("Røyker du?", "Nei."),
    ("Noen brystsmerter?", "Nei."), ("Drikker du?", "Nei."), ("Er du gravid?", "Nei."),
    ("Bruker du noen faste medisiner?", "Nei."), ("Har du hatt blod i avføringen?", "Nei."),
])
def test_a_no_is_never_dropped(question: str, answer: str) -> None:
    out = fold_answer(question, answer)
    assert out is not None
    assert re.search(r"\b(?:[Ii]kke|[Ii]ngen|[Aa]ldri)", out)


# --- third_person ---------------------------------------------------------------------------
@pytest.mark.parametrize(("said", "speaker", "written"), [
    ("Jeg har hatt vondt i halsen.", P, "Har hatt vondt i halsen."),
    ("Mamma har migrene.", P, "Mor har migrene."),
    ("Min mor har migrene.", P, "Mor har migrene."),
    ("Mora mi hadde brystkreft.", P, "Mor hadde brystkreft."),
    ("I går kveld fikk jeg feber.", P, "Fikk feber i går kveld."),
    ("Jeg føler meg slapp.", P, "Føler seg slapp."),
    ("Æ kjenner mæ slapp.", P, "Kjenner seg slapp."),
    ("Det plager meg mye.", P, "Det plager pas. mye."),
    ("Jeg får vondt når jeg går opp trappa.", P, "Får vondt i trapper."),
    ("Eg har vondt i ryggen.", P, "Har vondt i ryggen."),
    ("Legen ga meg penicillin.", P, "Legen ga pas. penicillin."),
    ("Du sa at jeg skulle komme tilbake.", P, "Legen sa at pas. skulle komme tilbake."),
    ("Paracet har jeg tatt.", P, "Har tatt Paracet."),
    ("Det har jeg ikke merket.", P, "Har ikke merket det."),
    ("Jeg og kona var på tur.", P, "Pas. og kona var på tur."),
    ("Kjæresten min sier jeg snorker.", P, "Kjæreste sier pas. snorker."),
    ("Min mann syns jeg har blitt mer glemsk.", P, "Ektemann synes pas. har blitt mer glemsk."),
    ("Vi har en hund hjemme.", P, "Har en hund hjemme."),
    ("Jeg merker at jeg blir tungpusten.", P, "Merker at pas. blir tungpusten."),
    ("Du blir så sliten av det.", P, "Blir så sliten av det."),
    ("Du har litt feber.", L, "Har litt feber."),
    ("Jeg skriver ut penicillin til deg.", L, "Skriver ut penicillin."),
    ("Vi tar en kontroll om to uker.", L, "Kontroll om to uker."),
    ("Du skal få penicillin.", L, "Får penicillin."),
    ("Jeg tror det er en virusinfeksjon.", L, "Trolig virusinfeksjon."),
    ("Jeg mistenker at det er en lungebetennelse.", L, "Mistenkt lungebetennelse."),
    ("Hvis du får høy feber eller blir tung i pusten, må du ta kontakt.", L,
     "Ny kontakt ved høy feber eller tung pust."),
    ("Ring legevakten hvis du blir verre.", L, "Kontakt legevakt ved forverring."),
    ("Ta kontakt igjen dersom det ikke går over i løpet av en uke.", L,
     "Ny kontakt ved manglende bedring i løpet av en uke."),
    ("Jeg henviser deg til ortoped.", L, "Henviser til ortoped."),
    ("Jeg sykmelder deg i en uke.", L, "Sykmelder i en uke."),
    ("Blodtrykket ditt er fint.", L, "Blodtrykket er fint."),
    ("Du må legge deg nedpå.", L, "Må legge seg nedpå."),
    ("Jeg ringer deg når svaret kommer.", L, "Ringer pas. når svaret kommer."),
    ("Jeg anbefaler deg å drikke mye.", L, "Anbefaler å drikke mye."),
    ("Vi tar nye blodprøver om tre måneder.", L, "Nye blodprøver om tre måneder."),
    ("Jeg vil at du skal ta en ny prøve om en uke.", L, "Skal ta en ny prøve om en uke."),
])
def test_third_person(said: str, speaker: Speaker, written: str) -> None:
    assert third_person(said, speaker) == written


@pytest.mark.parametrize(("said", "relation", "written"), [
    ("Jeg ringte legevakten i natt.", "datter", "Datter ringte legevakten i natt."),
    ("Hun har ikke spist på to dager.", "datter",
     "Ifølge datter har pas. ikke spist på to dager."),
    ("Mamma har vært veldig forvirret.", "datter",
     "Ifølge datter har pas. vært veldig forvirret."),
    ("I natt var hun veldig urolig.", "datter", "Ifølge datter var pas. veldig urolig i natt."),
    ("Vi har merket at hun glemmer mye.", "sønnen", "Familien har merket at pas. glemmer mye."),
    ("Jeg synes hun har blitt dårligere.", "datter", "Datter synes pas. har blitt dårligere."),
    ("Han har falt to ganger den siste uka.", "kona",
     "Ifølge kona har pas. falt to ganger den siste uka."),
    ("Mannen min har vært forvirret.", "kona", "Ifølge kona har pas. vært forvirret."),
    ("Jeg er bekymret for henne.", "datter", "Datter er bekymret for pas."),
    ("Han glemmer å ta medisinene sine.", None,
     "Ifølge pårørende glemmer pas. å ta medisinene sine."),
])
def test_third_person_attributes_what_a_relative_says(said: str, relation: str | None,
                                                      written: str) -> None:
    assert third_person(said, A, relation=relation) == written


def test_third_person_does_not_give_the_relatives_acts_to_the_patient() -> None:
    out = third_person("Jeg ringte henne i går, og hun svarte ikke.", A, relation="datter")
    assert out.startswith("Datter ringte pas.")


@pytest.mark.parametrize(("said", "speaker"), [
    ("Jeg har hatt det sånn siden jeg var liten, og mamma har det også.", P),
    ("Når jeg legger meg, får jeg vondt i brystet mitt.", P),
    ("Du skjønner, vi har hatt det tøft hjemme hos oss.", P),
    ("Du har en ørebetennelse, så jeg gir deg penicillin.", L),
    ("Jeg vil at du kommer tilbake hvis du ikke er bedre, så ser vi på deg igjen.", L),
    ("Legen min sa at jeg skulle slutte med medisinene mine.", P),
    ("Jeg tror ikke jeg har feber, men jeg fryser.", P),
    ("Vi kan prøve en annen medisin hvis du vil.", L),
])
def test_third_person_leaves_no_first_or_second_person(said: str, speaker: Speaker) -> None:
    assert not PRONOUNS.search(third_person(said, speaker))


def test_kinship_and_relation() -> None:
    assert kinship("Faren min og broren min har diabetes.") == "Far og bror har diabetes."
    assert kinship("Mamma har vært forvirret.", relation="datter") == "Pas. har vært forvirret."
    assert relation_of("Jeg er datteren hennes.") == "datter"
    assert relation_of("Dette er kona mi.") == "kona"
    assert relation_of("Jeg har med meg sønnen min i dag.") == "sønn"
    assert relation_of("Jeg har vondt i magen.") is None


# --- finding_from_narration -----------------------------------------------------------------
@pytest.mark.parametrize(("said", "finding"), [
    ("Jeg hører litt knatring basalt på høyre side.", "Noe knatring basalt på høyre side."),
    ("Blodtrykket er hundre og førti over nitti.", "BT 140/90."),
    ("Temperaturen er trettiåtte komma fire.", "T 38,4."),
    ("Tempen er trettiåtte fire.", "T 38,4."),
    ("Pulsen er 96.", "P 96."),
    ("Pulsen er nittiseks.", "P 96."),
    ("Metningen er 95 prosent.", "SpO2 95 %."),
    ("CRP-en er 87.", "CRP 87."),
    ("Respirasjonsfrekvens 20.", "RF 20."),
    ("Pulsen er 96, og metningen er 95 prosent.", "P 96. SpO2 95 %."),
    ("Jeg måler temperaturen først ... 38,4.", "T 38,4."),
    ("Hemoglobinen er elleve komma to.", "Hb 11,2."),
    ("CRP er under fem.", "CRP <5."),
    ("Det er litt rødt i halsen.", "Svelg: lett rødt."),
    ("Hjertet høres fint ut.", "Cor: ua."),
    ("Lungene høres fine ut.", "Lunger: ua."),
    ("Nå lytter jeg på lungene, og jeg hører litt knatring basalt på høyre side.",
     "Lunger: noe knatring basalt på høyre side."),
    ("Trommehinnene er litt røde og bulende.", "Ører: lett røde og bulende."),
    ("Jeg kjenner ingen forstørrede lymfeknuter på halsen.",
     "Collum: ingen forstørrede lymfeknuter."),
    ("Der er det knatring basalt på høyre side.", "Knatring basalt på høyre side."),
    ("Blodtrykket er 140 over 90, det er litt høyt.", "BT 140/90, lett høyt."),
    ("Magen er bløt og uøm.", "Abd: bløt og uøm."),
    ("Hjertet slår regelmessig, ingen bilyder.", "Cor: regelmessig, ingen bilyder."),
    ("Det er ingen nakkestivhet.", "Ingen nakkestivhet."),
    ("Strep A-testen er negativ.", "Strep A negativ."),
    ("Jeg tar en strep A her, og den er negativ.", "Strep A negativ."),
    ("Det ser litt irritert ut i øregangen.", "Lett irritert i øregangen."),
    ("Jeg finner ikke noe galt.", "Normale funn."),
])
def test_finding_from_narration_keeps_the_finding(said: str, finding: str) -> None:
    assert finding_from_narration(said) == finding


@pytest.mark.parametrize("said", [
    "Nå lytter jeg på lungene.", "Da undersøker jeg deg.", "Kan du legge deg på benken?",
    "Pust dypt inn.", "Jeg skal ikke trykke hardt.", "Jeg tar blodtrykket ditt.",
    "Fint, da er vi ferdige.", "Da skal jeg bare lytte på hjertet ditt.",
    "Si ifra hvis det gjør vondt.", "Nå skal jeg kjenne på magen din.", "Gap opp og si a.",
    "Slapp helt av i magen.", "Gjør det vondt her?", "Ta av deg genseren.",
    "Dette kan kjennes litt kaldt.",
])
def test_finding_from_narration_drops_narration_and_instructions(said: str) -> None:
    assert finding_from_narration(said) is None


def test_finding_from_narration_uses_the_organ_being_examined() -> None:
    assert finding_from_narration("Det høres fint ut.", organ="Cor") == "Cor: ua."
    assert finding_from_narration("Litt knatring basalt.", organ="Lunger") == (
        "Lunger: noe knatring basalt.")


# --- abbreviate -----------------------------------------------------------------------------
@pytest.mark.parametrize(("spoken", "written"), [
    ("trettiåtte komma fire", "38,4"),
    ("hundre og førti over nitti", "140/90"),
    ("i to-tre dager", "i 2–3 dager"),
    ("i en uke", "i 1 uke"),
    ("fem hundre milligram", "500 mg"),
    ("en gram tre ganger daglig i fem dager", "1 g x 3 i 5 dager"),
    ("en tablett to ganger om dagen", "1 tablett x 2"),
    ("den sjette januar", "6. januar"),
    ("den tjuefjerde desember", "24. desember"),
    ("vondt i høyre kne", "vondt i høyre kne"),
    ("nedsatt på venstre side", "nedsatt på venstre side"),
    ("knatring på begge sider", "knatring bilat."),
    ("cirka fire uker", "ca. 4 uker"),
    ("en ukes tid", "ca. 1 uke"),
    ("to ukers tid", "ca. 2 uker"),
    ("halvannen uke", "1,5 uker"),
    ("tre og en halv måned", "3,5 måneder"),
    ("to og en halv time", "2,5 timer"),
    ("en halv dag", "en halv dag"),
    ("to ganger i uka", "x 2/uke"),
    ("38.4", "38,4"),
    ("i tre måneder", "i 3 måneder"),
    ("femtito år gammel", "52 år gammel"),
    ("39 grader", "39 °C"),
    ("ti sigaretter om dagen", "10 sigaretter om dagen"),
    ("metningen er nittifire prosent", "SpO2 94 %"),
    ("for femten år siden", "for 15 år siden"),
])
def test_abbreviate(spoken: str, written: str) -> None:
    assert abbreviate(spoken) == written


def test_abbreviate_short_forms_only_when_asked() -> None:
    assert abbreviate("Paracet ved behov etter undersøkelsen") == (
        "Paracet ved behov etter undersøkelsen")
    assert abbreviate("Paracet ved behov etter undersøkelsen", short_forms=True) == (
        "Paracet v.b. etter us.")


@pytest.mark.parametrize("text", [
    "Han stemmer Høyre.", "Det er en virusinfeksjon.", "Vinkelen er 90 grader.",
    "Jeg har to barn.", "Det var en dag på jobben.",
])
def test_abbreviate_leaves_words_that_only_look_like_units(text: str) -> None:
    assert abbreviate(text) == text


@pytest.mark.parametrize("spoken", [
    "Temperaturen var trettini komma to i går, og trettiåtte i dag.",
    "Hun tar fem hundre milligram to ganger daglig i ti dager.",
    "Blodtrykket var hundre og seksti over hundre, pulsen åttifire.",
    "Han veier nittito kilo og er hundre og åttifem centimeter.",
    "CRP var 120 for to uker siden, nå 35.",
    "Hb 11.2, ferritin 8.",
])
def test_abbreviate_never_changes_a_value(spoken: str) -> None:
    assert numbers_in(abbreviate(spoken), words=False) == numbers_in(spoken)


# --- take_back ------------------------------------------------------------------------------
@pytest.mark.parametrize(("said", "kept"), [
    ("Det stråler nedover venstre leggen, nei vent, det er mer i setet og hofta.",
     "Det er mer i setet og hofta."),
    ("Siste mens var den fjerde, eller nei, den sjette januar.",
     "Siste mens var den sjette januar."),
    ("Det var på tirsdag, nei, onsdag.", "Det var på onsdag."),
    ("Jeg tok to tabletter i går, nei, tre.", "Jeg tok tre tabletter i går."),
    ("Jeg har hatt vondt i ti dager, nei vent, to uker.", "Jeg har hatt vondt i to uker."),
    ("Smerten er i venstre, nei høyre side.", "Smerten er i høyre side."),
    ("Han er 45, eller nei, 46.", "Han er 46."),
    ("Det var mandag, unnskyld, jeg mener tirsdag.", "Det var tirsdag."),
    ("Jeg har hatt vondt i tre dager, og det stråler ned i leggen, nei forresten, "
     "det stråler ned i låret.", "Jeg har hatt vondt i tre dager, det stråler ned i låret."),
    ("Jeg har tatt Ibux, nei vent, Paracet.", "Jeg har tatt Paracet."),
    # after a pause instead of a comma
    ("Mandag ... nei, søndag kveld.", "Søndag kveld."),
    ("Venstre … nei, høyre!", "Høyre!"),
    ("Fire ... nei, fem dager.", "Fem dager."),
])
def test_take_back_text_keeps_the_correction(said: str, kept: str) -> None:
    assert take_back_text(said) == kept


@pytest.mark.parametrize("said", [
    "Nei, jeg har ikke feber.", "Jeg mener at det er bedre nå.",
    "Jeg har ikke feber, nei, men hoste.", "Det var ikke tirsdag, nei.",
    "Det gjør vondt ... nei, ikke så mye.", "Det stikker ... nei, jeg vet ikke.",
    "Nei, vent litt med den.", "Unnskyld at jeg er sen.",
])
def test_take_back_text_leaves_sentences_without_a_correction(said: str) -> None:
    assert take_back_text(said) == said


def _s(i: int, speaker: Speaker, text: str) -> Sentence:
    return Sentence(f"s{i:04d}.1", f"s{i:04d}", speaker, text, i)


def test_take_back_across_sentences_of_the_same_speaker() -> None:
    out = take_back([_s(1, P, "Det stråler ned i venstre legg."),
                     _s(2, P, "Nei vent, det er mer i setet og hofta."),
                     _s(3, L, "Ok.")])
    assert [s.text for s in out] == ["Det er mer i setet og hofta.", "Ok."]
    assert out[0].segment_id == "s0002"
    out = take_back([_s(1, P, "Siste mens var den fjerde januar."),
                     _s(2, P, "Eller nei, den sjette.")])
    assert [s.text for s in out] == ["Siste mens var den sjette januar."]


def test_take_back_a_marker_alone_makes_the_next_sentence_the_correction() -> None:
    out = take_back([_s(1, P, "Det begynte på fredag."), _s(2, P, "Nei, vent."),
                     _s(3, P, "På lørdag.")])
    assert [s.text for s in out] == ["Det begynte på lørdag."]


def test_take_back_a_statement_taken_back_whole_leaves_what_follows() -> None:
    """"Siden påske ... nei, det stemmer ikke. Det var før det, i vinterferien.": the first
    sentence is withdrawn, the next says what stands; a bare "Nei, det stemmer ikke." answers
    the doctor and stays."""
    out = take_back([_s(1, P, "Siden påske ... nei, det stemmer ikke."),
                     _s(1, P, "Det var før det, i vinterferien.")])
    assert [s.text for s in out] == ["Det var før det, i vinterferien."]
    kept = [_s(1, L, "Du har tatt to tabletter i dag?"), _s(2, P, "Nei, det stemmer ikke.")]
    assert [s.text for s in take_back(kept)] == [s.text for s in kept]


def test_take_back_never_merges_different_speakers() -> None:
    sentences = [_s(1, L, "Var det den fjerde?"), _s(2, P, "Nei vent, den sjette.")]
    assert [s.text for s in take_back(sentences)] == [s.text for s in sentences]
    sentences = [_s(1, P, "Jeg tok to."), _s(2, L, "Ok."), _s(3, P, "Nei vent, tre.")]
    assert [s.text for s in take_back(sentences)] == [s.text for s in sentences]


# --- the whole sentence ---------------------------------------------------------------------
@pytest.mark.parametrize(("said", "speaker", "written"), [
    ("Eh, ja, jeg har hatt vondt i halsen i tre dager, liksom.", P,
     "Har hatt vondt i halsen i 3 dager."),
    ("Okei, da skriver jeg ut penicillin, en tablett fire ganger daglig i ti dager.", L,
     "Skriver ut penicillin, 1 tablett x 4 i 10 dager."),
    ("Så vi tar en kontroll om to uker, ok?", L, "Kontroll om 2 uker."),
    ("Æ har hatt vondt i venstre kne, nei vent, høyre kne, sia mandag.", P,
     "Har hatt vondt i høyre kne, siden mandag."),
    ("Ja.", P, ""),
])
def test_rewrite_sentence(said: str, speaker: Speaker, written: str) -> None:
    assert rewrite_sentence(said, speaker) == written


# --- more of the same, from other kinds of visits -------------------------------------------
@pytest.mark.parametrize(("said", "speaker", "relation", "written"), [
    ("Moren hennes hadde Alzheimer.", A, "datter", "Ifølge datter: mor hadde Alzheimer."),
    ("Hun sier at hun har vondt i magen.", A, "tolk", "Har vondt i magen."),
    ("Ho sei ho har hatt det i to veker.", A, None,
     "Ifølge pårørende har pas. hatt det i to uker."),
    ("Jeg ga ham Paracet mikstur klokka seks.", A, "mor",
     "Mor ga pas. Paracet mikstur klokka seks."),
    ("Æ e så jævlig sliten hele tida.", P, None, "Er så veldig sliten hele tida."),
    ("Kona mi mener jeg drikker for mye.", P, None, "Kona mener pas. drikker for mye."),
    ("Jeg har gruet meg til å komme hit.", P, None, "Har gruet seg til å komme hit."),
    ("Jeg gir deg en resept på Ibux.", L, None, "Resept på Ibux."),
    ("Så vi ses om tre uker.", L, None, "Kontroll om tre uker."),
    ("Hvis det ikke er bedre om en uke, så tar vi en ny vurdering.", L, None,
     "Ny vurdering ved manglende bedring om en uke."),
    ("Hvis du får problemer med å tisse eller nummenhet i skrittet, må du ringe 113.", L, None,
     "Ring 113 ved problemer med å tisse eller nummenhet i skrittet."),
    ("Du har nok en lumbago.", L, None, "Trolig lumbago."),
])
def test_third_person_in_other_visits(said: str, speaker: Speaker, relation: str | None,
                                      written: str) -> None:
    assert third_person(said, speaker, relation=relation) == written


@pytest.mark.parametrize(("said", "finding"), [
    ("Pulsen er rask, hundre og ti.", "P 110."),
    ("Blodtrykket er litt høyt, hundre og femtifem over nittifem.", "BT 155/95."),
    ("Urinstiksen viser nitritt positiv og leukocytter tre pluss.",
     "Nitritt positiv. Leukocytter 3+."),
    ("Vi tar en CRP. Den er tolv.", "CRP 12."),
    ("Metninga er nittiåtte.", "SpO2 98 %."),
    ("Det er bankeømt over nyrelosjen på venstre side.",
     "Bankeømt over nyrelosjen på venstre side."),
    ("Kraften i beina er fin.", "Kraften i beina er fin."),
    ("Jeg kjenner noen små kuler på halsen her.", "Collum: noen små kuler."),
    ("Mandlene er store og har belegg på begge sider.",
     "Tonsiller: store og har belegg bilat."),
    ("Han veier åttifire kilo.", "Vekt 84 kg."),
])
def test_finding_from_narration_in_other_visits(said: str, finding: str) -> None:
    assert finding_from_narration(said) == finding


def test_a_number_that_is_not_the_value_is_not_read_as_one() -> None:
    out = finding_from_narration("Pulsen var fin. Det er to uker siden.") or ""
    assert "P 2" not in out
    assert finding_from_narration("Temperaturen har vært høy i tre dager.") is None or (
        "T 3" not in (finding_from_narration("Temperaturen har vært høy i tre dager.") or ""))


@pytest.mark.parametrize(("question", "answer", "statement"), [
    ("Hvordan har humøret vært?", "Langt nede, egentlig.", "Humøret: langt nede."),
    ("Har du hatt tanker om å skade deg selv?", "Nei, aldri.",
     "Ingen suicidaltanker."),
    ("Er det noe som gjør det bedre?", "Når jeg ligger stille.", "Bedre i hvile."),
    ("Hvor høy feber har du hatt?", "Opp mot trettini komma fem.", "Feber opp mot 39,5."),
    ("Hvor mye drikker du i uka?", "Kanskje en flaske vin i helgene.",
     "Alkohol: ca. 1 flaske vin i helgene."),
    ("Har du tatt noe for det?", "Nei.", "Ikke tatt noe for det."),
    ("Har du tatt noe for det?", "Ja, Paracet.", "Har tatt paracet."),
    ("Hvor sitter smerten?", "Her nede til høyre.", "Lokalisasjon: her nede til høyre."),
    ("Har han hatt utslett?", "Nei, ikke som vi har sett.", "Ikke utslett (ikke observert)."),
    ("Har han kastet opp?", "Ja, to ganger i natt.", "Har kastet opp 2 ganger i natt."),
    ("Lekker det fra øret?", "Nei.", "Lekker ikke fra øret."),
    ("Stråler det noe?", "Ja, ned i venstre arm.", "Stråler ned i venstre arm."),
    ("Sover du godt?", "Nei, jeg våkner klokka fire hver natt.",
     "Sover ikke godt, våkner klokka fire hver natt."),
    ("Når hadde du siste mens?", "Den fjerde, eller nei, den sjette januar.",
     "Siste mens 6. januar."),
    ("Har du fått influensavaksinen i år?", "Nei, ikke ennå.",
     "Ikke fått influensavaksinen i år ennå."),
])
def test_fold_answer_in_other_visits(question: str, answer: str, statement: str) -> None:
    assert fold_answer(question, answer) == statement


@pytest.mark.parametrize("answer", ["Hæ?", "Nei, vent.", "Hvorfor det?", "Mm."])
def test_fold_answer_waits_for_an_answer_that_says_something(answer: str) -> None:
    assert fold_answer("Har du feber?", answer) is None


def test_fold_answer_from_a_relative_with_a_label_says_whose_it_is_at_the_end() -> None:
    out = fold_answer("Hvor mye drikker han?", "Altfor mye, en flaske vin hver kveld.",
                      answerer=A, relation="kona")
    assert out is not None and out.startswith("Alkohol:") and out.endswith("(ifølge kona).")


# --- word order, greetings and questions put as statements ----------------------------------
@pytest.mark.parametrize("text", ["Og så er jeg sliten om kvelden.", "Nå orker jeg ikke mer.",
                                  "Da tar vi en blodprøve.", "I går var han helt fin."])
def test_a_statement_with_its_verb_second_is_not_a_question(text: str) -> None:
    assert not is_question(text)


@pytest.mark.parametrize(("spoken", "written"), [
    ("Hei, Mona.", ""),
    ("Hei, jeg har vondt i halsen.", "Jeg har vondt i halsen."),
    ("Takk for at jeg fikk komme i dag.", ""),
    ("Ha ha.", ""),
    ("Nå har det gått en uke.", "Nå har det gått en uke."),
    ("Hun har hatt det i en måned eller noe sånt.", "Hun har hatt det i en måned."),
    ("Har du astma eller noe annet i lungene?", "Har du astma eller noe annet i lungene?"),
    ("Det er to uker siden, tror jeg.", "Det er to uker siden."),
])
def test_strip_fillers_greetings_and_vague_endings(spoken: str, written: str) -> None:
    assert strip_fillers(spoken) == written


@pytest.mark.parametrize(("said", "speaker", "written"), [
    ("Jeg foreslår at vi venter med røntgen.", L, "Anbefaler at pas. venter med røntgen."),
    ("Det var det verste jeg har opplevd.", P, "Det var det verste pas. har opplevd."),
    ("To tabletter morgen og kveld, som du sa.", P, "To tabletter morgen og kveld, som legen sa."),
    ("Kom inn og sett dere.", L, "Kom inn og sett seg."),
    ("Dere kan gi henne Paracet.", L, "Kan gi henne Paracet."),
])
def test_third_person_word_order_and_objects(said: str, speaker: Speaker, written: str) -> None:
    assert third_person(said, speaker) == written


@pytest.mark.parametrize(("question", "answer", "asker", "statement"), [
    ("Du bruker ikke blodfortynnende?", "Nei.", L, "Bruker ikke blodfortynnende."),
    ("Du røyker ikke?", "Nei.", L, "Ikke-røyker."),
    ("Er du kvalm, eller kaster du opp?", "Nei.", L, "Ikke kvalm. Kaster ikke opp."),
    ("Er det alvorlig?", "Nei, det tror jeg ikke.", A, "Trolig ikke alvorlig."),
    ("Kan hun gå i barnehagen?", "Vent til hun har vært feberfri et døgn.", A,
     "Vent til hun har vært feberfri et døgn."),
    ("Jonas, har du vondt i øret?", "Litt.", L, "Litt vondt i øret."),
])
def test_fold_answer_statement_questions_and_questions_from_others(
        question: str, answer: str, asker: Speaker, statement: str) -> None:
    assert fold_answer(question, answer, asker=asker) == statement


@pytest.mark.parametrize("said", ["Det tar cirka fem minutter.", "Du kan få litt kvalme av den.",
                                  "Da kan du ta to tabletter, 500 milligram."])
def test_finding_from_narration_leaves_advice_and_doses(said: str) -> None:
    assert finding_from_narration(said) is None


def test_safety_netting_that_cannot_be_said_as_nouns_keeps_hvis() -> None:
    out = third_person("Hvis hun blir slapp, puster tungt eller ikke vil drikke, skal dere "
                       "ringe legevakten.", L)
    assert out.startswith("Kontakt legevakt hvis ")
    assert not PRONOUNS.search(out)


@pytest.mark.parametrize(("said", "written"), [
    # the weight put on it is said, not written
    ("Det er helt viktig at du tar kontakt med legevakten med en gang hvis du blir forvirret.",
     "Kontakt legevakt ved forvirring."),
    ("Husk at du ringer legevakten hvis du blir verre.", "Kontakt legevakt ved forverring."),
    # "om kvelden" says when, not if
    ("Ta kontakt igjen, eller legevakten om kvelden, hvis du blir tungpust.",
     "Kontakt legevakt ved tungpust."),
    # a time in the advice stays
    ("Ring oss om to dager hvis feberen ikke har gått ned.",
     "Ny kontakt om 2 dager hvis feberen ikke har gått ned."),
    # a condition with a verb of its own further in keeps "hvis"
    ("Ta kontakt hvis feberen ikke går ned.", "Ny kontakt hvis feberen ikke går ned."),
])
def test_safety_netting_in_note_form(said: str, written: str) -> None:
    assert safety_net(said) == written


@pytest.mark.parametrize(("said", "written"), [
    # a condition with its verb first, as Norwegian says it without "hvis"
    ("Får du feber igjen eller blir du tung i pusten, tar du kontakt.",
     "Ny kontakt ved feber igjen eller tung i pusten."),
    ("Er det ikke borte om fire uker, kommer du tilbake.",
     "Ny kontakt hvis det ikke er borte om fire uker."),
    ("Blir du ikke bra på en uke, kommer du tilbake.",
     "Ny kontakt hvis du ikke blir bra på en uke."),
])
def test_a_verb_first_condition_is_safety_netting(said: str, written: str) -> None:
    assert safety_net(said) == written


def test_a_verb_first_question_or_another_actor_is_not_safety_netting() -> None:
    assert safety_net("Har du hatt vondt lenge?") is None
    assert safety_net("Blir han mer tungpustet eller forvirret, da må kona ringe legevakten.") \
        is None


def test_a_main_clause_before_the_contact_is_no_safety_net_only() -> None:
    # "tar du mindre" is what to do first: the sentence is more than "ring meg"
    assert safety_net("Hvis du blir svimmel, eller pulsen går under femti, tar du mindre og "
                      "ringer meg.") is None


def test_findings_keep_unnamed_numbers_in_their_place() -> None:
    out = finding_from_narration("Hb er 12,1, ferritin 9 og B12 er normal.")
    assert out is not None and out.startswith("Hb 12,1") and "ferritin 9" in out
    assert finding_from_narration("Natrium 139, kalium 4,4.") == "Natrium 139. Kalium 4,4."


@pytest.mark.parametrize(("question", "answer", "statement"), [
    ("Hvordan er hørselen?", "Det er greit.", "Hørselen: greit."),
    ("Kvalme, oppkast?", "Nei.", "Ikke kvalme, oppkast."),
    ("Du har med deg legitimasjon?", "Ja.", "Har med seg legitimasjon."),
])
def test_fold_answer_short_answers_and_particle_verbs(question: str, answer: str,
                                                      statement: str) -> None:
    assert fold_answer(question, answer) == statement


def test_small_details() -> None:
    assert third_person("Målet for deg er å gå ned fem kilo.", L) == (
        "Målet for pas. er å gå ned fem kilo.")
    assert abbreviate("to-tre glass om dagen") == "2–3 glass om dagen"
    assert finding_from_narration("Frisklivssentralen har turgrupper.") is None


# --- after a first look at a few development cases: general patterns of speech -------------
@pytest.mark.parametrize("spoken", ["Da er resultatet klart.", "Nå er dosen riktig.",
                                    "Nå har det gått en uke."])
def test_strip_fillers_keeps_a_first_word_that_keeps_a_statement_a_statement(spoken: str) -> None:
    assert strip_fillers(spoken) == spoken


@pytest.mark.parametrize("text", ["Blir det ikke bedre, ringer du oss.",
                                  "Kommer det tilbake, tar dere kontakt."])
def test_a_condition_put_verb_first_is_not_a_question(text: str) -> None:
    assert not is_question(text)


@pytest.mark.parametrize(("question", "answer", "statement"), [
    ("Trenger ikke hun antibiotika?", "Nei.", "Trenger ikke antibiotika."),
    ("Diabetes, allergi?", "Nei.", "Ikke diabetes, allergi."),
    ("Er det konstant, eller kommer og går det?", "Nei, det kommer og går.",
     "Det kommer og går."),
    ("Hoste, feber, tungpust?", "Nei, ikke noe sånt.", "Ikke hoste, feber, tungpust."),
    ("Så jeg skal ikke ta den nå?", "Nei, ikke nå.", "Skal ikke ta den nå."),
])
def test_fold_answer_lists_alternatives_and_word_order(question: str, answer: str,
                                                      statement: str) -> None:
    asker = P if question.startswith("Så jeg") else L
    assert fold_answer(question, answer, asker=asker) == statement


def test_person_word_order_details() -> None:
    assert third_person("Det husket jeg ikke.", P) == "Husket ikke det."
    assert third_person("Da gir dere medisinen når dere kommer hjem.", L) == (
        "Gir medisinen når familien kommer hjem.")
    assert abbreviate("Ta to tabletter med en gang.") == "Ta 2 tabletter med en gang."
    out = finding_from_narration("Vekta er 70 kilo, så hun skal ha 500 milligram.") or ""
    assert out.startswith("Vekt 70 kg") and "500 mg" in out
