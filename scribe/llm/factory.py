"""Chooses the backend from the settings: the practice's LAN server when configured, else
the embedded llama.cpp model from the installed pack."""

from __future__ import annotations

from scribe.config import Settings, default_threads
from scribe.domain import Transcript
from scribe.llm.api import ChatModel, estimate_tokens
from scribe.models import ModelStore
from scribe.text.sentences import split_segments

DEFAULT_CTX = 8192
MARGIN_TOKENS = 2048  # task text and the longest answer


def context_for(transcript: Transcript) -> int:
    """A context window that fits the whole transcript (so nothing at the end is cut)."""
    sentences = split_segments(transcript.segments)
    chars = sum(len(s.text) + len(s.id) + 12 for s in sentences)  # "[id] taler: tekst"
    need = estimate_tokens("x" * chars) + MARGIN_TOKENS
    return max(4096, -(-need // 1024) * 1024)


def make_chat_model(settings: Settings, store: ModelStore, *, model_id: str | None = None,
                    n_ctx: int = DEFAULT_CTX) -> ChatModel:
    """A ChatModel for ``model_id`` (default: ``settings.llm.model``). Loads lazily."""
    llm = settings.llm
    if llm.server_url and model_id is None:
        from scribe.llm.http_backend import HttpChatModel

        return HttpChatModel(llm.server_url, llm.server_model or llm.model,
                             allow_public=llm.allow_public_server)
    from scribe.llm.llama_backend import LlamaChatModel, cuda_available

    pack_id = model_id or llm.model
    path = store.resolve(pack_id)
    pack = store.get(pack_id)
    return LlamaChatModel(path, model_id=pack_id, chat_format_name=pack.chat_format or "chatml",
                          n_ctx=n_ctx, n_threads=default_threads(llm.threads),
                          n_gpu_layers=llm.gpu_layers if cuda_available() else 0)
