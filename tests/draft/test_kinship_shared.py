"""The words for relatives are one list (scribe/text/data/kinship.toml) for drafting, coding
and the corrections: a word added there is read by all three (synthetic sentences)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scribe.coding.icpc import persons, relative_said
from scribe.draft.corrections import take_back_text
from scribe.draft.person import kin_form, kinship
from scribe.errors import ReferenceDataError
from scribe.text import kinship as kin_module
from scribe.text.kinship import bare_kin, kin_forms, kin_words, reciprocal


def test_the_list_has_spoken_forms_bare_words_and_who_means_the_patient() -> None:
    assert kin_forms()["mora"] == "mor"
    assert "mamma" in bare_kin()
    assert "mor" in reciprocal()["datter"]
    # every note form a relative says the patient with is a note form of the list
    assert all(w in set(kin_forms().values()) | {"barnet"} for ws in reciprocal().values()
               for w in ws)


def test_a_dialect_word_of_the_list_is_read_by_drafting_coding_and_corrections() -> None:
    assert "syster" in kin_words()
    assert kin_form("syster") == "søster"
    assert kinship("Syster mi har diabetes.") == "Søster har diabetes."
    assert relative_said().search("syster mi hadde brystkreft")
    assert "syster" in persons() and "farbroren" in persons()
    assert take_back_text("Mor mi hadde brystkreft ... nei, det var syster mi.") == (
        "Syster mi hadde brystkreft.")
    # a word for no relative is none of them
    assert "naboen" not in kin_words() and not relative_said().search("naboen min hadde brystkreft")


def test_an_unreadable_list_is_said_in_norwegian(monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "kinship.toml").write_text("[kinship\n", encoding="utf-8")
    monkeypatch.setattr(kin_module.resources, "files", lambda _pkg: tmp_path)
    kin_module._raw.cache_clear()
    try:
        with pytest.raises(ReferenceDataError, match="slektninger"):
            kin_module._raw()
    finally:
        kin_module._raw.cache_clear()
