"""The composition root of the core: settings → store, engines and services, built once.

Both front ends build one: the command line (``scribe process``, ``scribe demo``,
``scribe self-test``) and the Qt app (``ui/app.py``, which hands it to the main window). It
holds no Qt and no global state; engines load on first use. The work itself is done by the
services it builds when the practice database is open: :class:`~scribe.consultation.
Consultations`, :class:`~scribe.practice.Users` and the export service.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from scribe.config import Settings, reference_store
from scribe.domain import DoctorProfile
from scribe.errors import ReferenceDataError, StorageLocked
from scribe.models import ModelStore
from scribe.progress import CancelToken, Progress, ProgressCallback, no_progress

if TYPE_CHECKING:
    from scribe.coding.index import CodeIndex
    from scribe.coding.model import Edition
    from scribe.coding.reference import Reference
    from scribe.consultation import Consultations
    from scribe.documents.service import DocumentService
    from scribe.draft.pipeline import Drafter
    from scribe.export.documents import DocumentExporter
    from scribe.export.service import ExportService
    from scribe.llm.api import ChatModel
    from scribe.practice import Users
    from scribe.store.store import Store

log = logging.getLogger(__name__)


class CodeListsMissing(ReferenceDataError):
    """No ICPC-2 or takst table: notes are drafted, codes and takster are not suggested."""

    @classmethod
    def because(cls, cause: ReferenceDataError | None) -> CodeListsMissing:
        """``cause``: why the imported files could not be read; None: none are imported."""
        from scribe.coding.importers import OFFICIAL_SOURCES, import_command

        where = "; ".join(s.describe() for s in OFFICIAL_SOURCES)
        why = ("kodeverket (ICPC-2 og takster) er ikke importert" if cause is None
               else cause.message.rstrip("."))
        return cls(f"Kodeforslag er ikke tilgjengelige: {why}. "
                   "Notatet lages likevel, uten ICPC-2-koder og takster.",
                   f"Last ned praksisens egne offisielle filer – {where} – og kjør: "
                   f"{import_command()} (eller «Importer kodeverk» i Innstillinger).")


class DrugListMissing(ReferenceDataError):
    """No drug list found: notes are drafted, drugs, doses and prescriptions go unchecked."""

    def __init__(self) -> None:
        super().__init__(
            "Fant ingen legemiddelliste. Notatet lages likevel, men uten legemiddellisten: "
            "legemiddelnavn, doser og resepter blir ikke kontrollert.",
            "Importer legemiddellisten som følger med Scribe (drugs_no.csv, bygget fra FEST): "
            "scribe codes import drugs_no.csv (eller «Importer filer …» under «Kodeverk» i "
            "Innstillinger).")


@dataclass(frozen=True)
class _Services:
    """What is built on an open practice database."""

    store: Store
    consultations: Consultations
    users: Users


@dataclass(frozen=True)
class _Documents:
    """The documents' service and exporter, built on one store with one drafter."""

    store: Store
    drafter: Drafter
    service: DocumentService
    exporter: DocumentExporter


