"""The documents beside the note on the review screen: one tab per document the visit calls
for (henvisning, sykmelding), and always the summary for the patient.

Each tab works like the note: fields as headings with their statements, each editable and
its evidence one click away in the transcript; a field the conversation did not cover is
shown empty, «fylles ut av legen»; flagged statements need their tick; the document has its
own approval (password again) and its own export, enabled only when it is approved and the
approval holds. An approved document is read-only until «Ny versjon». All reading and writing
runs in :mod:`ui.operations.documents` on the task runner; only a doctor's session loads
documents (the store refuses everyone else too).
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication, QKeySequence, QPainter
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from scribe.documents.model import EXTRACTED, Document, DocumentKind
from scribe.domain import Statement
from scribe.errors import ScribeError
from scribe.export.model import ExportFormat
from scribe.store import DocumentVersion, Role
from ui.context import Context
from ui.format import local_time
from ui.operations import documents as ops
from ui.review.approve_dialog import ApproveDialog
from ui.review.draft_editor import ROLE, DraftEditor

if TYPE_CHECKING:
    from scribe.export.documents import DocumentExport

TAB_LABELS = {DocumentKind.HENVISNING: "Henvisning", DocumentKind.SYKMELDING: "Sykmelding",
              DocumentKind.PASIENT: "Til pasienten"}
BLANK = Qt.ItemDataRole.UserRole + 1  # a field the conversation did not cover
BLANK_TEXT = "fylles ut av legen"
BLANK_TINT = QColor("#fff8e1")
BLANK_INK = QColor("#8a5a00")
EXPORT_TIPS = {False: "Det godkjente dokumentet som tekst",
               True: "Henvisningen som FHIR ServiceRequest (JSON)"}
TEXT_FILTER = "Tekst (*.txt)"
FHIR_FILTER = "FHIR ServiceRequest (*.json)"


class _BlankHint(QStyledItemDelegate):
    """Writes «fylles ut av legen» in an empty field's row until the doctor types there."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        super().paint(painter, option, index)
        if index.column() != 0 or index.data() or not index.data(BLANK):
            return
        painter.save()
        font = QFont(option.font)
        font.setItalic(True)
        painter.setFont(font)
        painter.setPen(BLANK_INK)
        painter.drawText(option.rect.adjusted(6, 0, -6, 0),
                         int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                         f"– {BLANK_TEXT} –")
        painter.restore()


class DocumentEditor(DraftEditor):
    """The note's editor over a document: a heading per field, its statements below."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHorizontalHeaderLabels(["Felt og tekst", "Kontroll"])
        self.setItemDelegateForColumn(0, _BlankHint(self))
        self.document: Document | None = None

    def set_document(self, document: Document) -> None:
        self.document = document
        self._loading = True
        self.setRowCount(0)
        self._template, self._author = document.template, document.author
        for f in document.fields:
            self._add_heading(f.label)
            for statement in f.statements:
                self._add_statement(statement)
            if f.empty:
                self._add_blank(f.label)
        self.resizeRowsToContents()
        self._loading = False

    def _add_blank(self, label: str) -> None:
        self._add_statement(Statement(""))
        row = self.rowCount() - 1
        item = self.item(row, 0)
        heading = self.item(row - 1, 0)
        assert item is not None and heading is not None
        item.setData(BLANK, True)
        item.setToolTip(f"«{label}» ble ikke nevnt i samtalen: {BLANK_TEXT}.")
        item.setBackground(QBrush(BLANK_TINT))
        heading.setForeground(QBrush(BLANK_INK))

    def blank_fields(self) -> list[str]:
        """Labels of the fields shown empty for the doctor to fill (none typed in yet)."""
        found = []
        for row in range(1, self.rowCount()):
            item, heading = self.item(row, 0), self.item(row - 1, 0)
            if item is not None and heading is not None and item.data(BLANK) \
                    and not item.text().strip():
                found.append(heading.data(ROLE)[1])
        return found

    def field_texts(self) -> dict[str, str]:
        """Each field's text as on screen, one statement a line (key → text)."""
        assert self.document is not None
        sections = self.draft().sections
        assert len(sections) == len(self.document.fields)
        return {f.key: "\n".join(st.text for st in s.statements)
                for f, s in zip(self.document.fields, sections, strict=True)}

    def changed_texts(self) -> dict[str, str]:
        """Only the fields the doctor changed, so the others keep their evidence as they are."""
        assert self.document is not None
        before = {f.key: "\n".join(st.text.strip() for st in f.statements if st.text.strip())
                  for f in self.document.fields}
        return {k: t for k, t in self.field_texts().items() if t != before[k]}


