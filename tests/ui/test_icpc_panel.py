"""The ICPC-2 panel with weak suggestions: "Godta alle" leaves them, and when every
suggestion is weak the panel says nothing fits and sends the GP to the search."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from scribe.coding.suggestion import NOTHING_FITS, SECONDARY, WEAK
from scribe.domain import CodeSuggestion
from ui.review.icpc_panel import IcpcPanel


def _code(code: str, rank: int, reason: str, primary: bool = False) -> CodeSuggestion:
    return CodeSuggestion(system="ICPC-2", code=code, title=f"Tittel {code}", rank=rank,
                          reason=reason, primary=primary)


def _no_search(_text: str, _done: Callable[[list[tuple[str, str]]], None]) -> None:
    return None


def test_accept_all_leaves_weak_suggestions(qtbot: QtBot) -> None:
    panel = IcpcPanel(_no_search)
    qtbot.addWidget(panel)
    panel.set_codes((_code("R74", 1, "«forkjølelse» i legens vurdering.", primary=True),
                     _code("K86", 2, f"{SECONDARY} «blodtrykk» i legens forklaring."),
                     _code("A20", 3, f"{WEAK} ingen term fra kodeverket ble sagt.")))
    assert panel.nothing_fits.isHidden()
    panel.accept_all()
    status = {c.code: c.status for c in panel.codes()}
    assert status == {"R74": "accepted", "K86": "accepted", "A20": "suggested"}


def test_only_weak_suggestions_say_that_nothing_fits(qtbot: QtBot) -> None:
    panel = IcpcPanel(_no_search)
    qtbot.addWidget(panel)
    panel.set_codes((_code("A20", 1, f"{WEAK} ingen term fra kodeverket ble sagt."),
                     _code("A28", 2, f"{WEAK} bare «funksjon» nevnt i forbifarten.")))
    assert not panel.nothing_fits.isHidden()
    assert panel.nothing_fits.text() == NOTHING_FITS
    panel.accept_all()
    assert all(c.status == "suggested" for c in panel.codes())
    panel.set_status([0], "rejected")
    panel.set_status([1], "accepted")  # the GP may still accept a weak code by hand
    assert panel.nothing_fits.isHidden()
