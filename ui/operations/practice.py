"""Operations on the practice: first run, unlocking and logging in, users, model packs and
the sound devices."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scribe.errors import ModelInstallFailed
from ui.context import Context
from ui.operations import Op

if TYPE_CHECKING:
    from pathlib import Path

    from scribe.audio.capture import InputDevice
    from scribe.coding.model import Edition
    from scribe.progress import CancelToken
    from scribe.store import Session, Store, User
    from ui.tasks import ProgressFn


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


# --- first run: code lists and model packs (issue 17, item 7) ------------------------------
def import_code_lists(ctx: Context, paths: list[Path]) -> Op[list[Edition]]:
    """The practice's official files (FinnKode JSON, Helfo XML, termsett xlsx)."""
    return Op(ctx, "Importerer kodeverk",
              lambda p, _c: ctx.app.import_code_lists(paths, on_progress=p))


def install_models_from(ctx: Context, folder: Path, ids: list[str] | None = None
                        ) -> Op[list[str]]:
    """Every pack in ``folder`` not yet installed (or ``ids``), sha256-checked; their ids."""
    def job(p: ProgressFn, c: CancelToken) -> list[str]:
        store = ctx.app.models
        chosen = ids if ids is not None else store.installable_from(folder)
        if not chosen:
            raise ModelInstallFailed(f"Fant ingen modellpakker å installere i {folder}.",
                                     "Velg mappen med hjul-filene (.whl) eller med én "
                                     "undermappe per pakke (f.eks. whisper-base).")
        for pack_id in chosen:
            store.install(pack_id, source=folder, on_progress=p, cancel=c)
        return chosen
    return Op(ctx, "Installerer modellpakker fra mappe", job)


def download_models(ctx: Context, ids: list[str]) -> Op[list[str]]:
    """Downloads ``ids`` once from their manifests' registry: only after the user agreed."""
    def job(p: ProgressFn, c: CancelToken) -> list[str]:
        for pack_id in ids:
            ctx.app.models.install(pack_id, download=True, on_progress=p, cancel=c)
        return ids
    return Op(ctx, "Laster ned modellpakker", job)


# --- the recovery key of the clinical data key (issue 19) ----------------------------------
def take_recovery_key(ctx: Context) -> Op[str | None]:
    """The recovery key this process made, once (None when there is none to show)."""
    session = ctx.require_session()
    return Op(ctx, "Henter gjenopprettingsnøkkelen",
              lambda _p, _c: ctx.app.store.take_recovery_key(session))


def add_doctor_with_recovery_key(ctx: Context, name: str, password: str, hpr: str | None,
                                 recovery_key: str) -> Op[User]:
    """A new doctor gets the clinical key through the practice's recovery key."""
    session = ctx.require_session()
    return Op(ctx, "Legger til lege", lambda _p, _c: ctx.app.store.create_user(
        name, "lege", password, hpr, session=session, recovery_key=recovery_key))
