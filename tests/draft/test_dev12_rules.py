"""Note rules behind what the twelfth set's first run (eval/dev12, written blind) showed, each
from how Norwegian is spoken, each both ways. Synthetic sentences only.

- A value corrected after a pause with "unnskyld" ("… åttisju ... unnskyld, syttiåtte"), an
  interpreter's "Hun retter seg selv: Nei, …", an estimate said again more honestly ("Nei,
  ærlig talt, det er nok nærmere …") and an amount in nynorsk ("Så nærare fem månader").
- A test and what it shows ("EKG-et viser sinusrytme …") is a finding, whatever its words.
- The answer to "Hvor lenge …?" that says how long in words is no small talk, though it names
  Christmas presents or a holiday on the way.
- "Vi øker fra fem til ti milligram" after the drug was named changes its dose (the numbers
  are no range).
- A count corrected by a bare "Nei, tre ganger" in the next sentence; a time corrected to a
  holiday ("For en måned siden. Nei, det var i påsken"); a size said again after how the
  doctor knows ("… nei, når jeg kjenner etter, er den nærmere to").
- What the doctor sees on the skin or in the ear canal (warts, a mole, ear wax) is a finding.
- A prescription's dosing in a GP's short form: "1 g x 4, i 7 dager".
"""

from __future__ import annotations

from scribe.domain import Fact
from scribe.draft.classify import classify_rules
from scribe.draft.compose import prescription_lines
from scribe.draft.corrections import take_back_text
from scribe.draft.drugs import extract_drugs
from scribe.draft.findings import finding_from_narration
from scribe.draft.lexicon import DrugLexicon
from scribe.draft.pipeline import Drafter
from scribe.draft.rewrite import take_back
from scribe.text.sentences import split_segments
from tests.draft.conftest import make_transcript


def _said(*turns: tuple[str, str]) -> list[str]:
    return [s.text for s in take_back(split_segments(make_transcript(*turns).segments))]


def test_a_value_corrected_after_a_pause_with_unnskyld() -> None:
    assert take_back_text("Hb er åttisju ... unnskyld, syttiåtte.") == "Hb er syttiåtte."
    # said as a courtesy, it corrects nothing
    assert take_back_text("Unnskyld, kan jeg få et glass vann?") == (
        "Unnskyld, kan jeg få et glass vann?")


def test_an_interpreter_telling_that_the_patient_corrects_herself() -> None:
    said = " ".join(_said(("lege", "Hvor lenge har du hatt hodepinen?"),
                          ("annen", "Fire uker ... Hun retter seg selv: Nei, seks uker.")))
    assert "seks uker" in said.lower() and "fire uker" not in said.lower()
    # the interpreter's own words without a correction stay
    kept = " ".join(_said(("annen", "Hun sier at hun har hatt vondt i seks uker.")))
    assert "seks uker" in kept


def test_an_estimate_said_again_more_honestly() -> None:
    said = " ".join(_said(("lege", "Hvor mange sigaretter røyker du?"),
                          ("pasient", "Ti om dagen. Nei, ærlig talt, det er nok nærmere "
                                      "femten.")))
    assert "nærmere femten" in said and "Ti om dagen" not in said


def test_an_amount_corrected_in_nynorsk() -> None:
    said = " ".join(_said(("lege", "Kor lenge har du hatt det?"),
                          ("pasient", "To veker, trur eg. Nei, vent, det byrja på hyttetur i "
                                      "påska. Så nærare fire veker.")))
    assert "fire veker" in said.lower() and "to veker" not in said.lower()


def test_a_test_and_what_it_shows_is_a_finding() -> None:
    assert finding_from_narration("EKG-et viser sinusrytme, frekvens åtti, og et venstre "
                                  "grenblokk.") == ("EKG: sinusrytme, frekvens 80, og et "
                                                    "venstre grenblokk.")
    assert finding_from_narration("Røntgenbildet viser et brudd i håndleddet.") == (
        "Rtg.: et brudd i håndleddet.")
    # what a talk shows is no test result
    assert finding_from_narration("Det viser at du tar det på alvor.") is None


def test_how_long_said_in_words_is_no_small_talk(lexicon: DrugLexicon) -> None:
    draft = Drafter(lexicon).draft(make_transcript(
        ("lege", "Hei, kva kan eg hjelpe deg med?"),
        ("pasient", "Eg har vondt i handa."),
        ("lege", "Kor lenge har du hatt det?"),
        ("pasient", "Seks veker, det byrja då eg pakka julegåver."),
        ("lege", "Er du høgrehendt?"),
        ("pasient", "Ja."),
        ("lege", "Det er ei senebetennelse. Du får ei skinne."))).draft
    history = " ".join(st.text for sec in draft.sections if sec.name == "Anamnese"
                       for st in sec.statements)
    assert "6 uker" in history


