"""Envelope encryption of clinical text: readable by doctors, not by the passphrase alone.

One random 256-bit *clinical data key* per practice database encrypts, with AES-256-GCM, every
column that carries what was said: segment text and words, audio, draft bodies, the reasons and
evidence of code and takst suggestions, the patient reference (and the documents table's body
text, through :func:`seal_body` / :func:`open_body`). Billing fields (codes, counts, fees,
dates, doctor) stay plain, so the practice manager's billing view works with the passphrase.

Each sealed value has the row's identity (table, column, consultation id, key columns) as
associated data, so ciphertext moved to another row or column does not decrypt.

The data key itself is stored only *wrapped*: AES-GCM under a key derived from a doctor's
password (scrypt, the signing keys' parameters), once per doctor, and once under the practice's
recovery key, which is shown once and kept on paper. A doctor's login unwraps it into memory.

This module holds no connection state; :class:`Vault` is what the store's connection
functions use to write and read clinical columns in one transaction.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from scribe.errors import ClinicalAccessDenied, ClinicalDataTampered, ClinicalKeyError
from scribe.store import signing
from scribe.store.db import Connection

MAGIC = b"SE1"  # version tag in front of every sealed value
_AAD_TAG = "scribe-klinisk-v1"
_WRAP_SCHEME = "scrypt-aesgcm-dek"
RECOVERY_HOLDER = "gjenoppretting"
KEY_ID_META = "clinical_key_id"
# Recovery keys: 32 characters from an alphabet without 0/O, 1/I/L (160 bits), in groups of 4.
_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_RECOVERY_LEN, _GROUP = 32, 4

NOT_A_DOCTOR = ("Journalteksten kan bare leses av leger. Notater, transkripsjoner, lyd og "
                "pasientreferanser er kryptert med en nøkkel bare legene har.")
NOT_GRANTED = ("Journalteksten kan bare leses av leger som har fått journalnøkkelen, og du har "
               "ikke fått den ennå.")
NOT_GRANTED_HINT = ("Logg inn på en PC der en kollega som er lege har logget inn etter at "
                    "Scribe startet, eller be administratoren gi deg tilgang med "
                    "gjenopprettingsnøkkelen.")


class ClinicalKey:
    """The practice's clinical data key, in memory only (never in a log, repr or file)."""

    __slots__ = ("_aead", "_raw", "id")

    def __init__(self, raw: bytes) -> None:
        self._raw = raw
        self._aead = signing.Aead(raw)
        self.id = hashlib.sha256(b"scribe-klinisk-nokkel-id\x00" + raw).hexdigest()[:32]

    @classmethod
    def generate(cls) -> ClinicalKey:
        return cls(secrets.token_bytes(32))

    def __repr__(self) -> str:
        return f"ClinicalKey(id={self.id})"

    def seal(self, data: bytes, where: Sequence[object]) -> bytes:
        return MAGIC + self._aead.seal(data, aad(where))

    def open(self, blob: bytes, where: Sequence[object]) -> bytes:
        if not blob.startswith(MAGIC):
            raise ClinicalDataTampered(f"Kryptert journaltekst i {_place(where)} har feil form.")
        try:
            return self._aead.open(blob[len(MAGIC):], aad(where))
        except ValueError:
            raise ClinicalDataTampered(
                f"Journalteksten i {_place(where)} kan ikke dekrypteres: den er endret eller "
                "flyttet utenom Scribe.") from None

    def wrap(self, secret: str, holder: str, *, n: int) -> str:
        """The key sealed under ``secret`` for ``holder`` (slow: scrypt)."""
        salt = secrets.token_bytes(16)
        box = signing.Aead(signing.derive_key(secret, salt, n))
        sealed = box.seal(self._raw, _wrap_aad(holder, self.id))
        return "$".join([_WRAP_SCHEME, str(n), str(signing.KDF_R), str(signing.KDF_P),
                         salt.hex(), self.id, sealed.hex()])


def _place(where: Sequence[object]) -> str:
    """Ids only: table and key columns, never the value."""
    table, _column, *ids = [str(w) for w in where]
    return f"{table} ({', '.join(ids)})"


def aad(where: Sequence[object]) -> bytes:
    """The associated data binding a value to its row: table, column and key columns."""
    return "\x1f".join([_AAD_TAG, *[str(w) for w in where]]).encode("utf-8")


def _wrap_aad(holder: str, key_id: str) -> bytes:
    return f"{_AAD_TAG}\x1fnøkkel\x1f{holder}\x1f{key_id}".encode()


def unwrap(wrapped: str, secret: str, holder: str, expected_id: str) -> ClinicalKey:
    """The data key, if ``secret`` opens ``wrapped`` for ``holder`` and it is this database's
    key (``expected_id``); ClinicalKeyError otherwise (slow: scrypt)."""
    try:
        scheme, n, r, p, salt, key_id, sealed = wrapped.split("$")
        if scheme != _WRAP_SCHEME or key_id != expected_id:
            raise ValueError(scheme)
        box = signing.Aead(signing.derive_key(secret, bytes.fromhex(salt), int(n), int(r),
                                              int(p)))
        key = ClinicalKey(box.open(bytes.fromhex(sealed), _wrap_aad(holder, key_id)))
    except ValueError:
        raise ClinicalKeyError("Journalnøkkelen kunne ikke låses opp med dette.") from None
    if key.id != expected_id:
        raise ClinicalKeyError("Journalnøkkelen hører ikke til denne databasen.")
    return key


