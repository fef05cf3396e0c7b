"""The Store: the one object the rest of Scribe talks to about persisted data.

Every method that touches clinical data takes the logged-in :class:`Session`; access rules are
checked here, in the core, and every read of clinical text, every change and every refusal of
a password is written to the audit chain in the same transaction as the work itself. After each
commit the chain's head is written to the anchor file beside the database.

A password given at login or approval also unlocks the user's signing key: approvals are
signed with it, and so is a checkpoint of the audit chain (see :mod:`scribe.store.audit`).
Wrong passwords count per user name, in the database; after a few the next try must wait.

A doctor's login also unwraps the clinical data key (:mod:`scribe.store.keyring`): it stays
with that session, in memory, and every clinical value is encrypted and decrypted with it
(:mod:`scribe.store.envelope`). Other roles have no key, so they read billing data only.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import TypeVar

from scribe.consultation import LABELS, Status, parse_status
from scribe.documents.model import Document, DocumentKind
from scribe.domain import CodeSuggestion, Draft, Segment, Sex, TakstLine
from scribe.errors import (
    AccessDenied,
    ClinicalAccessDenied,
    InvalidTransition,
    LoginLocked,
    SigningKeyError,
)
from scribe.store import (
    audit,
    billing,
    clinical,
    consultations,
    documents,
    drafts,
    envelope,
    lockout,
    signing,
    users,
)
from scribe.store.anchor import Anchor
from scribe.store.audit import AuditReport
from scribe.store.billing import BillingRow
from scribe.store.consultations import ConsultationInfo
from scribe.store.db import (
    Connection,
    DbWorker,
    check_new_passphrase,
    open_connection,
    rekey,
    transaction,
)
from scribe.store.documents import DocumentApproval, DocumentVersion
from scribe.store.drafts import Approval, DraftVersion
from scribe.store.envelope import NOT_A_DOCTOR, ClinicalKey, Vault, doctor_holder, vault_of
from scribe.store.keyring import Keyring
from scribe.store.migrations import migrate
from scribe.store.users import Role, Session, User

log = logging.getLogger(__name__)
T = TypeVar("T")
_PLAIN_TRANSITIONS = frozenset({Status.TRANSCRIBED, Status.DISCARDED, Status.RECOVERED})
LEGE, LEDER, ADMIN = Role.LEGE, Role.DAGLIG_LEDER, Role.ADMIN
Clock = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _no_grant(_conn: Connection, _user: User) -> None:
    return None


@dataclass(frozen=True)
class _Held:
    """What the store keeps about a live session: whose it is and its clinical key."""

    user_id: int
    key: ClinicalKey | None = None


class Store:
    """An open, keyed database. Thread-safe: all SQL runs on one owner thread."""

    def __init__(self, worker: DbWorker, path: Path, *, clock: Clock = _utc_now) -> None:
        self.db = worker
        self.path = path
        self._sessions: dict[str, _Held] = {}
        self._live: set[int] = set()  # recordings started through this Store
        self._lock = threading.Lock()
        self._clock = clock
        self._anchor = Anchor(path)
        self.keyring = Keyring(self._tx)

    @classmethod
    def open(cls, path: Path | str, passphrase: str, *, create: bool = False,
             kdf_iter: int | None = None, clock: Clock = _utc_now) -> Store:
        """Opens (or, with ``create``, creates) and upgrades the database at ``path``.

        ``kdf_iter`` overrides SQLCipher's key derivation cost (256 000 PBKDF2 rounds); only
        tests and benchmarks lower it, and a file must always be opened with the value it
        was created with. A new database needs a passphrase of at least 12 characters.
        ``clock`` is when failed logins happen (tests step it instead of waiting).
        """
        path = Path(path)
        if create and (not path.exists() or (path.is_file() and path.stat().st_size == 0)):
            check_new_passphrase(passphrase)

        def connect() -> Connection:
            conn = open_connection(path, passphrase, create=create, kdf_iter=kdf_iter)
            try:
                migrate(conn)
            except BaseException:
                conn.close()
                raise
            return conn
        store = cls(DbWorker(connect), path, clock=clock)
        store.db.call(store._anchor.start)
        return store

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def _tx(self, fn: Callable[[Connection], T]) -> T:
        """Runs ``fn`` in one transaction on the owner thread, then moves the anchor."""
        def run(conn: Connection) -> T:
            with transaction(conn):
                result = fn(conn)
            self._anchor.sync(conn)
            return result
        return self.db.call(run)

    def _check(self, session: Session, *roles: Role, what: str) -> audit.Actor:
        with self._lock:
            held = self._sessions.get(session.token)
        if held is None or held.user_id != session.user.id:
            raise AccessDenied("Økten er ikke gyldig.", "Logg inn på nytt.")
        users.require(session, *roles, what=what)
        return session.actor

    def _clinical(self, session: Session, what: str) -> audit.Actor:
        """A doctor's session, for clinical text; other roles are told it is for doctors."""
        if session.user.role is not LEGE:
            self._check(session, *Role, what=what)
            raise ClinicalAccessDenied(f"{NOT_A_DOCTOR} Rollen {users.describe(session.user.role)} "
                                       f"har ikke tilgang til {what}.")
        return self._check(session, LEGE, what=what)

    def _session_key(self, session: Session | None) -> ClinicalKey | None:
        """The session's clinical key; without a session, the one this process holds."""
        if session is None:
            return self.keyring.key
        with self._lock:
            held = self._sessions.get(session.token)
        return held.key if held is not None else None

    def _vault(self, conn: Connection, session: Session | None) -> Vault:
        granted = session is None or session.user.role is LEGE
        return vault_of(conn, self._session_key(session), granted_role=granted)

    # --- users -----------------------------------------------------------------------------
    def has_users(self) -> bool:
        return self._tx(users.user_count) > 0

    def create_user(self, name: str, role: str, password: str, hpr: str | None = None, *,
                    session: Session | None = None, recovery_key: str | None = None) -> User:
        """Adds a user. The very first user needs no session; later ones need an admin's.

        A new doctor gets a copy of the clinical data key: from ``recovery_key``, from the
        session (an admin who gave the recovery key, see :meth:`unlock_with_recovery_key`), or,
        while the practice is being set up, from this store, which made it for the first
        doctor. Without one the doctor is refused (ClinicalAccessDenied). The first doctor of
        a new practice makes the key and the recovery key: :meth:`take_recovery_key` hands it
        out once.
        """
        name = users.clean_name(name)
        checked = users.validate_new(name, role, password, hpr)
        actor = audit.SYSTEM_ACTOR
        if session is not None:
            actor = self._check(session, ADMIN, what="brukeradministrasjon")
        grant: Callable[[Connection, User], None] = _no_grant
        if checked is LEGE:
            grant = self.keyring.for_new_doctor(
                name, password, self._session_key(session) if session else None, recovery_key)
        password_hash = users.hash_password(password)  # slow: off the database thread
        key, _signer = users.new_key(password)  # slow too

        def insert(conn: Connection) -> User:
            if session is None and users.user_count(conn) > 0:
                raise AccessDenied("Bare en administrator kan legge til brukere.",
                                   "Logg inn som administrator.")
            user = users.insert_user(conn, name, checked, password_hash, hpr, actor, key)
            grant(conn, user)
            return user
        return self._tx(insert)

    def _claim_attempt(self, name: str) -> None:
        """Refuses while ``name`` must wait; otherwise counts this try as a failure until it
        succeeds. One transaction, so tries in parallel cannot all slip through one opening."""
        now = self._clock()

        def claim(conn: Connection) -> timedelta:
            left = lockout.wait_left(conn, name, now)
            if left <= timedelta(0):
                lockout.record_failure(conn, name, now)
            return left
        left = self._tx(claim)
        if left > timedelta(0):
            raise LoginLocked(f"For mange feil passord. Vent {lockout.describe_wait(left)} "
                              "før du prøver igjen.")

    def authenticate(self, name: str, password: str) -> Session:
        """A session for the right password. Wrong ones count (see :mod:`lockout`); a user
        made before signing existed gets a key pair now, and every login signs a checkpoint."""
        name = name.strip()
        self._claim_attempt(name)
        found = self._tx(lambda c: users.user_row(c, name))
        stored = found[1] if found else users.dummy_hash()
        ok = users.check_password(password, stored) and found is not None and found[0].active
        user = found[0] if found else None
        if not ok or user is None:
            self._tx(lambda c: users.record_login(c, name, user, False))
            raise AccessDenied("Feil brukernavn eller passord.")
        signer, new_key = self._login_key(user, password)
        clinical_work = self.keyring.login(user, password)  # slow (scrypt) when a doctor

        def record(conn: Connection) -> ClinicalKey | None:
            lockout.clear(conn, name)
            users.record_login(conn, name, user, True)
            if new_key is not None:
                users.store_key(conn, user, new_key)
            key = clinical_work(conn)
            if signer is not None:
                audit.checkpoint(conn, audit.Actor(user.id, user.name), signer)
            return key
        key = self._tx(record)
        self.keyring.remember(key)
        session = Session(user, datetime.now(UTC))
        with self._lock:
            self._sessions[session.token] = _Held(user.id, key)
        return session

    def _login_key(self, user: User, password: str
                   ) -> tuple[signing.Signer | None, signing.SealedKey | None]:
        """The user's unlocked key, or a new one (sealed) for a user who has none yet."""
        sealed = self._tx(lambda c: users.sealed_key(c, user.id))
        if sealed is None:
            new, signer = users.new_key(password)
            return signer, new
        try:
            return signing.unlock(sealed, password), None
        except SigningKeyError:
            self._key_mismatch(user)
            return None, None  # the login stands; approvals stay refused

    def _key_mismatch(self, user: User) -> None:
        log.warning("signeringsnøkkelen stemmer ikke for bruker %s", user.id)
        self._tx(lambda c: audit.append(c, audit.Actor(user.id, user.name),
                                        audit.KEY_MISMATCH, "user", user.id))

    def logout(self, session: Session) -> None:
        with self._lock:
            self._sessions.pop(session.token, None)

    # --- the clinical data key ---------------------------------------------------------------
    def take_recovery_key(self, session: Session) -> str | None:
        """The recovery key made in this process (a new practice's first doctor, or the first
        doctor's login after an upgrade), once: show it, with
        :data:`~scribe.store.envelope.RECOVERY_INSTRUCTION`, and it is gone. Admins and
        doctors only."""
        self._check(session, ADMIN, LEGE, what="gjenopprettingsnøkkelen")
        return self.keyring.take_recovery()

    def clinical_encrypted(self) -> bool:
        """Whether this database's clinical text is encrypted under a data key yet."""
        return self._tx(lambda c: envelope.key_id(c) is not None)

    def has_clinical_key(self, session: Session) -> bool:
        """Whether ``session`` can read clinical text (a doctor holding the key)."""
        return self._tx(lambda c: self._vault(c, session).can_open) \
            and session.user.role is LEGE

    def unlock_with_recovery_key(self, session: Session, recovery_key: str) -> None:
        """An administrator gives the recovery key: this session may then add doctors and
        reset their passwords (it still reads no clinical text: that stays with doctors)."""
        actor = self._check(session, ADMIN, what="gjenopprettingsnøkkelen")
        key = self.keyring.open_recovery(recovery_key)  # slow; ClinicalKeyError if wrong
        with self._lock:
            self._sessions[session.token] = _Held(session.user.id, key)
        self._tx(lambda c: audit.append(c, actor, "unlock_recovery", "database"))

    def new_recovery_key(self, session: Session) -> str:
        """Replaces the recovery key (the old one stops working) and returns the new one, to
        be shown once. Needs the key: a doctor, or an admin who gave the old recovery key."""
        actor = self._check(session, ADMIN, LEGE, what="gjenopprettingsnøkkelen")
        key = self._session_key(session)
        if key is None:
            raise ClinicalAccessDenied("En ny gjenopprettingsnøkkel kan bare lages av en lege som "
                                       "har journalnøkkelen, eller med den gamle.")
        recovery, slot = self.keyring.new_recovery(key)

        def run(conn: Connection) -> None:
            self._vault(conn, session).require()
            clinical.put_slot(conn, slot)
            audit.append(conn, actor, "new_recovery_key", "database")
        self._tx(run)
        return recovery

    def change_password(self, session: Session, old_password: str, new_password: str) -> None:
        """The user's own password: the signing key and the clinical key are sealed anew."""
        actor = self._check(session, *Role, what="passordbytte")
        user, name = session.user, session.user.name
        users.check_password_rules(new_password, name)
        self._claim_attempt(name)
        found = self._tx(lambda c: users.user_row(c, name))
        if found is None or not users.check_password(old_password, found[1]):
            self._tx(lambda c: audit.append(c, actor, "change_password_failed", "user", user.id))
            raise AccessDenied("Feil passord. Passordet er ikke byttet.")
        sealed = self._tx(lambda c: users.sealed_key(c, user.id))
        resealed = signing.reseal(sealed, old_password, new_password, n=users.SCRYPT_N) \
            if sealed is not None else None
        key = self._session_key(session)
        holder = doctor_holder(name)
        wrapped = key.wrap(new_password, holder, n=users.SCRYPT_N) \
            if key is not None and user.role is LEGE else None
        new_hash = users.hash_password(new_password)

        def run(conn: Connection) -> None:
            lockout.clear(conn, name)
            users.set_password(conn, user.id, new_hash, resealed)
            if wrapped is not None:
                clinical.put_slot(conn, clinical.Slot(holder, user.id, wrapped))
            audit.append(conn, actor, "change_password", "user", user.id)
        self._tx(run)

    def reset_password(self, session: Session, name: str, recovery_key: str,
                       new_password: str) -> None:
        """A forgotten password: an administrator gives the recovery key and a new password.
        The user gets a new signing key (the old one opens only with the forgotten password;
        it is kept as retired, so earlier approvals still verify) and, for a doctor, a new
        copy of the clinical key."""
        actor = self._check(session, ADMIN, what="tilbakestilling av passord")
        found = self._tx(lambda c: users.user_row(c, name.strip()))
        if found is None:
            raise AccessDenied(f"Brukeren «{name}» finnes ikke.")
        user = found[0]
        users.check_password_rules(new_password, user.name)
        holder, wrapped = doctor_holder(user.name), None
        if user.role is LEGE:  # other roles hold no clinical key
            key = self.keyring.open_recovery(recovery_key)  # ClinicalKeyError if wrong
            wrapped = key.wrap(new_password, holder, n=users.SCRYPT_N)
        new_hash = users.hash_password(new_password)
        new_key, _signer = users.new_key(new_password)

        def run(conn: Connection) -> None:
            old = users.sealed_key(conn, user.id)
            users.replace_key(conn, user.id, old, new_key, new_hash)
            if wrapped is not None:
                clinical.put_slot(conn, clinical.Slot(holder, user.id, wrapped))
            lockout.clear(conn, user.name)
            audit.append(conn, actor, audit.RESET_PASSWORD, "user", user.id,
                         retired=old.fingerprint if old else None, key=new_key.fingerprint)
        self._tx(run)

    def list_users(self, session: Session) -> list[User]:
        self._check(session, ADMIN, LEDER, what="brukerlisten")
        return self._tx(users.all_users)

    def change_passphrase(self, session: Session, new_passphrase: str) -> None:
        actor = self._check(session, ADMIN, what="bytte av passordfrase")
        check_new_passphrase(new_passphrase)

        def run(conn: Connection) -> None:
            rekey(conn, new_passphrase)
            # Logged only once the re-key has succeeded: a failed one leaves no false entry.
            with transaction(conn):
                audit.append(conn, actor, "change_passphrase", "database")
            self._anchor.sync(conn)
        self.db.call(run)

    # --- consultations ---------------------------------------------------------------------
    def create_consultation(self, session: Session, *, contact_type: str = "oppmote",
                            patient_ref: str | None = None,
                            patient_sex: Sex | None = None) -> int:
        actor = self._check(session, LEGE, what="opptak")

        def create(conn: Connection) -> int:
            vault = self._vault(conn, session)
            vault.require()  # audio and transcript could not be stored without the key
            return consultations.create(conn, actor, contact_type, patient_ref, vault,
                                        patient_sex)
        cid = self._tx(create)
        with self._lock:
            self._live.add(cid)
        return cid

    def set_consent(self, session: Session, cid: int, given: bool) -> None:
        actor = self._check(session, LEGE, what="samtykke")
        self._tx(lambda c: consultations.set_consent(c, actor, cid, given))

    def add_audio_chunk(self, cid: int, seq: int, t0: float, pcm: bytes,
                        sample_rate: int = 16000) -> None:
        """From the recorder thread: one chunk, committed before this returns."""
        self._tx(lambda c: consultations.add_chunk(c, cid, seq, t0, pcm, sample_rate,
                                                   self._vault(c, None)))

    def audio_pcm(self, session: Session, cid: int) -> bytes:
        actor = self._clinical(session, "lydopptaket")

        def read(conn: Connection) -> bytes:
            pcm = consultations.audio(conn, cid, self._vault(conn, session))
            audit.append(conn, actor, "read_audio", "consultation", cid, bytes=len(pcm))
            return pcm
        return self._tx(read)

    def add_segments(self, cid: int, segments: Sequence[Segment]) -> None:
        """From the transcriber: inserts or updates segments by id."""
        def run(conn: Connection) -> None:
            consultations.upsert_segments(conn, cid, segments, self._vault(conn, None))
            audit.append(conn, audit.SYSTEM_ACTOR, "add_segments", "consultation", cid,
                         count=len(segments))
        self._tx(run)

    def segments(self, session: Session, cid: int) -> list[Segment]:
        actor = self._clinical(session, "transkripsjonen")

        def read(conn: Connection) -> list[Segment]:
            result = consultations.segments(conn, cid, self._vault(conn, session))
            audit.append(conn, actor, "read_transcript", "consultation", cid,
                         count=len(result))
            return result
        return self._tx(read)

    def replace_segments(self, session: Session, cid: int, segments: Sequence[Segment]) -> None:
        actor = self._check(session, LEGE, what="redigering av transkripsjonen")

        def run(conn: Connection) -> None:
            vault = self._vault(conn, session)
            vault.require()
            consultations.delete_segments(conn, cid)
            consultations.upsert_segments(conn, cid, segments, vault)
            audit.append(conn, actor, "edit_transcript", "consultation", cid,
                         count=len(segments))
        self._tx(run)

    def transition(self, session: Session, cid: int, new_status: Status | str) -> Status:
        """Recording ends (transcribed), is given up (discarded) or marked recovered.

        Drafting, approval and export have their own methods, which store what they need.
        """
        actor = self._check(session, LEGE, what="statusendring")
        target = parse_status(new_status)
        if target not in _PLAIN_TRANSITIONS:
            raise InvalidTransition(
                f"Status «{LABELS[target]}» settes ikke direkte.",
                "Bruk lagring av utkast, godkjenning eller eksport.")
        status = self._tx(lambda c: consultations.set_status(c, actor, cid, target))
        with self._lock:
            self._live.discard(cid)
        return status

    def list_consultations(self, session: Session) -> list[ConsultationInfo]:
        self._check(session, LEGE, LEDER, ADMIN, what="konsultasjonslisten")
        doctor = session.user.role is LEGE
        return self._tx(lambda c: consultations.list_all(c, clinical=doctor,
                                                         vault=self._vault(c, session)))

    def consultation(self, session: Session, cid: int) -> ConsultationInfo:
        self._check(session, LEGE, LEDER, ADMIN, what="konsultasjonen")
        doctor = session.user.role is LEGE
        return self._tx(lambda c: consultations.info(c, cid, clinical=doctor,
                                                     vault=self._vault(c, session)))

    # --- drafts, coding, approval, export --------------------------------------------------
    def save_draft(self, session: Session, cid: int, draft: Draft) -> int:
        actor = self._check(session, LEGE, what="journalutkastet")
        return self._tx(lambda c: drafts.save(c, actor, cid, draft, self._vault(c, session)))

    def draft(self, session: Session, cid: int, version: int | None = None) -> DraftVersion:
        actor = self._clinical(session, "journalnotatet")

        def read(conn: Connection) -> DraftVersion:
            result = drafts.load(conn, cid, version, self._vault(conn, session))
            audit.append(conn, actor, "read_note", "consultation", cid, version=result.n)
            return result
        return self._tx(read)

    def save_coding(self, session: Session, cid: int, version: int,
                    codes: Sequence[CodeSuggestion], takster: Sequence[TakstLine]) -> None:
        actor = self._check(session, LEGE, what="koding")
        self._tx(lambda c: drafts.save_coding(c, actor, cid, version, codes, takster,
                                              self._vault(c, session)))

    def replace_codes_if_unchanged(self, session: Session, cid: int,
                                   expected: Sequence[CodeSuggestion],
                                   codes: Sequence[CodeSuggestion]) -> int | None:
        """The model's ICPC-2 codes on the newest version, in one transaction, only while
        its codes are still ``expected`` and it is not approved; the version, or None."""
        actor = self._check(session, LEGE, what="koding")

        def run(conn: Connection) -> int | None:
            vault = self._vault(conn, session)
            latest = drafts.load(conn, cid, None, vault)
            if latest.approved or latest.codes != tuple(expected):
                return None
            drafts.save_coding(conn, actor, cid, latest.n, codes, latest.takster, vault)
            return latest.n
        return self._tx(run)

    def approve(self, session: Session, cid: int, password: str, *,
                retention_days: int | None = 0, on_behalf: bool = False) -> Approval:
        """A doctor's approval of the latest version, after re-entering the password, signed
        with the key that password unlocks.

        Only the consultation's own doctor approves; a colleague may with ``on_behalf`` (the
        approval then says "på vegne av"). ``retention_days`` is the practice's setting: 0
        (the default) deletes the audio right away, N leaves it to :meth:`apply_retention`,
        None keeps it regardless.
        """
        actor = self._check(session, LEGE, what="godkjenning")
        name = session.user.name
        self._claim_attempt(name)
        found = self._tx(lambda c: users.user_row(c, name))
        if found is None or not users.check_password(password, found[1]):
            self._tx(lambda c: audit.append(c, actor, "approve_failed", "consultation", cid))
            raise AccessDenied("Feil passord. Notatet er ikke godkjent.")
        self._tx(lambda c: lockout.clear(c, name))  # the password was right
        signer = self._approval_key(session.user, password)
        approval = self._tx(lambda c: drafts.approve(c, actor, cid, signer, on_behalf=on_behalf,
                                                     vault=self._vault(c, session)))
        if retention_days == 0:
            self.apply_retention(approval.approved_at, 0)
        return approval

    def _approval_key(self, user: User, password: str) -> signing.Signer:
        sealed = self._tx(lambda c: users.sealed_key(c, user.id))
        if sealed is None:
            raise SigningKeyError("Du har ingen signeringsnøkkel ennå; notatet er ikke godkjent.",
                                  "Logg ut og inn igjen: nøkkelen lages når du logger inn.")
        try:
            return signing.unlock(sealed, password)
        except SigningKeyError:
            self._key_mismatch(user)
            raise

    def new_version(self, session: Session, cid: int) -> int:
        actor = self._check(session, LEGE, what="redigering")
        return self._tx(lambda c: drafts.new_version(c, actor, cid, self._vault(c, session)))

    def record_export(self, session: Session, cid: int, fmt: str, destination: str) -> int:
        actor = self._check(session, LEGE, what="eksport")
        return self._tx(lambda c: drafts.record_export(c, actor, cid, fmt, destination,
                                                       self._vault(c, session)))

    def billing_rows(self, session: Session, date_from: date, date_to: date,
                     doctor: str | None = None) -> list[BillingRow]:
        actor = self._check(session, LEDER, LEGE, what="oppgjørsdata")

        def read(conn: Connection) -> list[BillingRow]:
            result = billing.rows(conn, date_from, date_to, doctor, self._vault(conn, session))
            audit.append(conn, actor, "read_billing", "period", f"{date_from}..{date_to}",
                         rows=len(result))
            return result
        return self._tx(read)

    # --- audit, recovery, retention --------------------------------------------------------
    def audit_verify(self) -> AuditReport:
        """The whole check: the chain's links, its signed checkpoints, the anchor file, and
        every approval's (notes' and documents') signature and content."""
        def run(conn: Connection) -> AuditReport:
            report = audit.verify(conn)
            vault = self._vault(conn, None)
            return audit.with_problems(report, [
                *self._anchor.problems(conn),
                *drafts.approval_problems(conn, None, vault),
                *documents.approval_problems(conn, None, vault)])
        return self._tx(run)

    def tamper_warnings(self, cid: int | None = None) -> list[str]:
        """For commands that read data: the chain's links, each user's latest checkpoint, the
        anchor, and the note and document approvals of consultation ``cid`` (or of all).
        Quicker than :meth:`audit_verify`, which also checks every older checkpoint."""
        def run(conn: Connection) -> list[str]:
            report = audit.verify(conn, every_checkpoint=False)
            vault = self._vault(conn, None)
            return [*report.problems, *self._anchor.problems(conn),
                    *drafts.approval_problems(conn, cid, vault),
                    *documents.approval_problems(conn, cid, vault)]
        return self._tx(run)

    def audit_export_csv(self, path: Path, date_from: date, date_to: date) -> int:
        return self._tx(lambda c: audit.export_csv(c, path, date_from, date_to))

    def recover_interrupted(self) -> list[int]:
        """At start-up: recordings left by a dead process become ``recovered``."""
        with self._lock:
            live = set(self._live)
        recovered = self._tx(lambda c: consultations.recover(c, live))
        if recovered:
            log.warning("gjenopprettet %d avbrutte opptak", len(recovered))
        return recovered

    def apply_retention(self, now: datetime, days: int) -> list[int]:
        """Deletes the audio of consultations approved ``days`` or more before ``now``."""
        cutoff = now - timedelta(days=max(0, days))
        deleted = self._tx(lambda c: consultations.delete_old_audio(c, cutoff))
        log.info("slettet lyd for %d godkjente konsultasjoner", len(deleted))
        return deleted

    # --- documents (issue 18) ----------------------------------------------------------------
    # Henvisning, sykmelding and the patient's summary: their own versions, approvals and
    # exports (SQL in scribe.store.documents). Everything about documents is in this block.
    # Their text is clinical: sealed under the session's clinical key, like the note.
    def save_document(self, session: Session, cid: int, document: Document) -> int:
        """Stores ``document`` as the next version of its kind; returns the version."""
        actor = self._check(session, LEGE, what="dokumentet")
        return self._tx(lambda c: documents.save(c, actor, cid, document,
                                                 self._vault(c, session)))

    def document(self, session: Session, cid: int, kind: DocumentKind,
                 version: int | None = None) -> DocumentVersion:
        """A version (the newest by default) with its approval checked; the read is audited.
        Doctors only: other roles get ClinicalAccessDenied."""
        actor = self._clinical(session, "dokumentet")

        def read(conn: Connection) -> DocumentVersion:
            result = documents.load(conn, cid, kind, version, self._vault(conn, session))
            audit.append(conn, actor, "read_document", "consultation", cid, kind=kind.value,
                         version=result.n)
            return result
        return self._tx(read)

    def document_kinds(self, session: Session, cid: int) -> list[DocumentKind]:
        """The kinds of document stored for consultation ``cid``."""
        self._check(session, LEGE, what="dokumentene")
        return self._tx(lambda c: documents.kinds_stored(c, cid))

    def approve_document(self, session: Session, cid: int, kind: DocumentKind, password: str,
                         *, on_behalf: bool = False) -> DocumentApproval:
        """A doctor's approval of the newest version of ``kind``, after re-entering the
        password, signed with the key it unlocks (as :meth:`approve` does for the note)."""
        actor = self._check(session, LEGE, what="godkjenning av dokument")
        name = session.user.name
        self._claim_attempt(name)
        found = self._tx(lambda c: users.user_row(c, name))
        if found is None or not users.check_password(password, found[1]):
            self._tx(lambda c: audit.append(c, actor, "approve_document_failed",
                                            "consultation", cid, kind=kind.value))
            raise AccessDenied("Feil passord. Dokumentet er ikke godkjent.")
        self._tx(lambda c: lockout.clear(c, name))
        signer = self._approval_key(session.user, password)
        return self._tx(lambda c: documents.approve(c, actor, cid, kind, signer,
                                                    on_behalf=on_behalf,
                                                    vault=self._vault(c, session)))

    def record_document_export(self, session: Session, cid: int, kind: DocumentKind, fmt: str,
                               destination: str) -> int:
        """Records an export; refuses unless the newest version is approved and intact."""
        actor = self._check(session, LEGE, what="eksport av dokument")
        return self._tx(lambda c: documents.record_export(c, actor, cid, kind, fmt,
                                                          destination, self._vault(c, session)))

    def document_problems(self, cid: int | None = None) -> list[str]:
        """Document approvals that do not hold (forged, or content changed), in Norwegian;
        the content is checked where this process holds the clinical key."""
        return self._tx(lambda c: documents.approval_problems(c, cid, self._vault(c, None)))
    # --- end of documents --------------------------------------------------------------------

