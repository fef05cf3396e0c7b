"""Norwegian formatting of times, amounts and labels for the widgets."""

from __future__ import annotations

from datetime import datetime

from scribe.domain import ContactType, Sex, Speaker

CONTACT_LABELS: dict[ContactType, str] = {
    ContactType.OPPMOTE: "Oppmøte",
    ContactType.VIDEO: "Video",
    ContactType.TELEFON: "Telefon",
    ContactType.SYKEBESOK: "Sykebesøk",
}

SEX_LABELS: dict[Sex, str] = {Sex.KVINNE: "Kvinne", Sex.MANN: "Mann"}

SPEAKER_LABELS: dict[Speaker, str] = {
    Speaker.LEGE: "Lege",
    Speaker.PASIENT: "Pasient",
    Speaker.ANNEN: "Annen",
}

ROLE_LABELS = {"lege": "lege", "daglig_leder": "daglig leder", "admin": "administrator"}


def clock(seconds: float) -> str:
    """``mm:ss``, or ``h:mm:ss`` past an hour."""
    total = max(0, int(seconds))
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m:02d}:{s:02d}"


def local_time(at: datetime | None) -> str:
    return "" if at is None else at.astimezone().strftime("%d.%m.%Y %H:%M")


def kroner(value: float) -> str:
    """``1 234,50 kr`` with a no-break space as the thousands separator."""
    text = f"{value:,.2f}".replace(",", "\u00a0").replace(".", ",")
    return f"{text} kr"
