"""The Qt binding keeps Python's reference counts: a long recording emits thousands of signals
(segments, levels, progress), and PySide6 6.12.0 on Python 3.11 lost a reference to ``True``
on every ``emit`` until the app aborted ("bool_dealloc") a few minutes into a consultation."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot


class _Source(QObject):
    happened = Signal(object)


def test_emitting_a_signal_leaves_the_reference_counts_of_true_and_false_alone(
        qtbot: QtBot) -> None:
    source, seen = _Source(), []
    source.happened.connect(seen.append)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for i in range(300):  # far fewer than the counts at start-up: a failure, not an abort
        source.happened.emit(i)
    after = sys.getrefcount(True), sys.getrefcount(False)
    assert len(seen) == 300
    assert after == before
