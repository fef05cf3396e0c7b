"""Takst rules behind the eleventh set's first run (eval/dev11, written blind), each from how
general practice works: an injection into a joint said with the dose first ("Jeg setter førti
milligram … inn i kneet") is billed (100); a test the practice's nurse took is done at the
office ("hørselstesten sykepleieren tok", 322); what others will do elsewhere ("De tar CT av
hodet … og blodprøver", the hospital) is no sample of ours; a procedure denied with the verb
first ("Bittsår syr vi ikke") is not done; a sample named after "Og", its verb left out, goes
where the sentence before sent its samples ("Og en urinprøve": 701c beside the blood). Each
both ways. Synthetic sentences only."""

from __future__ import annotations

import pytest
from test_coding_takster_now import takster_for

from scribe.coding.reference import Reference


@pytest.mark.parametrize(("turns", "takst"), [
    ((("lege", "Jeg setter tjue milligram Depo-Medrol med litt lokalbedøvelse inn i "
                "skulderen bakfra."),), "100"),
    ((("lege", "Hørselstesten sykepleieren tok viser et lett tap på høyre side."),), "322"),
    ((("lege", "Vi har sydd rifter før, og nå syr vi denne med tre sting."),), "100"),
    ((("lege", "Jeg tar blodprøver nå, og de sender vi til laboratoriet."),), "701a"),
    ((("lege", "I dag sender vi blodprøver til laboratoriet: kolesterol og nyrefunksjon."),
      ("lege", "Og en urinprøve for å se etter protein.")), "701c"),
])
def test_what_was_done_here_is_billed(ref: Reference, turns: tuple[tuple[str, str], ...],
                                      takst: str) -> None:
    assert takst in takster_for(*turns, ref=ref)


@pytest.mark.parametrize(("turns", "takst"), [
    # an injection talked of, not given
    ((("lege", "En kortisonsprøyte kan hjelpe, men den setter vi eventuelt inn i skulderen "
                "om en måned."),), "100"),
    # a hearing test planned for the next visit
    ((("lege", "Du kommer tilbake om fire uker, og da tar sykepleieren en ny hørselstest."),),
     "322"),
    # the hospital will take the samples
    ((("lege", "Du skal rett til sykehuset."),
      ("lege", "De tar røntgen av brystet, EKG og blodprøver der.")), "701a"),
    # the verb before its subject, then denied
    ((("lege", "Bittsår syr vi ikke, det øker faren for infeksjon."),), "100"),
    # the urine is tested here with a stick, only the blood is sent
    ((("lege", "I dag sender vi blodprøver til laboratoriet: kolesterol og nyrefunksjon."),
      ("lege", "Urinprøven sjekker jeg med en stix her og nå.")), "701c"),
])
def test_what_was_not_done_here_is_not_billed(ref: Reference,
                                              turns: tuple[tuple[str, str], ...],
                                              takst: str) -> None:
    assert takst not in takster_for(*turns, ref=ref)
