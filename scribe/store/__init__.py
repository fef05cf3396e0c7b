"""The encrypted store: SQLCipher, one owner thread, migrations, repositories, audit chain.

The rest of Scribe uses :class:`Store` and the value types re-exported here; sqlcipher3 itself
never leaves this package.
"""

from __future__ import annotations

from scribe.store.audit import AuditReport
from scribe.store.billing import BillingCode, BillingRow, BillingTakst
from scribe.store.consultations import ConsultationInfo
from scribe.store.documents import DocumentApproval, DocumentVersion
from scribe.store.drafts import Approval, DraftVersion
from scribe.store.store import Store
from scribe.store.users import Role, Session, User

__all__ = [
    "Approval",
    "AuditReport",
    "BillingCode",
    "BillingRow",
    "BillingTakst",
    "ConsultationInfo",
    "DocumentApproval",
    "DocumentVersion",
    "DraftVersion",
    "Role",
    "Session",
    "Store",
    "User",
]
