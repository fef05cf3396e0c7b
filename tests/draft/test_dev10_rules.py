"""Note rule behind what the tenth set's first run (eval/dev10, written blind) showed: once
the doctor has given the assessment, what the doctor says of what is ahead is no history. What
to do or what to do if ("Og ikke bruk smertestillende mer enn ti dager i måneden", "Hvis hun
får feber, kommer dere tilbake") is the plan; what may come, only said ("De første ukene kan
du bli litt kvalm", "Hosten kan vare i seks uker"), is left out, so that the history never
says the patient is nauseous when the doctor said they might become so. Before the assessment
the doctor's account of the complaint stays history. Synthetic sentences only."""

from __future__ import annotations

from scribe.draft.classify import classify_rules
from scribe.draft.conversation import small_talk_turns, without_late_remarks
from scribe.draft.corrections import take_back
from scribe.draft.dialogue import parse_question
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


# --- the second batch from dev10's first run ----------------------------------------------
# - a condition with the verb first ("Er den normal, fortsetter du som før", "Er den positiv,
#   ringer jeg deg") is what to do if, not a finding;
# - an estimate said again, closer ("Et halvt år, kanskje. Nei, nærmere ett år") replaces it;
# - the doctor asking back only a word of the patient's answer that is no clinical word ("Fisk,
#   ja?" after "… bar ei tung kasse med fisk opp fra båten") takes up the aside: the patient's
#   next turn is chat, the answer before it stays.


def test_a_condition_with_the_verb_first_is_no_finding() -> None:
    turns = (("lege", "Vi tok en urinprøve, og den sender vi til dyrking."),
             ("lege", "Er den normal, fortsetter du som før."),
             ("lege", "Urinstiksen er positiv for nitritt."))
    sentences = split_segments(make_transcript(*turns).segments)
    labels = {s.text: lb.label for s, lb in zip(sentences, classify_rules(sentences),
                                                strict=True)}
    assert labels["Er den normal, fortsetter du som før."] == "Tiltak"
    assert labels["Urinstiksen er positiv for nitritt."] == "Funn"


def test_an_estimate_said_again_closer_replaces_it() -> None:
    sentences = split_segments(make_transcript(
        ("lege", "Hvor lenge har det vært sånn?"),
        ("pasient", "Et halvt år, kanskje. Nei, nærmere ett år, det begynte før jul.")).segments)
    said = " ".join(s.text for s in take_back(sentences))
    assert "nærmere ett år" in said.lower() and "halvt år" not in said
    kept = split_segments(make_transcript(
        ("lege", "Hvor lenge har det vært sånn?"),
        ("pasient", "Et halvt år, kanskje. Nei, det har vært verst i vinter.")).segments)
    assert "halvt år" in " ".join(s.text for s in take_back(kept))


ANSWER = (("lege", "Hva kan jeg hjelpe deg med?"),
          ("pasient", "Jeg har fått blod i øyet, det kom på søndag."),
          ("lege", "Har du hostet eller løftet noe tungt?"),
          ("pasient", "Jeg hostet mye på lørdag, og så bar jeg ei tung kasse med fisk opp "
                      "fra båten."))


def test_the_doctor_asking_back_a_word_of_the_aside_takes_it_up() -> None:
    chat = small_talk_turns(split_segments(make_transcript(
        *ANSWER, ("lege", "Fisk, ja?"),
        ("pasient", "Ja, vi fikk tjue kilo skrei på to timer."),
        ("lege", "Flott. Ser du som før?"),
        ("pasient", "Ja, jeg ser helt som før.")).segments))
    assert chat == {"s0005", "s0006"}


def test_asking_back_a_clinical_word_of_the_answer_is_no_chat() -> None:
    chat = small_talk_turns(split_segments(make_transcript(
        *ANSWER, ("lege", "Hostet, ja?"),
        ("pasient", "Ja, i tre dager med feber."),
        ("lege", "Ser du som før?"),
        ("pasient", "Ja, jeg ser helt som før.")).segments))
    assert chat == set()


def test_a_tag_asking_to_confirm_is_no_part_of_the_question() -> None:
    for tag in ("stemmer det", "er det riktig", "ikke sant"):
        asked = parse_question(f"Du bruker Albyl-E og losartan, {tag}?")
        assert asked.kind == "yesno" and asked.topic == "Albyl-E og losartan"
    assert parse_question("Stemmer det at du bruker losartan?").topic != ""
