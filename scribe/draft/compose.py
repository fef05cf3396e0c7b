"""Deterministic note composition: the Resepter / Sykmelding / Henvisning lines from the
extracted facts, and the contact form that opens the history (the four sections are written
by :mod:`scribe.draft.condense`)."""

from __future__ import annotations

from collections.abc import Sequence

from scribe.domain import ContactType, Fact, Segment, Speaker, Statement
from scribe.draft.drugs import prescriptions
from scribe.draft.person import third_person
from scribe.draft.spoken import abbreviate

# how a GP's note opens when the patient was not in the room: "Telefonkonsultasjon. …",
# "Videokonsultasjon. …" (the form the doctor chose for the consultation, not a claim read
# from the talk; verification knows these lines)
CONTACT_LINES: dict[ContactType, str] = {ContactType.TELEFON: "Telefonkonsultasjon.",
                                         ContactType.VIDEO: "Videokonsultasjon.",
                                         ContactType.SYKEBESOK: "Sykebesøk."}


def contact_line(contact: ContactType, segments: Sequence[Segment],
                 history: Sequence[Statement]) -> list[Statement]:
    """The history with the contact form first, as a GP writes it for a telephone or video
    consultation or a home visit; its source is the consultation's first turn."""
    line = CONTACT_LINES.get(contact)
    if line is None or not segments:
        return list(history)
    return [Statement(line, (segments[0].id,)), *history]


def prescription_lines(facts: Sequence[Fact]) -> list[Statement]:
    lines = []
    for f in prescriptions(facts):
        text = " ".join(p for p in (f.value[:1].upper() + f.value[1:], f.attr("strength")) if p)
        if f.attr("dosing"):  # the doctor's "hentes hvis du …" in the note's third person
            # and in a GP's short form: "1 g x 4, i 7 dager"
            dosing = abbreviate(third_person(f.attr("dosing"), Speaker.LEGE, capital=False))
            text += (" " if dosing.startswith("x ") else ", ") + dosing
        lines.append(Statement(text, f.evidence))
    return lines


def sick_leave_lines(facts: Sequence[Fact]) -> list[Statement]:
    lines = []
    for f in facts:
        if f.kind != "sick_leave" or f.attr("status") != "issued":
            continue
        text = f"Sykmeldt {f.attr('grade', '100')} %"
        if f.value:
            text += f" i {f.value}"
        if f.attr("until"):
            text += f", {f.attr('until')}"
        lines.append(Statement(text + ".", f.evidence))
    return lines


def referral_lines(facts: Sequence[Fact]) -> list[Statement]:
    return [Statement(f"Henvist til {f.value}.", f.evidence) for f in facts
            if f.kind == "referral" and f.attr("status") == "sent"]
