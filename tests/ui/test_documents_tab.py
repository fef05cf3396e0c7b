"""The review screen's document tabs (issue 18): a tab per document the visit calls for,
fields with their evidence, empty fields for the doctor to fill, the flag's tick, the
document's own approval with the password, and export only once it is approved.

A real practice database; the visit below is synthetic, written for these tests (a knee
injury with a referral and sick leave), drafted by the extraction drafter without a model.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from conftest import (
    ADMIN,
    DOCTOR,
    KDF_ITER,
    LEDER,
    PASSPHRASE,
    PASSWORD,
    login,
    open_review,
    screenshot,
    wait_idle,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView
from pytestqt.qtbot import QtBot
from seed import seed_consultation

from scribe.app import ScribeApp
from scribe.config import Settings
from scribe.consultation import Status
from scribe.documents.model import DocumentKind
from scribe.domain import CodeSuggestion, ContactType, Flag, Segment, Speaker, Transcript
from scribe.errors import AccessDenied, ExportRefused
from scribe.export.model import ExportFormat
from ui.main_window import MainWindow
from ui.operations import Op
from ui.operations import documents as doc_ops
from ui.review import documents_tab
from ui.review.documents_tab import BLANK, DocumentTab
from ui.review.draft_editor import ROLE
from ui.work_page import WorkPage

H, S, PAS = DocumentKind.HENVISNING, DocumentKind.SYKMELDING, DocumentKind.PASIENT
COLLEAGUE = "Per Kollega"
L, P = Speaker.LEGE, Speaker.PASIENT
KNEE = (
    (P, "Jeg vred kneet da jeg spilte fotball på lørdag, og nå er det hovent."),
    (L, "Har du tatt noe mot smertene?"),
    (P, "Jeg har tatt ibuprofen, og det hjelper litt."),
    (L, "Har du noen allergier?"),
    (P, "Ja, jeg tåler ikke penicillin."),
    (L, "Jeg undersøker kneet nå. Det er hovent, og det er ømt på innsiden av leddet."),
    (L, "Vurderingen min er en mulig skade på det indre leddbåndet i kneet."),
    (P, "Jeg jobber som snekker og står på knærne hele dagen."),
    (L, "Da sykmelder jeg deg femti prosent i fjorten dager, fra i dag. Snakk med lederen din "
        "om oppgaver du kan gjøre sittende."),
    (L, "Jeg henviser deg til ortoped for vurdering av kneet. Er det greit at jeg sender "
        "henvisningen?"),
    (P, "Ja, det er greit."),
    (L, "Hvis kneet låser seg eller du ikke kan støtte på beinet, skal du ringe legevakta."),
    (L, "Vi ses om tre uker hvis det ikke er bedre."),
)
REFERRAL_SEGMENT = "s0010"
CHECK = Flag("weak_support", "Svak støtte i samtalen")


def seed_knee_visit(settings: Settings, *, flag_referral: bool = False) -> int:
    """The knee visit stored with its note and an accepted ICPC-2 code; with
    ``flag_referral`` a stored referral whose «Hva er forsøkt» awaits the doctor's tick."""
    app = ScribeApp(settings, use_llm=False)
    store = app.unlock(PASSPHRASE, kdf_iter=KDF_ITER)
    session = store.authenticate(DOCTOR, PASSWORD)
    cid = store.create_consultation(session, contact_type="oppmote")
    store.set_consent(session, cid, True)
    segments = tuple(Segment(f"s{i + 1:04d}", i * 5.0, i * 5.0 + 4.0, text, who)
                     for i, (who, text) in enumerate(KNEE))
    store.add_segments(cid, segments)
    store.transition(session, cid, Status.TRANSCRIBED)
    draft = app.drafter().draft(Transcript(segments, duration_s=len(KNEE) * 5.0),
                                contact=ContactType.OPPMOTE).draft
    n = store.save_draft(session, cid, draft)
    store.save_coding(session, cid, n, (CodeSuggestion(
        "ICPC-2", "L96", "Akutt indre kneskade", 1, "Mulig leddbåndskade", ("s0007",),
        primary=True, status="accepted"),), ())
    if flag_referral:
        document = app.documents.open(session, cid, H).document
        store.save_document(session, cid, replace(document, fields=tuple(
            replace(f, statements=tuple(replace(st, flags=(CHECK,)) for st in f.statements))
            if f.key == "forsokt" else f for f in document.fields)))
    store.logout(session)
    app.close()
    return cid


