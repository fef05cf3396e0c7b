"""Language models: the ``ChatModel`` interface, the embedded llama.cpp and LAN-server backends,
chat formats, and JSON schema → grammar with the validation every answer goes through.

Used by drafting and coding alike, as :mod:`scribe.audio.whisper_engine` is for speech.
Importing this package loads no engine; ``llama_cpp`` is imported only by
:mod:`scribe.llm.llama_backend` when a model is first used.
"""

from __future__ import annotations

from scribe.llm.api import ChatModel, Message, estimate_tokens

__all__ = ["ChatModel", "Message", "estimate_tokens"]
