"""ICPC-2 and Helfo takst suggestions from the official lists and rules.

``ensure_reference`` / ``load_reference`` give the imported editions and ``CodeIndex`` searches
them (build it once per reference and keep it); ``suggest_icpc2`` and ``suggest_takster`` do
the work; ``code_consultation`` does both for one consultation, from the facts extraction
found (:mod:`scribe.text.facts`).
"""

from __future__ import annotations

from scribe.coding.icpc import suggest_icpc2, validate_code
from scribe.coding.index import CodeIndex
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
    "CodeIndex",
    "Reference",
    "check_takster",
    "code_consultation",
    "ensure_reference",
    "import_defaults",
    "import_file",
    "load_reference",
    "suggest_icpc2",
    "suggest_takster",
    "validate_code",
]
