"""Consultations: the lifecycle states (``status``), the workflow service (``service``) and a
recording in progress (``live``).

The store checks every transition against :mod:`scribe.consultation.status`; the Qt app and
the command line drive the work through :class:`Consultations`.
"""

from __future__ import annotations

from scribe.consultation.live import LiveConsultation
from scribe.consultation.service import Consultations, Edits, Engines, Opened, ProcessResult
from scribe.consultation.status import (
    ALLOWED,
    LABELS,
    Status,
    can_transition,
    check_transition,
    parse_status,
)

__all__ = [
    "ALLOWED",
    "LABELS",
    "Consultations",
    "Edits",
    "Engines",
    "LiveConsultation",
    "Opened",
    "ProcessResult",
    "Status",
    "can_transition",
    "check_transition",
    "parse_status",
]