def test_a_dose_raised_from_one_strength_to_another(lexicon: DrugLexicon) -> None:
    sentences = split_segments(make_transcript(
        ("lege", "Du bruker atorvastatin ti milligram. Vi øker fra ti til tjue milligram, én "
                 "tablett om kvelden.")).segments)
    changed = [f for f in extract_drugs(sentences, lexicon) if f.attr("status") == "prescribed"]
    assert [f.attr("strength") for f in changed] == ["20 mg (økt fra 10 mg), 1 tablett"]
    # a range without a change verb is a range, and prescribes nothing
    said = split_segments(make_transcript(
        ("lege", "Du bruker atorvastatin ti milligram. Kolesterolet har gått fra sju til "
                 "fem.")).segments)
    assert not [f for f in extract_drugs(said, lexicon) if f.attr("status") == "prescribed"]


def test_a_count_corrected_by_a_bare_no() -> None:
    said = " ".join(_said(("lege", "Hvor mange ganger har du besvimt?"),
                          ("pasient", "Jeg har besvimt to ganger i høst. Nei, tre ganger, det "
                                      "skjedde på jobben også.")))
    assert "tre ganger" in said and "to ganger" not in said
    # a "Nei" that answers is no correction
    kept = " ".join(_said(("pasient", "Jeg har besvimt to ganger i høst."),
                          ("lege", "Har du slått deg?"), ("pasient", "Nei.")))
    assert "to ganger" in kept


def test_a_time_corrected_to_a_holiday() -> None:
    said = " ".join(_said(("lege", "Når merket du kulen?"),
                          ("pasient", "For en måned siden. Nei, det var i jula, for vi var hos "
                                      "svigermor da.")))
    assert "i jula" in said.lower() and "måned" not in said


def test_a_size_said_again_after_how_the_doctor_knows() -> None:
    assert take_back_text("Kulen er cirka fire centimeter ... nei, når jeg måler ordentlig, "
                          "er den nærmere tre.") == "Kulen er nærmere tre centimeter."


def test_what_the_doctor_sees_on_the_skin_or_in_the_ear_is_a_finding() -> None:
    sentences = split_segments(make_transcript(
        ("lege", "Begge øregangene er tette av ørevoks. Jeg ser tre små vorter på "
                 "fotsålen."),
        ("lege", "Du får en time hos sykepleier.")).segments)
    labels = [lb.label for lb in classify_rules(sentences)]
    assert labels[:2] == ["Funn", "Funn"] and labels[2] != "Funn"

    assert finding_from_narration("Jeg ser tre små vorter på fotsålen.") == (
        "Tre små vorter på fotsålen.")


def test_a_prescriptions_dosing_in_a_gps_short_form() -> None:
    def line(dosing: str) -> str:
        attrs = (("status", "prescribed"), ("strength", "1 g"), ("dosing", dosing))
        fact = Fact("drug", "fenoksymetylpenicillin", "Fenoksymetylpenicillin", "", ("s1",),
                    attrs)
        return prescription_lines([fact])[0].text
    assert line("4 ganger daglig, i 7 dager") == "Fenoksymetylpenicillin 1 g x 4, i 7 dager"
    assert line("om kvelden") == "Fenoksymetylpenicillin 1 g, om kvelden"


def test_the_next_examination_announced_ends_the_organ_before(lexicon: DrugLexicon) -> None:
    draft = Drafter(lexicon).draft(make_transcript(
        ("pasient", "Jeg blir så ustø når jeg går."),
        ("lege", "Nå lytter jeg på hjertet. Fine toner, ingen bilyd."),
        ("lege", "Så skal jeg se hvordan du går. Kraft og følelse i armer og bein er lik "
                 "på begge sider."))).draft
    findings = " ".join(st.text for sec in draft.sections if sec.name == "Funn"
                        for st in sec.statements)
    assert "kraft og følelse i armer og bein er lik" in findings.lower()
    assert "cor: kraft" not in findings.lower()
    # without the announcement, the organ examined goes on as before
    draft = Drafter(lexicon).draft(make_transcript(
        ("pasient", "Jeg har vondt i brystet."),
        ("lege", "Nå lytter jeg på hjertet. Fine toner. Ingen bilyd."))).draft
    findings = " ".join(st.text for sec in draft.sections if sec.name == "Funn"
                        for st in sec.statements)
    assert "Cor" in findings
