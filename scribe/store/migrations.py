"""Named, recorded, transactional schema migrations.

Each migration runs in its own transaction together with the row that records it in
``schema_migrations`` and the new ``PRAGMA user_version``, so a crash mid-upgrade leaves the
database at the previous version. A database that records a migration this version of Scribe
does not know was made by a newer Scribe and is refused untouched.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from scribe.errors import StorageError
from scribe.store import audit
from scribe.store.db import Connection, split_script, transaction


@dataclass(frozen=True)
class Migration:
    """``sql`` runs first, then ``after`` (data work), in the same transaction."""

    name: str
    sql: str
    after: Callable[[Connection], None] | None = None


_INITIAL = """
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('lege', 'daglig_leder', 'admin')),
    hpr TEXT,
    password_hash TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
);
CREATE TABLE consultations (
    id INTEGER PRIMARY KEY,
    doctor_id INTEGER NOT NULL REFERENCES users(id),
    status TEXT NOT NULL,
    contact_type TEXT NOT NULL,
    patient_ref TEXT,
    consent INTEGER,
    consent_at TEXT,
    started_at TEXT NOT NULL,
    ended_at TEXT,
    updated_at TEXT NOT NULL
);
CREATE INDEX consultations_started ON consultations(started_at);
CREATE TABLE audio_chunks (
    consultation_id INTEGER NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    t0 REAL NOT NULL,
    sample_rate INTEGER NOT NULL,
    pcm BLOB NOT NULL,
    PRIMARY KEY (consultation_id, seq)
) WITHOUT ROWID;
CREATE TABLE segments (
    consultation_id INTEGER NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    t0 REAL NOT NULL,
    t1 REAL NOT NULL,
    speaker TEXT NOT NULL,
    text TEXT NOT NULL,
    avg_logprob REAL NOT NULL DEFAULT 0,
    no_speech_prob REAL NOT NULL DEFAULT 0,
    low_confidence INTEGER NOT NULL DEFAULT 0,
    words_json TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (consultation_id, id)
);
CREATE TABLE draft_versions (
    consultation_id INTEGER NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
    n INTEGER NOT NULL,
    template TEXT NOT NULL,
    author TEXT NOT NULL,
    body_json TEXT NOT NULL,
    created_by INTEGER REFERENCES users(id),
    created_at TEXT NOT NULL,
    approved INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (consultation_id, n)
);
CREATE TABLE code_suggestions (
    consultation_id INTEGER NOT NULL,
    version INTEGER NOT NULL,
    system TEXT NOT NULL,
    code TEXT NOT NULL,
    title TEXT NOT NULL,
    rank INTEGER NOT NULL,
    reason TEXT NOT NULL,
    evidence_json TEXT NOT NULL,
    is_primary INTEGER NOT NULL,
    status TEXT NOT NULL,
    FOREIGN KEY (consultation_id, version)
        REFERENCES draft_versions(consultation_id, n) ON DELETE CASCADE
);
CREATE TABLE takst_lines (
    consultation_id INTEGER NOT NULL,
    version INTEGER NOT NULL,
    code TEXT NOT NULL,
    count INTEGER NOT NULL,
    fee REAL NOT NULL,
    patient_share REAL NOT NULL,
    refund REAL NOT NULL,
    reason TEXT NOT NULL,
    warnings_json TEXT NOT NULL,
    evidence_json TEXT NOT NULL,
    status TEXT NOT NULL,
    FOREIGN KEY (consultation_id, version)
        REFERENCES draft_versions(consultation_id, n) ON DELETE CASCADE
);
CREATE TABLE approvals (
    id INTEGER PRIMARY KEY,
    consultation_id INTEGER NOT NULL,
    version INTEGER NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users(id),
    approved_at TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    UNIQUE (consultation_id, version),
    FOREIGN KEY (consultation_id, version) REFERENCES draft_versions(consultation_id, n)
);
CREATE TABLE exports (
    id INTEGER PRIMARY KEY,
    consultation_id INTEGER NOT NULL REFERENCES consultations(id),
    version INTEGER NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users(id),
    format TEXT NOT NULL,
    destination TEXT NOT NULL,
    exported_at TEXT NOT NULL
);
CREATE TABLE audit_events (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user_id INTEGER,
    user_name TEXT NOT NULL,
    action TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_id TEXT NOT NULL,
    detail TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_events_at ON audit_events(at);
"""

# An approved version, and the codes and takster it was approved with, never change again.
_IMMUTABLE_APPROVED = """
ALTER TABLE consultations ADD COLUMN recorder_pid INTEGER;
ALTER TABLE consultations ADD COLUMN audio_deleted_at TEXT;
CREATE TRIGGER draft_versions_frozen BEFORE UPDATE ON draft_versions
WHEN OLD.approved = 1 BEGIN SELECT RAISE(ABORT, 'approved version is immutable'); END;
CREATE TRIGGER draft_versions_no_delete BEFORE DELETE ON draft_versions
WHEN OLD.approved = 1 BEGIN SELECT RAISE(ABORT, 'approved version is immutable'); END;
""" + "".join(
    f"""
CREATE TRIGGER {table}_append_only_{op} BEFORE {op.upper()} ON {table}
BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;
"""
    for table in ("audit_events", "approvals")
    for op in ("update", "delete")
) + "".join(
    f"""
CREATE TRIGGER {table}_frozen_{op} BEFORE {op.upper()} ON {table}
WHEN (SELECT approved FROM draft_versions
      WHERE consultation_id = {row}.consultation_id AND n = {row}.version) = 1
BEGIN SELECT RAISE(ABORT, 'approved version is immutable'); END;
"""
    for table in ("code_suggestions", "takst_lines")
    for op, row in (("insert", "NEW"), ("update", "OLD"), ("delete", "OLD"))
)

# Issue 19: signing keys per user, signed approvals ("på vegne av" recorded), failed logins
# kept across restarts, and the audit anchor's key. A user's key pair, once set, is fixed.
_SIGNING_AND_LOCKOUT = """
ALTER TABLE users ADD COLUMN public_key TEXT;
ALTER TABLE users ADD COLUMN private_key_sealed TEXT;
ALTER TABLE approvals ADD COLUMN signature TEXT;
ALTER TABLE approvals ADD COLUMN on_behalf_of INTEGER REFERENCES users(id);
CREATE TRIGGER users_key_fixed BEFORE UPDATE OF public_key, private_key_sealed ON users
WHEN OLD.public_key IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a signing key is never replaced'); END;
CREATE TABLE login_failures (
    name TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    last_failed_at TEXT NOT NULL
);
CREATE TABLE store_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO store_meta (key, value) VALUES ('anchor_key', lower(hex(randomblob(32))));
"""


def _list_unsigned_approvals(conn: Connection) -> None:
    """Approvals made before signing existed are named once, in the audit chain: only those
    may stay unsigned. A row added later without a signature is a forgery."""
    rows = conn.execute("SELECT consultation_id, version, sha256 FROM approvals "
                        "ORDER BY consultation_id, version").fetchall()
    if not rows:
        return
    audit.append(conn, audit.SYSTEM_ACTOR, audit.LEGACY_APPROVALS, "database", "",
                 approvals=[[int(r[0]), int(r[1]), str(r[2])] for r in rows])


# Issue 19: clinical text under a data key only doctors (and the recovery key) unwrap. The data
# itself is encrypted later, at a doctor's login, where a password is at hand to wrap the key
# (scribe.store.clinical.establish). Approvals get a digest over the encrypted note, so billing
# and ``audit verify`` check them without the key. A signing key may be replaced only after it
# is retired (a password reset with the recovery key), and the retired key is kept.
_CLINICAL_ENVELOPE = """
CREATE TABLE clinical_keys (
    holder TEXT PRIMARY KEY,
    user_id INTEGER REFERENCES users(id),
    wrapped TEXT NOT NULL,
    created_at TEXT NOT NULL
);
ALTER TABLE approvals ADD COLUMN sealed_sha256 TEXT;
CREATE TABLE retired_keys (
    user_id INTEGER NOT NULL REFERENCES users(id),
    public_key TEXT NOT NULL,
    retired_at TEXT NOT NULL,
    PRIMARY KEY (user_id, public_key)
);
DROP TRIGGER users_key_fixed;
CREATE TRIGGER users_key_fixed BEFORE UPDATE OF public_key ON users
WHEN OLD.public_key IS NOT NULL AND NEW.public_key IS NOT OLD.public_key
 AND NOT EXISTS (SELECT 1 FROM retired_keys r
                 WHERE r.user_id = OLD.id AND r.public_key = OLD.public_key)
BEGIN SELECT RAISE(ABORT, 'a signing key is never replaced'); END;
CREATE TRIGGER retired_keys_append_only_update BEFORE UPDATE ON retired_keys
BEGIN SELECT RAISE(ABORT, 'retired_keys is append-only'); END;
CREATE TRIGGER retired_keys_append_only_delete BEFORE DELETE ON retired_keys
BEGIN SELECT RAISE(ABORT, 'retired_keys is append-only'); END;
"""

# Issue 18: documents of a consultation (henvisning, sykmelding, oppsummering til pasienten),
# each kind with its own versions, signed approvals (append-only) and exports; an approved
# version never changes.
_DOCUMENTS = """
CREATE TABLE documents (
    consultation_id INTEGER NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('henvisning', 'sykmelding', 'pasient')),
    n INTEGER NOT NULL,
    template TEXT NOT NULL,
    author TEXT NOT NULL,
    body TEXT NOT NULL,
    created_by INTEGER REFERENCES users(id),
    created_at TEXT NOT NULL,
    approved INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (consultation_id, kind, n)
);
CREATE TABLE document_approvals (
    id INTEGER PRIMARY KEY,
    consultation_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    version INTEGER NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users(id),
    approved_at TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    signature TEXT NOT NULL,
    on_behalf_of INTEGER REFERENCES users(id),
    UNIQUE (consultation_id, kind, version),
    FOREIGN KEY (consultation_id, kind, version) REFERENCES documents(consultation_id, kind, n)
);
CREATE TABLE document_exports (
    id INTEGER PRIMARY KEY,
    consultation_id INTEGER NOT NULL REFERENCES consultations(id),
    kind TEXT NOT NULL,
    version INTEGER NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users(id),
    format TEXT NOT NULL,
    destination TEXT NOT NULL,
    exported_at TEXT NOT NULL
);
CREATE TRIGGER documents_frozen BEFORE UPDATE ON documents
WHEN OLD.approved = 1 BEGIN SELECT RAISE(ABORT, 'approved document is immutable'); END;
CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents
WHEN OLD.approved = 1 BEGIN SELECT RAISE(ABORT, 'approved document is immutable'); END;
CREATE TRIGGER document_approvals_append_only_update BEFORE UPDATE ON document_approvals
BEGIN SELECT RAISE(ABORT, 'document_approvals is append-only'); END;
CREATE TRIGGER document_approvals_append_only_delete BEFORE DELETE ON document_approvals
BEGIN SELECT RAISE(ABORT, 'document_approvals is append-only'); END;
"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration("0001_initial", _INITIAL),
    Migration("0002_recovery_retention_immutability", _IMMUTABLE_APPROVED),
    Migration("0003_signatures_lockout_anchor", _SIGNING_AND_LOCKOUT, _list_unsigned_approvals),
    Migration("0004_clinical_envelope", _CLINICAL_ENVELOPE),
    Migration("0005_documents", _DOCUMENTS),
    # the patient's sex (K/M), sealed like patient_ref: coding leaves out the other sex's codes
    Migration("0006_patient_sex", "ALTER TABLE consultations ADD COLUMN patient_sex TEXT;"),
)

