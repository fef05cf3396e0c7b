"""Deterministic note composition: labelled sentences → fallback statements, and the
Resepter / Sykmelding / Henvisning lines and the Funn summary from extracted facts."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from scribe.domain import Fact, Speaker, Statement
from scribe.draft.classify import NONE, SECTIONS, Label
from scribe.draft.drugs import prescriptions
from scribe.draft.normalise import answered_question, normalise
from scribe.text.sentences import Sentence


def fallback_statements(sentences: Sequence[Sentence], labels: Sequence[Label], *,
                        unprescribed: Collection[str] = ()) -> dict[str, list[Statement]]:
    """Section → statements made from that section's sentences, lightly normalised."""
    by_id = {lb.sentence_id: lb.label for lb in labels}
    out: dict[str, list[Statement]] = {name: [] for name in SECTIONS}
    skip: set[str] = set()
    for i, s in enumerate(sentences):
        label = by_id.get(s.id, NONE)
        if s.id in skip or label == NONE:
            continue
        nxt = sentences[i + 1] if i + 1 < len(sentences) else None
        if s.is_question:
            if nxt is not None and nxt.speaker != s.speaker and by_id.get(nxt.id) == label:
                text = answered_question(s.text, nxt.text, s.speaker)
                out[label].append(Statement(text, _ids(s, nxt)))
                skip.add(nxt.id)
                continue
            if s.speaker == Speaker.LEGE:
                continue
        text = normalise(s.text, s.speaker, unprescribed=unprescribed)
        if len(text.split()) >= 2:
            out[label].append(Statement(text, (s.segment_id,)))
    return out


def _ids(*sentences: Sentence) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s.segment_id for s in sentences))


def _n(value: str) -> str:
    return value.replace(".", ",")


def findings_summary(facts: Sequence[Fact], doctor_segments: Collection[str]) -> Statement | None:
    """"BT 148/92 mmHg. Puls 68/min. Strep A: negativ." from the doctor's own measurements."""
    parts: list[str] = []
    evidence: list[str] = []
    for f in facts:
        if f.kind not in {"vital", "lab", "score"} or f.evidence[0] not in doctor_segments:
            continue
        if f.unit:
            sep = "" if f.unit.startswith("/") else " "
            part = f"{f.name} {_n(f.value)}{sep}{f.unit}"
        else:
            part = f"{f.name}: {f.value}"
        if part not in parts:
            parts.append(part)
            evidence += [e for e in f.evidence if e not in evidence]
    if not parts:
        return None
    return Statement(". ".join(parts) + ".", tuple(evidence))


def prescription_lines(facts: Sequence[Fact]) -> list[Statement]:
    lines = []
    for f in prescriptions(facts):
        text = " ".join(p for p in (f.value[:1].upper() + f.value[1:], f.attr("strength")) if p)
        if f.attr("dosing"):
            text += f", {f.attr('dosing')}"
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
