"""The interface every language-model backend implements (embedded llama.cpp, LAN server).

Callers pass chat messages and, where they want structured output, a JSON schema. Backends
constrain generation with it where they can, but callers must still validate the answer:
grammars can be dropped silently.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from scribe.progress import CancelToken

CHARS_PER_TOKEN = 2.2  # Norwegian in the SmolLM2/Qwen tokenisers (measured 2.3-3), on the safe side


def estimate_tokens(text: str) -> int:
    """Tokens ``text`` takes at most, without a tokenizer (for sizing windows and prompts)."""
    return int(len(text) / CHARS_PER_TOKEN) + 1


@dataclass(frozen=True)
class Message:
    role: str  # system | user | assistant
    content: str


class ChatModel(Protocol):
    model_id: str

    def chat(
        self,
        messages: Sequence[Message],
        *,
        json_schema: Mapping[str, Any] | None = None,
        max_tokens: int = 512,
        temperature: float = 0.0,
        cancel: CancelToken | None = None,
        on_text: Callable[[str], None] | None = None,
    ) -> str:
        """The assistant's reply as text (JSON text when ``json_schema`` is given)."""
        ...
