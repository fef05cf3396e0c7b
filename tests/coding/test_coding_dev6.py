"""Coding rules behind what the sixth development set (eval/dev6, written blind) missed on its
first run: a diagnosis the doctor names in a form the code list holds only with a qualifier
("mastitt" beside "Mastitt i barseltid") is still the assessment, and the chapter's "other"
code (-99) reached by an organ word alone ("… lokalt i skjeden") neither outweighs nor
displaces a specific diagnosis the doctor named. Each rule is checked both ways; the sentences
are synthetic."""

from __future__ import annotations

from coding_helpers import make_transcript

from scribe.coding.icpc import suggest_icpc2
from scribe.coding.index import CodeIndex


def _primary(index: CodeIndex, *turns: tuple[str, str]) -> str | None:
    got = suggest_icpc2(make_transcript(*turns), index=index)
    return next((s.code for s in got if s.primary), None)


_BREAST = (("lege", "Hva er problemet i dag?"),
           ("pasient", "Det ene brystet er rødt og vondt, og jeg har hatt frysninger. "
                       "Jeg ammer."))


def test_a_diagnosis_named_without_the_lists_qualifier_is_the_assessment(
        index: CodeIndex) -> None:
    assert _primary(index, *_BREAST, ("lege", "Du har en mastitt, altså en brystbetennelse, "
                                              "på høyre side.")) == "W94"
    assert _primary(index, ("lege", "Hva kan jeg hjelpe med?"),
                    ("pasient", "Jeg får vondt i leggen når jeg går, må stoppe etter hundre "
                                "meter."),
                    ("lege", "Dette er åreforkalkning, en perifer arteriell sykdom i beina.")
                    ) == "K92"


def test_a_diagnosis_denied_is_not_made_the_assessment_by_search(index: CodeIndex) -> None:
    denied = ("lege", "Du har ikke en mastitt, altså ikke en brystbetennelse, på høyre side.")
    assert _primary(index, *_BREAST, denied) != "W94"


def test_an_organ_word_does_not_make_the_chapters_other_code_primary(index: CodeIndex) -> None:
    turns = (("lege", "Hva kan jeg hjelpe med?"),
             ("pasient", "Det kjennes som noe buler ut nedentil."),
             ("lege", "Det er et fremfall av livmora, en livmorsenkning, grad en."),
             ("lege", "Kremen virker bare lokalt i skjeden, så den er trygg. Det er en lav "
                      "dose."))
    assert _primary(index, *turns) == "X87"
