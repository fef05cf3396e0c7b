"""Note rules behind what the twelfth set's first run (eval/dev12, written blind) showed, each
from how Norwegian is spoken, each both ways. Synthetic sentences only.

- A value corrected after a pause with "unnskyld" ("… åttisju ... unnskyld, syttiåtte"), an
  interpreter's "Hun retter seg selv: Nei, …", an estimate said again more honestly ("Nei,
  ærlig talt, det er nok nærmere …") and an amount in nynorsk ("Så nærare fem månader").
- A test and what it shows ("EKG-et viser sinusrytme …") is a finding, whatever its words.
- The answer to "Hvor lenge …?" that says how long in words is no small talk, though it names
  Christmas presents or a holiday on the way.
"""

from __future__ import annotations

from scribe.draft.corrections import take_back_text
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
    assert "fire veker" in said and "To veker" not in said


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
