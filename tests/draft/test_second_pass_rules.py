"""Issue 14, second pass: the later answer wins, a possible change is no change, a folded
question says only what its answer established, and an object "den" names its drug."""

from __future__ import annotations

from scribe.domain import Statement
from scribe.draft.classify import Label
from scribe.draft.condense import condense
from scribe.draft.possible import possible_change
from scribe.draft.referents import with_referents
from scribe.draft.rewrite import fold_answer
from scribe.text.sentences import split_segments
from tests.draft.conftest import make_transcript


def _anamnese(*turns: tuple[str, str]) -> list[str]:
    sentences = split_segments(make_transcript(*turns).segments)
    labels = [Label(s.id, "Anamnese", 1.0) for s in sentences]
    return [st.text for st in condense(sentences, labels)["Anamnese"]]


def test_a_no_taken_back_in_the_same_turn_gives_the_later_answer() -> None:
    out = _anamnese(("lege", "Drikker du alkohol?"),
                    ("pasient", "Nei, jeg har sluttet. Altså, jeg tar et glass i helgene."))
    assert any("glass i helgene" in t for t in out)
    assert not any(t.startswith("Drikker ikke") or "sluttet" in t for t in out)


def test_a_no_confirmed_in_the_same_turn_stands() -> None:
    out = _anamnese(("lege", "Røyker du?"),
                    ("pasient", "Nei, jeg har sluttet. Altså, jeg har ikke røykt på to år."))
    assert out[0].startswith("Eks-røyker")


def test_a_change_said_as_a_possibility_is_not_a_change() -> None:
    assert possible_change("Vi kunne økt Metoprolol til hundre milligram, men det venter vi "
                           "med til neste kontroll.") == (
        "Metoprolol uendret, ev. økning vurderes til neste kontroll.")
    assert possible_change("Vi kan eventuelt redusere dosen av sertralin hvis du blir kvalm."
                           ) == "Sertralin: ev. reduksjon vurderes hvis du blir kvalm."


def test_a_change_decided_is_left_as_said() -> None:
    for text in ("Jeg øker Metoprolol til hundre milligram.",
                 "Du kan øke dosen til to tabletter.",
                 "Eventuelt bytter vi til noe annet senere."):
        assert possible_change(text) == text


def test_a_question_about_what_someone_said_keeps_only_the_answer() -> None:
    out = fold_answer("Har legen sagt at det er epilepsi?", "De snakket om nervene.")
    assert out is not None and "epilepsi" not in out.lower()


def test_a_diagnosis_another_person_has_is_theirs() -> None:
    assert fold_answer("Har du astma?", "Faren min har det.") == "Far har astma."


def test_a_dose_the_answer_does_not_repeat_is_not_established() -> None:
    out = fold_answer("Tar du Paracet 500 milligram?", "Jeg tar noen innimellom.")
    assert out is not None and "500" not in out and "Paracet" in out
    confirmed = fold_answer("Tar du Paracet 500 milligram?", "Ja, fem hundre, to ganger daglig.")
    assert confirmed is not None and "500" in confirmed


def test_not_sure_is_no_denial() -> None:
    assert fold_answer("Har du hatt astma?", "Ikke sikker.") == "Usikker på astma."


def test_object_den_names_the_drug_of_the_statement_before() -> None:
    sts = [Statement("Får ventresept på amoxicillin.", ("s1",)),
           Statement("Skal ikke begynne på den nå.", ("s2",))]
    out = with_referents(sts, lambda t: ["amoxicillin"] if "amoxicillin" in t else [])
    assert out[1].text == "Skal ikke begynne på amoxicillin nå."
    assert out[1].evidence == ("s2", "s1")


def test_den_stays_when_the_referent_is_not_one_drug() -> None:
    def find(t: str) -> list[str]:
        return [w for w in ("amoxicillin", "ibuprofen") if w in t.lower()]
    two = [Statement("Amoxicillin eller ibuprofen.", ("s1",)),
           Statement("Skal ikke begynne på den nå.", ("s2",))]
    assert with_referents(two, find)[1].text == "Skal ikke begynne på den nå."
    subject = [Statement("Får amoxicillin.", ("s1",)),
               Statement("Den går fint med amming.", ("s2",))]
    assert with_referents(subject, find)[1].text == "Den går fint med amming."
