"""Journal-note drafts with evidence: extraction, LLM phrasing, verification, rendering.

Importing this package loads no model engine; ``llama_cpp`` is imported only by
:mod:`scribe.draft.llama_backend` when a model is first used.

Typical use::

    drafter = Drafter(lexicon_for(), Templates(settings.templates_dir),
                      make_chat_model(settings, store))
    result = drafter.draft(transcript, on_progress=..., cancel=..., on_text=...)
    text = drafter.templates.render_note(result.draft)
"""

from __future__ import annotations

from scribe.draft.factory import lexicon_for, make_chat_model
from scribe.draft.pipeline import Drafter, DraftResult, Extraction
from scribe.draft.prefill import PrefillSession
from scribe.draft.render import Templates

__all__ = ["DraftResult", "Drafter", "Extraction", "PrefillSession", "Templates",
           "lexicon_for", "make_chat_model"]
