"""The consultation lifecycle as an explicit state machine.

recording → transcribed → drafted → approved → exported, with ``discarded`` reachable until
approval and ``recovered`` for a recording whose process died (it goes on to transcription).
An approved or exported consultation goes back to ``drafted`` only by editing, which makes a
new draft version that has to be approved again before it can be exported.
"""

from __future__ import annotations

from enum import StrEnum

from scribe.errors import InvalidTransition


class Status(StrEnum):
    RECORDING = "recording"
    TRANSCRIBED = "transcribed"
    DRAFTED = "drafted"
    APPROVED = "approved"
    EXPORTED = "exported"
    DISCARDED = "discarded"
    RECOVERED = "recovered"


LABELS: dict[Status, str] = {
    Status.RECORDING: "tar opp",
    Status.TRANSCRIBED: "transkribert",
    Status.DRAFTED: "utkast",
    Status.APPROVED: "godkjent",
    Status.EXPORTED: "eksportert",
    Status.DISCARDED: "forkastet",
    Status.RECOVERED: "gjenopprettet",
}

ALLOWED: dict[Status, frozenset[Status]] = {
    Status.RECORDING: frozenset({Status.TRANSCRIBED, Status.DISCARDED, Status.RECOVERED}),
    Status.RECOVERED: frozenset({Status.TRANSCRIBED, Status.DISCARDED}),
    Status.TRANSCRIBED: frozenset({Status.DRAFTED, Status.DISCARDED}),
    Status.DRAFTED: frozenset({Status.APPROVED, Status.DISCARDED}),
    Status.APPROVED: frozenset({Status.EXPORTED, Status.DRAFTED}),
    Status.EXPORTED: frozenset({Status.DRAFTED}),
    Status.DISCARDED: frozenset(),
}


def can_transition(old: Status | str, new: Status | str) -> bool:
    return Status(new) in ALLOWED[Status(old)]


def parse_status(value: Status | str) -> Status:
    try:
        return Status(value)
    except ValueError:
        raise InvalidTransition(f"Ukjent status «{value!s}».",
                                "Gyldige: " + ", ".join(s.value for s in Status)) from None


def check_transition(old: Status | str, new: Status | str) -> Status:
    """Returns ``new`` as a Status, or raises InvalidTransition (in Norwegian)."""
    old_s, new_s = parse_status(old), parse_status(new)
    if new_s not in ALLOWED[old_s]:
        raise InvalidTransition(
            f"En konsultasjon som er «{LABELS[old_s]}» kan ikke bli «{LABELS[new_s]}».",
            _hint(old_s, new_s))
    return new_s


def _hint(old: Status, new: Status) -> str:
    if new is Status.EXPORTED:
        return "Bare en godkjent versjon kan eksporteres. Godkjenn notatet først."
    if new is Status.APPROVED:
        return "Et notat må ha et utkast før det kan godkjennes."
    if old in (Status.APPROVED, Status.EXPORTED):
        return "En godkjent versjon endres ikke; rediger for å lage en ny versjon."
    return ""
