"""``scribe init | users | list | show | approve | audit | passphrase | store``: the encrypted
store.

Non-interactive use: ``SCRIBE_PASSPHRASE`` (database), ``SCRIBE_USER``/``SCRIBE_PASSWORD``
(login), ``SCRIBE_ADMIN_PASSWORD``/``SCRIBE_DOCTOR_PASSWORD`` (init), ``SCRIBE_NEW_PASSWORD``
(users add, password changes) and ``SCRIBE_NEW_PASSPHRASE`` (passphrase change). Otherwise it
asks. The recovery key is typed at a prompt, or read from a file with ``--gjenopprettingsfil``.
"""

from __future__ import annotations

import argparse
import dataclasses
import getpass
import json
import sys
from pathlib import Path
from typing import Any, TypeAlias

from scribe.cli import subcommand_group
from scribe.cli._args import iso_date
from scribe.config import load_settings, secret_from_env, user_from_env
from scribe.consultation import LABELS
from scribe.errors import AccessDenied, ConfigError, StorageError
from scribe.store import DraftVersion, Session, Store, users
from scribe.store.envelope import RECOVERY_INSTRUCTION

KDF_ITER: int | None = None  # SQLCipher default; tests lower it
Sub: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def register(sub: Sub) -> None:
    p = sub.add_parser("init", help="opprett den krypterte databasen og de første brukerne")
    p.add_argument("--admin", required=True, metavar="NAVN", help="administratorens brukernavn")
    p.add_argument("--doctor", required=True, metavar="NAVN", help="legens brukernavn")
    p.add_argument("--hpr", metavar="N", help="legens HPR-nummer")
    p.set_defaults(func=cmd_init)
    _register_users(sub)
    p = sub.add_parser("list", help="vis konsultasjonene")
    p.add_argument("--json", action="store_true", help="skriv JSON (én liste)")
    p.set_defaults(func=cmd_list)
    p = sub.add_parser("show", help="vis én konsultasjon (notat og koder for leger)")
    p.add_argument("id", type=int, metavar="ID")
    p.set_defaults(func=cmd_show)
    p = sub.add_parser("approve", help="godkjenn siste versjon av notatet (bare lege)")
    p.add_argument("--kontrollert", action="store_true",
                   help="jeg har kontrollert de merkede setningene mot samtalen")
    p.add_argument("--paa-vegne-av", dest="on_behalf", action="store_true",
                   help="godkjenn på vegne av legen som hadde konsultasjonen (registreres)")
    p.add_argument("id", type=int, metavar="ID")
    p.set_defaults(func=cmd_approve)
    _register_audit(sub)
    actions = subcommand_group(sub, "passphrase", "praksisens passordfrase for databasen")
    p = actions.add_parser("change", help="bytt passordfrase (krypterer databasen på nytt)")
    p.set_defaults(func=cmd_passphrase_change)
    _register_clinical(sub)


def _register_clinical(sub: Sub) -> None:
    actions = subcommand_group(sub, "store", "journalnøkkelen: kryptering av journalteksten")
    p = actions.add_parser("migrate-clinical",
                           help="krypter journalteksten i en database fra før (logg inn som lege)")
    p.set_defaults(func=cmd_migrate_clinical)
    p = actions.add_parser("recovery-key",
                           help="lag en ny gjenopprettingsnøkkel (den gamle slutter å virke)")
    p.set_defaults(func=cmd_new_recovery_key)


def _recovery_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--gjenopprettingsfil", dest="recovery_file", type=Path, metavar="FIL",
                   help="les gjenopprettingsnøkkelen fra en fil (ellers spør kommandoen)")


def _register_users(sub: Sub) -> None:
    actions = subcommand_group(sub, "users", "brukere: legg til og vis")
    p = actions.add_parser("add", help="legg til en bruker (krever administrator)")
    p.add_argument("name", metavar="NAVN")
    p.add_argument("--role", required=True, choices=["lege", "daglig_leder", "admin"])
    p.add_argument("--hpr", metavar="N", help="HPR-nummer (leger)")
    _recovery_option(p)
    p.set_defaults(func=cmd_users_add)
    p = actions.add_parser("list", help="vis brukerne")
    p.set_defaults(func=cmd_users_list)
    p = actions.add_parser("password", help="bytt ditt eget passord")
    p.set_defaults(func=cmd_users_password)
    p = actions.add_parser("reset-password",
                           help="nytt passord for en bruker som har glemt sitt (administrator, "
                                "med gjenopprettingsnøkkelen)")
    p.add_argument("name", metavar="NAVN")
    _recovery_option(p)
    p.set_defaults(func=cmd_users_reset_password)


