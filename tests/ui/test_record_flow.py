"""The whole day's loop over real tiny models: record (an injected recording, faster than
real time) → segments appear live → stop → draft → accept codes → approve → clipboard.
How long the event loop waits while transcription and drafting run is measured in
``bench/bench_app.py``, not asserted here."""

from __future__ import annotations

import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from conftest import DOCTOR, PASSWORD, SAMPLE, login, screenshot, wait_idle
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from scribe.audio import SAMPLE_RATE
from scribe.audio.capture import BackendEvents, FileBackend, Int16Audio
from scribe.coding.suggestion import is_weak
from scribe.config import Settings
from scribe.errors import AudioError
from ui.main_window import MainWindow
from ui.review import review_page
from ui.work_page import WorkPage

HOLD_S = 30.0  # where the played recording holds until the test lets it go on


class HeldFileBackend(FileBackend):
    """The sample played as a microphone would, holding at ``hold_s`` in a quiet room (digital
    silence, at the playing pace) until ``release`` is set: what the test checks while the
    recording goes on cannot lose a race against the end of the file on a busy machine."""

    def __init__(self, path: Path, *, hold_s: float, speed: float) -> None:
        super().__init__(path, speed=speed)
        self.release = threading.Event()
        self.hold = int(hold_s * SAMPLE_RATE)
        self.quiet_s = 0.1 / speed

    def start(self, events: BackendEvents) -> None:
        super().start(_Holding(self, events))

    def stop(self) -> None:
        self.release.set()
        super().stop()


class _Holding:
    """The events the held backend passes on: after ``hold`` samples, silence until released."""

    def __init__(self, backend: HeldFileBackend, events: BackendEvents) -> None:
        self.backend, self.events, self.sent = backend, events, 0

    def block(self, samples: Int16Audio) -> None:
        self.events.block(samples)
        self.sent += samples.size
        if self.sent >= self.backend.hold:
            silence = np.zeros(SAMPLE_RATE // 10, dtype=np.int16)
            while not self.backend.release.wait(self.backend.quiet_s):
                self.events.block(silence)

    def failed(self, error: AudioError) -> None:
        self.events.failed(error)

    def ended(self) -> None:
        self.events.ended()


def test_record_live_then_draft_accept_approve_and_copy(
        qtbot: QtBot, practice: Settings, make_window: Callable[[Settings], MainWindow],
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    window = make_window(practice)
    login(qtbot, window, DOCTOR)
    page = window.role_page
    assert isinstance(page, WorkPage)
    rec = page.recorder
    backend = HeldFileBackend(SAMPLE, hold_s=HOLD_S, speed=2.0)
    rec.backend_factory = lambda: backend
    arrived_live: list[bool] = []  # per segment: did it arrive while audio still came in?
    rec._bridge.segment.connect(
        lambda _s: arrived_live.append(not rec.live.recorder.ended.is_set()))
    assert not rec.record_button.isEnabled()  # consent first
    rec.consent.setChecked(True)
    assert rec.record_button.isEnabled()

    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)  # «Ta opp»
    qtbot.waitUntil(lambda: rec.state == "recording", timeout=180_000)
    # the pause at the hold ends a piece: its speech is transcribed while the recording goes on
    qtbot.waitUntil(lambda: len(rec.transcript.segments) >= 2, timeout=300_000)
    rec.pause_button.click()
    assert rec.state == "paused" and rec.live.recorder.paused
    qtbot.wait(200)
    rec.pause_button.click()
    assert rec.state == "recording" and not rec.live.recorder.paused
    screenshot(window, "04_recording")
    backend.release.set()
    qtbot.waitUntil(lambda: rec.live.recorder.ended.is_set(), timeout=120_000)
    live_early = sum(arrived_live)
    assert live_early >= 1  # segments appeared while the recording went on
    assert rec.live.seconds > 45  # the whole recording less the short pause
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)  # «Stopp»

    review = page.review
    qtbot.waitUntil(lambda: page.stack.currentWidget() is review and review.loaded is not None
                    and review.loaded.version is not None, timeout=300_000)
    wait_idle(qtbot, window)
    with capsys.disabled():
        print(f"\n[live] {live_early} segments shown before the recording ended, "
              f"{len(review.transcript.segments)} in all")

    assert review.editor.statement_rows()
    assert review.transcript.segments
    review.editor.acknowledge_all()
    review.icpc.accept_all()
    review.takster.accept_all()
    assert all(c.status == "accepted" for c in review.icpc.codes() if not is_weak(c))
    screenshot(window, "05b_review_after_recording")
    monkeypatch.setattr(review_page, "ask_password", lambda _p, _n: PASSWORD)
    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: review.approved, timeout=30_000)
    wait_idle(qtbot, window)
    review.export_bar.copy_all.click()
    wait_idle(qtbot, window)  # the export runs on the task runner
    text = QGuiApplication.clipboard().text()
    sections = review.loaded.version.draft.sections  # type: ignore[union-attr]
    first = next(sec for sec in sections if sec.statements)  # empty sections are left out
    assert text.startswith(f"{first.name}\n{first.statements[0].text}")
    assert window.ctx.app.consultations.info(window.ctx.require_session(),
                                             review.loaded.info.id).status == "exported"  # type: ignore[union-attr]


