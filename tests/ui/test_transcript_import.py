"""«Importer transkripsjon»: a written consultation opens in the review with its note at once;
the model's ranking of the ICPC-2 codes follows with its own progress line."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import DOCTOR, REPO, login, screenshot, wait_idle
from pytestqt.qtbot import QtBot

from scribe.config import Settings, with_section
from scribe.domain import Sex
from ui import record_panel
from ui.main_window import MainWindow
from ui.work_page import WorkPage

CASE = REPO / "tests" / "data" / "demo_transcript.json"


def _choose(monkeypatch: pytest.MonkeyPatch, chosen: list[str], case: Path = CASE) -> None:
    def fake_dialog(_parent: object, title: str, _dir: str, filters: str) -> tuple[str, str]:
        chosen.append(title)
        assert "*.json" in filters
        return str(case), filters
    monkeypatch.setattr(record_panel.QFileDialog, "getOpenFileName", fake_dialog)


def _work_page(qtbot: QtBot, window: MainWindow) -> WorkPage:
    login(qtbot, window, DOCTOR)
    page = window.role_page
    assert isinstance(page, WorkPage)
    return page


def test_importing_a_transcript_opens_its_note_for_review(
        qtbot: QtBot, practice: Settings, make_window: Callable[[Settings], MainWindow],
        monkeypatch: pytest.MonkeyPatch) -> None:
    chosen: list[str] = []
    _choose(monkeypatch, chosen)
    window = make_window(with_section(practice, "llm", mode="av"))
    page = _work_page(qtbot, window)
    page.recorder.import_text_button.click()
    assert chosen == ["Importer transkripsjon"]
    qtbot.waitUntil(lambda: page.review.loaded is not None
                    and page.review.loaded.version is not None, timeout=60_000)
    loaded = page.review.loaded
    assert loaded is not None and loaded.version is not None
    turns = json.loads(CASE.read_text(encoding="utf-8"))["transcript"]
    assert [s.text for s in loaded.segments] == [t["text"] for t in turns]
    assert loaded.info.contact_type == "oppmote"
    assert page.review.editor.draft().sections and page.review.icpc.codes()
    assert page.review.approve_button.isEnabled()
    assert not page.review.codes_progress.isVisible()  # no model: the rules' codes are final
    assert page.list.ids() == [loaded.info.id]
    page.review.editor.selectRow(1)  # the first statement and its evidence, as a GP clicks
    screenshot(window, "05c_review_written_consultation")


@pytest.mark.model
def test_the_models_ranking_follows_the_note_and_updates_the_codes_panel(
        qtbot: QtBot, practice: Settings, make_window: Callable[[Settings], MainWindow],
        monkeypatch: pytest.MonkeyPatch) -> None:
    _choose(monkeypatch, [])
    window = make_window(with_section(practice, "llm", mode="koder"))  # the tiny pack ranks
    page = _work_page(qtbot, window)
    events: list[str] = []
    page.recorder.finished.connect(lambda _cid: events.append("note"))
    page.recorder.ranking.connect(lambda _pending: events.append("ranking"))
    page.recorder.import_text_button.click()
    qtbot.waitUntil(lambda: "Språkmodellen har rangert" in page.review.status.text(),
                    timeout=120_000)
    wait_idle(qtbot, window)
    assert events == ["note", "ranking"]
    assert not page.review.codes_progress.isVisible()
    loaded = page.review.loaded
    assert loaded is not None
    stored = window.ctx.app.consultations.open(window.ctx.require_session(), loaded.info.id)
    assert stored.version is not None and stored.version.codes == page.review.icpc.codes()


def test_the_chosen_patient_sex_is_stored_shown_and_coded_for_then_cleared(
        qtbot: QtBot, practice: Settings, make_window: Callable[[Settings], MainWindow],
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    written = tmp_path / "utflod.json"  # a file without a patient: the panel's choice counts
    written.write_text(json.dumps({"transcript": [
        {"speaker": "pasient", "text": "Det svir når jeg tisser, og det har kommet litt "
                                       "utflod de siste dagene."},
        {"speaker": "lege", "text": "Da kan det være klamydia. Vi tar en urinprøve og tester "
                                    "for klamydia og gonoré."}]}), encoding="utf-8")
    _choose(monkeypatch, [], written)
    window = make_window(with_section(practice, "llm", mode="av"))
    page = _work_page(qtbot, window)
    recorder = page.recorder
    assert [recorder.sex.itemText(i) for i in range(recorder.sex.count())] == [
        "Ikke oppgitt", "Kvinne", "Mann"]
    recorder.sex.setCurrentIndex(recorder.sex.findData("M"))
    recorder.import_text_button.click()
    qtbot.waitUntil(lambda: page.review.loaded is not None
                    and page.review.loaded.version is not None, timeout=60_000)
    loaded = page.review.loaded
    assert loaded is not None and loaded.info.patient_sex is Sex.MANN
    codes = [c.code for c in page.review.icpc.codes()]
    assert codes and not [c for c in codes if c[0] in "WX"]
    assert "mann" in page.review.header.text()
    assert recorder.sex.currentIndex() == 0  # the next patient's sex is chosen anew