def _register_audit(sub: Sub) -> None:
    actions = subcommand_group(sub, "audit", "revisjonslogg: kontroller og eksporter")
    p = actions.add_parser("verify", help="kontroller hash-kjeden i revisjonsloggen")
    p.set_defaults(func=cmd_audit_verify)
    p = actions.add_parser("export", help="skriv revisjonsloggen for en periode som CSV")
    p.add_argument("--from", dest="date_from", required=True, type=iso_date, metavar="DATO")
    p.add_argument("--to", dest="date_to", required=True, type=iso_date, metavar="DATO")
    p.add_argument("--out", type=Path, metavar="FIL", help="standard: revisjonslogg-FRA-TIL.csv")
    p.set_defaults(func=cmd_audit_export)



# --- prompts -------------------------------------------------------------------------------
def _secret(env: str, prompt: str, *, confirm: bool = False) -> str:
    value = secret_from_env(env)
    if value:
        return value
    if not sys.stdin.isatty():
        raise ConfigError(f"{prompt} mangler.", f"Sett {env} eller kjør kommandoen i en terminal.")
    value = getpass.getpass(f"{prompt}: ")
    if confirm and getpass.getpass(f"{prompt} (gjenta): ") != value:
        raise ConfigError("De to oppgitte verdiene er ikke like.", "Prøv igjen.")
    return value


def _username() -> str:
    name = user_from_env()
    if name:
        return name
    if not sys.stdin.isatty():
        raise ConfigError("Brukernavn mangler.", "Sett SCRIBE_USER eller kjør i en terminal.")
    return input("Bruker: ").strip()


def open_store(*, create: bool = False) -> Store:
    path = load_settings().db_path
    if not create and not path.exists():
        raise StorageError(f"Databasen {path} finnes ikke.", "Kjør «scribe init» først.")
    passphrase = _secret("SCRIBE_PASSPHRASE", "Passordfrase for databasen", confirm=create)
    store = Store.open(path, passphrase, create=create, kdf_iter=KDF_ITER)
    if not create:
        store.recover_interrupted()
    return store


def login(store: Store) -> Session:
    session = store.authenticate(_username(), _secret("SCRIBE_PASSWORD", "Passord"))
    made = store.take_recovery_key(session) if session.user.role in ("lege", "admin") else None
    if made is not None:  # this login encrypted a database from before (see store migrate-clinical)
        print("Journalteksten i databasen er nå kryptert med en journalnøkkel som bare legene "
              "(og gjenopprettingsnøkkelen under) kan åpne. Andre leger får nøkkelen når de "
              "logger inn på en PC der en lege med nøkkelen har logget inn, eller av "
              "administratoren med gjenopprettingsnøkkelen.", file=sys.stderr)
        print_recovery_key(made, file=sys.stderr)
    return session


def print_recovery_key(key: str, *, file: Any = None) -> None:
    out = file or sys.stdout
    print(f"\n{RECOVERY_INSTRUCTION}\n\n    {key}\n", file=out)


def _recovery_key(args: argparse.Namespace) -> str:
    path: Path | None = getattr(args, "recovery_file", None)
    if path is not None:
        try:
            return path.read_text(encoding="utf-8").strip()
        except OSError:
            raise ConfigError(f"Filen {path} kunne ikke leses.") from None
    if not sys.stdin.isatty():
        raise ConfigError("Gjenopprettingsnøkkelen mangler.",
                          "Bruk --gjenopprettingsfil FIL eller kjør kommandoen i en terminal.")
    return getpass.getpass("Gjenopprettingsnøkkel (fra papirarket): ")


# --- commands ------------------------------------------------------------------------------
def cmd_init(args: argparse.Namespace) -> int:
    path = load_settings().db_path
    if path.exists() and path.stat().st_size:
        raise StorageError(f"Databasen {path} finnes allerede.",
                           "Bruk «scribe users add» for nye brukere.")
    admin_pw = _secret("SCRIBE_ADMIN_PASSWORD", f"Passord for {args.admin}", confirm=True)
    doctor_pw = _secret("SCRIBE_DOCTOR_PASSWORD", f"Passord for {args.doctor}", confirm=True)
    with open_store(create=True) as store:
        store.create_user(args.admin, "admin", admin_pw)
        session = store.authenticate(args.admin, admin_pw)
        store.create_user(args.doctor, "lege", doctor_pw, hpr=args.hpr, session=session)
        recovery = store.take_recovery_key(session)
    print(f"Opprettet kryptert database {path} med brukerne {args.admin} (admin) "
          f"og {args.doctor} (lege).")
    if recovery is not None:
        print_recovery_key(recovery)
    return 0


