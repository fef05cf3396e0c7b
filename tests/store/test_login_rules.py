"""Lockout with a growing delay after wrong passwords (kept across restarts), and the rules for
passwords, passphrases and user names (issue 19, failure 5). No test sleeps: the clock is ours."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from storekit import DOCTOR_PW, KDF_ITER, PASSPHRASE, drafted_consultation

from scribe.errors import AccessDenied, InvalidTransition, LoginLocked, WeakSecret
from scribe.store import Session, Store, lockout


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def step(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def clocked(db_path: Path, store: Store, clock: Clock) -> Iterator[Store]:
    """A second Store on the practice database (as after a restart), on the test's clock."""
    with Store.open(db_path, PASSPHRASE, kdf_iter=KDF_ITER, clock=clock) as s:
        yield s


def _fail(store: Store, name: str = "dr.hansen", times: int = 1) -> None:
    for _ in range(times):
        with pytest.raises(AccessDenied, match="Feil brukernavn eller passord"):
            store.authenticate(name, "feil-passord-123")


def test_the_delay_grows_with_each_wrong_password(clocked: Store, clock: Clock) -> None:
    _fail(clocked, times=3)
    with pytest.raises(LoginLocked, match="Vent 5 sekunder"):
        clocked.authenticate("dr.hansen", DOCTOR_PW)  # even the right password waits
    clock.step(5)
    _fail(clocked)
    with pytest.raises(LoginLocked, match="Vent 10 sekunder"):
        clocked.authenticate("dr.hansen", DOCTOR_PW)
    clock.step(4)
    with pytest.raises(LoginLocked, match="Vent 6 sekunder"):
        clocked.authenticate("dr.hansen", DOCTOR_PW)
    clock.step(6)
    assert clocked.authenticate("dr.hansen", DOCTOR_PW).user.name == "dr.hansen"
    _fail(clocked, times=3)  # a success starts the count again
    with pytest.raises(LoginLocked, match="Vent 5 sekunder"):
        clocked.authenticate("dr.hansen", DOCTOR_PW)


def test_the_delay_is_kept_across_a_restart(db_path: Path, clocked: Store,
                                            clock: Clock) -> None:
    for failures in range(6):
        clock.step(lockout.delay_after(failures).total_seconds())
        _fail(clocked)
    clocked.close()
    with (Store.open(db_path, PASSPHRASE, kdf_iter=KDF_ITER, clock=clock) as restarted,
          pytest.raises(LoginLocked, match="Vent 40 sekunder")):
        restarted.authenticate("dr.hansen", DOCTOR_PW)


def test_the_longest_delay_is_fifteen_minutes_said_in_minutes(clocked: Store,
                                                              clock: Clock) -> None:
    for _ in range(14):
        clock.step(lockout.MAX_DELAY_S)
        _fail(clocked)
    with pytest.raises(LoginLocked, match="Vent 15 minutter"):
        clocked.authenticate("dr.hansen", DOCTOR_PW)


def test_unknown_names_are_delayed_like_known_ones(clocked: Store) -> None:
    _fail(clocked, "finnes.ikke", times=3)
    with pytest.raises(LoginLocked):
        clocked.authenticate("finnes.ikke", "hva-som-helst-1")
    assert clocked.authenticate("dr.hansen", DOCTOR_PW)  # other names are not affected


def test_wrong_approval_passwords_count_too(clocked: Store, clock: Clock) -> None:
    session = clocked.authenticate("dr.hansen", DOCTOR_PW)
    cid = drafted_consultation(clocked, session)
    for _ in range(3):
        with pytest.raises(AccessDenied, match="Feil passord"):
            clocked.approve(session, cid, "feil-passord-123")
    with pytest.raises(LoginLocked):
        clocked.approve(session, cid, DOCTOR_PW)
    clock.step(5)
    assert clocked.approve(session, cid, DOCTOR_PW).verified


@pytest.mark.parametrize("password, rule", [
    ("kort-ord", "minst 10"),
    ("1234567890123", "bare være sifre"),
    ("Dr.Ny-passord-1", "brukernavnet"),
    ("DR.NY", "minst 10"),
    ("Passord123", "for vanlig"),
    ("aaaaaaaaaaaa", "for enkelt"),
])
def test_weak_passwords_are_refused(store: Store, admin: Session, password: str,
                                    rule: str) -> None:
    with pytest.raises(WeakSecret, match=rule):
        store.create_user("dr.ny", "lege", password, session=admin)
    with pytest.raises(WeakSecret, match="brukernavnet"):
        store.create_user("kari.nordmann", "lege", "Kari.Nordmann", session=admin)


@pytest.mark.parametrize("name", ["dr.\x1b[31mrød", "nul\x00l", "\u202enilicinep", "a\u200bb",
                                  "x" * 65, "   "])
def test_user_names_with_control_characters_or_too_long_are_refused(
        store: Store, admin: Session, name: str) -> None:
    with pytest.raises(WeakSecret, match="Brukernavnet"):
        store.create_user(name, "lege", "fjellvann-sykkel-7", session=admin)


def test_user_names_are_trimmed(store: Store, admin: Session) -> None:
    user = store.create_user("  dr.lie  ", "lege", "fjellvann-sykkel-7", session=admin)
    assert user.name == "dr.lie"
    assert store.authenticate(" dr.lie ", "fjellvann-sykkel-7").user.name == "dr.lie"


def test_a_new_passphrase_needs_twelve_characters(tmp_path: Path, store: Store,
                                                  admin: Session) -> None:
    fresh = tmp_path / "ny" / "scribe.db"
    with pytest.raises(WeakSecret, match="minst 12 tegn"):
        Store.open(fresh, "x", create=True, kdf_iter=KDF_ITER)
    assert not fresh.exists()
    with pytest.raises(WeakSecret, match="minst 12 tegn"):
        store.change_passphrase(admin, "elleve tegn")
    actions = store.db.call(lambda c: [r[0] for r in c.execute("SELECT action FROM audit_events")])
    assert "change_passphrase" not in actions


def test_a_right_password_for_a_refused_approval_does_not_count_as_wrong(
        clocked: Store) -> None:
    session = clocked.authenticate("dr.hansen", DOCTOR_PW)
    cid = drafted_consultation(clocked, session)
    clocked.approve(session, cid, DOCTOR_PW)
    for _ in range(4):  # already approved: refused, but the password was right each time
        with pytest.raises(InvalidTransition):
            clocked.approve(session, cid, DOCTOR_PW)
    assert clocked.authenticate("dr.hansen", DOCTOR_PW)


def test_a_failed_login_name_is_logged_without_control_characters(store: Store) -> None:
    with pytest.raises(AccessDenied):
        store.authenticate("dr.\x1b[2Jhansen", "feil-passord-123")
    logged = store.db.call(lambda c: c.execute(
        "SELECT user_name FROM audit_events WHERE action = 'login_failed'").fetchone()[0])
    assert logged == "dr.?[2Jhansen"
