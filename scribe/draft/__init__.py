"""Journal-note drafts with evidence: extraction, LLM phrasing, verification, rendering.

Importing this package loads no model engine; the model comes from :mod:`scribe.llm`.

Typical use::

    drafter = Drafter(lexicon_for(settings.lexicon_dir), Templates(settings.templates_dir),
                      make_chat_model(settings, store))
    result = drafter.draft(transcript, on_progress=..., cancel=..., on_text=...)
    text = drafter.templates.render_note(result.draft)
"""

from __future__ import annotations

from scribe.draft.lexicon import lexicon_for
from scribe.draft.pipeline import Drafter, DraftResult, Extraction
from scribe.draft.prefill import PrefillSession
from scribe.draft.render import Templates

__all__ = ["DraftResult", "Drafter", "Extraction", "PrefillSession", "Templates",
           "lexicon_for"]
