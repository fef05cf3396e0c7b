"""What billing review sees: codes, takster, durations, doctor and date; no clinical text.

None of it is encrypted under the clinical key, so the practice manager reads it with the
passphrase and a login alone.

Only approvals that hold count: a consultation whose approval has no valid signature, or whose
content changed after it, is left out (``audit verify`` and the CLI's warnings name it).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import date, datetime

from scribe.domain import ContactType
from scribe.store.audit import day_range
from scribe.store.db import Connection
from scribe.store.drafts import approval_state
from scribe.store.envelope import Vault, vault_of

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BillingCode:
    system: str
    code: str
    title: str
    primary: bool


@dataclass(frozen=True)
class BillingTakst:
    code: str
    count: int
    fee: float
    patient_share: float
    refund: float
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class BillingRow:
    consultation_id: int
    version: int
    date: date
    doctor: str
    hpr: str | None
    contact_type: ContactType
    duration_min: float
    approved_at: datetime
    codes: tuple[BillingCode, ...]
    takster: tuple[BillingTakst, ...]

    @property
    def total_fee(self) -> float:
        return round(sum(t.fee * t.count for t in self.takster), 2)


# The latest approved version of each approved or exported consultation in the period.
_ROWS = """
SELECT c.id, a.version, c.started_at, u.name, u.hpr, c.contact_type, c.ended_at,
       a.approved_at
FROM consultations c
JOIN users u ON u.id = c.doctor_id
JOIN approvals a ON a.consultation_id = c.id
WHERE c.status IN ('approved', 'exported') AND c.started_at >= ? AND c.started_at < ?
  AND a.version = (SELECT max(version) FROM approvals x WHERE x.consultation_id = c.id)
"""


def rows(conn: Connection, date_from: date, date_to: date,
         doctor: str | None, vault: Vault | None = None) -> list[BillingRow]:
    """Needs no clinical key: approvals are checked through their sealed digest."""
    vault = vault or vault_of(conn)
    start, end = day_range(date_from, date_to)
    sql, params = _ROWS, [start, end]
    if doctor is not None:
        sql += " AND u.name = ?"
        params.append(doctor)
    result = []
    for r in conn.execute(sql + " ORDER BY c.started_at, c.id", params).fetchall():
        found = approval_state(conn, r[0], r[1], vault)
        if found is None or not found.verified:
            log.warning("oppgjør: konsultasjon %s har ingen gyldig godkjenning", r[0])
            continue
        started = datetime.fromisoformat(r[2])
        ended = datetime.fromisoformat(r[6]) if r[6] else started
        result.append(BillingRow(
            consultation_id=r[0], version=r[1], date=started.astimezone().date(),
            doctor=r[3], hpr=r[4], contact_type=ContactType(r[5]),
            duration_min=round((ended - started).total_seconds() / 60, 1),
            approved_at=datetime.fromisoformat(r[7]),
            codes=_codes(conn, r[0], r[1]), takster=_takster(conn, r[0], r[1])))
    return result


def _codes(conn: Connection, cid: int, n: int) -> tuple[BillingCode, ...]:
    return tuple(BillingCode(r[0], r[1], r[2], bool(r[3])) for r in conn.execute(
        "SELECT system, code, title, is_primary FROM code_suggestions WHERE consultation_id = ? "
        "AND version = ? AND status = 'accepted' ORDER BY rank", (cid, n)))


def _takster(conn: Connection, cid: int, n: int) -> tuple[BillingTakst, ...]:
    return tuple(BillingTakst(r[0], r[1], r[2], r[3], r[4], tuple(json.loads(r[5])))
                 for r in conn.execute(
        "SELECT code, count, fee, patient_share, refund, warnings_json FROM takst_lines "
        "WHERE consultation_id = ? AND version = ? AND status = 'accepted' ORDER BY rowid",
        (cid, n)))
