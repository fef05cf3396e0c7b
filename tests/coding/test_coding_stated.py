"""How a doctor states what it is, beyond "du har" and "vurderingen er": with the verb first
("Da er det nesten helt sikkert barnemark."), as the patient's own disease ("Hjertesvikten din
har blitt verre."), as what a test showed ("Hurtigtesten for kyssesyke er positiv."), by
confirming the patient's summing-up ("Så det er kyssesyke." — "Ja."), and as the explanation
of the complaint the visit opened with, in another chapter. A lay phrase is found with one
word said inside it ("kul i høyre bryst"). Each rule is checked both ways; the sentences are
synthetic."""

from __future__ import annotations

from coding_helpers import make_transcript

from scribe.coding.icpc import suggest_icpc2
from scribe.coding.index import CodeIndex, _said_in_order
from scribe.text.normalise import words


def _primary(index: CodeIndex, *turns: tuple[str, str]) -> str | None:
    return next((s.code for s in suggest_icpc2(make_transcript(*turns), index=index)
                 if s.primary), None)


def test_one_word_may_stand_inside_a_spoken_phrase() -> None:
    assert _said_in_order("kul i brystet", words("jeg kjente en kul i høyre bryst"))
    assert _said_in_order("mangler b12", words("du mangler vitamin b12"))
    assert not _said_in_order("kul i brystet", words("en kul på armen og vondt i brystet"))
    assert not _said_in_order("vondt i magen", words("vondt nede i den magen"))  # two words
    assert not _said_in_order("vondt i magen", words("vondt i ryggen og magen"))


def test_a_lump_in_the_right_breast_is_a_lump_in_the_breast(index: CodeIndex) -> None:
    assert _primary(index, ("pasient", "Jeg kjente en kul i høyre bryst i dusjen for ti "
                                       "dager siden.")) == "X19"


def test_the_verb_first_assessment_is_an_assessment(index: CodeIndex) -> None:
    opening = ("pasient", "Hun klør så i rumpa om natta, og hun våkner og gråter.")
    assert _primary(index, opening, ("lege", "Da er det nesten helt sikkert barnemark.")
                    ) == "D96"
    # the same word in a question is no assessment: the complaint stays the primary
    assert _primary(index, opening, ("lege", "Har noen i barnehagen hatt barnemark?")
                    ) != "D96"


_VISIT = (("lege", "Hei, kom inn og sett deg."),
          ("pasient", "Jeg har blitt så tung i pusten, og beina er hovne."),
          ("lege", "Hvor lenge har det vart?"),
          ("pasient", "En ukes tid."),
          ("lege", "Jeg lytter på lungene. Det knatrer litt nederst på begge sider."))


def test_the_patients_own_disease_named_by_the_doctor_is_assessed(index: CodeIndex) -> None:
    explained = ("lege", "Hjertesvikten din har blitt verre. Det er derfor du er tung i "
                         "pusten.")
    assert _primary(index, *_VISIT, explained) == "K77"
    # named in passing, not as hers ("en hjertesvikt kan gi …"), the complaint stays first
    passing = ("lege", "Vi må tenke på om en hjertesvikt kan gi slike plager.")
    assert _primary(index, *_VISIT, passing) != "K77"
    # a finding said of "ditt" is no disease: "blodtrykket ditt er høyt" does not make the
    # blood pressure the assessment
    said = ("lege", "Blodtrykket ditt er høyt i dag. Jeg tror det er en forkjølelse.")
    assert _primary(index, ("pasient", "Jeg er tett i nesa og hoster."), said) != "K86"


def test_a_positive_test_for_a_disease_states_it(index: CodeIndex) -> None:
    opening = ("pasient", "Jeg er så sliten, og halsen er vond.")
    result = ("lege", "Hurtigtesten for kyssesyke, som ble sendt til laboratoriet, er "
                      "positiv.")
    assert _primary(index, opening, result) == "A75"
    negative = ("lege", "Hurtigtesten for kyssesyke, som ble sendt til laboratoriet, er "
                        "negativ.")
    assert _primary(index, opening, negative) != "A75"


def test_the_doctor_confirming_the_patients_summing_up_assesses_it(index: CodeIndex) -> None:
    opening = ("pasient", "Jeg er så sliten, og halsen er vond.")
    summed = ("pasient", "Så det er kyssesyke.")
    assert _primary(index, opening, summed, ("lege", "Ja. Det er et virus, og det går over "
                                                     "av seg selv.")) == "A75"
    # a "ja, men" concedes, it does not confirm
    assert _primary(index, opening, summed, ("lege", "Ja, men det vet vi ikke ennå. Vi tar "
                                                     "en prøve.")) != "A75"
