"""The clinical data key of one open :class:`~scribe.store.Store`: unwrapped at a doctor's
login, wrapped for new doctors, for a changed password and for the recovery key.

Where the key comes from, in order:

* a doctor's login unwraps the doctor's own copy (scrypt under the password);
* the first doctor in a new practice database, or the first doctor to log in after an upgrade
  from before clinical encryption, *makes* the key: it is wrapped for that doctor and for a new
  recovery key (shown once), and every clinical value already stored is encrypted in the same
  transaction as the login (:func:`scribe.store.clinical.establish`);
* a doctor without a copy yet (one from before the upgrade) gets one at login when this process
  already holds the key (another doctor logged in since Scribe started); otherwise the doctor is
  told to ask for it;
* an administrator gives the recovery key to add a doctor, or to reset a forgotten password.

The process keeps the key it has seen (``key``) in memory until the store closes: the recorder
and the transcriber write audio and segments without a session. Roles other than doctors never
get it in their session, so nothing the store returns to them is decrypted.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TypeVar

from scribe.errors import ClinicalAccessDenied, ClinicalKeyError
from scribe.store import audit, clinical, envelope, users
from scribe.store.db import Connection
from scribe.store.envelope import ClinicalKey, doctor_holder
from scribe.store.users import Role, User

log = logging.getLogger(__name__)
T = TypeVar("T")
Tx = Callable[[Callable[[Connection], T]], T]
LoginWork = Callable[[Connection], "ClinicalKey | None"]

NEEDS_KEY = ("En ny lege må få journalnøkkelen, og den kan bare gis med praksisens "
             "gjenopprettingsnøkkel.")
NEEDS_KEY_HINT = ("Oppgi praksisens gjenopprettingsnøkkel (papirarket fra da databasen ble "
                  "opprettet) når du legger til legen.")


class Keyring:
    def __init__(self, tx: Tx[object]) -> None:
        self._tx = tx
        self._lock = threading.Lock()
        self.key: ClinicalKey | None = None
        self.setup = False  # this store made the key: its admins may give it to new doctors
        self._recovery: str | None = None

    def _run(self, fn: Callable[[Connection], T]) -> T:
        return self._tx(fn)  # type: ignore[return-value]

    def remember(self, key: ClinicalKey | None) -> None:
        if key is not None:
            with self._lock:
                self.key = key

    def take_recovery(self) -> str | None:
        """The recovery key made in this process, once; then it is gone from memory."""
        with self._lock:
            shown, self._recovery = self._recovery, None
        return shown

    def _made(self, key: ClinicalKey, recovery: str, *, setup: bool) -> None:
        with self._lock:
            self.key, self._recovery = key, recovery
            self.setup = self.setup or setup

    # --- at login ---------------------------------------------------------------------------
    def login(self, user: User, password: str) -> LoginWork:
        """Slow part now (off the database thread); returns the work for the login's own
        transaction, which returns the session's key (None for other roles)."""
        if user.role is not Role.LEGE:
            return lambda _conn: None
        holder = doctor_holder(user.name)
        stored, own = self._run(lambda c: (envelope.key_id(c), clinical.slot(c, holder)))
        if stored is None:
            return self._make_at_login(user, password)
        if own is not None:
            try:
                key = envelope.unwrap(own.wrapped, password, holder, stored)
            except ClinicalKeyError:
                log.warning("journalnøkkelen kunne ikke låses opp for bruker %s", user.id)
                return lambda conn: _mismatch(conn, user)
            return lambda _conn: key
        known = self.key
        if known is None or known.id != stored:
            return lambda _conn: None  # not granted yet: reads say so
        slot = clinical.Slot(holder, user.id, known.wrap(password, holder, n=users.SCRYPT_N))

        def grant(conn: Connection) -> ClinicalKey:
            clinical.put_slot(conn, slot)
            audit.append(conn, audit.Actor(user.id, user.name), "grant_clinical_key", "user",
                         user.id, holder=holder)
            return known
        return grant

    def _make_at_login(self, user: User, password: str) -> LoginWork:
        key, recovery = ClinicalKey.generate(), envelope.new_recovery_key()
        slots = [clinical.Slot(doctor_holder(user.name), user.id,
                               key.wrap(password, doctor_holder(user.name), n=users.SCRYPT_N)),
                 clinical.Slot(envelope.RECOVERY_HOLDER, None,
                               key.wrap(recovery, envelope.RECOVERY_HOLDER, n=users.SCRYPT_N))]

        def establish(conn: Connection) -> ClinicalKey | None:
            if envelope.key_id(conn) is not None:
                return None  # another process did it meanwhile; next login unwraps
            counts = clinical.establish(conn, key, slots, audit.Actor(user.id, user.name))
            log.info("journalteksten er kryptert: %s", counts)
            self._made(key, recovery, setup=False)
            return key
        return establish

    # --- new doctors -------------------------------------------------------------------------
    def for_new_doctor(self, name: str, password: str, session_key: ClinicalKey | None,
                       recovery_key: str | None) -> Callable[[Connection, User], None]:
        """The work that gives a new doctor their copy, inside the insert's transaction."""
        holder = doctor_holder(name)
        stored, plain_rows = self._run(lambda c: (envelope.key_id(c),
                                                  clinical.has_clinical_rows(c)))
        if stored is None and plain_rows:
            return lambda _conn, _user: None  # an upgraded database: their login migrates it
        if stored is None:
            return self._make_for_first_doctor(holder, password)
        key = self._key_for_new_doctor(stored, session_key, recovery_key)
        wrapped = key.wrap(password, holder, n=users.SCRYPT_N)
        return lambda conn, user: clinical.put_slot(conn, clinical.Slot(holder, user.id, wrapped))

    def _key_for_new_doctor(self, stored: str, session_key: ClinicalKey | None,
                            recovery_key: str | None) -> ClinicalKey:
        if session_key is not None and session_key.id == stored:
            return session_key
        if recovery_key:
            return self.open_recovery(recovery_key)
        with self._lock:
            known = self.key if self.setup else None
        if known is not None and known.id == stored:
            return known
        raise ClinicalAccessDenied(NEEDS_KEY, NEEDS_KEY_HINT)

    def _make_for_first_doctor(self, holder: str, password: str
                               ) -> Callable[[Connection, User], None]:
        """A new practice: the first doctor brings the key (and the recovery key) into being."""
        key, recovery = ClinicalKey.generate(), envelope.new_recovery_key()
        own = key.wrap(password, holder, n=users.SCRYPT_N)
        spare = key.wrap(recovery, envelope.RECOVERY_HOLDER, n=users.SCRYPT_N)

        def establish(conn: Connection, user: User) -> None:
            clinical.establish(conn, key, [clinical.Slot(holder, user.id, own),
                                           clinical.Slot(envelope.RECOVERY_HOLDER, None, spare)],
                               audit.SYSTEM_ACTOR)
            self._made(key, recovery, setup=True)
        return establish

    # --- the recovery key --------------------------------------------------------------------
    def open_recovery(self, recovery_key: str) -> ClinicalKey:
        text = envelope.normalize_recovery_key(recovery_key)
        stored, slot = self._run(lambda c: (envelope.key_id(c),
                                            clinical.slot(c, envelope.RECOVERY_HOLDER)))
        if stored is None or slot is None:
            raise ClinicalKeyError("Databasen har ingen journalnøkkel ennå.",
                                   "Den lages når en lege logger inn første gang.")
        try:
            return envelope.unwrap(slot.wrapped, text, envelope.RECOVERY_HOLDER, stored)
        except ClinicalKeyError:
            raise ClinicalKeyError("Gjenopprettingsnøkkelen er feil.") from None

    def new_recovery(self, key: ClinicalKey) -> tuple[str, clinical.Slot]:
        recovery = envelope.new_recovery_key()
        return recovery, clinical.Slot(envelope.RECOVERY_HOLDER, None,
                                       key.wrap(recovery, envelope.RECOVERY_HOLDER,
                                                n=users.SCRYPT_N))


def _mismatch(conn: Connection, user: User) -> None:
    audit.append(conn, audit.Actor(user.id, user.name), "clinical_key_mismatch", "user", user.id)
    return None
