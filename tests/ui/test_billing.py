"""The practice manager sees billing and nothing clinical."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import DOCTOR, KDF_ITER, LEDER, PASSPHRASE, PASSWORD, login, screenshot, wait_idle
from pytestqt.qtbot import QtBot
from seed import DRAFT, SEGMENTS, seed_consultation

from scribe.config import Settings
from scribe.errors import AccessDenied
from ui.billing_page import BillingPage
from ui.main_window import MainWindow
from ui.review.review_page import ReviewPage
from ui.work_page import WorkPage


def _all_text(page: BillingPage) -> str:
    cells = []
    for table in (page.rows_table, page.totals_table):
        for r in range(table.rowCount()):
            for c in range(table.columnCount()):
                item = table.item(r, c)
                cells.append(item.text() if item else "")
    return "\n".join(cells)


def test_a_daglig_leder_gets_billing_and_cannot_open_clinical_text(
        qtbot: QtBot, practice: Settings, make_window: Callable[[Settings], MainWindow],
        tmp_path: Path) -> None:
    seed_consultation(practice, PASSPHRASE, KDF_ITER, DOCTOR, PASSWORD, approve=True)
    window = make_window(practice)
    login(qtbot, window, LEDER)
    page = window.role_page
    assert isinstance(page, BillingPage)
    assert not window.settings_action.isVisible()
    assert not window.findChildren(WorkPage) and not window.findChildren(ReviewPage)
    page.set_period(date.today() - timedelta(days=7), date.today() + timedelta(days=1))
    page.refresh()
    wait_idle(qtbot, window)
    assert page.rows_table.rowCount() == 1
    row = [page.rows_table.item(0, c).text() for c in range(page.rows_table.columnCount())]
    assert row[1] == DOCTOR and row[2] == "Oppmøte" and "2ad" in row[5]
    assert row[6] == "194,00 kr"
    shown = _all_text(page)
    clinical = [s.text for s in SEGMENTS] + [st.text for sec in DRAFT.sections
                                            for st in sec.statements]
    assert not any(text in shown for text in clinical)
    assert "SUM" in shown and "Alle leger" in shown
    screenshot(window, "07_billing")

    out = tmp_path / "takster.csv"
    page.export_csv(out)
    wait_idle(qtbot, window)  # written on the task runner
    csv = out.read_bytes().decode("utf-8-sig")
    assert "2ad" in csv and DOCTOR in csv
    assert not any(text in csv for text in clinical)

    # The core refuses too, whatever a screen might try.
    with pytest.raises(AccessDenied):
        window.ctx.app.store.draft(window.ctx.require_session(), 1)
    with pytest.raises(AccessDenied):
        window.ctx.app.store.segments(window.ctx.require_session(), 1)
