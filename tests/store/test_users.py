"""Users, roles, password hashing, login auditing and sessions the core accepts."""

from __future__ import annotations

import dataclasses

import pytest
from storekit import ADMIN_PW, DOCTOR_PW

from scribe.errors import AccessDenied
from scribe.store import Role, Session, Store


def _audit_actions(store: Store) -> list[tuple[str, str]]:
    return store.db.call(lambda c: c.execute(
        "SELECT action, user_name FROM audit_events ORDER BY id").fetchall())


def test_login_returns_a_session_with_the_user_and_is_audited(store: Store) -> None:
    session = store.authenticate("dr.hansen", DOCTOR_PW)
    assert session.user.role is Role.LEGE and session.user.hpr == "1234567"
    assert _audit_actions(store)[-2:] == [("login", "dr.hansen"), ("checkpoint", "dr.hansen")]


def test_a_failed_login_is_refused_in_norwegian_and_audited(store: Store) -> None:
    with pytest.raises(AccessDenied, match="Feil brukernavn eller passord"):
        store.authenticate("dr.hansen", "galt-passord")
    with pytest.raises(AccessDenied):
        store.authenticate("ukjent", "hva-som-helst")
    assert _audit_actions(store)[-2:] == [("login_failed", "dr.hansen"),
                                         ("login_failed", "ukjent")]


def test_passwords_are_stored_as_salted_scrypt_hashes(store: Store) -> None:
    stored = store.db.call(lambda c: [r[0] for r in c.execute(
        "SELECT password_hash FROM users")])
    assert all(h.startswith("scrypt$") for h in stored)
    assert not any(DOCTOR_PW in h or ADMIN_PW in h for h in stored)
    assert len(set(stored)) == len(stored)


def test_only_the_first_user_can_be_created_without_an_admin_session(store: Store,
                                                                     doctor: Session) -> None:
    with pytest.raises(AccessDenied, match="administrator"):
        store.create_user("ny", "lege", "passord-123")
    with pytest.raises(AccessDenied, match="Rollen lege"):
        store.create_user("ny", "lege", "passord-123", session=doctor)


def test_a_new_user_needs_a_known_role_a_long_password_and_a_unique_name(
        store: Store, admin: Session) -> None:
    with pytest.raises(AccessDenied, match="Ukjent rolle"):
        store.create_user("ny", "sjef", "passord-123", session=admin)
    with pytest.raises(AccessDenied, match="minst 10"):
        store.create_user("ny", "lege", "kort", session=admin)
    with pytest.raises(AccessDenied, match="finnes allerede"):
        store.create_user("dr.hansen", "lege", "passord-123", session=admin)


def test_a_forged_session_is_not_accepted(store: Store, doctor: Session) -> None:
    forged = dataclasses.replace(doctor, token="0" * 32)
    with pytest.raises(AccessDenied, match="Økten er ikke gyldig"):
        store.create_consultation(forged)
    store.logout(doctor)
    with pytest.raises(AccessDenied):
        store.list_consultations(doctor)


def test_users_are_listed_for_admin_and_manager_only(store: Store, admin: Session,
                                                     leader: Session, doctor: Session) -> None:
    assert [u.name for u in store.list_users(admin)] == ["admin", "dr.hansen", "leder"]
    assert len(store.list_users(leader)) == 3
    with pytest.raises(AccessDenied):
        store.list_users(doctor)
