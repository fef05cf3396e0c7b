"""Control and direction characters are removed where text comes in (issue 19, failure 8)."""

from __future__ import annotations

import pytest

from scribe.domain import Draft, Section, Segment, Speaker, Statement
from scribe.text.clean import clean_draft, clean_segments, strip_controls
from scribe.text.transcripts import TranscriptFileError, transcript_from_json

NASTY = ("Pasienten er allergisk mot \u202enillicinep\u202c og tåler\x00 ikke "
         "\x1b[31mibux\x1b[0m\u2066.\u2069\x85\u200f")


def test_nul_ansi_escapes_c1_and_bidi_overrides_are_removed() -> None:
    assert strip_controls(NASTY) == (
        "Pasienten er allergisk mot nillicinep og tåler ikke ibux.")


def test_newline_and_tab_are_kept_and_norwegian_letters_untouched() -> None:
    assert strip_controls("Æ ø å\tkolonne\nny linje\r\n") == "Æ ø å\tkolonne\nny linje\n"


def test_a_transcript_file_is_cleaned_when_read() -> None:
    data = {"segments": [{"id": "s1", "t0": 0, "t1": 2, "speaker": "lege", "text": NASTY}]}
    segment = transcript_from_json(data).segments[0]
    assert not any(c in segment.text for c in "\x00\x1b\u202e\u202c\u2066\u2069\x85")
    assert "nillicinep" in segment.text


@pytest.mark.parametrize("t0", ["ti sekunder", None, [1], "nan", "inf", True])
def test_a_time_that_is_not_a_number_is_a_norwegian_transcript_error(t0: object) -> None:
    data = {"segments": [{"id": "s1", "t0": t0, "t1": 2, "speaker": "lege", "text": "Hei."}]}
    with pytest.raises(TranscriptFileError, match="ikke et tall"):
        transcript_from_json(data)


def test_a_time_written_as_a_numeric_string_is_still_read() -> None:
    data = {"segments": [{"id": "s1", "t0": "1.5", "t1": 3, "speaker": "lege", "text": "Hei."}]}
    assert transcript_from_json(data).segments[0].t0 == 1.5


def test_doctor_edits_and_edited_segments_are_cleaned() -> None:
    edited = Statement("Hoste\x1b[2J i\u202e to uker.")
    draft = Draft("allmennlege", (Section("Anamnese", (edited,)),), "lege")
    assert clean_draft(draft).sections[0].statements[0].text == "Hoste i to uker."
    seg = Segment(id="s1", t0=0.0, t1=1.0, text="ok\x07", speaker=Speaker.LEGE)
    assert clean_segments([seg])[0].text == "ok"
