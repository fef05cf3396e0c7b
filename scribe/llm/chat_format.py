"""Prompt text for the chat formats we render ourselves (so a prefix can be prefilled).

Rendering the prompt here, rather than inside the engine, makes "the transcript so far" a
true text prefix of the final prompt: the engine's KV cache then covers it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from scribe.llm.api import Message


@dataclass(frozen=True)
class ChatFormat:
    name: str
    stop: tuple[str, ...]

    def render(self, messages: Sequence[Message], *, open_last: bool = False) -> str:
        """The prompt; with ``open_last`` the last message is left open (a prefix)."""
        if self.name == "gemma":
            return _gemma(messages, open_last)
        parts = []
        for i, m in enumerate(messages):
            last = i == len(messages) - 1
            parts.append(f"<|im_start|>{m.role}\n{m.content}")
            if not (last and open_last):
                parts.append("<|im_end|>\n")
        if not open_last:
            parts.append("<|im_start|>assistant\n")
        return "".join(parts)


def _gemma(messages: Sequence[Message], open_last: bool) -> str:
    system = "\n\n".join(m.content for m in messages if m.role == "system")
    turns = [m for m in messages if m.role != "system"]
    parts = []
    for i, m in enumerate(turns):
        role = "model" if m.role == "assistant" else "user"
        content = f"{system}\n\n{m.content}" if i == 0 and system else m.content
        parts.append(f"<start_of_turn>{role}\n{content}")
        if not (i == len(turns) - 1 and open_last):
            parts.append("<end_of_turn>\n")
    if not open_last:
        parts.append("<start_of_turn>model\n")
    return "".join(parts)


FORMATS = {
    "chatml": ChatFormat("chatml", ("<|im_end|>", "<|im_start|>")),
    "gemma": ChatFormat("gemma", ("<end_of_turn>",)),
}


def chat_format(name: str) -> ChatFormat | None:
    return FORMATS.get(name or "chatml")