def test_without_a_microphone_the_doctor_is_told_so(
        qtbot: QtBot, practice: Settings, make_window: Callable[[Settings], MainWindow]) -> None:
    window = make_window(practice)
    login(qtbot, window, DOCTOR)
    page = window.role_page
    assert isinstance(page, WorkPage)
    rec = page.recorder
    if rec.device.count() > 1:
        pytest.skip("this machine has a microphone")
    assert "Ingen mikrofon" in rec.status.text()
    rec.consent.setChecked(True)
    rec.record_button.click()
    wait_idle(qtbot, window, timeout=180_000)
    assert rec.state == "idle"
    assert window.ctx.present.last is not None
    message, hint = window.ctx.present.last
    assert "mikrofon" in (message + hint).lower() or "lyd" in (message + hint).lower()


def test_an_imported_recording_becomes_a_draft_with_progress(
        qtbot: QtBot, practice: Settings, make_window: Callable[[Settings], MainWindow],
        tmp_path: Path) -> None:
    clip = tmp_path / "kort.wav"
    subprocess.run(["sox", str(SAMPLE), str(clip), "trim", "0", "12"], check=True)
    window = make_window(practice)
    login(qtbot, window, DOCTOR)
    page = window.role_page
    assert isinstance(page, WorkPage)
    window.ctx.app.use_llm = False  # the LLM path is covered above; extraction drafts fast
    seen: list[float | None] = []
    window.ctx.runner.progress.connect(lambda _task, p: seen.append(p.fraction))
    page.recorder.import_file(clip)
    assert page.recorder.progress.isVisible()
    qtbot.waitUntil(lambda: page.review.loaded is not None
                    and page.review.loaded.version is not None, timeout=240_000)
    assert seen and max(f for f in seen if f is not None) == 1.0
    assert page.list.ids() == [page.review.loaded.info.id]  # type: ignore[union-attr]


def test_a_recording_is_discarded_and_closing_mid_recording_does_not_hang(
        qtbot: QtBot, practice: Settings, make_window: Callable[[Settings], MainWindow]) -> None:
    window = make_window(practice)
    login(qtbot, window, DOCTOR)
    page = window.role_page
    assert isinstance(page, WorkPage)
    rec = page.recorder
    rec.backend_factory = lambda: FileBackend(SAMPLE, speed=1.0)
    rec.consent.setChecked(True)
    rec.record_button.click()
    qtbot.waitUntil(lambda: rec.state == "recording", timeout=180_000)
    cid = rec.live.cid
    rec.discard_now()
    wait_idle(qtbot, window)
    session = window.ctx.require_session()
    assert window.ctx.app.consultations.info(session, cid).status == "discarded"
    assert cid not in page.list.ids()
    rec.consent.setChecked(True)
    rec.record_button.click()
    qtbot.waitUntil(lambda: rec.state == "recording", timeout=180_000)
    started = time.perf_counter()
    window.shutdown()  # as when the window closes during a recording
    assert time.perf_counter() - started < 30
