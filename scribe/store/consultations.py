"""Consultations, consent, audio chunks and transcript segments (functions of a connection).

These run on the database thread, inside the caller's transaction; access checks are done by
:class:`scribe.store.Store` before it submits them. What was said (audio, segment text and words,
the patient reference) goes through a :class:`~scribe.store.envelope.Vault`: encrypted under the
clinical data key once the database has one. Without a vault, the database's own state decides
and no key is held, so a sealed database refuses to write or read clinical values.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from scribe.consultation import Status, check_transition
from scribe.domain import ContactType, Segment, Sex, Speaker, Word
from scribe.errors import InvalidTransition, StorageError
from scribe.store import audit
from scribe.store.db import Connection
from scribe.store.envelope import MAGIC, Vault, vault_of
from scribe.store.signing import Aead


@dataclass(frozen=True)
class ConsultationInfo:
    """A consultation's metadata. ``patient_ref`` and ``patient_sex`` are None for roles
    without clinical access (and where the doctor gave none)."""

    id: int
    doctor: str
    status: Status
    contact_type: ContactType
    started_at: datetime
    ended_at: datetime | None
    consent: bool | None
    latest_version: int | None
    patient_ref: str | None = None
    audio_seconds: float = 0.0
    doctor_hpr: str | None = None
    patient_sex: Sex | None = None


_INFO_SQL = """
SELECT c.id, u.name, c.status, c.contact_type, c.started_at, c.ended_at, c.consent,
       (SELECT max(n) FROM draft_versions d WHERE d.consultation_id = c.id),
       c.patient_ref,
       (SELECT coalesce(sum((length(a.pcm) - ?) / 2.0 / a.sample_rate), 0)
          FROM audio_chunks a WHERE a.consultation_id = c.id),
       u.hpr, c.patient_sex
