"""Plain text as GPs paste it into a Norwegian EPJ: the whole note, or one section at a time.

The whole note is the sections in the order of the template (Anamnese, Funn, Vurdering,
Tiltak …), each a heading line followed by its sentences, then the diagnosis line
("Diagnose: R81 Lungebetennelse") and the takst line ("Takster: 2ad, 2cd x1, 705k").
A single section is its text alone, without a heading, for the EPJ field of that name.
"""

from __future__ import annotations

from scribe.domain import CodeSuggestion, Section, TakstLine
from scribe.errors import ExportRefused
from scribe.export.model import ApprovedNote

DIAGNOSIS = "Diagnose"
TAKSTER = "Takster"

# Takster paid per started period (15 or 30 minutes): the EPJ's takst field wants the count
# written out even when it is 1 ("2cd x1"), so the claim shows how many periods were used.
COUNTED_PER_PERIOD = frozenset({
    "2cd", "2cdd", "2ck", "2ncd", "2ncdd", "2nck", "2ee", "6b", "11cd", "11ck",
    "21d", "21k", "21k2",
})


def section_body(section: Section) -> str:
    """The sentences of one section as one paragraph, as written in a journal."""
    return " ".join(s.text.strip() for s in section.statements if s.text.strip())


def code_line(codes: tuple[CodeSuggestion, ...]) -> str:
    """``R81 Lungebetennelse`` (several: separated by semicolons, primary first)."""
    ordered = sorted(codes, key=lambda c: (not c.primary, c.rank))
    return "; ".join(f"{c.code} {c.title}".strip() for c in ordered)


def takst_item(line: TakstLine) -> str:
    if line.count > 1 or line.code in COUNTED_PER_PERIOD:
        return f"{line.code} x{line.count}"
    return line.code


def takst_line(takster: tuple[TakstLine, ...]) -> str:
    """``2ad, 2cd x1, 705k`` in the order the rule engine gave them."""
    return ", ".join(takst_item(t) for t in takster)


def note_text(note: ApprovedNote) -> str:
    """The whole approved note, ready for the clipboard."""
    blocks = [f"{s.name}\n{body}" for s in note.draft.sections if (body := section_body(s))]
    footer = []
    if note.codes:
        label = DIAGNOSIS if len(note.codes) == 1 else "Diagnoser"
        footer.append(f"{label}: {code_line(note.codes)}")
    if note.takster:
        footer.append(f"{TAKSTER}: {takst_line(note.takster)}")
    if footer:
        blocks.append("\n".join(footer))
    return "\n\n".join(blocks) + "\n"


def section_names(note: ApprovedNote) -> list[str]:
    """The names ``section_text`` accepts for this note."""
    names = [s.name for s in note.draft.sections if section_body(s)]
    if note.codes:
        names.append(DIAGNOSIS)
    if note.takster:
        names.append(TAKSTER)
    return names


def section_text(note: ApprovedNote, name: str) -> str:
    """One section's text (or the diagnosis or takst line) for the EPJ field of that name."""
    wanted = name.strip().casefold()
    for section in note.draft.sections:
        if section.name.casefold() == wanted and (body := section_body(section)):
            return body + "\n"
    if wanted in (DIAGNOSIS.casefold(), "diagnoser") and note.codes:
        return code_line(note.codes) + "\n"
    if wanted == TAKSTER.casefold() and note.takster:
        return takst_line(note.takster) + "\n"
    available = ", ".join(section_names(note)) or "ingen"
    raise ExportRefused(f"Notatet har ingen del som heter «{name}».",
                        f"Velg en av disse: {available}.")
