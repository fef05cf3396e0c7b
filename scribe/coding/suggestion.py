"""What an ICPC-2 suggestion's reason says about it, for whoever shows or scores it.

Two kinds are marked in the reason's first words, so the mark survives storage and is read by
the GP: a *weak* suggestion (nothing said reaches the evidence threshold: never the primary
code, never accepted by "Godta alle") and a *secondary* one (a further problem handled in the
consultation, coded on its own).
"""

from __future__ import annotations

from scribe.domain import CodeSuggestion

WEAK = "Svakt treff:"
SECONDARY = "Eget problem håndtert i konsultasjonen (sekundærkode)."
NOTHING_FITS = "Ingen kode passer godt — søk i ICPC-2"


def is_weak(s: CodeSuggestion) -> bool:
    return s.reason.startswith(WEAK)


def is_secondary(s: CodeSuggestion) -> bool:
    return s.reason.startswith(SECONDARY)


def secondary_codes(suggestions: list[CodeSuggestion] | tuple[CodeSuggestion, ...]) -> list[str]:
    """The codes marked as further problems, best first."""
    return [s.code for s in suggestions if is_secondary(s)]