FROM consultations c JOIN users u ON u.id = c.doctor_id
"""


def _overhead(vault: Vault) -> int:
    """Bytes encryption adds to each audio chunk (tag, nonce, version)."""
    return len(MAGIC) + Aead.OVERHEAD if vault.sealed else 0


def _info(row: Any, *, clinical: bool, vault: Vault) -> ConsultationInfo:
    opened = clinical and vault.can_open
    ref = vault.open_text(row[8], "consultations", "patient_ref", int(row[0])) if opened else None
    sex = vault.open_text(row[11], "consultations", "patient_sex", int(row[0])) if opened else None
    return ConsultationInfo(
        id=int(row[0]),
        doctor=str(row[1]),
        status=Status(str(row[2])),
        contact_type=ContactType(str(row[3])),
        started_at=datetime.fromisoformat(str(row[4])),
        ended_at=datetime.fromisoformat(str(row[5])) if row[5] else None,
        consent=None if row[6] is None else bool(row[6]),
        latest_version=None if row[7] is None else int(row[7]),
        patient_ref=ref,
        audio_seconds=float(row[9]),
        doctor_hpr=None if row[10] is None else str(row[10]),
        patient_sex=Sex.parse(sex),
    )


def info(conn: Connection, cid: int, *, clinical: bool,
         vault: Vault | None = None) -> ConsultationInfo:
    """``patient_ref`` only with ``clinical`` and a vault that opens it."""
    vault = vault or vault_of(conn)
    row = conn.execute(_INFO_SQL + " WHERE c.id = ?", (_overhead(vault), cid)).fetchone()
    if row is None:
        raise StorageError(f"Konsultasjon {cid} finnes ikke.")
    return _info(row, clinical=clinical, vault=vault)


def list_all(conn: Connection, *, clinical: bool,
             vault: Vault | None = None) -> list[ConsultationInfo]:
    vault = vault or vault_of(conn)
    rows = conn.execute(_INFO_SQL + " ORDER BY c.started_at DESC, c.id DESC",
                        (_overhead(vault),)).fetchall()
    return [_info(r, clinical=clinical, vault=vault) for r in rows]


def status_of(conn: Connection, cid: int) -> Status:
    row = conn.execute("SELECT status FROM consultations WHERE id = ?", (cid,)).fetchone()
    if row is None:
        raise StorageError(f"Konsultasjon {cid} finnes ikke.")
    return Status(row[0])


def create(conn: Connection, actor: audit.Actor, contact_type: str,
           patient_ref: str | None, vault: Vault | None = None,
           patient_sex: Sex | None = None) -> int:
    try:
        kind = ContactType(contact_type)
    except ValueError:
        raise StorageError(f"Ukjent kontakttype «{contact_type}».",
                           "Bruk oppmote, video, telefon eller sykebesok.") from None
    now = audit.now_iso()
    cur = conn.execute(
        "INSERT INTO consultations (doctor_id, status, contact_type, started_at, "
        "updated_at, recorder_pid) VALUES (?, ?, ?, ?, ?, ?)",
        (actor.user_id, Status.RECORDING.value, kind.value, now, now, os.getpid()))
    cid = int(cur.lastrowid)
    for column, value in (("patient_ref", patient_ref), ("patient_sex", patient_sex)):
        if value is not None:  # sealed with the row's id, so known only after the insert
            vault = vault or vault_of(conn)
            conn.execute(f"UPDATE consultations SET {column} = ? WHERE id = ?",
                         (vault.seal_text(str(value), "consultations", column, cid), cid))
    audit.append(conn, actor, "create", "consultation", cid, contact_type=kind.value)
    return cid


def set_status(conn: Connection, actor: audit.Actor, cid: int, new: Status | str) -> Status:
    old = status_of(conn, cid)
    target = check_transition(old, new)
    now = audit.now_iso()
    ended = "coalesce(ended_at, ?)" if old is Status.RECORDING else "ended_at"
    params: tuple[object, ...] = (target.value, now, now, cid) if old is Status.RECORDING \
        else (target.value, now, cid)
    conn.execute(f"UPDATE consultations SET status = ?, updated_at = ?, ended_at = {ended} "
                 "WHERE id = ?", params)
    audit.append(conn, actor, "transition", "consultation", cid, old=old.value,
                 new=target.value)
    return target


def set_consent(conn: Connection, actor: audit.Actor, cid: int, given: bool) -> None:
    status_of(conn, cid)
    now = audit.now_iso()
    conn.execute("UPDATE consultations SET consent = ?, consent_at = ?, updated_at = ? "
                 "WHERE id = ?", (int(given), now, now, cid))
    audit.append(conn, actor, "consent", "consultation", cid, given=given)


def add_chunk(conn: Connection, cid: int, seq: int, t0: float, pcm: bytes,
              sample_rate: int, vault: Vault | None = None) -> None:
    if status_of(conn, cid) is not Status.RECORDING:
        raise InvalidTransition("Lyd kan bare lagres mens konsultasjonen tas opp.")
    if len(pcm) % 2:
        raise StorageError("Lydbiten har et odde antall byte (forventet 16-bit PCM).")
    conn.execute("INSERT OR REPLACE INTO audio_chunks (consultation_id, seq, t0, sample_rate, "
                 "pcm) VALUES (?, ?, ?, ?, ?)",
                 (cid, seq, t0, sample_rate,
                  (vault or vault_of(conn)).seal_bytes(pcm, "audio_chunks", "pcm", cid, seq)))


def audio(conn: Connection, cid: int, vault: Vault | None = None) -> bytes:
    status_of(conn, cid)
    vault = vault or vault_of(conn)
    rows = conn.execute("SELECT seq, pcm FROM audio_chunks WHERE consultation_id = ? "
                        "ORDER BY seq", (cid,))
    return b"".join(vault.open_bytes(r[1], "audio_chunks", "pcm", cid, r[0]) for r in rows)


def _words_json(words: Sequence[Word]) -> str:
    return json.dumps([[w.text, w.t0, w.t1, w.probability] for w in words], ensure_ascii=False)


def upsert_segments(conn: Connection, cid: int, segments: Sequence[Segment],
                    vault: Vault | None = None) -> None:
    status_of(conn, cid)
    box = vault or vault_of(conn)
    conn.executemany(
        "INSERT OR REPLACE INTO segments (consultation_id, id, t0, t1, speaker, text, "
        "avg_logprob, no_speech_prob, low_confidence, words_json) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(cid, s.id, s.t0, s.t1, Speaker(s.speaker).value,
          box.seal_text(s.text, "segments", "text", cid, s.id), s.avg_logprob,
          s.no_speech_prob, int(s.low_confidence),
          box.seal_text(_words_json(s.words), "segments", "words_json", cid, s.id))
         for s in segments])


def delete_segments(conn: Connection, cid: int) -> None:
    conn.execute("DELETE FROM segments WHERE consultation_id = ?", (cid,))


def segments(conn: Connection, cid: int, vault: Vault | None = None) -> list[Segment]:
    status_of(conn, cid)
    box = vault or vault_of(conn)
    rows = conn.execute(
        "SELECT id, t0, t1, text, speaker, avg_logprob, no_speech_prob, words_json, "
        "low_confidence FROM segments WHERE consultation_id = ? ORDER BY t0, id", (cid,))
    return [Segment(id=r[0], t0=r[1], t1=r[2],
                    text=box.open_text(r[3], "segments", "text", cid, r[0]) or "",
                    speaker=Speaker(r[4]), avg_logprob=r[5], no_speech_prob=r[6],
                    low_confidence=bool(r[8]), words=tuple(Word(*w) for w in json.loads(
                        box.open_text(r[7], "segments", "words_json", cid, r[0]) or "[]")))
            for r in rows]


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def recover(conn: Connection, live: set[int]) -> list[int]:
    """Marks recordings whose recording process is gone as recovered; audio is kept."""
    rows = conn.execute("SELECT id, recorder_pid FROM consultations WHERE status = ?",
                        (Status.RECORDING.value,)).fetchall()
    recovered: list[int] = []
    for cid, pid in rows:
        ours = pid == os.getpid()
        if cid in live or (not ours and pid is not None and _pid_alive(int(pid))):
            continue
        set_status(conn, audit.SYSTEM_ACTOR, cid, Status.RECOVERED)
        recovered.append(int(cid))
    return recovered


def delete_old_audio(conn: Connection, cutoff: datetime) -> list[int]:
    """Deletes audio of consultations approved at or before ``cutoff``; audited per item."""
    rows = conn.execute(
        "SELECT DISTINCT c.id FROM consultations c JOIN approvals a ON a.consultation_id = c.id "
        "WHERE c.status IN ('approved', 'exported') AND a.approved_at <= ? "
        "AND EXISTS (SELECT 1 FROM audio_chunks x WHERE x.consultation_id = c.id)",
        (cutoff.astimezone(UTC).isoformat(timespec="microseconds"),)).fetchall()
    for (cid,) in rows:
        cur = conn.execute("DELETE FROM audio_chunks WHERE consultation_id = ?", (cid,))
        conn.execute("UPDATE consultations SET audio_deleted_at = ? WHERE id = ?",
                     (audit.now_iso(), cid))
        audit.append(conn, audit.SYSTEM_ACTOR, "delete_audio", "consultation", cid,
                     chunks=cur.rowcount)
    return [int(r[0]) for r in rows]
