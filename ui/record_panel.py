"""The record panel: device, contact type, consent, record / pause / stop, time, level, and
the live transcript. Recording and transcription run in the core; this only drives them."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from scribe.consultation import LiveConsultation, ProcessResult
from scribe.domain import ContactType, Segment, Sex
from scribe.progress import CancelToken
from ui.context import Context
from ui.format import CONTACT_LABELS, SEX_LABELS, clock
from ui.operations import Op
from ui.operations import consultation as ops
from ui.operations.practice import input_devices
from ui.transcript_view import TranscriptView
from ui.widgets import BigButton, LevelMeter, ProgressLine, heading

if TYPE_CHECKING:
    from scribe.audio.capture import AudioBackend, InputDevice

log = logging.getLogger(__name__)

AUDIO_FILTER = "Lydfiler (*.wav *.mp3 *.m4a *.ogg *.flac);;Alle filer (*)"
TRANSCRIPT_FILTER = "Transkripsjoner (*.json);;Alle filer (*)"


class _Bridge(QObject):
    """Carries callbacks from the core's threads to the GUI thread (queued signals)."""

    segment = Signal(object)


class RecordPanel(QWidget):
    finished = Signal(int)  # consultation id, once its draft is stored
    ranking = Signal(object)  # PendingRanking: the model's ranking of the codes, still to run
    started = Signal(int)  # consultation id of a recording that has begun
    discarded = Signal(int)
    recording_changed = Signal(bool)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.live: LiveConsultation | None = None  # while recording
        self.backend_factory: Callable[[], AudioBackend] | None = None  # tests: a FileBackend
        self.paused = False
        self._bridge = _Bridge(self)
        self._bridge.segment.connect(self._on_segment)
        self._ticker = QTimer(self)
        self._ticker.setInterval(200)
        self._ticker.timeout.connect(self._tick)
        self._build()
        self._set_state("idle")

    # --- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Nytt opptak", self))
        form = QFormLayout()
        self.device = QComboBox(self)
        self.device.addItem("Standard inngang", "")
        self.contact = QComboBox(self)
        for kind, label in CONTACT_LABELS.items():
            self.contact.addItem(label, kind.value)
        self.sex = QComboBox(self)
        self.sex.addItem("Ikke oppgitt", "")
        for sex, label in SEX_LABELS.items():
            self.sex.addItem(label, sex.value)
        self.sex.setToolTip("Pasientens kjønn: kodeforslagene utelater koder for det andre "
                            "kjønnet (svangerskap og kvinnelige eller mannlige kjønnsorganer)")
        form.addRow("Lydenhet:", self.device)
        form.addRow("Kontakttype:", self.contact)
        form.addRow("Pasientens kjønn:", self.sex)
        layout.addLayout(form)
        self.consent = QCheckBox("Pasienten er informert om opptaket", self)
        self.consent.toggled.connect(lambda _: self._set_state(self._state))
        layout.addWidget(self.consent)
        layout.addLayout(self._buttons())
        self.elapsed = QLabel("00:00", self)
        font = QFont(self.elapsed.font())
        font.setPointSize(font.pointSize() + 14)
        self.elapsed.setFont(font)
        self.level = LevelMeter(self)
        row = QHBoxLayout()
        row.addWidget(self.elapsed)
        row.addWidget(self.level, 1)
        layout.addLayout(row)
        self.status = QLabel("", self)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.progress = ProgressLine(self)
        self.progress.cancel_requested.connect(self._cancel_job)
        layout.addWidget(self.progress)
        layout.addWidget(QLabel("<b>Transkripsjon</b> (usikre ord er merket gult)", self))
        self.transcript = TranscriptView(self)
        layout.addWidget(self.transcript, 1)
        self._job_cancel: CancelToken | None = None

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.record_button = BigButton("● Ta opp", self)
        self.record_button.setShortcut(QKeySequence("Ctrl+R"))
        self.record_button.setToolTip("Start opptaket (Ctrl+R)")
        self.record_button.setStyleSheet("QPushButton:enabled { color: #b00020; }")
        self.pause_button = BigButton("❚❚ Pause", self)
        self.pause_button.setShortcut(QKeySequence("Ctrl+P"))
        self.pause_button.setToolTip("Pause / fortsett (Ctrl+P)")
        self.stop_button = BigButton("■ Stopp", self)
        self.stop_button.setShortcut(QKeySequence("Ctrl+T"))
        self.stop_button.setToolTip("Stopp og lag utkast (Ctrl+T)")
        self.discard_button = QPushButton("Forkast opptaket", self)
        self.import_button = QPushButton("Importer lydfil …", self)
        self.import_text_button = QPushButton("Importer transkripsjon …", self)
        self.import_text_button.setToolTip("En skrevet samtale som JSON (fra «scribe transcribe "
                                           "--json» eller et evalueringstilfelle)")
        self.record_button.clicked.connect(self.start)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.stop_button.clicked.connect(self.stop)
        self.discard_button.clicked.connect(self.discard)
        self.import_button.clicked.connect(self._choose_file)
        self.import_text_button.clicked.connect(self._choose_transcript)
        for button in (self.record_button, self.pause_button, self.stop_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.discard_button)
        row.addWidget(self.import_button)
        row.addWidget(self.import_text_button)
        return row

    # --- devices --------------------------------------------------------------------------
    def load_devices(self) -> None:
        input_devices(self.ctx).success(self._show_devices).failure(
            lambda _exc: self._show_devices([])).run()

    def _show_devices(self, devices: list[InputDevice]) -> None:
        self.device.clear()
        self.device.addItem("Standard inngang", "")
        for dev in devices:
            self.device.addItem(dev.name, dev.name)
        wanted = self.ctx.settings.audio.device
        index = self.device.findData(wanted)
        self.device.setCurrentIndex(max(0, index))
        if not devices and self.backend_factory is None:
            self.status.setText("Ingen mikrofon funnet. Koble til en mikrofon, eller "
                                "importer en lydfil.")

    # --- state ----------------------------------------------------------------------------
    def _set_state(self, state: str) -> None:
        self._state = state
        idle, live = state == "idle", state in ("recording", "paused")
        self.record_button.setEnabled(idle and self.consent.isChecked())
        self.pause_button.setEnabled(live)
        self.pause_button.setText("▶ Fortsett" if state == "paused" else "❚❚ Pause")
        self.stop_button.setEnabled(live)
        self.discard_button.setEnabled(live)
        self.import_button.setEnabled(idle)
        self.import_text_button.setEnabled(idle)
        self.device.setEnabled(idle)
        self.contact.setEnabled(idle)
        self.sex.setEnabled(idle)
        if idle and not self.consent.isChecked():
            self.status.setText("Kryss av for at pasienten er informert før du starter.")
        self.recording_changed.emit(state != "idle")

    @property
    def state(self) -> str:
        return self._state

    def _contact_type(self) -> ContactType:
        return ContactType(self.contact.currentData() or ContactType.OPPMOTE.value)

    def _patient_sex(self) -> Sex | None:
        return Sex.parse(self.sex.currentData())

    # --- recording ------------------------------------------------------------------------
    def start(self) -> None:
        if self._state != "idle" or not self.consent.isChecked():
            return
        op = ops.start_recording(
            self.ctx, contact=self._contact_type(), sex=self._patient_sex(),
            device=self.device.currentData() or None,
            backend=self.backend_factory() if self.backend_factory else None,
            on_segment=self._bridge.segment.emit)
        self.transcript.clear_segments()
        self._set_state("starting")
        self.status.setText("Starter opptaket …")
        op.success(self._started).failure(self._start_failed).run()

    def _started(self, live: LiveConsultation) -> None:
        self.live = live
        self.paused = False
        self._set_state("recording")
        self.status.setText("Tar opp. Transkripsjonen kommer fortløpende.")
        self._ticker.start()
        self.started.emit(live.cid)

    def _start_failed(self, exc: BaseException) -> None:
        self._set_state("idle")
        self.ctx.present(exc)

    def toggle_pause(self) -> None:
        if self.live is None:
            return
        if self.paused:
            self.live.resume()
            self._set_state("recording")
            self.status.setText("Tar opp.")
        else:
            self.live.pause()
            self._set_state("paused")
            self.status.setText("Pause: ingenting tas opp.")
        self.paused = not self.paused

    def _tick(self) -> None:
        if self.live is None:
            return
        self.elapsed.setText(clock(self.live.seconds))
        recorder = self.live.recorder
        if recorder.ended.is_set() and self._state == "recording":
            self._source_ended(recorder.error)
        self.level.set_dbfs(self.live.level.rms_dbfs)

    def _source_ended(self, error: BaseException | None) -> None:
        """The microphone (or file) stopped delivering: a lost device finishes what we have."""
        if error is None:
            self.status.setText("Lydkilden er ferdig. Trykk «Stopp» for å lage utkastet.")
            return
        self.stop()
        self.ctx.present(error)

    def _on_segment(self, segment: Segment) -> None:
        self.transcript.add_segment(segment)

    def stop(self) -> None:
        if self.live is None or self._state not in ("recording", "paused"):
            return
        op = ops.finish_recording(self.ctx, self.live)
        self._ticker.stop()
        self.level.set_dbfs(-120.0)
        self._set_state("finishing")
        self._run_processing(op)

    def discard(self) -> None:
        if self.live is None:
            return
        answer = QMessageBox.question(self, "Forkast opptaket",
                                      "Vil du forkaste opptaket? Lyd og tekst slettes ikke, "
                                      "men konsultasjonen merkes som forkastet.")
        if answer == QMessageBox.StandardButton.Yes:
            self.discard_now()

    def abandon(self) -> LiveConsultation | None:
        """Forgets the recording and returns it if audio is still coming in (the caller ends
        it); one already being processed is left to its job (cancelled by the runner)."""
        live, self.live = self.live, None
        recording = self._state in ("recording", "paused")
        self._ticker.stop()
        self._set_state("idle")
        return live if recording else None

    def discard_now(self) -> None:
        live = self.abandon()
        if live is not None:
            cid = live.cid
            ops.discard_recording(self.ctx, live).success(
                lambda _: self.discarded.emit(cid)).run()
        self.status.setText("Opptaket er forkastet.")

    # --- import ---------------------------------------------------------------------------
    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Importer lydfil", "", AUDIO_FILTER)
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        op = ops.import_recording(self.ctx, path, self._contact_type(), self._patient_sex())
        self.transcript.clear_segments()
        self._set_state("finishing")
        self._run_processing(op)

    def _choose_transcript(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Importer transkripsjon", "",
                                              TRANSCRIPT_FILTER)
        if path:
            self.import_transcript(Path(path))

    def import_transcript(self, path: Path) -> None:
        """A written transcript: its own contact type if it names one, else the chosen one;
        the chosen patient sex, else the file's own."""
        op = ops.import_transcript(self.ctx, path, None if self._case_has_contact(path)
                                   else self._contact_type(), self._patient_sex())
        self.transcript.clear_segments()
        self._set_state("finishing")
        self._run_processing(op)

    @staticmethod
    def _case_has_contact(path: Path) -> bool:
        from scribe.text.transcripts import TranscriptFileError, load_json

        try:
            data = load_json(path)
        except TranscriptFileError:
            return False  # the import itself says what is wrong
        return isinstance(data, dict) and "contact" in data

    # --- processing -----------------------------------------------------------------------
    def _run_processing(self, op: Op[ProcessResult]) -> None:
        self.progress.begin(op.label)
        self.status.setText("")
        task = op.success(self._processed).failure(self._processing_failed).progress(
            self.progress.update_progress).run()
        self._job_cancel = task.cancel

    def _cancel_job(self) -> None:
        if self._job_cancel is not None:
            self._job_cancel.cancel()
            self.progress.cancel.setEnabled(False)

    def _processed(self, result: ProcessResult) -> None:
        self.progress.end()
        self.live = None
        self._job_cancel = None
        self._set_state("idle")
        self.consent.setChecked(False)
        self.sex.setCurrentIndex(0)  # the next patient's sex is chosen anew
        self.elapsed.setText("00:00")
        self.status.setText("Utkastet er klart.")
        self.finished.emit(result.cid)
        if result.ranking is not None:
            self.ranking.emit(result.ranking)

    def _processing_failed(self, exc: BaseException) -> None:
        self.progress.end()
        self.live = None
        self._job_cancel = None
        self._set_state("idle")
        self.status.setText("Behandlingen ble avbrutt. Lyden er lagret.")
        self.ctx.present(exc)
