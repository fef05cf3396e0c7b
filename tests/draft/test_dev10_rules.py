"""Note rule behind what the tenth set's first run (eval/dev10, written blind) showed: once
the doctor has given the assessment, what the doctor says of what is ahead is no history. What
to do or what to do if ("Og ikke bruk smertestillende mer enn ti dager i måneden", "Hvis hun
får feber, kommer dere tilbake") is the plan; what may come, only said ("De første ukene kan
du bli litt kvalm", "Hosten kan vare i seks uker"), is left out, so that the history never
says the patient is nauseous when the doctor said they might become so. Before the assessment
the doctor's account of the complaint stays history. Synthetic sentences only."""

from __future__ import annotations

from scribe.draft.classify import classify_rules
from scribe.draft.conversation import without_late_remarks
from scribe.text.sentences import Sentence, split_segments
from tests.draft.conftest import make_transcript

VISIT = (("lege", "Hva kan jeg hjelpe deg med?"),
         ("pasient", "Jeg har hatt hodepine og kvalme i et år, og det er verre nå."),
         ("lege", "Min vurdering er at du har migrene uten aura."),
         ("lege", "Du skal få sumatriptan, 50 milligram, og du tar én tablett ved anfall."))


def _labels(*turns: tuple[str, str]) -> dict[str, str]:
    sentences: list[Sentence] = split_segments(make_transcript(*turns).segments)
    labels = without_late_remarks(sentences, classify_rules(sentences))
    return {s.text: lb.label for s, lb in zip(sentences, labels, strict=True)}


def test_what_to_do_after_the_assessment_is_the_plan() -> None:
    said = "Og ikke bruk smertestillende mer enn ti dager i måneden, ellers får du hodepine."
    warn = ("Og hvis du får hovent og rødt øyelokk, feber, vondt i øyet eller ser dårligere, "
            "kommer du tilbake samme dag.")
    labels = _labels(*VISIT, ("lege", f"{said} {warn}"))
    assert labels[said] == "Tiltak" and labels[warn] == "Tiltak"


def test_what_may_come_after_the_assessment_is_no_history() -> None:
    said = "De første ukene kan du bli litt kvalm og få litt vondt i magen."
    labels = _labels(*VISIT, ("lege", said))
    assert labels[said] not in ("Anamnese",)


def test_the_doctors_account_before_the_assessment_stays_history() -> None:
    said = "Du kan bli kvalm og få vondt i magen når hodepinen kommer, sier du."
    turns = (*VISIT[:2], ("lege", said), *VISIT[2:])
    assert _labels(*turns)[said] == "Anamnese"