@dataclass
class ScribeApp:
    """The core's services for one practice database. Not thread-affine; engines are shared."""

    settings: Settings
    use_llm: bool = True
    _services: _Services | None = None
    _drafter: Drafter | None = None
    _chat: ChatModel | None = None
    _reference: Reference | None = None
    _index: CodeIndex | None = None
    _no_codes: CodeIndex | None = None  # the empty index used while no code lists are in
    _documents: _Documents | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    # --- models ------------------------------------------------------------------------------
    @property
    def models(self) -> ModelStore:
        return ModelStore(self.settings.models_dir)

    # --- the practice database ---------------------------------------------------------------
    def database_exists(self) -> bool:
        return self.settings.db_path.exists()

    def create_practice(self, passphrase: str, *, admin: tuple[str, str],
                        doctor: tuple[str, str, str | None],
                        kdf_iter: int | None = None) -> Store:
        """First run: a new encrypted database with its first admin and doctor."""
        from scribe.store.store import Store

        self.settings.data_dir.mkdir(parents=True, exist_ok=True)
        existed = self.database_exists()
        store = Store.open(self.settings.db_path, passphrase, create=True, kdf_iter=kdf_iter)
        try:
            store.create_user(admin[0], "admin", admin[1])
            admin_session = store.authenticate(admin[0], admin[1])
            store.create_user(doctor[0], "lege", doctor[1], doctor[2], session=admin_session)
            store.logout(admin_session)
        except BaseException:
            store.close()
            if not existed:  # a half-made practice database would lock the first run out
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{self.settings.db_path}{suffix}").unlink(missing_ok=True)
            raise
        return self.adopt(store)

    def update_settings(self, settings: Settings) -> None:
        """New settings; engines built from the old ones are dropped and load again."""
        with self._lock:
            self.settings = settings
            self._drafter = None
            self._chat = None
            self._reference = None
            self._index = None

    def unlock(self, passphrase: str, *, kdf_iter: int | None = None) -> Store:
        """Opens the practice database; a wrong passphrase raises StorageLocked."""
        from scribe.store.store import Store

        if not self.database_exists():
            raise StorageLocked("Det finnes ingen praksisdatabase ennå.",
                                "Opprett den først («scribe init» eller første oppstart).")
        store = Store.open(self.settings.db_path, passphrase, kdf_iter=kdf_iter)
        recovered = store.recover_interrupted()
        if recovered:
            log.warning("%d avbrutte opptak ble gjenopprettet", len(recovered))
        return self.adopt(store)

    def adopt(self, store: Store) -> Store:
        """Builds the services on ``store``, an open practice database (the command line
        opens it with its own prompts); another store opened before is closed."""
        from scribe.consultation import Consultations
        from scribe.practice import Users

        if self._services is not None and self._services.store is not store:
            self.close()
        self._services = _Services(store, Consultations(store, self), Users(store))
        return store

    def _open(self) -> _Services:
        if self._services is None:
            raise StorageLocked("Praksisdatabasen er ikke åpnet.", "Lås opp med passordfrasen.")
        return self._services

    @property
    def store(self) -> Store:
        return self._open().store

    def close(self) -> None:
        if self._services is not None:
            self._services.store.close()
            self._services = None

    # --- engines -----------------------------------------------------------------------------
    @property
    def llm_mode(self) -> str:
        """What the language model does here: "av", "koder" or "utkast" (see LlmSettings)."""
        llm = self.settings.llm
        if not self.use_llm or llm.mode == "av":
            return "av"
        if llm.mode != "auto":
            return llm.mode
        if llm.server_url:
            return "utkast"
        pack = next((p for p in self.models.packs() if p.id == llm.model), None)
        if pack is not None and pack.registered:
            return "utkast"
        # A built-in pack: a test-sized one must not pick diagnoses, and the 1.5 B one ranked
        # the ICPC-2 candidates no better than the rules at ~45 s per consultation (issue 15).
        return "av"

    def chat_model(self) -> ChatModel | None:
        """The language model (loaded once), or None when the mode uses none."""
        if self.llm_mode == "av":
            return None
        with self._lock:
            if self._chat is None:
                from scribe.llm.factory import make_chat_model

                self._chat = make_chat_model(self.settings, self.models)
            return self._chat

    def drafter(self) -> Drafter:
        model = self.chat_model() if self.llm_mode == "utkast" else None
        with self._lock:
            if self._drafter is None:
                from scribe.draft.lexicon import lexicon_for
                from scribe.draft.pipeline import Drafter
                from scribe.draft.render import Templates

                self._drafter = Drafter(lexicon=lexicon_for(self.settings.lexicon_dir),
                                        model=model,
                                        templates=Templates(self.settings.templates_dir),
                                        template=self.settings.template)
            return self._drafter

    def reference(self) -> Reference:
        """The imported code lists (ICPC-2, takster), loaded once."""
        with self._lock:
            if self._reference is None:
                from scribe.coding.reference import ensure_reference

                self._reference = ensure_reference(self.settings.data_dir,
                                                   self.settings.reference_dir)
            return self._reference

    def code_index(self) -> CodeIndex:
        """Free-text search over the ICPC-2 codes and terms, built once from the reference.

        Until the code lists are imported it is an empty index: notes are still drafted,
        with no ICPC-2 codes and no takster (:meth:`codes_missing` says why)."""
        try:
            reference = self.reference()
        except ReferenceDataError as exc:
            log.warning("kodeverket er ikke tilgjengelig: %s", type(exc).__name__)
            return self._empty_index()
        with self._lock:
            if self._index is None or self._index.ref is not reference:
                from scribe.coding.index import CodeIndex

                self._index = CodeIndex(reference)
            return self._index

    def codes_missing(self) -> ReferenceDataError | None:
        """Why there are no codes (the code lists are not imported or cannot be read), with
        where to get the official files and the command that imports them; None when they
        are in."""
        try:
            self.reference()
        except ReferenceDataError as exc:
            root = reference_store(self.settings.data_dir)
            imported = all((root / f"{part}.json").is_file() for part in ("icpc2", "takster"))
            return CodeListsMissing.because(exc if imported else None)
        return None

    def drugs_missing(self) -> ReferenceDataError | None:
        """Why notes are drafted without the drug list (none in ``settings.lexicon_dir``'s
        places), with how to import it; None when one is found."""
        return DrugListMissing() if self.settings.lexicon_dir is None else None

    def import_code_lists(self, paths: Sequence[Path], *,
                          on_progress: ProgressCallback = no_progress) -> list[Edition]:
        """Imports the practice's official files (FinnKode JSON, Helfo XML, termsett xlsx)
        and the drug list (drugs_no.csv) into the data folder; the next code look-up and the
        next draft use them."""
        from scribe.coding.reference import import_file

        editions = []
        for i, path in enumerate(paths):
            on_progress(Progress(i / max(len(paths), 1), f"Importerer {path.name}"))
            editions.append(import_file(path, self.settings.data_dir))
        with self._lock:
            self._reference = None
            self._index = None
            self._drafter = None  # its lexicon may be the one just imported
        on_progress(Progress(1.0, "Kodeverket er importert"))
        return editions

    def _empty_index(self) -> CodeIndex:
        from scribe.coding.index import CodeIndex
        from scribe.coding.reference import Reference

        with self._lock:
            if self._no_codes is None:
                self._no_codes = CodeIndex(Reference(codes={}, terms={}, takster={},
                                                     editions={}))
            return self._no_codes

    def warm_up(self, cancel: CancelToken | None = None) -> None:
        """Loads what a recording needs, in the background after login, so that neither
        pressing record nor stop waits for a model: the speech model, the drafter (its rules
        compiled by a first small draft), the code lists and, where it ranks the codes, the
        language model."""
        from scribe.audio.whisper_engine import load_engine
        from scribe.consultation.ranking import RANKING_MODES

        cancel = cancel or CancelToken()
        for load in (lambda: load_engine(self.settings), lambda: self.drafter().warm_up(),
                     self.code_index):
            load()
            cancel.check()
        if self.llm_mode in RANKING_MODES:
            self.chat_model()

    @property
    def profile(self) -> DoctorProfile:
        d = self.settings.doctor
        return DoctorProfile(specialist_allmennmedisin=d.specialist_allmennmedisin, phd=d.phd)

    # --- services ----------------------------------------------------------------------------
    @property
    def consultations(self) -> Consultations:
        return self._open().consultations

    @property
    def users(self) -> Users:
        return self._open().users

    @property
    def exporter(self) -> ExportService:
        from scribe.export.service import ExportService, export_folder

        return ExportService(self.store, folder=export_folder(self.settings))

    @property
    def documents(self) -> DocumentService:
        """Henvisning, sykmelding and the patient's summary on the open store (issue 18)."""
        return self._document_services().service

    @property
    def document_exporter(self) -> DocumentExporter:
        """Export of approved documents, with the documents' own templates."""
        return self._document_services().exporter

    def _document_services(self) -> _Documents:
        """Built once per open store (again after new settings give a new drafter)."""
        store, drafter = self.store, self.drafter()  # drafter() takes the lock itself
        with self._lock:
            built = self._documents
            if built is None or built.store is not store or built.drafter is not drafter:
                from scribe.documents.render import DocumentTemplates
                from scribe.documents.service import DocumentService
                from scribe.export.documents import DocumentExporter

                templates = DocumentTemplates(self.settings.templates_dir)
                built = _Documents(store, drafter,
                                   DocumentService(store, drafter, templates=templates),
                                   DocumentExporter(store, templates=templates))
                self._documents = built
            return built