_LEDGER = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    name TEXT PRIMARY KEY,
    applied_at TEXT NOT NULL
)
"""


def applied(conn: Connection) -> list[str]:
    conn.execute(_LEDGER)
    return [r[0] for r in conn.execute("SELECT name FROM schema_migrations ORDER BY name")]


def migrate(conn: Connection, migrations: Sequence[Migration] = MIGRATIONS) -> list[str]:
    """Applies the missing migrations in order; returns the names applied now."""
    with transaction(conn):
        done = applied(conn)
    known = {m.name for m in migrations}
    newer = [name for name in done if name not in known]
    if newer or _user_version(conn) > len(migrations):
        raise StorageError(
            "Databasen er laget av en nyere versjon av Scribe.",
            "Filen er ikke endret. Oppdater Scribe til samme eller nyere versjon.")
    now: list[str] = []
    for number, migration in enumerate(migrations, start=1):
        if migration.name in done:
            continue
        _apply(conn, migration, number)
        now.append(migration.name)
    return now


def _apply(conn: Connection, migration: Migration, number: int) -> None:
    with transaction(conn):
        for statement in split_script(migration.sql):
            conn.execute(statement)
        if migration.after is not None:
            migration.after(conn)
        conn.execute("INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)",
                     (migration.name, datetime.now(UTC).isoformat()))
        conn.execute(f"PRAGMA user_version = {number}")


def _user_version(conn: Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])
