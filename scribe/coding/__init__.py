"""ICPC-2 and Helfo takst suggestions from the official lists and rules.

``load_reference`` gives the imported editions; ``suggest_icpc2`` and ``suggest_takster`` do
the work; ``code_consultation`` does both for one consultation.
"""

from __future__ import annotations

from scribe.coding.detect import (
    detect_all,
    detect_guidance,
    detect_procedures,
    detect_questionnaires,
    detect_sick_leave,
)
from scribe.coding.icpc import suggest_icpc2, validate_code
from scribe.coding.reference import (
    Reference,
    ensure_reference,
    import_defaults,
    import_file,
    load_reference,
)
from scribe.coding.service import code_consultation
from scribe.coding.takster import check_takster, suggest_takster

__all__ = [
    "Reference",
    "check_takster",
    "code_consultation",
    "detect_all",
    "detect_guidance",
    "detect_procedures",
    "detect_questionnaires",
    "detect_sick_leave",
    "ensure_reference",
    "import_defaults",
    "import_file",
    "load_reference",
    "suggest_icpc2",
    "suggest_takster",
    "validate_code",
]
