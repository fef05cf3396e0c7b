"""Per-user signing keys: Ed25519 key pairs whose private half only the user's password opens.

The private key is sealed with AES-256-GCM under a key derived from the password with scrypt
(memory-hard; the cost is stored with each sealed key, as with password hashes). The public key
is the additional authenticated data, so a sealed key only opens together with *its* public
key: swapping the public key in the database makes the owner's next unlock fail, which the
store reports. This module is the one adapter of the ``cryptography`` package; its types do not
leave it.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from scribe.errors import SigningKeyError

_R, _P = 8, 1
_SCHEME = "scrypt-aesgcm"


@dataclass(frozen=True)
class SealedKey:
    """What the ``users`` table stores: the public key and the sealed private key (text)."""

    public: str
    sealed: str

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public)


class Signer:
    """An unlocked private key, held only while one operation needs it."""

    def __init__(self, key: Ed25519PrivateKey) -> None:
        self._key = key
        self.public = key.public_key().public_bytes_raw().hex()

    def sign(self, payload: bytes) -> str:
        return self._key.sign(payload).hex()


def canonical(value: object) -> bytes:
    """The exact bytes a signature covers: sorted, compact JSON in UTF-8."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False).encode("utf-8")


def digest(value: object) -> str:
    """The sha256 (hex) of a value's canonical bytes: an approval's content hash."""
    return hashlib.sha256(canonical(value)).hexdigest()


def fingerprint(public: str) -> str:
    return hashlib.sha256(bytes.fromhex(public)).hexdigest()[:16]


def _wrap_key(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32,
                          maxmem=256 * 1024 * 1024)


# --- the same KDF and cipher for other keys (see :mod:`scribe.store.envelope`) -------------
KDF_R, KDF_P = _R, _P


def derive_key(secret: str, salt: bytes, n: int, r: int = _R, p: int = _P) -> bytes:
    """A 256-bit key from a password or recovery key: scrypt, as for the signing keys."""
    return _wrap_key(secret, salt, n, r, p)


class Aead:
    """AES-256-GCM under one key; a fresh random 96-bit nonce per value, stored in front."""

    NONCE = 12
    OVERHEAD = NONCE + 16

    def __init__(self, key: bytes) -> None:
        if len(key) != 32:
            raise ValueError("AES-256 needs a 32-byte key")
        self._box = AESGCM(key)

    def seal(self, plaintext: bytes, aad: bytes) -> bytes:
        nonce = secrets.token_bytes(self.NONCE)
        return nonce + self._box.encrypt(nonce, plaintext, aad)

    def open(self, blob: bytes, aad: bytes) -> bytes:
        """The plaintext; ValueError if ``blob`` was not sealed under this key with ``aad``."""
        if len(blob) < self.OVERHEAD:
            raise ValueError("too short")
        try:
            return self._box.decrypt(blob[:self.NONCE], blob[self.NONCE:], aad)
        except InvalidTag:
            raise ValueError("not sealed under this key for this place") from None


def new_key(password: str, *, n: int) -> tuple[SealedKey, Signer]:
    """A fresh key pair, its private half sealed under ``password`` (scrypt cost ``n``)."""
    private = Ed25519PrivateKey.generate()
    signer = Signer(private)
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    box = AESGCM(_wrap_key(password, salt, n, _R, _P))
    sealed = box.encrypt(nonce, private.private_bytes_raw(), bytes.fromhex(signer.public))
    text = "$".join([_SCHEME, str(n), str(_R), str(_P), salt.hex(), nonce.hex(), sealed.hex()])
    return SealedKey(signer.public, text), signer


def reseal(key: SealedKey, old_password: str, new_password: str, *, n: int) -> SealedKey:
    """The same key pair sealed under a new password (a password change)."""
    signer = unlock(key, old_password)
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    box = AESGCM(_wrap_key(new_password, salt, n, _R, _P))
    sealed = box.encrypt(nonce, signer._key.private_bytes_raw(), bytes.fromhex(signer.public))
    return SealedKey(signer.public, "$".join([_SCHEME, str(n), str(_R), str(_P), salt.hex(),
                                              nonce.hex(), sealed.hex()]))


def unlock(key: SealedKey, password: str) -> Signer:
    """The private key, if ``password`` opens it and it belongs to ``key.public``."""
    try:
        scheme, n, r, p, salt, nonce, sealed = key.sealed.split("$")
        if scheme != _SCHEME:
            raise ValueError(scheme)
        box = AESGCM(_wrap_key(password, bytes.fromhex(salt), int(n), int(r), int(p)))
        raw = box.decrypt(bytes.fromhex(nonce), bytes.fromhex(sealed), bytes.fromhex(key.public))
        signer = Signer(Ed25519PrivateKey.from_private_bytes(raw))
    except (ValueError, InvalidTag):
        raise SigningKeyError(
            "Signeringsnøkkelen din kan ikke låses opp: den stemmer ikke med brukeren.") from None
    if signer.public != key.public:
        raise SigningKeyError(
            "Signeringsnøkkelen din stemmer ikke med den offentlige nøkkelen.")
    return signer


def verify(public: str | None, payload: bytes, signature: str | None) -> bool:
    """True only for a well-formed signature by ``public`` over exactly ``payload``."""
    if not public or not signature:
        return False
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public)).verify(
            bytes.fromhex(signature), payload)
    except (ValueError, InvalidSignature):
        return False
    return True