class DocumentApproveDialog(ApproveDialog):
    """The note's approval dialog, worded for one document and naming its empty fields."""

    def __init__(self, parent: QWidget | None, title: str, version: int, empty: list[str],
                 on_behalf_of: str | None = None) -> None:
        super().__init__(parent, version, on_behalf_of)
        self.setWindowTitle("Godkjenn dokumentet")
        lines = [f"Du godkjenner «{title}» slik det står på skjermen."]
        if empty:
            lines.append("Tomme felt (sendes tomme): " + ", ".join(empty) + ".")
        lines.append("Skriv inn passordet ditt for å bekrefte:")
        label = self.findChild(QLabel)
        assert label is not None
        label.setText("\n".join(lines))


def ask_document_password(parent: QWidget | None, title: str, version: int, empty: list[str],
                          *, on_behalf_of: str | None = None) -> str | None:
    """The password, or None when the doctor cancels (as :func:`ask_password`). ``version``:
    the version shown; edits and ticks are stored as new versions before the approval."""
    dialog = DocumentApproveDialog(parent, title, version, empty, on_behalf_of)
    if dialog.exec() != DocumentApproveDialog.DialogCode.Accepted:
        return None
    return dialog.password.text() or None


class DocumentTab(QWidget):
    """One document of one consultation: its newest version, edited, approved, exported."""

    statement_selected = Signal(tuple)  # evidence segment ids
    message = Signal(str)  # a short Norwegian status line

    def __init__(self, ctx: Context, cid: int, kind: DocumentKind, doctor: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.cid, self.kind, self.doctor = ctx, cid, kind, doctor
        self.version: DocumentVersion | None = None
        self.loading = False
        self.gone = False  # set when the consultation is closed; late results are dropped
        self._dirty = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        top = QHBoxLayout()
        self.header = QLabel(self)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.redraft_button = QPushButton("Lag nytt utkast", self)
        self.redraft_button.setToolTip("Lag dokumentet på nytt fra transkripsjonen og det "
                                       "nyeste notatet")
        self.redraft_button.clicked.connect(self.redraft)
        top.addWidget(self.header, 1)
        top.addWidget(self.redraft_button)
        layout.addLayout(top)
        self.editor = DocumentEditor(self)
        layout.addWidget(self.editor, 1)
        layout.addLayout(self._edit_row())
        layout.addLayout(self._export_row())
        self.editor.statement_selected.connect(self.statement_selected.emit)
        self.editor.edited.connect(self._mark_dirty)
        self._update()

    def _edit_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.add_button = QPushButton("Ny setning", self)
        self.delete_button = QPushButton("Slett setning", self)
        self.save_button = QPushButton("Lagre endringer", self)
        self.approve_button = QPushButton("✔ Godkjenn dokument", self)
        self.approve_button.setShortcut(QKeySequence("Ctrl+Return"))
        self.approve_button.setToolTip("Godkjenn dette dokumentet (Ctrl+Enter); notatet og "
                                       "de andre dokumentene godkjennes hver for seg")
        self.approve_button.setStyleSheet("QPushButton:enabled { font-weight: bold; }")
        self.add_button.clicked.connect(self._add_statement)
        self.delete_button.clicked.connect(self._delete_statement)
        self.save_button.clicked.connect(self.save)
        self.approve_button.clicked.connect(self.approve)
        for b in (self.add_button, self.delete_button, self.save_button, self.approve_button):
            row.addWidget(b)
        row.addStretch(1)
        return row

    def _export_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.copy_button = QPushButton("Kopier dokumentet", self)
        self.save_file_button = QPushButton("Lagre som fil …", self)
        self.fhir_button = QPushButton("Lagre FHIR …", self)
        self.fhir_button.setVisible(self.kind is DocumentKind.HENVISNING)
        self.new_version_button = QPushButton("Ny versjon", self)
        self.new_version_button.setToolTip("Rediger et godkjent dokument videre som en ny "
                                           "versjon (den godkjente beholdes)")
        self.copy_button.clicked.connect(self.copy)
        self.save_file_button.clicked.connect(lambda: self._choose_file(ExportFormat.TEXT))
        self.fhir_button.clicked.connect(lambda: self._choose_file(ExportFormat.FHIR))
        self.new_version_button.clicked.connect(self.new_version)
        for b in (self.copy_button, self.save_file_button, self.fhir_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.new_version_button)
        return row

    # --- loading --------------------------------------------------------------------------
    @property
    def title(self) -> str:
        return self.version.document.title if self.version is not None else TAB_LABELS[self.kind]

    def load(self) -> None:
        """The newest version; drafted from the transcript and the note the first time."""
        self.loading = True
        self._update()
        ops.open_document(self.ctx, self.cid, self.kind).success(self._show).failure(
            self._failed).run()

    def _failed(self, exc: BaseException) -> None:
        self.loading = False
        if not self.gone:
            self._update()
            self.ctx.present(exc)

    def _show(self, version: DocumentVersion) -> None:
        self.loading = False
        if self.gone:
            return
        self.version = version
        self.editor.set_document(version.document)
        self._dirty = False
        self._update()
        self.statement_selected.emit(())  # the rows were rebuilt: nothing is selected

    def _after(self, version: DocumentVersion, message: str) -> None:
        self._show(version)
        if not self.gone:
            self.message.emit(message)

    @property
    def approved(self) -> bool:
        return self.version is not None and self.version.approval is not None

    @property
    def exportable(self) -> bool:
        """Approved, and the approval's signature and content still hold."""
        return self.version is not None and self.version.approval_intact

    @property
    def editable(self) -> bool:
        return self.version is not None and not self.approved and not self.loading

    def _update(self) -> None:
        ro = not self.editable
        self.editor.set_read_only(ro, approved=self.exportable)
        for b in (self.add_button, self.delete_button, self.save_button, self.approve_button,
                  self.redraft_button):
            b.setEnabled(not ro)
        self.new_version_button.setEnabled(self.approved and not self.loading)
        for b in (self.copy_button, self.save_file_button, self.fhir_button):
            b.setEnabled(self.exportable)
            b.setToolTip(EXPORT_TIPS[b is self.fhir_button] if self.exportable else
                         "Godkjenn dokumentet før det kan eksporteres.")
        self.header.setText(self._header())

    def _header(self) -> str:
        if self.version is None:
            return f"<b>{TAB_LABELS[self.kind]}</b> · " + (
                "åpner …" if self.loading else "ikke åpnet")
        v = self.version
        parts = [f"<b>{html.escape(v.document.title)}</b>", f"versjon {v.n}"]
        notice = ""
        a = v.approval
        if a is None:
            parts.append("utkast")
            empty = len(self.editor.blank_fields())
            if empty:
                what = "1 tomt felt" if empty == 1 else f"{empty} tomme felt"
                notice = (f"<br><span style='color:{BLANK_INK.name()}'>{what} – {BLANK_TEXT}"
                          "</span>")
        elif not v.approval_intact:
            notice = ("<br><span style='color:#b00020'>godkjenningen kan ikke bekreftes "
                      "(signaturen stemmer ikke): ikke godkjent</span>")
        else:
            behalf = f" på vegne av {html.escape(a.on_behalf_of)}" if a.on_behalf_of else ""
            notice = (f"<br><span style='color:#1b5e20'>godkjent av {html.escape(a.user)}"
                      f"{behalf} {local_time(a.approved_at)} (skrivebeskyttet)</span>")
        if self._dirty:
            parts.append("<span style='color:#a04000'>ulagrede endringer</span>")
        return " · ".join(parts) + notice

    def _mark_dirty(self) -> None:
        self._dirty = True
        self.header.setText(self._header())

    # --- editing --------------------------------------------------------------------------
    def _add_statement(self) -> None:
        if self.editor.currentRow() < 0:
            self.editor.setCurrentCell(0, 0)
        self.editor.insert_after_current()

    def _delete_statement(self) -> None:
        self.editor.delete_current()

    def save(self) -> None:
        if not self.editable:
            return
        texts = self.editor.changed_texts()
        if not texts:
            self.message.emit("Ingen endringer å lagre i dokumentet.")
            return
        ops.save_texts(self.ctx, self.cid, self.kind, texts).success(
            lambda v: self._after(v, f"{v.document.title}: lagret som versjon {v.n}.")).run()

    def redraft(self) -> None:
        if not self.editable:
            return
        assert self.version is not None
        if self._dirty or self.version.document.author != EXTRACTED:
            answer = QMessageBox.question(
                self, "Lag nytt utkast",
                "Et nytt utkast erstatter endringene dine i dokumentet (tidligere versjoner "
                "beholdes). Vil du fortsette?")
            if answer != QMessageBox.StandardButton.Yes:
                return
        ops.redraft(self.ctx, self.cid, self.kind).success(
            lambda v: self._after(v, f"{v.document.title}: nytt utkast, versjon {v.n}.")).run()

    def new_version(self) -> None:
        if not self.approved or self.loading:
            return
        ops.save_texts(self.ctx, self.cid, self.kind, {}).success(
            lambda v: self._after(v, f"{v.document.title}: versjon {v.n} kan redigeres.")).run()

    # --- approval -------------------------------------------------------------------------
    def approve(self) -> None:
        if not self.editable:
            return
        assert self.version is not None
        missing = self.editor.unacknowledged()
        if missing:
            self.ctx.present(ScribeError(
                f"{missing} merkede setninger i dokumentet er ikke kontrollert.",
                "Les hver merkede setning mot transkripsjonen, rett den eller slett den, "
                "og kryss av i «Kontroll» før du godkjenner."))
            return
        on_behalf = self.ctx.require_session().user.name != self.doctor
        password = ask_document_password(self, self.title, self.version.n,
                                         self.editor.blank_fields(),
                                         on_behalf_of=self.doctor if on_behalf else None)
        if password is not None:
            self.approve_with(password, on_behalf=on_behalf)

    def approve_with(self, password: str, *, on_behalf: bool = False) -> None:
        """Saves what is on screen (if changed) and approves it."""
        def failed(exc: BaseException) -> None:
            self.ctx.present(exc)
            if not self.gone:
                self.load()  # the edits may have been stored as a new version first
        ops.approve(self.ctx, self.cid, self.kind, password, self.editor.changed_texts(),
                    on_behalf=on_behalf).success(lambda v: self._after(
                        v, f"{v.document.title}, versjon {v.n}, er godkjent og kan "
                           "eksporteres.")).failure(failed).run()

    # --- export ---------------------------------------------------------------------------
    def copy(self) -> None:
        if not self.exportable:
            return

        def copied(result: DocumentExport) -> None:
            QGuiApplication.clipboard().setText(result.content)
            self.message.emit(f"{self.title} er kopiert.")
        ops.copy_document(self.ctx, self.cid, self.kind).success(copied).run()

    def _choose_file(self, fmt: ExportFormat) -> None:
        suffix, pattern = ((".fhir.json", FHIR_FILTER) if fmt is ExportFormat.FHIR
                           else (".txt", TEXT_FILTER))
        n = self.version.n if self.version is not None else 0
        name = f"{self.kind.value}-{self.cid}-v{n}{suffix}"
        path, _ = QFileDialog.getSaveFileName(self, f"Lagre {self.title.lower()}", name,
                                              pattern)
        if path:
            self.save_to(Path(path), fmt)

    def save_to(self, path: Path, fmt: ExportFormat = ExportFormat.TEXT) -> None:
        if self.exportable:
            ops.save_document(self.ctx, self.cid, self.kind, path, fmt).success(
                lambda r: self.message.emit(f"Lagret i {r.destination}.")).run()


class DocumentTabs(QTabWidget):
    """The note's tab first, then a tab per document of the consultation shown."""

    statement_selected = Signal(tuple)  # evidence segment ids
    message = Signal(str)

    def __init__(self, ctx: Context, note: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.cid: int | None = None
        self.addTab(note, "Journalnotat")
        self.currentChanged.connect(self._tab_chosen)

    def documents(self) -> list[DocumentTab]:
        return [w for i in range(self.count()) if isinstance(w := self.widget(i), DocumentTab)]

    def kinds(self) -> list[DocumentKind]:
        return [t.kind for t in self.documents()]

    def tab(self, kind: DocumentKind) -> DocumentTab | None:
        return next((t for t in self.documents() if t.kind is kind), None)

    def show_consultation(self, cid: int, doctor: str, *, has_note: bool) -> None:
        """The documents of ``cid``: tabs kept while the same consultation is shown again,
        new ones added when the visit now calls for more. Doctors only."""
        session = self.ctx.session
        if cid != self.cid:
            self.clear_documents()
            self.cid = cid
        if session is None or session.user.role is not Role.LEGE or not has_note:
            return
        ops.applicable(self.ctx, cid).success(
            lambda kinds: self._add(cid, doctor, kinds)).run()

    def clear_documents(self) -> None:
        self.cid = None
        for tab in self.documents():
            tab.gone = True
            self.removeTab(self.indexOf(tab))
            tab.setParent(None)  # freed when no job holds it any more

    def _add(self, cid: int, doctor: str, kinds: tuple[DocumentKind, ...]) -> None:
        if cid != self.cid:
            return
        for kind in kinds:
            if self.tab(kind) is None:
                tab = DocumentTab(self.ctx, cid, kind, doctor, self)
                tab.statement_selected.connect(self.statement_selected.emit)
                tab.message.connect(self.message.emit)
                self.addTab(tab, TAB_LABELS[kind])
        current = self.currentWidget()
        if isinstance(current, DocumentTab) and current.version is None and not current.loading:
            current.load()

    def _tab_chosen(self, index: int) -> None:
        tab = self.widget(index)
        if isinstance(tab, DocumentTab) and tab.version is None and not tab.loading:
            tab.load()
        self.statement_selected.emit(())  # the other tab's evidence is no longer selected
