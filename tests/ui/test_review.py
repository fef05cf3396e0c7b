"""Review over a stored consultation (no models needed): evidence, flags, codes, takster,
approval with the password, read-only approved versions, «Ny versjon», export."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import (
    DOCTOR,
    KDF_ITER,
    PASSPHRASE,
    PASSWORD,
    open_review,
    screenshot,
    wait_idle,
)
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot
from seed import SEGMENTS, seed_consultation

from scribe.config import Settings
from ui.main_window import MainWindow
from ui.review import review_page


def test_a_statement_highlights_its_evidence_and_flags_block_approval(
        qtbot: QtBot, practice: Settings, make_window: Callable[[Settings], MainWindow],
        monkeypatch: pytest.MonkeyPatch) -> None:
    cid = seed_consultation(practice, PASSPHRASE, KDF_ITER, DOCTOR, PASSWORD)
    window = make_window(practice)
    review = open_review(qtbot, window, cid)
    editor = review.editor
    rows = editor.statement_rows()
    assert len(rows) == 5
    editor.setCurrentCell(rows[2], 0)  # «CRP 42, positiv streptest.»
    assert review.transcript.evidence_ids == {"s0003"}
    assert "#ffe08a" in review.transcript.toHtml()  # the uncertain word «feber»
    assert editor.unacknowledged() == 1
    screenshot(window, "05_review")

    asked: list[int] = []
    monkeypatch.setattr(review_page, "ask_password",
                        lambda _parent, n: asked.append(n) or PASSWORD)
    review.approve_button.click()
    assert asked == []  # refused before the password is asked
    assert window.ctx.present.last is not None and "kontrollert" in window.ctx.present.last[0]

    # The doctor fixes the flagged statement, ticks it, and settles codes and takster.
    flagged = editor.flagged_rows()[0]
    editor.item(flagged, 0).setText("Penicillin 1 g x 4.")
    editor.setCurrentCell(flagged, 0)
    added = editor.insert_after_current()
    editor.item(added, 0).setText("Kontroll ved behov.")
    editor.acknowledge_all()
    review.icpc.table.selectRow(1)
    review.icpc.reject_button.click()
    review.icpc.query.setText("streptokokk")
    review.icpc.run_search()
    qtbot.waitUntil(lambda: review.icpc.results.count() > 0)
    assert review.icpc.results.item(0).text().startswith("R72")
    review.icpc.table.selectRow(0)
    review.icpc.replace_button.click()
    assert [(c.code, c.status) for c in review.icpc.codes()] == [("R72", "accepted"),
                                                                   ("A03", "rejected")]
    qtbot.waitUntil(lambda: review.reference is not None)
    review.takster.accept_all()
    review.takster.add_code("2cd")
    assert {ln.code for ln in review.takster.lines()} == {"2ad", "2cd"}
    assert "Sum honorar" in review.takster.summary.text()
    review.approve_button.click()
    assert asked == [1]
    qtbot.waitUntil(lambda: review.approved, timeout=20_000)
    wait_idle(qtbot, window)
    version = review.loaded.version  # type: ignore[union-attr]
    assert version is not None and version.n == 2  # the edited text made a new version
    assert version.approval is not None and version.approval.user == DOCTOR
    tiltak = version.draft.section("Tiltak")
    assert tiltak is not None
    assert [s.text for s in tiltak.statements] == ["Penicillin 1 g x 4.", "Kontroll ved behov."]
    assert not review.save_button.isEnabled() and not review.approve_button.isEnabled()
    assert review.new_version_button.isEnabled()
    screenshot(window, "06_approved")

    review.export_bar.copy_all.click()
    wait_idle(qtbot, window)  # the export runs on the task runner
    text = QGuiApplication.clipboard().text()
    assert text.startswith("Anamnese\nFeber og sår hals i tre dager.")
    assert "R72 Streptokokkhals" in text and "2ad" in text
    review.export_bar.section.setCurrentText("Funn")
    review.export_bar.copy_section.click()
    wait_idle(qtbot, window)
    assert QGuiApplication.clipboard().text() == "Røde, hovne mandler. CRP 42, positiv streptest.\n"

    review.new_version_button.click()
    qtbot.waitUntil(lambda: not review.approved and review.loaded.version.n == 3)  # type: ignore[union-attr]
    assert review.approve_button.isEnabled()
    assert review.versions.count() == 3
    review.versions.setCurrentIndex(0)
    review.versions.activated.emit(0)  # the doctor looks at version 1 again
    qtbot.waitUntil(lambda: review.loaded.version.n == 1)  # type: ignore[union-attr]
    assert not review.loaded.latest  # type: ignore[union-attr]
    assert not review.approve_button.isEnabled() and not review.redraft_button.isEnabled()
    assert "eldre versjon" in review.header.text()


def test_an_edited_transcript_is_stored_and_drafted_again(
        qtbot: QtBot, practice: Settings, make_window: Callable[[Settings], MainWindow]) -> None:
    cid = seed_consultation(practice, PASSPHRASE, KDF_ITER, DOCTOR, PASSWORD)
    window = make_window(practice)
    review = open_review(qtbot, window, cid)
    kept = [s for s in SEGMENTS if s.id != "s0004"]  # small talk removed
    review.replace_transcript(kept)
    qtbot.waitUntil(lambda: review.loaded is not None and len(review.loaded.segments) == 3)
    assert [s.id for s in review.transcript.segments] == ["s0001", "s0002", "s0003"]
    window.ctx.app.use_llm = False  # the extraction drafter: the LLM is covered elsewhere
    review.redraft_button.click()
    assert review.progress.isVisible()
    qtbot.waitUntil(lambda: review.loaded is not None and review.loaded.version is not None
                    and review.loaded.version.n == 2, timeout=240_000)
    wait_idle(qtbot, window)
    assert review.editor.statement_rows()
    assert not review.progress.isVisible()


def test_an_approved_consultation_is_read_only_and_saved_as_a_document(
        qtbot: QtBot, practice: Settings, make_window: Callable[[Settings], MainWindow],
        tmp_path: Path) -> None:
    cid = seed_consultation(practice, PASSPHRASE, KDF_ITER, DOCTOR, PASSWORD, approve=True)
    window = make_window(practice)
    review = open_review(qtbot, window, cid)
    assert review.approved
    assert not review.redraft_button.isEnabled()
    assert not review.icpc.accept_button.isEnabled()
    out = tmp_path / "notat.json"
    review.export_bar.save_to(out)
    wait_idle(qtbot, window)
    assert out.exists() and '"resourceType": "Bundle"' in out.read_text(encoding="utf-8")


def test_play_plays_the_evidence_of_the_selected_statement(
        qtbot: QtBot, practice: Settings, make_window: Callable[[Settings], MainWindow],
        monkeypatch: pytest.MonkeyPatch) -> None:
    cid = seed_consultation(practice, PASSPHRASE, KDF_ITER, DOCTOR, PASSWORD)
    window = make_window(practice)
    review = open_review(qtbot, window, cid)
    assert not review.play_button.isEnabled()
    played: list[tuple[int, tuple[str, ...]]] = []
    monkeypatch.setattr(window.ctx.app.consultations, "play_evidence",
                        lambda _session, c, ids: played.append((c, tuple(ids))) or 1.5)
    review.editor.setCurrentCell(review.editor.statement_rows()[2], 0)
    assert review.play_button.isEnabled()
    review.play_button.click()
    qtbot.waitUntil(lambda: played != [])
    wait_idle(qtbot, window)
    assert played == [(cid, ("s0003",))]
    assert review.status.text() == "Spiller av 1.5 s."
