"""Norwegian consultation text, shared by drafting and coding: sentences, normal forms,
numbers, the reader of transcripts and cases, and the fact detectors.

Nothing here imports :mod:`scribe.audio`, :mod:`scribe.draft` or :mod:`scribe.coding`.
"""

from __future__ import annotations
