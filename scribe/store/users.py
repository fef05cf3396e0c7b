"""Users, roles, password hashing (scrypt) and the access rules of the core."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from scribe.errors import AccessDenied
from scribe.store import audit
from scribe.store.db import Connection

# scrypt cost: ~40 ms and 16 MiB per check on an office PC; stored with each hash.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
_ROLE_NAMES = {"lege": "lege", "daglig_leder": "daglig leder", "admin": "administrator"}


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


def validate_new(name: str, role: str, password: str, hpr: str | None) -> Role:
    if not name.strip() or len(name) > 80:
        raise AccessDenied("Brukernavnet må være 1–80 tegn.")
    try:
        checked = Role(role)
    except ValueError:
        raise AccessDenied(f"Ukjent rolle «{role}».",
                           "Roller: lege, daglig_leder, admin.") from None
    if len(password) < 8:
        raise AccessDenied("Passordet må ha minst 8 tegn.")
    if hpr is not None and not hpr.isdigit():
        raise AccessDenied("HPR-nummeret skal bare ha sifre.")
    return checked


def insert_user(conn: Connection, name: str, role: Role, password_hash: str,
                hpr: str | None, actor: audit.Actor) -> User:
    if conn.execute("SELECT 1 FROM users WHERE name = ?", (name,)).fetchone():
        raise AccessDenied(f"Brukeren «{name}» finnes allerede.")
    cur = conn.execute(
        "INSERT INTO users (name, role, hpr, password_hash, created_at) VALUES (?, ?, ?, ?, ?)",
        (name, role.value, hpr, password_hash, audit.now_iso()))
    user_id = int(cur.lastrowid)
    audit.append(conn, actor, "create_user", "user", user_id, role=role.value)
    return User(user_id, name, role, hpr)


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
        audit.append(conn, audit.Actor(user_id, name[:80]), "login_failed", "user",
                     user_id or "")


def describe(role: Role) -> str:
    return _ROLE_NAMES[role.value]


def require(session: Session, *roles: Role, what: str) -> None:
    if session.user.role not in roles:
        allowed = " eller ".join(describe(r) for r in roles)
        raise AccessDenied(
            f"Rollen {describe(session.user.role)} har ikke tilgang til {what}.",
            f"Bare {allowed} har tilgang.")