def cmd_users_add(args: argparse.Namespace) -> int:
    with open_store() as store:
        session = login(store)
        password = _secret("SCRIBE_NEW_PASSWORD", f"Passord for {args.name}", confirm=True)
        users.validate_new(args.name, args.role, password, args.hpr)  # before the key is asked
        recovery = _recovery_key(args) if args.role == "lege" and store.clinical_encrypted() \
            else None
        user = store.create_user(args.name, args.role, password, hpr=args.hpr, session=session,
                                 recovery_key=recovery)
    print(f"La til {user.name} ({user.role.value}).")
    return 0


def cmd_users_password(_args: argparse.Namespace) -> int:
    with open_store() as store:
        name = _username()
        old = _secret("SCRIBE_PASSWORD", "Nåværende passord")
        session = store.authenticate(name, old)
        new = _secret("SCRIBE_NEW_PASSWORD", "Nytt passord", confirm=True)
        store.change_password(session, old, new)
    print("Passordet er byttet. Signeringsnøkkelen og journalnøkkelen er låst med det nye.")
    return 0


def cmd_users_reset_password(args: argparse.Namespace) -> int:
    with open_store() as store:
        session = login(store)
        recovery = _recovery_key(args)
        new = _secret("SCRIBE_NEW_PASSWORD", f"Nytt passord for {args.name}", confirm=True)
        store.reset_password(session, args.name, recovery, new)
    print(f"{args.name} har fått nytt passord og ny signeringsnøkkel; tidligere godkjenninger "
          "gjelder fortsatt.")
    return 0


def cmd_users_list(_args: argparse.Namespace) -> int:
    with open_store() as store:
        rows = store.list_users(login(store))
    print(f"{'BRUKER':<24} {'ROLLE':<13} HPR")
    for user in rows:
        print(f"{user.name:<24} {user.role.value:<13} {user.hpr or ''}")
    return 0


