"""No dose beside a drug that was not prescribed: the note may say a drug was discussed,
never how much ("Tramadol, 50 mg" → "Tramadol").

(The sentence rewriting that used to live here is :mod:`scribe.draft.rewrite`.)
"""

from __future__ import annotations

import re
from collections.abc import Collection

from scribe.draft.drugs import STRENGTH


def strip_doses(text: str, drugs: Collection[str]) -> str:
    """Removes a strength right after a drug in ``drugs`` ("Tramadol, 50 mg" → "Tramadol")."""
    for name in drugs:
        pattern = re.compile(rf"(\b{re.escape(name)}\b)([\s,]*(?:på\s+)?)"
                             rf"({STRENGTH.pattern})", re.IGNORECASE)
        text = pattern.sub(r"\1", text)
    return text