@pytest.fixture
def two_doctors(settings: Settings) -> Settings:
    """A practice with two doctors; the second made while the practice is set up, so it
    gets its copy of the clinical key from the store that made it."""
    app = ScribeApp(settings)
    store = app.create_practice(PASSPHRASE, admin=(ADMIN, PASSWORD),
                                doctor=(DOCTOR, PASSWORD, "9144900"), kdf_iter=KDF_ITER)
    store.create_user(COLLEAGUE, "lege", PASSWORD, "9144901",
                      session=store.authenticate(ADMIN, PASSWORD))
    app.close()
    return settings


def open_tab(qtbot: QtBot, window: MainWindow, kind: DocumentKind) -> DocumentTab:
    page = window.role_page
    assert isinstance(page, WorkPage)
    documents = page.review.documents
    qtbot.waitUntil(lambda: documents.tab(kind) is not None)
    tab = documents.tab(kind)
    assert tab is not None
    documents.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.version is not None)
    wait_idle(qtbot, window)
    return tab


def row_of(tab: DocumentTab, text: str) -> int:
    return next(r for r in tab.editor.statement_rows()
                if tab.editor.item(r, 0).text() == text)  # type: ignore[union-attr]


def blank_row_under(tab: DocumentTab, label: str) -> int:
    editor = tab.editor
    heading = next(r for r in range(editor.rowCount())
                   if editor.item(r, 0).data(ROLE) == ("section", label))  # type: ignore[union-attr]
    item = editor.item(heading + 1, 0)
    assert item is not None and item.data(BLANK) and not item.text()
    return heading + 1


def run_op(qtbot: QtBot, op: Op[Any]) -> object:
    """Runs an operation to its end; its result, or the exception it failed with."""
    out: list[object] = []
    op.success(out.append).failure(out.append).run()
    qtbot.waitUntil(lambda: bool(out), timeout=20_000)
    return out[0]


