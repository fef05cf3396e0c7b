"""The review screen: draft ↔ evidence, transcript, ICPC-2, takster, approval and export.

All reading and writing goes through the Consultations service, in operations on the task
runner; this module only arranges the panels and keeps track of what the doctor changed.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from scribe.consultation import LABELS, Edits, Opened, ProcessResult
from scribe.domain import Segment
from scribe.errors import ScribeError
from scribe.progress import CancelToken
from scribe.store import Approval, DraftVersion
from ui.context import Context
from ui.format import CONTACT_LABELS, SEX_LABELS, local_time
from ui.operations import consultation as ops
from ui.review.approve_dialog import ask_password
from ui.review.documents_tab import DocumentTabs
from ui.review.draft_editor import DraftEditor
from ui.review.export_bar import ExportBar
from ui.review.icpc_panel import IcpcPanel
from ui.review.takst_panel import TakstPanel
from ui.review.transcript_editor import TranscriptEditor
from ui.transcript_view import TranscriptView
from ui.widgets import ProgressLine

if TYPE_CHECKING:
    from scribe.coding.reference import Reference
    from scribe.consultation.ranking import PendingRanking, Ranked


class ReviewPage(QWidget):
    changed = Signal(int)  # consultation id whose status or version changed

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loaded: Opened | None = None
        self.reference: Reference | None = None
        self._dirty = False
        self._job_cancel: CancelToken | None = None
        self._codes_touched = False  # the doctor changed codes since they were shown
        self._rank_cancel: CancelToken | None = None
        self._build()

    # --- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.header = QLabel(self)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        top.addWidget(self.header, 1)
        top.addWidget(QLabel("Versjon:", self))
        self.versions = QComboBox(self)
        self.versions.setToolTip("Tidligere versjoner vises skrivebeskyttet.")
        self.versions.activated.connect(self._version_chosen)
        top.addWidget(self.versions)
        layout.addLayout(top)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.documents = DocumentTabs(self.ctx, self._draft_column(), self)  # note + documents
        splitter.addWidget(self.documents)
        splitter.addWidget(self._transcript_column())
        codes = QSplitter(Qt.Orientation.Vertical, self)
        icpc_box = QWidget(codes)
        icpc_col = QVBoxLayout(icpc_box)
        icpc_col.setContentsMargins(0, 0, 0, 0)
        self.icpc = IcpcPanel(self._search, icpc_box)
        self.codes_progress = ProgressLine(icpc_box)  # the model's ranking, after the note
        icpc_col.addWidget(self.icpc, 1)
        icpc_col.addWidget(self.codes_progress)
        self.takster = TakstPanel(codes)
        codes.addWidget(icpc_box)
        codes.addWidget(self.takster)
        splitter.addWidget(codes)
        splitter.setSizes([520, 380, 520])
        layout.addWidget(splitter, 1)
        self.progress = ProgressLine(self)
        layout.addWidget(self.progress)
        bottom = QHBoxLayout()
        self.export_bar = ExportBar(self.ctx, self)
        self.status = QLabel(self)
        bottom.addWidget(self.export_bar)
        bottom.addWidget(self.status, 1)
        layout.addLayout(bottom)
        self.export_bar.exported.connect(self.status.setText)
        self.progress.cancel_requested.connect(self._cancel)
        self.codes_progress.cancel_requested.connect(
            lambda: self._rank_cancel.cancel() if self._rank_cancel is not None else None)
        self.editor.statement_selected.connect(self.transcript.highlight)
        self.editor.statement_selected.connect(self._evidence_chosen)
        self.documents.statement_selected.connect(self.transcript.highlight)
        self.documents.statement_selected.connect(self._evidence_chosen)
        self.documents.message.connect(self.status.setText)
        self.documents.currentChanged.connect(  # the note's export row is for the note
            lambda i: self.export_bar.setVisible(i == 0))
        self.icpc.evidence_selected.connect(self.transcript.highlight)
        self.takster.evidence_selected.connect(self.transcript.highlight)
        self.editor.edited.connect(self._mark_dirty)
        self.icpc.changed.connect(self._mark_dirty)
        self.icpc.changed.connect(self._touch_codes)
        self.takster.changed.connect(self._mark_dirty)

    def _draft_column(self) -> QWidget:
        box = QWidget(self)
        col = QVBoxLayout(box)
        col.setContentsMargins(0, 0, 0, 0)
        self.drugs_unavailable = QLabel("", box)  # no drug list: said, never a dialog
        self.drugs_unavailable.setWordWrap(True)
        self.drugs_unavailable.setVisible(False)
        col.addWidget(self.drugs_unavailable)
        self.editor = DraftEditor(box)
        col.addWidget(self.editor, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton("Ny setning", box)
        self.add_button.clicked.connect(self.editor.insert_after_current)
        self.delete_button = QPushButton("Slett setning", box)
        self.save_button = QPushButton("Lagre endringer", box)
        self.approve_button = QPushButton("✔ Godkjenn", box)
        self.approve_button.setShortcut(QKeySequence("Ctrl+Return"))
        self.approve_button.setToolTip("Godkjenn notat, diagnoser og takster (Ctrl+Enter)")
        self.approve_button.setStyleSheet("QPushButton:enabled { font-weight: bold; }")
        self.new_version_button = QPushButton("Ny versjon", box)
        self.delete_button.clicked.connect(self.editor.delete_current)
        self.save_button.clicked.connect(lambda: self.save())
        self.approve_button.clicked.connect(self.approve)
        self.new_version_button.clicked.connect(self.new_version)
        for b in (self.add_button, self.delete_button, self.save_button, self.approve_button,
                  self.new_version_button):
            row.addWidget(b)
        row.addStretch(1)
        col.addLayout(row)
        return box

    def _transcript_column(self) -> QWidget:
        box = QWidget(self)
        col = QVBoxLayout(box)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(QLabel("<b>Transkripsjon</b> — blått: kilden til valgt setning; "
                             "gult: usikre ord", box))
        self.transcript = TranscriptView(box)
        col.addWidget(self.transcript, 1)
        row = QHBoxLayout()
        self.edit_transcript_button = QPushButton("Rediger transkripsjon …", box)
        self.redraft_button = QPushButton("Lag utkast på nytt", box)
        self.edit_transcript_button.clicked.connect(self.edit_transcript)
        self.redraft_button.clicked.connect(self.redraft)
        self.play_button = QPushButton("▶ Spill av kilden", box)
        self.play_button.setToolTip("Spill av lyden bak valgt setning")
        self.play_button.setEnabled(False)
        self.play_button.clicked.connect(self.play_evidence)
        self._evidence: tuple[str, ...] = ()
        row.addWidget(self.play_button)
        row.addWidget(self.edit_transcript_button)
        row.addWidget(self.redraft_button)
        row.addStretch(1)
        col.addLayout(row)
        return box

    # --- loading --------------------------------------------------------------------------
    def load(self, cid: int, *, version_n: int | None = None,
             then: Callable[[], None] | None = None) -> None:
        def done(loaded: Opened) -> None:
            self._show(loaded)
            if then is not None:
                then()
        ops.open_consultation(self.ctx, cid, version_n).success(done).run()
        if self.reference is None:
            ops.load_reference(self.ctx).success(self._reference_loaded).failure(
                self._reference_missing).run()
        ops.drugs_missing(self.ctx).success(self._drugs_checked).run()

    def _reference_loaded(self, ref: Reference) -> None:
        self.reference = ref
        self.takster.set_reference(ref)
        self.icpc.set_codes_unavailable(None)

    def _reference_missing(self, exc: BaseException) -> None:
        """No code lists: the note can still be edited and approved; the ICPC-2 panel says
        why there are no codes and how to import them, without a dialog."""
        if not isinstance(exc, ScribeError):
            self.ctx.present(exc)
            return
        self.icpc.set_codes_unavailable(exc.show())

    def _drugs_checked(self, missing: ScribeError | None) -> None:
        """No drug list: the note is drafted all the same; above it, why its drugs, doses
        and prescriptions are unchecked and how to import the list."""
        self.drugs_unavailable.setText(missing.show() if missing is not None else "")
        self.drugs_unavailable.setHidden(missing is None)

    def _show(self, loaded: Opened) -> None:
        self.loaded = loaded
        version = loaded.version
        self.transcript.set_segments(loaded.segments)
        if version is not None:
            self.editor.set_draft(version.draft)
            self.icpc.set_codes(version.codes)
            self.takster.set_lines(version.takster)
        else:
            self.editor.setRowCount(0)
            self.icpc.set_codes(())
            self.takster.set_lines(())
        self.takster.profile = self.ctx.app.profile
        self._dirty = False
        self._codes_touched = False
        self.versions.clear()
        for n in range(1, (loaded.info.latest_version or 0) + 1):
            self.versions.addItem(str(n), n)
        if version is not None:
            self.versions.setCurrentIndex(self.versions.findData(version.n))
        self._update_header()
        self._update_enabled()
        self.documents.show_consultation(loaded.info.id, loaded.info.doctor,
                                         has_note=version is not None)

    def _version_chosen(self, index: int) -> None:
        n = self.versions.itemData(index)
        if self.loaded is not None and n is not None:
            self.load(self.loaded.info.id, version_n=int(n))

    def _update_header(self) -> None:
        if self.loaded is None:
            return
        info, version = self.loaded.info, self.loaded.version
        parts = [f"<b>Konsultasjon {info.id}</b>", local_time(info.started_at), info.doctor,
                 CONTACT_LABELS[info.contact_type], f"status: {LABELS[info.status]}"]
        if info.patient_sex is not None:
            parts.insert(4, SEX_LABELS[info.patient_sex].lower())
        if version is not None:
            parts.append(f"versjon {version.n}")
            if not self.loaded.latest:
                parts.append("<span style='color:#555'>eldre versjon (skrivebeskyttet)</span>")
            if version.approval is not None:
                parts.append(_approval_label(version))
        if self._dirty:
            parts.append("<span style='color:#a04000'>ulagrede endringer</span>")
        warnings = "".join(f"<br><span style='color:#b00020'>Advarsel: {html.escape(w)}</span>"
                           for w in self.loaded.tamper_warnings)
        self.header.setText(" · ".join(parts) + warnings)

    @property
    def approved(self) -> bool:
        version = self.loaded.version if self.loaded else None
        return version is not None and version.approved

    @property
    def editable(self) -> bool:
        """A draft exists, it is the newest version, and it is not approved."""
        loaded = self.loaded
        return (loaded is not None and loaded.version is not None and loaded.latest
                and not self.approved)

    def _update_enabled(self) -> None:
        loaded = self.loaded
        latest = loaded is not None and loaded.latest
        ro = not self.editable
        self.editor.set_read_only(ro, approved=self.approved)
        self.icpc.set_read_only(ro)
        self.takster.set_read_only(ro)
        self.delete_button.setEnabled(not ro)
        self.add_button.setEnabled(not ro)
        self.save_button.setEnabled(not ro)
        self.approve_button.setEnabled(not ro)
        self.new_version_button.setEnabled(self.approved and latest)
        open_ = loaded is not None and latest and not self.approved
        self.edit_transcript_button.setEnabled(open_)
        self.redraft_button.setEnabled(open_)
        sections = [s.name for s in self.editor.draft().sections if s.statements]
        extra = [n for n, items in (("Diagnose", self.icpc.codes()),
                                    ("Takster", self.takster.lines()))
                 if any(i.status == "accepted" for i in items)]
        intact = loaded is not None and loaded.version is not None and (
            loaded.version.approval_intact)
        cid = loaded.info.id if loaded is not None and intact and latest else None
        self.export_bar.set_target(cid, sections + extra)

    def _mark_dirty(self) -> None:
        self._dirty = True
        self._update_header()

    # --- saving and approval --------------------------------------------------------------
    def _edits(self) -> Edits:
        """What the doctor has on screen, edited from the version shown (the service decides
        whether it makes a new version)."""
        assert self.loaded is not None and self.loaded.version is not None
        return Edits(self.loaded.version, self.editor.draft(), tuple(self.icpc.codes()),
                     tuple(self.takster.lines()))

    def save(self, then: Callable[[], None] | None = None) -> None:
        if self.loaded is None or not self.editable:
            return
        cid = self.loaded.info.id
        ops.save_edits(self.ctx, cid, self._edits()).success(
            lambda n: self._after(cid, f"Lagret som versjon {n}.", then)).run()

    def approve(self) -> None:
        if self.loaded is None or self.loaded.version is None or not self.editable:
            return
        missing = self.editor.unacknowledged()
        if missing:
            self.ctx.present(ScribeError(
                f"{missing} merkede setninger er ikke kontrollert.",
                "Les hver merkede setning mot transkripsjonen, rett den eller slett den, "
                "og kryss av i «Kontroll» før du godkjenner."))
            return
        doctor = self.loaded.info.doctor
        on_behalf = self.ctx.require_session().user.name != doctor
        password = (ask_password(self, self.loaded.version.n, on_behalf_of=doctor) if on_behalf
                    else ask_password(self, self.loaded.version.n))
        if password is None:
            return
        self.approve_with(password, on_behalf=on_behalf)

    def approve_with(self, password: str, *, on_behalf: bool = False) -> None:
        assert self.loaded is not None
        cid = self.loaded.info.id

        def approved(approval: Approval) -> None:
            self._after(cid, f"Versjon {approval.version} er godkjent og kan eksporteres.")
        ops.approve(self.ctx, cid, password, self._edits(), on_behalf=on_behalf).success(
            approved).run()

    def _evidence_chosen(self, ids: tuple[str, ...]) -> None:
        self._evidence = tuple(ids)
        self.play_button.setEnabled(bool(ids) and self.loaded is not None)

    def play_evidence(self) -> None:
        """Plays the stretch of the recording the selected statement cites (off the GUI
        thread: reading the audio is a database call)."""
        if self.loaded is None or not self._evidence:
            return
        ops.play_evidence(self.ctx, self.loaded.info.id, self._evidence).success(
            lambda s: self.status.setText(f"Spiller av {s:.1f} s.")).run()

    def new_version(self) -> None:
        if self.loaded is None or not self.approved or not self.loaded.latest:
            return
        cid = self.loaded.info.id
        ops.new_version(self.ctx, cid).success(
            lambda n: self._after(cid, f"Versjon {n} kan redigeres.")).run()

    def _after(self, cid: int, message: str, then: Callable[[], None] | None = None) -> None:
        self.status.setText(message)
        self.changed.emit(cid)
        self.load(cid, then=then)

    # --- transcript and redraft -----------------------------------------------------------
    def edit_transcript(self) -> None:
        if self.loaded is None:
            return
        dialog = TranscriptEditor(self.transcript.segments, self)
        if dialog.exec():
            self.replace_transcript(dialog.segments())

    def replace_transcript(self, segments: list[Segment]) -> None:
        assert self.loaded is not None
        cid = self.loaded.info.id
        ops.replace_transcript(self.ctx, cid, segments).success(lambda _: self._after(
            cid, "Transkripsjonen er lagret. Trykk «Lag utkast på nytt».")).run()

    def redraft(self) -> None:
        if self.loaded is None or self.approved or not self.loaded.latest:
            return
        cid = self.loaded.info.id
        op = ops.redraft(self.ctx, cid)
        self.progress.begin("Lager utkast på nytt")

        def done(result: ProcessResult) -> None:
            self.progress.end()
            self._after(cid, f"Nytt utkast: versjon {result.version}.")
            if result.ranking is not None:
                self.rank_codes(result.ranking)

        def failed(exc: BaseException) -> None:
            self.progress.end()
            self.ctx.present(exc)
        task = op.success(done).failure(failed).progress(self.progress.update_progress).run()
        self._job_cancel = task.cancel

    def _cancel(self) -> None:
        if self._job_cancel is not None:
            self._job_cancel.cancel()

    # --- the model's ranking of the codes -------------------------------------------------
    def rank_codes(self, pending: PendingRanking) -> None:
        """Runs the model's ranking with its own progress line; the note can be edited and
        approved meanwhile (codes the doctor has changed or approved are kept)."""
        self.codes_progress.begin("Språkmodellen rangerer ICPC-2-kodene")

        def failed(exc: BaseException) -> None:
            self.codes_progress.end()
            self.ctx.present(exc)
        task = ops.rank_codes(self.ctx, pending).success(self._ranked).failure(failed).progress(
            self.codes_progress.update_progress).run()
        self._rank_cancel = task.cancel

    def _ranked(self, ranked: Ranked) -> None:
        self.codes_progress.end()
        loaded = self.loaded
        here = loaded is not None and loaded.info.id == ranked.cid
        if not ranked.applied:
            if here:
                self.status.setText("Språkmodellens kodeforslag ble ikke brukt: kodene var "
                                    "allerede endret eller godkjent.")
            return
        if here and self.editable and not self._codes_touched:
            self.icpc.set_codes(ranked.codes)
            self._update_enabled()
            self.status.setText("Språkmodellen har rangert ICPC-2-kodene.")

    def _touch_codes(self) -> None:
        self._codes_touched = True

    # --- search ---------------------------------------------------------------------------
    def _search(self, text: str, show: Callable[[list[tuple[str, str]]], None]) -> None:
        ops.search_codes(self.ctx, text).success(show).run()


def _approval_label(version: DraftVersion) -> str:
    """«godkjent» only for an approval whose signature holds; a broken one says so."""
    a = version.approval
    assert a is not None
    if not version.approval_intact:
        return ("<span style='color:#b00020'>godkjenningen kan ikke bekreftes "
                "(signaturen stemmer ikke): ikke godkjent</span>")
    return (f"<span style='color:#1b5e20'>godkjent av {html.escape(a.user)} "
            f"{local_time(a.approved_at)} (skrivebeskyttet)</span>")
