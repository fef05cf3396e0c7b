"""Coding rules behind what the thirteenth set (eval/dev13, written blind) got wrong on its first
run, each from how Norwegian is spoken or how the code list is written:

- the doctor's view said first ("Sånn jeg ser det, har du …", the verb before its subject as
  Norwegian puts it after a fronted clause) and what the patient describes named ("Det du
  beskriver, er …") are the assessment;
- an inclusion "X med/uten Y" is X either way, and a bare one-word X ("syndrom med/uten
  utstrålende smerter" under Nakkesyndrom) is a subdivision of its title, no term of its own;
- of a code's terms found in a sentence, the longer one stands for it, whatever the order the
  words were looked up in (the results no longer depend on Python's hash seed);
- a verb spelt like an everyday phrase's noun is another word ("du kutter ut en del matvarer"
  is no cut); a short everyday word ("hes") counts said as it is, not as the start of another.

Each both ways; real ICPC-2 reference data, synthetic sentences."""

from __future__ import annotations

import os
import subprocess
import sys

from coding_helpers import codes_for as _codes

from scribe.coding.icpc import W_ASSESS, _role
from scribe.coding.index import CodeIndex
from scribe.domain import Speaker
from scribe.text.sentences import Sentence

BLOATING = (("lege", "Hva kan jeg hjelpe deg med?"),
            ("pasient", "Jeg er oppblåst hver dag, og avføringen veksler mellom løs og hard."),
            ("lege", "Blodprøvene er fine, og kalprotektin er normal."))


def test_the_doctors_view_said_first_is_the_assessment(index: CodeIndex) -> None:
    codes = _codes(index, *BLOATING,
                   ("lege", "Slik jeg ser det, har du irritabel tarm. Du kan prøve å kutte ut "
                            "noen matvarer en periode."))
    assert codes[0] == "D93"
    assert "S18" not in codes  # cutting out foods is no cut
    # the same words as a question are no assessment
    asked = _codes(index, *BLOATING, ("lege", "Har du hørt om irritabel tarm?"))
    assert asked[:1] != ["D93"]


def test_what_the_patient_describes_named_is_the_assessment() -> None:
    def role(text: str) -> float:
        return _role(Sentence("s1.0", "s1", Speaker.LEGE, text.lower(), 0), set())

    assert role("Det du beskriver, er halsbrann som er godt kontrollert.") == W_ASSESS
    assert role("Sånn jeg ser det, har du irritabel tarm.") == W_ASSESS
    # what the patient describes asked about, or the doctor only telling, is not
    assert role("Det du beskriver, når kom det først?") < W_ASSESS
    assert role("Jeg skriver ut pantoprazol for halsbrannen.") < W_ASSESS


def test_a_back_syndrome_is_no_neck_syndrome(index: CodeIndex) -> None:
    said = "Min vurdering er at dette er et akutt ryggsyndrom uten utstråling, altså lumbago."
    found = {m.code for m in index.match_terms(said)}
    assert "L84" in found and "L83" not in found
    # the neck syndrome itself, and a two-word "med/uten" term, are still found
    assert "L83" in {m.code for m in index.match_terms("Det er et nakkesyndrom.")}
    assert "F71" in {m.code for m in index.match_terms("Det er allergisk konjunktivitt.")}


def test_term_matches_do_not_depend_on_the_hash_seed() -> None:
    script = ("from scribe.config import load_settings;"
              "from scribe.coding.reference import ensure_reference;"
              "from scribe.coding.index import CodeIndex;"
              "s = load_settings(); ix = CodeIndex(ensure_reference(s.data_dir, "
              "s.reference_dir));"
              "print([(m.code, m.term) for m in ix.match_terms("
              "'Det er et akutt ryggsyndrom uten utstråling, altså lumbago.')])")
    outs = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           check=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout
            for seed in ("1", "2", "3", "4")}
    assert len(outs) == 1 and "Ryggsyndrom uten smerteutstråling" in outs.pop()


def test_a_short_everyday_word_counts_said_as_it_is(index: CodeIndex) -> None:
    assert "R23" in {m.code for m in index.match_terms("Eg har vært hes i fem uker nå.")}
    assert "R23" not in {m.code for m in index.match_terms("Hesten hennes er syk.")}
    assert "X13" in {m.code for m in index.match_terms("Jeg blør etter samleie.")}
