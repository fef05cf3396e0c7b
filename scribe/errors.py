"""The error tree. Every error meant for a user carries a Norwegian message and a hint.

The UI has one presenter for all of them; the CLI prints ``message`` and ``hint`` and exits
non-zero. ``Cancelled`` is the user's own cancel: presenters stay silent for it.
Messages never contain patient text.
"""

from __future__ import annotations


class ScribeError(Exception):
    """Base for errors shown to users (Norwegian message + what to do about it)."""

    exit_code = 1
    default_hint = ""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint if hint is not None else self.default_hint

    def show(self) -> str:
        """The text a user sees: message, then the hint on its own line."""
        return f"{self.message}\n{self.hint}" if self.hint else self.message


class Cancelled(Exception):
    """The user cancelled a long job. Not an error: presenters stay silent."""


class ConfigError(ScribeError):
    default_hint = "Sjekk innstillingsfilen (config.toml) eller miljøvariablene SCRIBE_*."


# --- models -------------------------------------------------------------------------------
class ModelError(ScribeError):
    pass


class ModelMissing(ModelError):
    pass


class ModelCorrupt(ModelError):
    pass


class ModelInstallFailed(ModelError):
    pass


# --- audio --------------------------------------------------------------------------------
class AudioError(ScribeError):
    pass


class NoMicrophone(AudioError):
    default_hint = "Koble til en mikrofon, eller velg en annen lydenhet under Innstillinger."


class AudioDecodeError(AudioError):
    default_hint = "Bruk en lydfil i formatet wav, mp3, m4a, ogg eller flac."


class SilentAudio(AudioError):
    default_hint = "Sjekk at mikrofonen er på og ikke dempet, og ta opp på nytt."


class TranscriptionError(AudioError):
    pass


class NoAudioOutput(AudioError):
    default_hint = "Koble til høyttaler eller hodetelefoner, eller velg en annen lydenhet."


class AudioDeleted(AudioError):
    default_hint = "Lyden slettes etter godkjenning (innstillingen «Slett lyd etter godkjenning»)."


class AudioDeviceLost(AudioError):
    """The input device stopped delivering audio during a recording (unplugged, failed)."""

    default_hint = ("Opptaket fram til feilen er lagret. Koble til mikrofonen igjen og start "
                    "et nytt opptak for resten av konsultasjonen.")


# --- storage ------------------------------------------------------------------------------
class StorageError(ScribeError):
    pass


class StorageLocked(StorageError):
    default_hint = "Skriv inn riktig passordfrase for praksisen (SCRIBE_PASSPHRASE)."


class DiskFull(StorageError):
    default_hint = "Frigjør plass på disken. Opptaket er ikke slettet."


class AccessDenied(ScribeError):
    pass


class InvalidTransition(ScribeError):
    pass


class UnacknowledgedFlags(ScribeError):
    default_hint = ("Les hver merkede setning mot transkripsjonen, rett eller slett den, og "
                    "kryss av for at den er kontrollert før du godkjenner.")


# --- drafting and coding ------------------------------------------------------------------
class LLMError(ScribeError):
    pass


class SchemaViolation(LLMError):
    default_hint = "Transkripsjonen er beholdt. Prøv igjen, eller velg en større språkmodell."


class NetworkRefused(ScribeError):
    default_hint = "Bare en inferensserver på praksisens eget nett (LAN) er tillatt."


class ReferenceDataError(ScribeError):
    default_hint = "Den gjeldende utgaven av kodeverket er beholdt uendret."


class UnknownCode(ScribeError):
    default_hint = "Bare koder fra den importerte, offisielle kodelisten kan brukes."


# --- export -------------------------------------------------------------------------------
class ExportRefused(ScribeError):
    pass


# --- drafting (issue 5) -------------------------------------------------------------------
class TemplateMissing(ScribeError):
    default_hint = "Se «scribe draft --help» for malene som finnes, eller sjekk malmappen."


class TemplateBroken(ScribeError):
    default_hint = "Rett feilen i malfilen, eller velg malen «allmennlege»."


class LLMUnavailable(LLMError):
    default_hint = ("Sjekk at inferensserveren kjører og er nåbar, eller bruk den innebygde "
                    "modellen.")


# --- hardening (issue 19): storage, login, signatures ---------------------------------------
class StorageCorrupt(StorageError):
    default_hint = "Filen er ikke endret. Gjenopprett scribe.db fra sikkerhetskopien."


class StorageReadOnly(StorageError):
    default_hint = ("Gi brukeren skrivetilgang til databasefilen (den er skrivebeskyttet), "
                    "eller kopier den til en mappe du kan skrive i.")


class StorageUnwritable(StorageError):
    default_hint = ("Velg en mappe brukeren kan skrive i (SCRIBE_DATA_DIR), eller gi "
                    "skrivetilgang til mappen.")


class WeakSecret(AccessDenied):
    """A new password, passphrase or user name that breaks the rules."""


class LoginLocked(AccessDenied):
    default_hint = "Ventetiden øker for hvert nytt feil passord. Spør administratoren om hjelp."


class SigningKeyError(AccessDenied):
    default_hint = ("Ingenting er godkjent. Be administratoren kjøre «scribe audit verify»: "
                    "nøkkelen kan være endret i databasen.")


class NotTheDoctor(AccessDenied):
    default_hint = ("Bare legen som hadde konsultasjonen godkjenner. En kollega kan godkjenne "
                    "«på vegne av» legen, og det blir registrert (--paa-vegne-av).")


class EmptyNote(ScribeError):
    default_hint = "Skriv notatet (minst én setning) før du godkjenner."


# --- clinical text readable only by clinical roles (issue 19) -------------------------------
class ClinicalAccessDenied(AccessDenied):
    """A session without the clinical data key asked for clinical text (notes, transcripts,
    audio, patient references): the practice manager, or a doctor not yet given the key."""

    default_hint = ("Oppgjørsdata (takster, koder, datoer) kan leses uten journalnøkkelen; "
                    "notater, transkripsjoner og lyd kan ikke.")


class ClinicalKeyError(AccessDenied):
    """A password or recovery key that does not open the clinical data key."""

    default_hint = ("Sjekk at gjenopprettingsnøkkelen er skrevet av riktig (32 tegn, "
                    "bindestreker og mellomrom spiller ingen rolle).")


class ClinicalDataTampered(StorageError):
    """Clinical text that does not decrypt where it is stored: changed or moved outside
    Scribe. Names ids only, never content."""

    default_hint = ("Ingenting er endret. Kjør «scribe audit verify» og gjenopprett fra "
                    "sikkerhetskopien om nødvendig.")