def test_a_referral_is_edited_approved_with_the_password_and_only_then_exported(
        qtbot: QtBot, practice: Settings, make_window: Callable[[Settings], MainWindow],
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    cid = seed_knee_visit(practice, flag_referral=True)
    window = make_window(practice)
    review = open_review(qtbot, window, cid)
    qtbot.waitUntil(lambda: review.documents.kinds() == [H, S, PAS])
    assert [review.documents.tabText(i) for i in range(review.documents.count())] == [
        "Journalnotat", "Henvisning", "Sykmelding", "Til pasienten"]
    tab = open_tab(qtbot, window, H)
    assert tab.version is not None and tab.version.n == 2 and not tab.approved
    assert tab.editor.blank_fields() == [f.label for f in tab.version.document.fields
                                         if f.empty]
    assert tab.editor.blank_fields() == ["Hastegrad"]  # the rest was said in the visit
    assert "Diagnose (ICPC-2)" not in tab.editor.blank_fields()  # from the accepted L96
    assert "1 tomt felt – fylles ut av legen" in tab.header.text()

    # Not approved: nothing to export, and the store refuses it when asked anyway.
    assert not tab.copy_button.isEnabled() and not tab.fhir_button.isEnabled()
    refused = run_op(qtbot, doc_ops.copy_document(window.ctx, cid, H))
    assert isinstance(refused, ExportRefused) and "ikke godkjent" in refused.message

    assert not review.export_bar.isVisible()  # the note's export row is on the note's tab
    tab.editor.setCurrentCell(row_of(tab, "Ortoped."), 0)
    assert review.transcript.evidence_ids == {REFERRAL_SEGMENT}
    assert tab.editor.unacknowledged() == 1
    tab.editor.setCurrentCell(tab.editor.flagged_rows()[0], 0)
    assert review.transcript.evidence_ids == {"s0002", "s0003"}
    screenshot(window, "10_document_henvisning")
    urgency = blank_row_under(tab, "Hastegrad")
    tab.editor.item(urgency, 0).setText("Ikke hastende, innen fire uker.")  # type: ignore[union-attr]
    assert "Hastegrad" not in tab.editor.blank_fields()
    assert "ulagrede endringer" in tab.header.text()

    asked: list[tuple[str, int, list[str], str | None]] = []

    def ask(_parent: object, title: str, n: int, empty: list[str], *,
            on_behalf_of: str | None = None) -> str:
        asked.append((title, n, empty, on_behalf_of))
        return PASSWORD
    monkeypatch.setattr(documents_tab, "ask_document_password", ask)
    tab.approve_button.click()
    assert asked == []  # the flag is not ticked: refused before the password is asked
    assert window.ctx.present.last is not None and "kontrollert" in window.ctx.present.last[0]
    tab.editor.acknowledge_all()
    tab.approve_button.click()
    assert asked == [("Henvisning", 2, [], None)]
    qtbot.waitUntil(lambda: tab.exportable, timeout=20_000)
    wait_idle(qtbot, window)
    version = tab.version
    assert version is not None and version.n == 4  # 3: the edit; 4: the tick, approved
    assert version.approval is not None and version.approval.user == DOCTOR
    assert version.document.text_of("hastegrad") == "Ikke hastende, innen fire uker."
    assert version.document.text_of("mottaker") == "Ortoped."
    assert version.document.unacknowledged_flags() == 0
    assert "godkjent av Kari Lege" in tab.header.text()
    assert tab.editor.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert not tab.approve_button.isEnabled() and not tab.save_button.isEnabled()
    assert tab.new_version_button.isEnabled() and tab.fhir_button.isEnabled()
    assert "versjon 4, er godkjent" in review.status.text()
    screenshot(window, "12_document_approved")

    tab.copy_button.click()
    wait_idle(qtbot, window)
    text = QGuiApplication.clipboard().text()
    assert text.startswith("HENVISNING") and "Ortoped." in text
    assert "Ikke hastende, innen fire uker." in text and "[?" not in text
    assert review.status.text() == "Henvisning er kopiert."
    target = tmp_path / "henvisning.fhir.json"
    tab.save_to(target, ExportFormat.FHIR)
    wait_idle(qtbot, window)
    bundle = json.loads(target.read_text(encoding="utf-8"))
    assert bundle["entry"][0]["resource"]["resourceType"] == "ServiceRequest"
    assert review.approve_button.isEnabled()  # the note is approved on its own

    tab.new_version_button.click()
    qtbot.waitUntil(lambda: tab.version is not None and tab.version.n == 5)
    assert not tab.approved and not tab.copy_button.isEnabled()
    assert tab.approve_button.isEnabled()
    assert tab.version.document.text_of("hastegrad") == "Ikke hastende, innen fire uker."


def test_the_patient_summary_shows_its_fields_and_evidence(
        qtbot: QtBot, practice: Settings, make_window: Callable[[Settings], MainWindow]) -> None:
    cid = seed_knee_visit(practice)
    window = make_window(practice)
    review = open_review(qtbot, window, cid)
    tab = open_tab(qtbot, window, PAS)
    assert tab.version is not None and tab.version.n == 1
    labels = [f.label for f in tab.version.document.fields]
    assert labels[:2] == ["Dette fant vi", "Dette avtalte vi"]
    assert tab.editor.blank_fields() == ["Nye medisiner"]
    assert not tab.fhir_button.isVisible()  # FHIR is for the referral only
    advice = "Hvis kneet låser seg eller du ikke kan støtte på beinet, skal du ringe legevakta."
    tab.editor.setCurrentCell(row_of(tab, advice), 0)
    assert review.transcript.evidence_ids == {"s0012"}
    screenshot(window, "11_document_pasient")


def test_a_visit_without_referral_or_sick_leave_has_only_the_patient_summary(
        qtbot: QtBot, practice: Settings, make_window: Callable[[Settings], MainWindow]) -> None:
    cid = seed_consultation(practice, PASSPHRASE, KDF_ITER, DOCTOR, PASSWORD)
    window = make_window(practice)
    review = open_review(qtbot, window, cid)
    qtbot.waitUntil(lambda: review.documents.kinds() == [PAS])
    assert review.documents.count() == 2


def test_a_colleague_approves_a_document_only_on_behalf_of_the_doctor(
        qtbot: QtBot, two_doctors: Settings, make_window: Callable[[Settings], MainWindow],
        monkeypatch: pytest.MonkeyPatch) -> None:
    cid = seed_knee_visit(two_doctors)
    window = make_window(two_doctors)
    open_review(qtbot, window, cid, user=COLLEAGUE)
    tab = open_tab(qtbot, window, S)
    asked: list[str | None] = []

    def ask(_parent: object, _title: str, _n: int, _empty: list[str], *,
            on_behalf_of: str | None = None) -> str:
        asked.append(on_behalf_of)
        return PASSWORD
    monkeypatch.setattr(documents_tab, "ask_document_password", ask)
    tab.approve_button.click()
    assert asked == [DOCTOR]
    qtbot.waitUntil(lambda: tab.exportable, timeout=20_000)
    approval = tab.version.approval  # type: ignore[union-attr]
    assert approval is not None and approval.user == COLLEAGUE
    assert approval.on_behalf_of == DOCTOR
    assert f"på vegne av {DOCTOR}" in tab.header.text()


def test_the_practice_manager_gets_no_document_text(
        qtbot: QtBot, practice: Settings, make_window: Callable[[Settings], MainWindow]) -> None:
    cid = seed_knee_visit(practice)
    window = make_window(practice)
    login(qtbot, window, LEDER)
    assert window.role_page is not None
    assert window.role_page.findChildren(DocumentTab) == []
    refused = run_op(qtbot, doc_ops.open_document(window.ctx, cid, H))
    assert isinstance(refused, AccessDenied)
