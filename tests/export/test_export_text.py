"""Plain text for the clipboard: the Norwegian record format, codes and takster."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from export_sample import NOTE

from scribe.domain import CodeSuggestion, TakstLine
from scribe.errors import ExportRefused
from scribe.export.text import note_text, section_names, section_text, takst_line

GOLDEN = Path(__file__).parent / "golden"


def test_the_whole_note_matches_the_golden_text() -> None:
    expected = (GOLDEN / "note_r81.txt").read_text(encoding="utf-8")
    assert note_text(NOTE) == expected


def test_the_note_ends_with_the_code_and_takst_lines_as_epjs_expect() -> None:
    tail = note_text(NOTE).splitlines()[-2:]
    assert tail == ["Diagnose: R81 Lungebetennelse", "Takster: 2ad, 2cd x1, 705k"]


def test_an_empty_section_is_left_out() -> None:
    assert "Sykmelding" not in note_text(NOTE)
    assert "Sykmelding" not in section_names(NOTE)


@pytest.mark.parametrize("name, expected", [
    ("Funn", "Temp 38,4 °C. BT 148/92 mmHg. Knatrelyder basalt høyre side. CRP 87.\n"),
    ("vurdering", "Klinisk pneumoni høyre underlapp.\n"),
    ("Diagnose", "R81 Lungebetennelse\n"),
    ("takster", "2ad, 2cd x1, 705k\n"),
])
def test_one_section_is_its_text_alone_for_the_epj_field(name: str, expected: str) -> None:
    assert section_text(NOTE, name) == expected


def test_an_unknown_section_is_refused_with_the_names_that_exist() -> None:
    with pytest.raises(ExportRefused, match="ingen del som heter «Epikrise»") as err:
        section_text(NOTE, "Epikrise")
    assert "Anamnese, Funn, Vurdering, Tiltak, Diagnose, Takster" in err.value.hint


def test_several_codes_put_the_primary_first() -> None:
    cough = CodeSuggestion("ICPC-2", "R05", "Hoste", 1, "", status="accepted")
    pneumonia = replace(NOTE.codes[0], rank=2)
    note = replace(NOTE, codes=(cough, pneumonia))
    assert "Diagnoser: R81 Lungebetennelse; R05 Hoste" in note_text(note)


def test_counts_are_written_for_repeats_and_time_additions() -> None:
    lines = (TakstLine("2ad", 1, 0, 0, 0, ""), TakstLine("2cd", 2, 0, 0, 0, ""),
             TakstLine("701a", 3, 0, 0, 0, ""), TakstLine("2cd", 1, 0, 0, 0, ""))
    assert takst_line(lines) == "2ad, 2cd x2, 701a x3, 2cd x1"


def test_a_note_without_codes_or_takster_has_no_footer() -> None:
    text = note_text(replace(NOTE, codes=(), takster=()))
    assert "Diagnose" not in text and "Takster" not in text
    assert text.endswith("Kontroll ved forverring.\n")
