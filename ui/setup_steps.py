"""Two steps of the first run (also in Innstillinger): the code lists and the model packs.

Code lists: the practice imports its own official files (ICPC-2 from FinnKode, Helfo's takst
table, optionally the termsett); the step says where each is published. Until they are in,
notes are drafted without codes. Model packs: installed from a folder of packs (beside the
installer, a USB stick), or downloaded once from the registry in the pack's manifest — only
after the user has said yes to what, how much and from where. Both run on the task runner,
through :class:`OneJob`, which the model tab in Innstillinger uses too.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from scribe.coding.importers import OFFICIAL_SOURCES
from scribe.config import reference_store
from scribe.models import BESIDE_INSTALLER, default_pack_folder
from ui.context import Context
from ui.operations import Op
from ui.operations.practice import download_models, import_code_lists, install_models_from
from ui.tasks import Task
from ui.widgets import ProgressLine, heading

T = TypeVar("T")
CODE_FILES = "Kodeverk og legemiddelliste (*.json *.xml *.xlsx *.csv)"
_OK, _MISSING = "color: #1b5e20", "color: #b00020"


def _wrapped(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    return label


class OneJob:
    """One job at a time on the task runner for a page: its progress, with «Avbryt», on
    ``progress`` and its outcome on ``message`` (an error goes to the one presenter).
    ``ended`` runs when a job ends, either way, before the message is shown."""

    def __init__(self, ctx: Context, progress: ProgressLine, message: QLabel,
                 ended: Callable[[], None]) -> None:
        self.ctx, self.progress, self.message = ctx, progress, message
        self._ended = ended
        self._task: Task | None = None
        progress.cancel_requested.connect(self.cancel)

    @property
    def busy(self) -> bool:
        return self._task is not None

    def run(self, op: Op[T], done: str | Callable[[T], str]) -> None:
        """Starts ``op`` unless a job runs; ``done`` is the message (or makes it from the
        result)."""
        if self._task is not None:
            return
        self.progress.begin(op.label)
        self.message.setText("")

        def ok(result: T) -> None:
            self._end()
            self.message.setText(done(result) if callable(done) else done)

        def failed(exc: BaseException) -> None:
            self._end()
            self.ctx.present(exc)

        self._task = op.success(ok).failure(failed).progress(self.progress.update_progress).run()

    def _end(self) -> None:
        self._task = None
        self.progress.end()
        self._ended()

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel.cancel()


def ask_pack_folder(parent: QWidget) -> Path | None:
    """The folder of model packs the user picks (starting beside the installer), or None."""
    start = default_pack_folder() or Path.home()
    name = QFileDialog.getExistingDirectory(parent, "Velg mappen med modellpakkene", str(start))
    return Path(name) if name else None


def ask_yes(parent: QWidget, title: str, question: str) -> bool:
    """A yes/no question whose default is no: nothing is downloaded on a stray Enter."""
    answer = QMessageBox.question(parent, title, question,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


class _Step(QWidget):
    """A heading, an explanation, a status line, buttons, progress with cancel; one job at
    a time. ``changed`` is emitted after a job has changed what is installed."""

    changed = Signal()

    def __init__(self, ctx: Context, title: str, intro: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(heading(title, self, size=3))
        self.layout_.addWidget(_wrapped(intro, self))
        self.body = QVBoxLayout()
        self.layout_.addLayout(self.body)
        self.status = _wrapped("", self)
        self.layout_.addWidget(self.status)
        self.buttons = QHBoxLayout()
        self.layout_.addLayout(self.buttons)
        self.progress = ProgressLine(self)
        self.layout_.addWidget(self.progress)
        self.message = _wrapped("", self)
        self.layout_.addWidget(self.message)
        self.layout_.addStretch(1)
        self.job = OneJob(ctx, self.progress, self.message, self._ended)

    def _button(self, text: str) -> QPushButton:
        button = QPushButton(text, self)
        self.buttons.addWidget(button)
        return button

    @property
    def busy(self) -> bool:
        return self.job.busy

    def _ended(self) -> None:
        self.refresh()
        self.changed.emit()

    def refresh(self) -> None:
        """Shows what is in place now. The base step has nothing of its own to show; each
        step (code lists, model packs) overrides this with its own status."""


class CodeListsStep(_Step):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx, "Kodeverk: ICPC-2 og takster",
            "Scribe foreslår ICPC-2-koder og takster fra de offisielle kodeverkene. De "
            "følger ikke med programmet: praksisen laster ned sine egne, gjeldende filer og "
            "importerer dem her (på nytt hvert år). Til de er importert lager Scribe "
            "journalnotatet som vanlig, men uten kodeforslag.", parent)
        for source in OFFICIAL_SOURCES:
            need = "" if source.required else " (valgfri: bedre søk)"
            self.body.addWidget(_wrapped(
                f"<b>{source.title}</b>{need} — {source.publisher}: {source.where}. "
                f"<i>{source.file}</i>.", self))
        self.body.addWidget(_wrapped(
            "Legemiddellisten (drugs_no.csv, fra FEST, Direktoratet for medisinske produkter, "
            "NLOD) følger med programmet; finner Scribe den ikke, importeres den her. Uten den "
            "kontrolleres ikke legemiddelnavn, doser og resepter i notatet.", self))
        self.import_button = self._button("Importer filer …")
        self.import_button.clicked.connect(self.choose_files)
        self.buttons.addStretch(1)
        self.refresh()

    def imported(self) -> bool:
        root = reference_store(self.ctx.settings.data_dir)
        return all((root / f"{part}.json").is_file() for part in ("icpc2", "takster"))

    def refresh(self) -> None:
        root = reference_store(self.ctx.settings.data_dir)
        parts = [s.title for s in OFFICIAL_SOURCES if (root / f"{s.part}.json").is_file()]
        if self.ctx.settings.lexicon_dir is not None:
            parts.append("legemiddellisten")
        if self.imported():
            self.status.setText("Importert: " + ", ".join(parts) + ".")
            self.status.setStyleSheet(_OK)
        else:
            self.status.setText("Ikke importert ennå: notater lages uten ICPC-2-koder og "
                                "takster." + (f" (Importert: {', '.join(parts)}.)"
                                              if parts else ""))
            self.status.setStyleSheet(_MISSING)

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "Velg kodeverkfilene", str(Path.home()),
                                                CODE_FILES)
        if names:
            self.import_files([Path(n) for n in names])

    def import_files(self, paths: list[Path]) -> None:
        self.job.run(import_code_lists(self.ctx, paths),
                     lambda editions: f"{len(editions)} fil(er) importert.")


class ModelPacksStep(_Step):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx, "Modellpakker",
            "Talemodellen (og eventuelt en språkmodell) installeres i brukerens modellmappe "
            "og kontrolleres med sha256 mot pakkebeskrivelsen. Installer fra en mappe med "
            f"pakkene (for eksempel «{BESIDE_INSTALLER}» ved siden av installasjonsfilen, "
            "eller en minnepinne), eller last dem ned én gang. Scribe laster aldri ned noe "
            "uten at du har sagt ja.", parent)
        self.packs = _wrapped("", self)
        self.body.addWidget(self.packs)
        self.folder_button = self._button("Installer fra mappe …")
        self.download_button = self._button("Last ned …")
        self.buttons.addStretch(1)
        self.folder_button.clicked.connect(self.choose_folder)
        self.download_button.clicked.connect(self.ask_download)
        self.refresh()

    def wanted(self) -> list[str]:
        """The packs the settings name (speech first), built-in ones only."""
        models = self.ctx.app.models
        s = self.ctx.settings
        ids = dict.fromkeys((s.asr.model, s.llm.model))
        known = {p.id: p for p in models.packs()}
        return [i for i in ids if i in known and not known[i].registered]

    def missing(self) -> list[str]:
        models = self.ctx.app.models
        return [i for i in self.wanted() if not models.status(models.get(i)).installed]

    def refresh(self) -> None:
        models = self.ctx.app.models
        rows = []
        for pack_id in self.wanted():
            pack = models.get(pack_id)
            state = models.status(pack)
            mark = "installert" if state.installed else state.problem
            rows.append(f"<b>{pack.id}</b> — {pack.title}, {pack.size / 1e6:.0f} MB: {mark}")
        self.packs.setText("<br>".join(rows))
        missing = self.missing()
        self.status.setText("Alle pakkene er installert." if not missing else
                            f"Mangler: {', '.join(missing)}.")
        self.status.setStyleSheet(_OK if not missing else _MISSING)
        self.download_button.setEnabled(bool(missing))

    def choose_folder(self) -> None:
        folder = ask_pack_folder(self)
        if folder is not None:
            self.install_from(folder)

    def install_from(self, folder: Path) -> None:
        self.job.run(install_models_from(self.ctx, folder),
                     lambda ids: f"Installert og kontrollert: {', '.join(ids)}.")

    def download_question(self) -> str:
        """What the user is asked before anything is downloaded: which, how much, where."""
        models = self.ctx.app.models
        lines, total = [], 0
        for pack_id in self.missing():
            pack = models.get(pack_id)
            total += pack.size
            names = ", ".join(f"{p.name} {p.version}" for p in models.missing_wheels(pack_id))
            lines.append(f"• {pack.id}: {pack.size / 1e6:.0f} MB ({names or 'i mellomlageret'})"
                         f" fra {pack.registry}")
        return ("Scribe vil laste ned disse modellpakkene én gang:\n" + "\n".join(lines)
                + f"\n\nTil sammen om lag {total / 1e6:.0f} MB. Filene kontrolleres med sha256 "
                "før de tas i bruk. Ingen pasientdata sendes. Vil du laste ned nå?")

    def ask_download(self) -> None:
        if not self.missing():
            return
        if ask_yes(self, "Laste ned modellpakker?", self.download_question()):
            self.download(self.missing())

    def download(self, ids: list[str]) -> None:
        """Only after the user's yes (``ask_download``)."""
        self.job.run(download_models(self.ctx, ids),
                     lambda done: f"Lastet ned og kontrollert: {', '.join(done)}.")
