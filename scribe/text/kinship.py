"""Words for relatives in spoken Norwegian, one list for drafting and coding.

``data/kinship.toml`` holds them, reviewable by a GP: each spoken form ("mora", "fa'n",
"farbroren") with the form a note writes ("mor", "far", "farbror"), the words that name one's
own relative without a possessive ("mamma", "mormor"), and which words mean the patient when a
given relative says them ("mamma" from a daughter). Drafting writes the relatives; coding
tells a relative's disease and a worry for someone else from the patient's own problem; the
corrections read who it was, put right.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from typing import Any

from scribe.errors import ReferenceDataError


@lru_cache(maxsize=1)
def _raw() -> dict[str, Any]:
    try:
        text = resources.files("scribe.text").joinpath("data/kinship.toml").read_text(
            encoding="utf-8")
        return tomllib.loads(text)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ReferenceDataError(f"Ordlisten for slektninger (kinship.toml) kan ikke leses: "
                                 f"{exc}", "Installer Scribe på nytt.") from None


@lru_cache(maxsize=1)
def kin_forms() -> dict[str, str]:
    """Each spoken word for a relative → the form a note writes ("mora" → "mor")."""
    return {str(k): str(v) for k, v in _raw()["kinship"].items()}


def bare_kin() -> tuple[str, ...]:
    """The words that name one's own relative without a possessive ("mamma", "mormor")."""
    return tuple(str(w) for w in _raw()["kinship_bare"]["words"])


def reciprocal() -> dict[str, tuple[str, ...]]:
    """For a relative (note form), the words that mean the patient when they say them."""
    return {str(k): tuple(str(w) for w in v) for k, v in _raw()["kinship_reciprocal"].items()}


def kin_words() -> frozenset[str]:
    """Every spoken word for a relative."""
    return frozenset(kin_forms())


def either_of(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first (so that "moren" wins over "mor")."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
