"""Text at the door: control and direction characters out of everything that becomes a note.

A transcript file, a live segment or a doctor's edit may carry NUL, terminal escape sequences
or Unicode direction overrides; U+202E shows "penicillin" reversed on screen while the stored
text says something else. Such characters carry no clinical meaning, so they are removed
(newline and tab are kept), not flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from scribe.domain import Draft, Segment

# ANSI/VT escape sequences first (CSI ... final byte, OSC ... BEL/ST, two-byte ESC x), so
# that their printable tails ("[31m") go with them; then single control characters.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
    r"|\x1b[@-_]?")
_CONTROLS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 except \t \n, DEL, C1
    "\u200e\u200f\u202a-\u202e\u2066-\u2069"  # marks, embeddings, overrides, isolates
    "\u061c\ufeff]")  # Arabic letter mark, byte-order mark / zero-width no-break space


def strip_controls(text: str) -> str:
    """``text`` without escape sequences and control, bidi and BOM characters (\\n, \\t kept);
    a carriage return becomes a newline."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROLS.sub("", _ESCAPES.sub("", text))


def clean_draft(draft: Draft) -> Draft:
    """``draft`` with every statement's text through :func:`strip_controls` (a doctor's edit
    may be pasted from anywhere)."""
    return replace(draft, sections=tuple(
        replace(sec, statements=tuple(replace(st, text=strip_controls(st.text))
                                      for st in sec.statements))
        for sec in draft.sections))


def clean_segments(segments: Iterable[Segment]) -> list[Segment]:
    return [replace(s, text=strip_controls(s.text)) for s in segments]


# Imperative text aimed at the system rather than said about the patient: a transcript is data,
# and a sentence like this is shown to the doctor as suspect, never followed. Kept short and
# readable; a match only flags, so a false hit costs the doctor a glance.
_INSTRUCTION_PATTERNS = (
    r"\bignorer\w* (?:alle |dine |de )?(?:tidligere |forrige |andre )?(?:instruks|beskjed|regl)",
    r"\bglem (?:alt|alle|dine|tidligere)\b",
    r"\bnye instruks",
    r"\bskriv (?:at|inn|ned at|i journalen|i notatet)\b",
    r"\bdu er (?:nå|en (?:ki|ai|assistent|språkmodell|modell|chatbot|robot))\b",
    r"(?:^|\s)(?:system|assistent|assistant|user)\s*:",
    r"\bignore (?:all |any |the |your )?(?:previous|prior|above|earlier) (?:instruction|prompt)",
    r"\b(?:disregard|forget) (?:all |the |your )?(?:previous|prior|above|earlier)\b",
    r"\byou are (?:now|an? (?:ai|assistant|language model|chatbot))\b",
    r"<\|im_(?:start|end)\|>|\[/?INST\]|<</?SYS>>",
)
_INSTRUCTION = re.compile("|".join(_INSTRUCTION_PATTERNS), re.IGNORECASE)


def aims_at_system(text: str) -> bool:
    """Whether ``text`` holds an instruction to the system (prompt injection)."""
    return _INSTRUCTION.search(text) is not None
