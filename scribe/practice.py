"""The Users service: logging in and out, and the practice's users (the administrator's page,
the billing page's choice of doctor). Access rules and the audit trail stay in the store."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scribe.store.users import Role

if TYPE_CHECKING:
    from scribe.store import Session, Store, User


class Users:
    def __init__(self, store: Store) -> None:
        self.store = store

    def login(self, name: str, password: str) -> Session:
        return self.store.authenticate(name, password)

    def logout(self, session: Session) -> None:
        self.store.logout(session)

    def all(self, session: Session) -> list[User]:
        return self.store.list_users(session)

    def doctors(self, session: Session) -> list[str]:
        """The names of the practice's doctors."""
        return [u.name for u in self.store.list_users(session) if u.role is Role.LEGE]

    def add(self, session: Session, name: str, role: str, password: str,
            hpr: str | None = None) -> User:
        """A new user, added by an administrator."""
        return self.store.create_user(name, role, password, hpr, session=session)
