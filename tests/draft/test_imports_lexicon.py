from __future__ import annotations

import subprocess
import sys

import pytest

from scribe.config import load_settings
from scribe.draft.lexicon import empty_lexicon, lexicon_for, load_lexicon
from scribe.errors import ReferenceDataError


def test_importing_the_draft_package_loads_no_engine() -> None:
    code = ("import sys, scribe, scribe.draft, scribe.evaluation, scribe.cli.draft; "
            "print(sorted(m for m in ('llama_cpp', 'uvicorn', 'PySide6') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"


def test_fest_lexicon_maps_brands_to_substances() -> None:
    directory = load_settings().lexicon_dir  # beside SCRIBE_REFERENCE_DIR, as tests set it
    if directory is None:
        pytest.fail("../shared/data/reference/drugs finnes ikke her")
    lexicon = lexicon_for(directory)
    assert len(lexicon) > 3000
    assert lexicon.same_drug("Ibux", "ibuprofen")
    assert not lexicon.same_drug("Ibux", "paracetamol")
    assert lexicon.lookup("vann") is None  # everyday words are not drugs


def test_no_lexicon_folder_gives_an_empty_lexicon() -> None:
    assert len(lexicon_for(None)) == len(empty_lexicon()) == 0


def test_missing_lexicon_is_a_reference_data_error(tmp_path: object) -> None:
    from pathlib import Path

    with pytest.raises(ReferenceDataError, match="Legemiddellisten"):
        load_lexicon(Path(str(tmp_path)))
