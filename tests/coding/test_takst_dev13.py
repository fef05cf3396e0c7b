"""Takst rules behind the thirteenth set's first run (eval/dev13, written blind), each from how
general practice works: a blood sample named by what the laboratory measures ("Vi tar
kreatinin og kalium i dag") is a sample (701a), also when a later sample is named after it in
the same sentence; values read out in a run that began with the results of earlier samples
("Da tar vi svarene først …") are of that time; a piece of the nail cut away is a procedure of
its own beside the block (100 each); the doctor's "Jeg tolker dette som …" is no interpreter.
Each both ways. Synthetic sentences only."""

from __future__ import annotations

from test_coding_takster_now import takster_for

from scribe.coding.reference import Reference


def test_a_sample_named_by_what_is_measured(ref: Reference) -> None:
    got = takster_for(("lege", "Vi tar kreatinin og kalium i dag, og så tar du en ny "
                               "blodprøve på laben om to uker."), ref=ref)
    assert "701a" in got
    # only the later one: nothing today
    assert "701a" not in takster_for(("lege", "Du tar en ny blodprøve på laben om to uker."),
                                     ref=ref)


def test_results_of_earlier_samples_read_out(ref: Reference) -> None:
    results = ("lege", "Da tar vi svarene først: de er fine. Cøliakiprøven er negativ. "
                       "Hemoglobin tretten komma to, CRP under fem.")
    got = takster_for(results, ref=ref)
    assert "705k" not in got and "701a" not in got
    # a CRP taken now after the results were told is this visit's
    now = takster_for(results, ("pasient", "Men jeg har hatt feber i går."),
                      ("lege", "Da tar jeg en CRP i fingeren nå."), ref=ref)
    assert "705k" in now


def test_a_piece_of_the_nail_cut_away_beside_the_block(ref: Reference) -> None:
    got = takster_for(("lege", "Jeg setter ledningsanestesi ved roten av fingeren."),
                      ("lege", "Så klipper jeg bort en liten bit av neglekanten, og der "
                               "kommer pusset."), ref=ref)
    assert got.get("100") == 2
    assert takster_for(("lege", "Neglen ser fin ut, du kan klippe den som vanlig."),
                       ref=ref).get("100") is None


def test_the_doctors_reading_is_no_interpreter(ref: Reference) -> None:
    assert "7" not in takster_for(("lege", "Jeg tolker dette som åreknuter."), ref=ref)
    assert "7" in takster_for(("annen", "Jeg er tolken i dag, jeg tolker for Lan."), ref=ref)
