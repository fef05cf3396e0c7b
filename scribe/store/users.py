"""Users, roles, password hashing (scrypt), signing keys, and the access rules of the core."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from scribe.errors import AccessDenied, WeakSecret
from scribe.store import audit, signing
from scribe.store.db import Connection

# scrypt cost: ~40 ms and 16 MiB per check on an office PC; stored with each hash. The same
# cost seals each user's signing key (tests lower it by setting SCRYPT_N).
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
_ROLE_NAMES = {"lege": "lege", "daglig_leder": "daglig leder", "admin": "administrator"}
MIN_PASSWORD, MAX_NAME = 10, 64
# The most common choices that pass the length rule; compared without case.
COMMON_PASSWORDS = frozenset({
    "passord123", "passord1234", "password123", "password1234", "passw0rd123", "1234567890",
    "0987654321", "qwertyuiop", "qwerty1234", "qwerty12345", "1q2w3e4r5t", "asdfghjkl1",
    "abc1234567", "admin12345", "letmein123", "welcome123", "iloveyou12", "hemmelig123",
    "fotball123", "norge12345", "sommer2024", "sommer2025", "sommer2026", "vinter2025",
    "vinter2026", "velkommen1", "velkommen123", "legekontor1", "legekontor123",
})


class Role(StrEnum):
    LEGE = "lege"
    DAGLIG_LEDER = "daglig_leder"
    ADMIN = "admin"


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: Role
    hpr: str | None = None
    active: bool = True


@dataclass(frozen=True)
class Session:
    """A logged-in user. Only sessions issued by the Store's ``authenticate`` are accepted."""

    user: User
    started_at: datetime
    token: str = field(default_factory=lambda: secrets.token_hex(16), repr=False)

    @property
    def actor(self) -> audit.Actor:
        return audit.Actor(self.user.id, self.user.name)


def hash_password(password: str, *, n: int | None = None) -> str:
    n = SCRYPT_N if n is None else n
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=SCRYPT_R, p=SCRYPT_P,
                            dklen=32)
    return f"scrypt${n}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def check_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    actual = hashlib.scrypt(password.encode("utf-8"), salt=bytes.fromhex(salt), n=int(n),
                            r=int(r), p=int(p), dklen=len(digest) // 2)
    return hmac.compare_digest(actual.hex(), digest)


def clean_name(name: str) -> str:
    """The user name as stored: trimmed, 1–64 characters, no control or format characters
    (which could hide or reorder text on screen)."""
    cleaned = name.strip()
    if not cleaned or len(cleaned) > MAX_NAME:
        raise WeakSecret(f"Brukernavnet må være 1–{MAX_NAME} tegn.")
    if any(unicodedata.category(ch)[0] == "C" or unicodedata.category(ch) in ("Zl", "Zp")
           for ch in cleaned):
        raise WeakSecret("Brukernavnet kan ikke inneholde kontrolltegn eller usynlige tegn.",
                         "Bruk bokstaver, sifre, mellomrom, punktum eller bindestrek.")
    return cleaned


def check_password_rules(password: str, name: str) -> None:
    """A new password: at least 10 characters, not the user name, not trivially guessed."""
    folded, who = password.casefold(), name.strip().casefold()
    if len(password) < MIN_PASSWORD:
        raise WeakSecret(f"Passordet må ha minst {MIN_PASSWORD} tegn.")
    if who and (folded == who or (len(who) >= 3 and who in folded)):
        raise WeakSecret("Passordet kan ikke inneholde brukernavnet.")
    if password.isdigit():
        raise WeakSecret("Passordet kan ikke bare være sifre.")
    if folded in COMMON_PASSWORDS or len(set(folded)) < 4:
        raise WeakSecret("Passordet er for vanlig eller for enkelt.",
                         "Bruk gjerne flere ord som ikke hører sammen.")


def validate_new(name: str, role: str, password: str, hpr: str | None) -> Role:
    cleaned = clean_name(name)
    try:
        checked = Role(role)
    except ValueError:
        raise AccessDenied(f"Ukjent rolle «{role}».",
                           "Roller: lege, daglig_leder, admin.") from None
    check_password_rules(password, cleaned)
    if hpr is not None and not hpr.isdigit():
        raise AccessDenied("HPR-nummeret skal bare ha sifre.")
    return checked


def new_key(password: str) -> tuple[signing.SealedKey, signing.Signer]:
    """A signing key pair sealed under ``password`` (slow: call off the database thread)."""
    return signing.new_key(password, n=SCRYPT_N)