def doctor_holder(name: str) -> str:
    return f"lege:{name}"


# --- the recovery key ------------------------------------------------------------------------
def new_recovery_key() -> str:
    """A fresh recovery key as shown to the administrator: ``ABCD-EFGH-…`` (8 groups)."""
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(_RECOVERY_LEN))
    return format_recovery_key(raw)


def format_recovery_key(raw: str) -> str:
    return "-".join(raw[i:i + _GROUP] for i in range(0, len(raw), _GROUP))


def normalize_recovery_key(text: str) -> str:
    """The recovery key as typed (any case, with or without dashes and spaces) in the form it
    is wrapped under; ClinicalKeyError when it cannot be one."""
    raw = "".join(ch for ch in text.upper() if ch not in " -\t\n")
    if len(raw) != _RECOVERY_LEN or any(ch not in _ALPHABET for ch in raw):
        raise ClinicalKeyError("Dette er ikke en gjenopprettingsnøkkel: den har 32 tegn "
                               "(bokstaver og sifre, i grupper på fire).")
    return format_recovery_key(raw)


RECOVERY_INSTRUCTION = (
    "GJENOPPRETTINGSNØKKEL for journalteksten. Den vises bare denne ene gangen og lagres "
    "ikke noe sted i klartekst. Skriv den ned på papir og oppbevar arket innelåst (for "
    "eksempel i praksisens safe), atskilt fra passordfrasen. Uten den kan ingen lese notatene "
    "hvis alle legene glemmer passordet sitt; med den kan administratoren gi en lege tilgang "
    "igjen.")


# --- one transaction's access to clinical columns ----------------------------------------------
@dataclass(frozen=True)
class Vault:
    """How clinical columns are written and read in one transaction.

    ``sealed`` False: a database from before clinical encryption that no doctor has migrated
    yet; values pass through. ``sealed`` True: every clinical value is encrypted under the
    data key, and ``key`` (None for roles without it) must be there to write or read one.
    """

    sealed: bool
    key: ClinicalKey | None = None
    granted_role: bool = True  # False: a role that never has the key (the message says so)

    @property
    def can_open(self) -> bool:
        return not self.sealed or self.key is not None

    def require(self) -> None:
        """Raises ClinicalAccessDenied unless clinical values can be written and read."""
        if self.sealed:
            self._key()

    def _key(self) -> ClinicalKey:
        if self.key is None:
            if self.granted_role:
                raise ClinicalAccessDenied(NOT_GRANTED, NOT_GRANTED_HINT)
            raise ClinicalAccessDenied(NOT_A_DOCTOR)
        return self.key

    def seal_text(self, text: str | None, *where: object) -> str | bytes | None:
        if text is None or not self.sealed:
            return text
        return self._key().seal(text.encode("utf-8"), where)

    def open_text(self, value: str | bytes | None, *where: object) -> str | None:
        if value is None:
            return None
        if isinstance(value, str):
            if self.sealed:
                raise ClinicalDataTampered(f"Journalteksten i {_place(where)} er ikke kryptert "
                                           "slik den skal være.")
            return value
        if not self.sealed:
            return bytes(value).decode("utf-8")
        return self._key().open(bytes(value), where).decode("utf-8")

    def seal_bytes(self, data: bytes, *where: object) -> bytes:
        return data if not self.sealed else self._key().seal(data, where)

    def open_bytes(self, value: bytes, *where: object) -> bytes:
        return bytes(value) if not self.sealed else self._key().open(bytes(value), where)


PLAIN = Vault(sealed=False)


def key_id(conn: Connection) -> str | None:
    """This database's data key id, or None before clinical encryption was set up."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'store_meta'"
                    ).fetchone() is None:
        return None
    row = conn.execute("SELECT value FROM store_meta WHERE key = ?", (KEY_ID_META,)).fetchone()
    return None if row is None else str(row[0])


def vault_of(conn: Connection, key: ClinicalKey | None = None, *,
             granted_role: bool = True) -> Vault:
    """The vault for this transaction: sealed once the database has a data key; ``key`` counts
    only if it is that key."""
    stored = key_id(conn)
    if stored is None:
        return PLAIN
    return Vault(sealed=True, key=key if key is not None and key.id == stored else None,
                 granted_role=granted_role)


# --- for other store modules (documents): one sealed body per row ------------------------------
def seal_body(vault: Vault, text: str, table: str, *row_key: object) -> str | bytes:
    """``text`` as it is stored in ``table`` for the row ``row_key`` (e.g. consultation id and
    document id): encrypted under the data key once the database is sealed, plain before."""
    sealed = vault.seal_text(text, table, "body", *row_key)
    assert sealed is not None
    return sealed


def open_body(vault: Vault, value: str | bytes | None, table: str, *row_key: object) -> str:
    """The text :func:`seal_body` stored for the same table and row key. Raises
    ClinicalAccessDenied without the key and ClinicalDataTampered if moved or changed."""
    text = vault.open_text(value, table, "body", *row_key)
    return "" if text is None else text
