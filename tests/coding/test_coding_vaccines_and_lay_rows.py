"""Coding rules of everyday and clinical words, each both ways (real ICPC-2 reference data,
synthetic sentences):

- a disease a vaccine is named by ("hepatitt A-vaksine", "reisevaksiner mot tyfoid") or that
  tablets prevent ("forebyggende tabletter mot malaria") is no problem of the patient's;
- "luksasjon" (what GPs say) is the code list's "dislokasjon";
- lay rows: something up a child's nose (R87), food that stops on the way down (D21), a
  problem use of prescribed drugs (P18), travel vaccines and malaria tablets (A98).
"""

from __future__ import annotations

from coding_helpers import codes_for

from scribe.coding.index import CodeIndex

_OPEN = ("lege", "Hva kan jeg hjelpe deg med i dag?")


def test_luksasjon_is_dislokasjon(index: CodeIndex) -> None:
    talk = [("pasient", "Skulderen hoppet ut igjen da jeg kastet ballen på trening."),
            ("lege", "Vurderingen min er at du har en ny fremre luksasjon av skulderen.")]
    assert codes_for(index, _OPEN, *talk)[0] == "L80"


def test_lay_rows_of_nose_swallowing_drug_use_and_travel(index: CodeIndex) -> None:
    nose = [("pasient", "Han har fått en perle opp i nesa, og nå renner det gult fra det ene "
                        "neseboret."),
            ("lege", "Jeg ser perla i venstre nesebor. Jeg tar den ut med en krok.")]
    assert codes_for(index, _OPEN, *nose)[0] == "R87"
    food = [("pasient", "Maten stopper bak brystbeinet når jeg spiser kjøtt, og jeg må drikke "
                        "vann for å få den ned.")]
    assert codes_for(index, _OPEN, *food)[0] == "D21"
    drugs = [("pasient", "Jeg trenger ny resept på smertestillende, de er brukt opp."),
             ("lege", "Du tar mer enn det som er skrevet ut, og du får abstinenser uten dem. "
                      "Det kaller vi et problematisk legemiddelbruk.")]
    assert codes_for(index, _OPEN, *drugs)[0] == "P18"
    travel = [("pasient", "Jeg skal reise til Tanzania i tre uker og lurer på vaksiner før "
                          "reisen."),
              ("lege", "Du trenger forebyggende tabletter mot malaria, og jeg anbefaler "
                       "reisevaksiner mot hepatitt A og tyfoid.")]
    said = codes_for(index, _OPEN, *travel)
    assert said[0] == "A98"
    # pills said for a pain are no travel prevention
    pain = [("pasient", "Jeg har vondt i ryggen og trenger sterkere tabletter.")]
    assert "A98" not in codes_for(index, _OPEN, *pain)[:3]


def test_a_disease_a_vaccine_is_named_by_is_no_problem(index: CodeIndex) -> None:
    talk = [("pasient", "Jeg skal til Kenya og lurer på hva jeg trenger."),
            ("lege", "Du bør ha hepatitt A-vaksine og tyfoidvaksine, og sjekke at du har "
                     "fått difteri-, stivkrampe- og poliovaksine.")]
    said = codes_for(index, _OPEN, *talk)
    assert not {"D72", "N72"} & set(said[:3])
    # the same disease had is the patient's problem
    ill = [("pasient", "Jeg er gul i øynene og har vært kvalm i en uke."),
           ("lege", "Blodprøvene viser at du har hepatitt A. Du må holde deg hjemme.")]
    assert codes_for(index, _OPEN, *ill)[0] == "D72"
