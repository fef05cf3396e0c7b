"""Deterministic note composition: the Resepter / Sykmelding / Henvisning lines from the
extracted facts (the four sections are written by :mod:`scribe.draft.condense`)."""

from __future__ import annotations

from collections.abc import Sequence

from scribe.domain import Fact, Speaker, Statement
from scribe.draft.drugs import prescriptions
from scribe.draft.person import third_person
from scribe.draft.spoken import abbreviate


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
