"""A worry about a disease is coded with ICPC-2's fear code ("Engstelig for …") while the
disease is not found, each rule both ways (real ICPC-2 reference data, synthetic sentences):

- the disease the patient fears ("Jeg er redd for at jeg har MS") is the worry's object, not
  a finding: its chapter's fear code stands for it (the cancer one for a cancer), or the fear
  code that names it itself (hjerteinfarkt K24, hiv B25, kjønnssykdom X23/Y25 by sex);
- the doctor's own worry ("Jeg er redd for at det er en blodpropp") is a suspicion, no fear;
- a fear denied ("Jeg er ikke redd for kreft") or of doing something ("redd for å smitte
  barna") is no fear of a disease;
- the disease feared and then found is the diagnosis;
- named again later by the patient, the feared disease is still the worry.
"""

from __future__ import annotations

from coding_helpers import codes_for

from scribe.coding.fear import FearCodes, feared_in
from scribe.coding.index import CodeIndex
from scribe.domain import Sex, Speaker

_OPEN = ("lege", "Hva kan jeg hjelpe deg med i dag?")
_NUMB = [("pasient", "Jeg har kjent prikking i fingrene på venstre hånd i en uke. Og jeg er "
                     "redd for at jeg har MS. Jeg har lest om det på nettet."),
         ("lege", "Noe annet? Synsforstyrrelser, problemer med balansen?"),
         ("pasient", "Nei. Bare prikkingen, og den kommer mest om natta."),
         ("lege", "Jeg undersøker deg. Kraft, reflekser og følelse er normale og like på "
                  "begge sider.")]


def test_the_disease_feared_gets_its_chapters_fear_code(index: CodeIndex) -> None:
    said = codes_for(index, _OPEN, *_NUMB,
                     ("lege", "Jeg finner ingen tegn til MS hos deg. Vi ser det an i to uker."))
    assert "N27" in said[:3]  # Engstelig for sykdom i nervesystemet IKA
    assert "N86" not in said[:3]  # the multiple sclerosis itself is not the patient's
    # the same disease said as the doctor's conclusion is the diagnosis
    found = codes_for(index, _OPEN, *_NUMB,
                      ("lege", "Min vurdering er at du har MS. Jeg henviser deg til nevrolog."))
    assert found[0] == "N86"


def test_the_patients_worry_said_by_the_doctor_is_the_fear(index: CodeIndex) -> None:
    talk = [("pasient", "Jeg hadde sex uten kondom på ferie for tre uker siden, og nå vil jeg "
                        "bare sjekke meg."),
            ("lege", "Har du noen plager? Svie, utflod?"),
            ("pasient", "Nei, ingenting."),
            ("lege", "Da er vurderingen min: Du er bekymret for kjønnssykdom etter ubeskyttet "
                     "sex, og du har ingen symptomer. Vi tar en urinprøve.")]
    assert codes_for(index, _OPEN, *talk, sex=Sex.MANN)[0] == "Y25"
    assert codes_for(index, _OPEN, *talk, sex=Sex.KVINNE)[0] == "X23"
    # without the worry the same visit has no fear code
    plain = [*talk[:3], ("lege", "Da tar vi en urinprøve for klamydia og gonoré.")]
    assert not {"Y25", "X23"} & set(codes_for(index, _OPEN, *plain, sex=Sex.MANN))


def test_the_doctors_own_worry_is_a_suspicion_not_a_fear(index: CodeIndex) -> None:
    talk = [("pasient", "Leggen min er hoven og vond, og den er varm."),
            ("lege", "Jeg er redd for at det er en blodpropp i leggen. Jeg sender deg til "
                     "sykehuset for ultralyd i dag.")]
    said = codes_for(index, _OPEN, *talk)
    assert not {"K24", "K27", "A27"} & set(said)
    # the patient's worry of the same, in the same words, is the fear
    told = [("pasient", "Leggen min er litt stiv etter flyturen, og jeg er redd for at det er "
                        "en blodpropp i leggen."),
            ("lege", "Leggen er ikke hoven, ikke varm og ikke øm. Jeg finner ingen tegn til "
                     "blodpropp.")]
    assert "K27" in codes_for(index, _OPEN, *told)[:3]


