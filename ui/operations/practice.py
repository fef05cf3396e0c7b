"""Operations on the practice: first run, unlocking and logging in, users, model packs and
the sound devices."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui.context import Context
from ui.operations import Op

if TYPE_CHECKING:
    from pathlib import Path

    from scribe.audio.capture import InputDevice
    from scribe.store import Session, Store, User


def create_practice(ctx: Context, passphrase: str, admin: tuple[str, str],
                    doctor: tuple[str, str, str | None], kdf_iter: int | None) -> Op[Store]:
    return Op(ctx, "Oppretter praksisdatabasen", lambda _p, _c: ctx.app.create_practice(
        passphrase, admin=admin, doctor=doctor, kdf_iter=kdf_iter))


def log_in(ctx: Context, passphrase: str, name: str, password: str,
           kdf_iter: int | None) -> Op[Session]:
    """Unlocks the database first if a passphrase is given (the slow key derivation)."""
    def job(_p: object, _c: object) -> Session:
        if passphrase:
            ctx.app.unlock(passphrase, kdf_iter=kdf_iter)
        return ctx.app.users.login(name, password)
    return Op(ctx, "Logger inn", job)


def list_users(ctx: Context) -> Op[list[User]]:
    session = ctx.require_session()
    return Op(ctx, "Henter brukere", lambda _p, _c: ctx.app.users.all(session))


def doctor_names(ctx: Context) -> Op[list[str]]:
    session = ctx.require_session()
    return Op(ctx, "Henter leger", lambda _p, _c: ctx.app.users.doctors(session))


def add_user(ctx: Context, name: str, role: str, password: str,
             hpr: str | None) -> Op[User]:
    session = ctx.require_session()
    return Op(ctx, "Legger til bruker", lambda _p, _c: ctx.app.users.add(
        session, name, role, password, hpr))


def install_model(ctx: Context, pack_id: str) -> Op[Path]:
    return Op(ctx, f"Installerer {pack_id}", lambda p, c: ctx.app.models.install(
        pack_id, on_progress=p, cancel=c))


def verify_model(ctx: Context, pack_id: str) -> Op[None]:
    return Op(ctx, f"Kontrollerer {pack_id}",
              lambda p, _c: ctx.app.models.verify(pack_id, on_progress=p))


def input_devices(ctx: Context) -> Op[list[InputDevice]]:
    def job(_p: object, _c: object) -> list[InputDevice]:
        from scribe.audio.capture import list_input_devices  # loads PortAudio lazily

        return list_input_devices()
    return Op(ctx, "Finner lydenheter", job)


def warm_up(ctx: Context) -> Op[None]:
    """Loads the models a recording needs in the background, right after login."""
    return Op(ctx, "Laster modellene", lambda _p, c: ctx.app.warm_up(c))