def _jsonable(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def warn_if_tampered(store: Store, cid: int | None = None) -> list[str]:
    """Prints what is found wrong (chain, anchor, approvals of ``cid`` or of all) to stderr."""
    problems = store.tamper_warnings(cid)
    for problem in problems:
        print(f"Advarsel: {problem}", file=sys.stderr)
    if problems:
        print("Advarsel: databasen er endret utenom Scribe. Kjør «scribe audit verify» og "
              "meld fra til den som har ansvaret for databasen.", file=sys.stderr)
    return problems


def cmd_list(args: argparse.Namespace) -> int:
    with open_store() as store:
        rows = store.list_consultations(login(store))
        warn_if_tampered(store)
    if args.json:
        print(json.dumps([{k: _jsonable(v) for k, v in dataclasses.asdict(c).items()}
                          for c in rows], ensure_ascii=False, indent=1))
        return 0
    print(f"{'ID':>5}  {'START':<16}  {'LEGE':<16} {'STATUS':<14} VERSJON")
    for c in rows:
        started = c.started_at.astimezone().strftime("%d.%m.%Y %H:%M")
        print(f"{c.id:>5}  {started:<16}  {c.doctor:<16} {LABELS[c.status]:<14} "
              f"{c.latest_version or ''}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with open_store() as store:
        session = login(store)
        info = store.consultation(session, args.id)
        warn_if_tampered(store, args.id)
        sex = f"{info.patient_sex.name.lower()}, " if info.patient_sex else ""  # kvinne, mann
        print(f"Konsultasjon {info.id}: {LABELS[info.status]}, {info.contact_type.value}, "
              f"{sex}lege {info.doctor}, {info.started_at.astimezone():%d.%m.%Y %H:%M}")
        if session.user.role != "lege":
            print("(Journaltekst vises bare for leger.)")
            return 0
        if info.latest_version is None:
            print("Ingen utkast ennå.")
            return 0
        version = store.draft(session, args.id)
    _print_version(version)
    return 0


def _approval_state(version: DraftVersion) -> str:
    approval = version.approval
    if approval is None:
        return "ikke godkjent"
    if approval.problem is not None:
        return f"IKKE GYLDIG GODKJENT: {approval.problem}"
    who = f"godkjent av {approval.user}"
    if approval.on_behalf_of:
        who += f" på vegne av {approval.on_behalf_of}"
    return who + (", usignert fra før signering" if approval.legacy else "")


def _print_version(version: DraftVersion) -> None:
    print(f"Versjon {version.n} ({_approval_state(version)})")
    for section in version.draft.sections:
        print(f"\n{section.name}")
        for st in section.statements:
            flags = f"  [{', '.join(f.kind for f in st.flags)}]" if st.flags else ""
            print(f"  {st.text}{flags}")
    for code in version.codes:
        print(f"ICPC-2 {code.code} {code.title} ({code.status})")
    for takst in version.takster:
        print(f"Takst {takst.code} × {takst.count} ({takst.status})")


def cmd_approve(args: argparse.Namespace) -> int:
    with open_store() as store:
        session = login(store)
        password = _secret("SCRIBE_PASSWORD", "Bekreft godkjenningen med passordet ditt")
        draft = store.draft(session, args.id).draft
        if args.kontrollert and draft.unacknowledged_flags():
            store.save_draft(session, args.id, draft.with_flags_acknowledged())
        approval = store.approve(session, args.id, password,
                                 retention_days=load_settings().retention_days,
                                 on_behalf=args.on_behalf)
    behalf = f" på vegne av {approval.on_behalf_of}" if approval.on_behalf_of else ""
    print(f"Godkjent versjon {approval.version} av konsultasjon {args.id}{behalf}. "
          f"sha256 {approval.sha256}")
    return 0


def cmd_audit_verify(_args: argparse.Namespace) -> int:
    with open_store() as store:
        report = store.audit_verify()
    if report.ok:
        print(f"Revisjonsloggen er intakt ({report.count} hendelser), og alle godkjenninger "
              f"har gyldig signatur.\nSiste hash: {report.last_hash}")
        return 0
    for problem in report.problems:
        print(problem, file=sys.stderr)
    return 3


def cmd_audit_export(args: argparse.Namespace) -> int:
    out = args.out or Path(f"revisjonslogg-{args.date_from}-{args.date_to}.csv")
    with open_store() as store:
        session = login(store)
        if session.user.role not in ("admin", "daglig_leder"):
            raise AccessDenied("Bare administrator eller daglig leder kan eksportere "
                               "revisjonsloggen.")
        count = store.audit_export_csv(out, args.date_from, args.date_to)
    print(f"Skrev {count} hendelser til {out}.")
    return 0


def cmd_migrate_clinical(_args: argparse.Namespace) -> int:
    with open_store() as store:
        before = store.clinical_encrypted()
        session = store.authenticate(_username(), _secret("SCRIBE_PASSWORD", "Passord"))
        if session.user.role != "lege":
            raise AccessDenied("Bare en lege kan kryptere journalteksten: nøkkelen låses med "
                               "legens passord.", "Logg inn som lege.")
        recovery = store.take_recovery_key(session)
        granted = store.has_clinical_key(session)
    if before:
        print("Journalteksten var allerede kryptert. " + (
            "Du har journalnøkkelen." if granted else
            "Du har ikke fått journalnøkkelen ennå: be administratoren om å gi deg tilgang "
            "med gjenopprettingsnøkkelen («scribe users reset-password»)."))
        return 0
    print("Journalteksten (notater, transkripsjoner, lyd, pasientreferanser og begrunnelser) er "
          "nå kryptert med en journalnøkkel. Den er låst med passordet ditt og med "
          "gjenopprettingsnøkkelen under. Andre leger får den når de logger inn på en PC der "
          "en lege med nøkkelen har logget inn, eller av administratoren med "
          "gjenopprettingsnøkkelen. Oppgjørsdata kan fortsatt leses med passordfrasen.")
    if recovery is not None:
        print_recovery_key(recovery)
    return 0


def cmd_new_recovery_key(_args: argparse.Namespace) -> int:
    with open_store() as store:
        session = login(store)
        recovery = store.new_recovery_key(session)
    print("Ny gjenopprettingsnøkkel er laget; den gamle virker ikke lenger.")
    print_recovery_key(recovery)
    return 0


def cmd_passphrase_change(_args: argparse.Namespace) -> int:
    with open_store() as store:
        session = login(store)
        new = _secret("SCRIBE_NEW_PASSPHRASE", "Ny passordfrase", confirm=True)
        store.change_passphrase(session, new)
    print("Passordfrasen er byttet. Oppdater SCRIBE_PASSPHRASE der den er satt.")
    return 0
