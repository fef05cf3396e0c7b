"""The embedded llama.cpp backend: the only module that imports ``llama_cpp`` (lazily).

Prompts are rendered by :mod:`scribe.llm.chat_format` so that :meth:`LlamaChatModel.prefill`
can evaluate "the transcript so far" into the KV cache while the consultation goes on; the
final prompt starts with the same text, and llama.cpp reuses the cached prefix.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from scribe.errors import Cancelled, LLMError, ModelCorrupt
from scribe.llm.api import Message
from scribe.llm.chat_format import chat_format
from scribe.llm.schema import schema_to_gbnf
from scribe.progress import CancelToken

log = logging.getLogger(__name__)
MAX_CTX = 32768


def cuda_available() -> bool:
    import llama_cpp

    return bool(llama_cpp.llama_supports_gpu_offload())


class LlamaChatModel:
    """A GGUF model loaded in-process. Thread-safe: one call at a time."""

    def __init__(self, model_path: Path, *, model_id: str, chat_format_name: str = "chatml",
                 n_ctx: int = 4096, n_threads: int = 1, n_gpu_layers: int = 0) -> None:
        self.model_id = model_id
        self.model_path = model_path
        self.n_ctx = min(max(n_ctx, 512), MAX_CTX)
        self.n_threads = n_threads
        self.n_gpu_layers = n_gpu_layers
        self.format = chat_format(chat_format_name)
        self._format_name = chat_format_name
        self._llm: Any = None
        self._lock = threading.RLock()
        self.last_stats: dict[str, float] = {}

    # --- engine ---------------------------------------------------------------------------
    @property
    def llm(self) -> Any:
        with self._lock:
            if self._llm is None:
                self._llm = self._load()
            return self._llm

    def _load(self) -> Any:
        import llama_cpp

        started = time.monotonic()
        try:
            llm = llama_cpp.Llama(
                model_path=str(self.model_path), n_ctx=self.n_ctx, n_threads=self.n_threads,
                n_threads_batch=self.n_threads, n_gpu_layers=self.n_gpu_layers,
                chat_format=self._format_name or None, verbose=False, seed=0,
            )
        except (ValueError, RuntimeError) as exc:
            raise ModelCorrupt(
                f"Språkmodellen «{self.model_id}» kunne ikke lastes ({type(exc).__name__}).",
                f"Kjør: scribe models verify {self.model_id}",
            ) from None
        log.info("språkmodell lastet: %s på %.1f s", self.model_id, time.monotonic() - started)
        return llm

    def count_tokens(self, text: str) -> int:
        return len(self.llm.tokenize(text.encode("utf-8"), special=True))

    def close(self) -> None:
        with self._lock:
            if self._llm is not None:
                self._llm.close()
                self._llm = None

    # --- prefill --------------------------------------------------------------------------
    def prefill(self, messages: Sequence[Message]) -> int:
        """Evaluates the prompt prefix of ``messages`` (last message left open) into the KV
        cache, reusing what is cached already. Returns the number of new tokens evaluated."""
        if self.format is None:
            return 0
        with self._lock:
            llm = self.llm
            tokens = llm.tokenize(self.format.render(messages, open_last=True).encode("utf-8"),
                                  special=True)
            if len(tokens) >= self.n_ctx - 256:
                return 0
            cached = [int(t) for t in llm.input_ids[: llm.n_tokens]]
            common = _common_prefix(cached, tokens)
            # Keep the last prompt token out, so a later call has something to evaluate.
            common = min(common, len(tokens) - 1)
            llm.n_tokens = common
            llm.eval(tokens[common:])
            return len(tokens) - common

    # --- chat -----------------------------------------------------------------------------
    def chat(self, messages: Sequence[Message], *, json_schema: Mapping[str, Any] | None = None,
             max_tokens: int = 512, temperature: float = 0.0, cancel: CancelToken | None = None,
             on_text: Callable[[str], None] | None = None) -> str:
        grammar = self._grammar(json_schema) if json_schema is not None else None
        with self._lock:
            started = time.monotonic()
            chunks = self._stream(messages, grammar, max_tokens, temperature)
            out: list[str] = []
            for piece in chunks:
                if cancel is not None and cancel.cancelled:
                    raise Cancelled()
                out.append(piece)
                if on_text is not None:
                    on_text(piece)
            self.last_stats = {"seconds": time.monotonic() - started}
            return "".join(out)

    def _grammar(self, schema: Mapping[str, Any]) -> Any:
        from llama_cpp.llama_grammar import LlamaGrammar

        try:
            return LlamaGrammar.from_string(schema_to_gbnf(schema), verbose=False)
        except ValueError:
            raise LLMError("Kunne ikke bygge grammatikk for svarskjemaet.") from None

    def _stream(self, messages: Sequence[Message], grammar: Any, max_tokens: int,
                temperature: float) -> Iterator[str]:
        llm = self.llm
        common: dict[str, Any] = {"max_tokens": max_tokens, "temperature": temperature,
                                  "grammar": grammar, "stream": True, "seed": 0}
        if self.format is not None:
            prompt = self.format.render(messages)
            n_prompt = len(llm.tokenize(prompt.encode("utf-8"), special=True))
            if n_prompt + max_tokens > self.n_ctx:
                raise LLMError(f"Teksten er for lang for modellens kontekstvindu "
                               f"({n_prompt} + {max_tokens} > {self.n_ctx} tokens).",
                               "Utkastet lages fra uttrekket; velg et større kontekstvindu.")
            stream = llm.create_completion(prompt, stop=list(self.format.stop), **common)
            for chunk in stream:
                yield str(chunk["choices"][0]["text"])
            return
        msgs = [{"role": m.role, "content": m.content} for m in messages]
        for chunk in llm.create_chat_completion(msgs, **common):
            yield str(chunk["choices"][0]["delta"].get("content") or "")


def _common_prefix(a: Sequence[int], b: Sequence[int]) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n
