"""Until the practice has imported its code lists, notes are drafted without codes and the
app says why and how to add them; nothing crashes. The import then makes codes appear."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from scribe.app import CodeListsMissing, ScribeApp
from scribe.coding.importers import OFFICIAL_SOURCES
from scribe.config import load_settings, with_section
from scribe.store import users

REPO = Path(__file__).resolve().parents[2]
PASSWORD = "fjord-hest-42"


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ScribeApp:
    monkeypatch.setattr(users, "SCRYPT_N", 2**8)
    settings = replace(with_section(load_settings(), "llm", mode="av"),
                       data_dir=tmp_path / "data", reference_dir=None)
    app = ScribeApp(settings)
    app.create_practice("en lang og god passordfrase", admin=("admin", PASSWORD),
                        doctor=("lege", PASSWORD, "9144900"), kdf_iter=1000)
    return app


def test_without_code_lists_the_reason_names_the_sources_and_the_import_command(
        app: ScribeApp) -> None:
    missing = app.codes_missing()
    assert isinstance(missing, CodeListsMissing)
    assert "er ikke importert" in missing.message
    assert "Notatet lages likevel" in missing.message
    for source in OFFICIAL_SOURCES:
        assert source.where in missing.hint
    assert "scribe codes import" in missing.hint
    assert app.code_index().search("hoste og feber", 5) == []


def test_a_written_consultation_is_drafted_without_codes_then_coded_after_the_import(
        app: ScribeApp, shared_dir: Path) -> None:
    app.close()
    app.unlock("en lang og god passordfrase", kdf_iter=1000)
    session = app.users.login("lege", PASSWORD)
    result = app.consultations.import_transcript(session,
                                                 REPO / "tests" / "data" / "demo_transcript.json")
    assert result.draft.draft.sections, "no note without code lists"
    assert result.coding.icpc2 == () and result.coding.takster == ()
    assert app.store.draft(session, result.cid).draft.sections  # stored as a version
    raw = shared_dir / "data" / "reference" / "raw"
    editions = app.import_code_lists([raw / "smartkode_icpc-2.json",
                                      raw / "helfo_taksttabell_LE_2025-07-01.xml"])
    assert [e.part for e in editions] == ["icpc2", "takster"]
    assert app.codes_missing() is None
    again = app.consultations.redraft(session, result.cid)
    assert "U71" in {c.code for c in again.coding.icpc2}  # the demo visit is a cystitis
    assert again.coding.takster
    app.close()


def test_a_damaged_imported_file_is_reported_not_raised(app: ScribeApp,
                                                        shared_dir: Path) -> None:
    raw = shared_dir / "data" / "reference" / "raw"
    app.import_code_lists([raw / "smartkode_icpc-2.json",
                           raw / "helfo_taksttabell_LE_2025-07-01.xml"])
    (app.settings.data_dir / "reference" / "takster.json").write_text("{ikke json")
    app.update_settings(app.settings)
    missing = app.codes_missing()
    assert missing is not None and "kan ikke leses" in missing.message
    assert app.code_index().search("urinveisinfeksjon", 3) == []
    app.close()