def test_a_fear_denied_or_of_doing_something_is_no_fear_of_disease(index: CodeIndex) -> None:
    lump = [("pasient", "Jeg har fått en kul på ryggen. Jeg er ikke redd for kreft, men den "
                        "gnager mot BH-en."),
            ("lege", "Den er myk og flyttbar. Det er en fettkul, et lipom.")]
    said = codes_for(index, _OPEN, *lump)
    assert said[0] == "S78" and not {"A26", "S26", "L26"} & set(said)
    worried = [("pasient", "Jeg har fått en kul på ryggen. Jeg er redd det er kreft."),
               lump[1]]
    told = codes_for(index, _OPEN, *worried)
    assert told[0] == "S78"  # the disease found is the diagnosis, the fear comes after it
    assert {"A26", "S26"} & set(told)
    cold = [("pasient", "Jeg har vært forkjølet i fem dager, og jeg er redd for å smitte "
                        "barna."),
            ("lege", "Det er en vanlig forkjølelse.")]
    assert not {"A27", "A26", "P27"} & set(codes_for(index, _OPEN, *cold))


def test_the_disease_feared_named_again_is_still_the_worry(index: CodeIndex) -> None:
    talk = [("pasient", "Jeg besvimte i kassakøen på lørdag. Jeg er redd for at det er "
                        "epilepsi."),
            ("pasient", "Jeg har lest alt om epilepsi på nettet."),
            ("lege", "Ble du blek og svett og kvalm før du besvimte? Og du sto lenge?"),
            ("pasient", "Ja, jeg hadde ikke spist, og det var varmt."),
            ("lege", "Vurderingen min er at du besvimte fordi du sto lenge uten mat i varmen. "
                     "Det er en vanlig besvimelse.")]
    said = codes_for(index, _OPEN, *talk)
    assert said[0] == "A06" and "N27" in said[:3]
    assert "N88" not in said  # the epilepsy read about is the worry's, not a problem


def test_fear_codes_come_from_the_code_list(index: CodeIndex) -> None:
    codes = FearCodes(index)
    assert codes.codes_for("hjerteinfarkt") == ("K24",)
    assert codes.codes_for("høyt blodtrykk") == ("K25",)
    assert codes.codes_for("hiv") == ("B25",)
    assert set(codes.codes_for("kjønnssykdom")) == {"X23", "Y25"}
    assert codes.codes_for("hudkreft") == ("S26",)
    assert codes.codes_for("lungekreft") == ("R26",)
    assert codes.codes_for("astma") == ("R27",)
    assert codes.codes_for("noe med prostata") == ("Y27",)
    assert codes.codes_for("smitte barna") == ()
    assert codes.codes_for("det går over") == ()


def test_where_a_fear_is_said() -> None:
    def objects(text: str, speaker: Speaker = Speaker.PASIENT) -> list[str]:
        return [f.text for f in feared_in(text, speaker)]

    assert objects("Æ e så redd det e kreft.") == ["kreft"]
    assert objects("Hb er 3,5, og jeg er redd for at det er leukemi.") == ["leukemi"]
    assert objects("Je er bekymra for at je kan ha fått borrelia, men je vet ikke.") == [
        "borrelia"]
    assert objects("Jeg er redd for å få hjerteinfarkt.") == ["hjerteinfarkt"]
    assert objects("Jeg er redd for å smitte barna.") == []
    assert objects("Jeg er ikke redd for kreft.") == []
    assert objects("Jeg er redd for at det er en blodpropp.", Speaker.LEGE) == []
    assert objects("Du er redd for at det er en blodpropp.", Speaker.LEGE) == ["blodpropp"]


def test_an_organ_feared_for_gets_the_fear_code_of_its_disease(index: CodeIndex) -> None:
    fears = FearCodes(index)
    assert fears.codes_for("hjertet etter det som skjedde") == ("K24",)  # hjertesykdom
    assert fears.codes_for("etter det som skjedde") == ()  # no organ named
    talk = [("pasient", "Broren min fikk hjerteinfarkt i fjor, bare femti år gammel. Jeg har "
                        "ingen plager, men jeg har målt blodtrykket hjemme."),
            ("lege", "Blodtrykket er fint, og EKG-et er normalt. Min vurdering er at du er "
                     "redd for hjertet etter det som skjedde med broren din, og jeg finner "
                     "ingen tegn til hjertesykdom.")]
    assert codes_for(index, _OPEN, *talk)[0] == "K24"
    # the doctor's own worry for the heart is no fear of the patient's
    doctor = [talk[0], ("lege", "Jeg er redd for hjertet ditt med så høyt blodtrykk. Vi tar "
                                "et EKG.")]
    assert "K24" not in codes_for(index, _OPEN, *doctor)[:1]