def insert_user(conn: Connection, name: str, role: Role, password_hash: str,
                hpr: str | None, actor: audit.Actor,
                key: signing.SealedKey | None = None) -> User:
    if conn.execute("SELECT 1 FROM users WHERE name = ?", (name,)).fetchone():
        raise AccessDenied(f"Brukeren «{name}» finnes allerede.")
    cur = conn.execute(
        "INSERT INTO users (name, role, hpr, password_hash, created_at, public_key, "
        "private_key_sealed) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (name, role.value, hpr, password_hash, audit.now_iso(),
         key.public if key else None, key.sealed if key else None))
    user_id = int(cur.lastrowid)
    audit.append(conn, actor, "create_user", "user", user_id, role=role.value,
                 key=key.fingerprint if key else None)
    return User(user_id, name, role, hpr)


def sealed_key(conn: Connection, user_id: int) -> signing.SealedKey | None:
    row = conn.execute("SELECT public_key, private_key_sealed FROM users WHERE id = ?",
                       (user_id,)).fetchone()
    if row is None or not row[0] or not row[1]:
        return None
    return signing.SealedKey(str(row[0]), str(row[1]))


def store_key(conn: Connection, user: User, key: signing.SealedKey) -> None:
    """Gives a user made before signing existed its key pair (once: a trigger guards it)."""
    conn.execute("UPDATE users SET public_key = ?, private_key_sealed = ? "
                 "WHERE id = ? AND public_key IS NULL", (key.public, key.sealed, user.id))
    audit.append(conn, audit.Actor(user.id, user.name), "create_key", "user", user.id,
                 key=key.fingerprint)


def set_password(conn: Connection, user_id: int, password_hash: str,
                 key: signing.SealedKey | None) -> None:
    """A changed password: its hash, and the same signing key sealed under it."""
    conn.execute("UPDATE users SET password_hash = ? WHERE id = ?", (password_hash, user_id))
    if key is not None:
        conn.execute("UPDATE users SET private_key_sealed = ? WHERE id = ? AND public_key = ?",
                     (key.sealed, user_id, key.public))


def replace_key(conn: Connection, user_id: int, old: signing.SealedKey | None,
                new: signing.SealedKey, password_hash: str) -> None:
    """A reset password: the old signing key is retired (kept, so what it signed still
    verifies), and a new key pair replaces it."""
    if old is not None:
        conn.execute("INSERT OR IGNORE INTO retired_keys (user_id, public_key, retired_at) "
                     "VALUES (?, ?, ?)", (user_id, old.public, audit.now_iso()))
    conn.execute("UPDATE users SET password_hash = ?, public_key = ?, private_key_sealed = ? "
                 "WHERE id = ?", (password_hash, new.public, new.sealed, user_id))


def user_count(conn: Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM users").fetchone()[0])


def user_row(conn: Connection, name: str) -> tuple[User, str] | None:
    row = conn.execute("SELECT id, name, role, hpr, active, password_hash FROM users "
                       "WHERE name = ?", (name,)).fetchone()
    if row is None:
        return None
    return User(row[0], row[1], Role(row[2]), row[3], bool(row[4])), row[5]


def all_users(conn: Connection) -> list[User]:
    rows = conn.execute("SELECT id, name, role, hpr, active FROM users ORDER BY name")
    return [User(r[0], r[1], Role(r[2]), r[3], bool(r[4])) for r in rows]


def dummy_hash() -> str:
    """A hash to check against for unknown names, so timing does not tell which exist."""
    global _DUMMY
    if _DUMMY is None:
        _DUMMY = hash_password(secrets.token_hex(8))
    return _DUMMY


_DUMMY: str | None = None


def record_login(conn: Connection, name: str, user: User | None, ok: bool) -> None:
    """Audits a login attempt; the password itself was checked off the database thread."""
    if ok and user is not None:
        audit.append(conn, audit.Actor(user.id, user.name), "login", "user", user.id)
    else:
        user_id = user.id if user else None
        shown = "".join("?" if unicodedata.category(ch)[0] == "C" else ch for ch in name[:80])
        audit.append(conn, audit.Actor(user_id, shown), "login_failed", "user", user_id or "")


def describe(role: Role) -> str:
    return _ROLE_NAMES[role.value]


def require(session: Session, *roles: Role, what: str) -> None:
    if session.user.role not in roles:
        allowed = " eller ".join(describe(r) for r in roles)
        raise AccessDenied(
            f"Rollen {describe(session.user.role)} har ikke tilgang til {what}.",
            f"Bare {allowed} har tilgang.")
