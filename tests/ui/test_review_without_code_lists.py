"""Before the practice has imported its code lists the review page still opens the note for
editing and approval; the ICPC-2 panel says why there are no codes and how to import them.
Without a drug list the same: a line above the note says its drugs go unchecked."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from conftest import ADMIN, DOCTOR, KDF_ITER, PASSPHRASE, PASSWORD, REPO, open_review
from pytestqt.qtbot import QtBot

from scribe.app import ScribeApp
from scribe.config import Settings
from ui.main_window import MainWindow
from ui.review.review_page import ReviewPage


def _review(qtbot: QtBot, settings: Settings,
            make_window: Callable[[Settings], MainWindow]) -> ReviewPage:
    """The demo consultation, drafted with ``settings``, open on the review page."""
    app = ScribeApp(settings)
    app.create_practice(PASSPHRASE, admin=(ADMIN, PASSWORD), doctor=(DOCTOR, PASSWORD, "9144900"),
                        kdf_iter=KDF_ITER)
    session = app.users.login(DOCTOR, PASSWORD)
    result = app.consultations.import_transcript(
        session, REPO / "tests" / "data" / "demo_transcript.json")
    app.close()
    return open_review(qtbot, make_window(settings), result.cid)


def test_the_review_page_says_codes_are_unavailable_and_keeps_the_note(
        qtbot: QtBot, settings: Settings, tmp_path: Path,
        make_window: Callable[[Settings], MainWindow]) -> None:
    settings = replace(settings, data_dir=tmp_path / "data", reference_dir=None)
    review = _review(qtbot, settings, make_window)
    qtbot.waitUntil(lambda: review.icpc.unavailable.isVisible(), timeout=20_000)
    assert "ikke importert" in review.icpc.unavailable.text()
    assert "scribe codes import" in review.icpc.unavailable.text()
    assert not review.icpc.add_button.isEnabled()
    assert review.icpc.codes() == ()
    assert review.editor.rowCount() > 0  # the note is there to edit and approve
    assert review.drugs_unavailable.isHidden()  # the drug list beside SCRIBE_REFERENCE_DIR


def test_the_review_page_says_the_drugs_are_unchecked_without_a_drug_list(
        qtbot: QtBot, settings: Settings, tmp_path: Path,
        make_window: Callable[[Settings], MainWindow]) -> None:
    settings = replace(settings, data_dir=tmp_path / "data", reference_dir=None,
                       given_lexicon_dir=None)
    review = _review(qtbot, settings, make_window)
    qtbot.waitUntil(lambda: review.drugs_unavailable.isVisible(), timeout=20_000)
    text = review.drugs_unavailable.text()
    assert "legemiddelnavn, doser og resepter blir ikke kontrollert" in text
    assert "scribe codes import drugs_no.csv" in text
    assert review.editor.rowCount() > 0  # the note is there all the same
