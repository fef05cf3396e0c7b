"""An OpenAI-compatible client (llama.cpp's server, vLLM) for the practice's own LAN server.

Plain urllib, no extra dependencies. Refuses public addresses unless explicitly allowed:
the host is resolved and every address must be loopback, private (RFC 1918 / ULA) or
link-local. Streams with server-sent events so tokens arrive as they are generated.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import socket
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

from scribe.errors import Cancelled, LLMUnavailable, NetworkRefused
from scribe.llm.api import Message
from scribe.progress import CancelToken

log = logging.getLogger(__name__)
TIMEOUT_S = 120.0


# An allow-list, not ``ip.is_private``: that also admits documentation and protocol ranges,
# and Teredo (2001::/32), 6to4 (2002::/16) and NAT64 (64:ff9b::/96) tunnel to public hosts.
_LOCAL_NETWORKS = tuple(ipaddress.ip_network(n) for n in (
    "127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16",
    "::1/128", "fc00::/7", "fe80::/10"))


def _is_local(address: str) -> bool:
    """Loopback, private (RFC 1918, unique-local) or link-local; an IPv4-mapped IPv6 address
    counts as the IPv4 address it carries."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return any(ip in net for net in _LOCAL_NETWORKS)


def check_server_url(url: str, *, allow_public: bool = False) -> str:
    """The base URL without a trailing slash; NetworkRefused for public or odd addresses."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise NetworkRefused(f"Ugyldig adresse til inferensserveren: «{url}».",
                             "Bruk formen http://vert:port, f.eks. http://192.168.1.20:8080.")
    if allow_public:
        return url.rstrip("/")
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 80, proto=socket.IPPROTO_TCP)
    except socket.gaierror:
        raise NetworkRefused(f"Fant ikke inferensserveren «{parts.hostname}».") from None
    addresses = {str(info[4][0]) for info in infos}
    public = sorted(a for a in addresses if not _is_local(a))
    if public:
        raise NetworkRefused(
            f"Inferensserveren «{parts.hostname}» har en offentlig adresse ({public[0]}).",
            "Bare servere på praksisens eget nett er tillatt, med mindre "
            "allow_public_server er slått på i innstillingene.")
    return url.rstrip("/")


class HttpChatModel:
    """ChatModel over ``POST {base}/v1/chat/completions`` with streaming."""

    def __init__(self, base_url: str, model: str, *, allow_public: bool = False,
                 timeout_s: float = TIMEOUT_S) -> None:
        self.base_url = check_server_url(base_url, allow_public=allow_public)
        self.model_id = model
        self.timeout_s = timeout_s

    def chat(self, messages: Sequence[Message], *, json_schema: Mapping[str, Any] | None = None,
             max_tokens: int = 512, temperature: float = 0.0, cancel: CancelToken | None = None,
             on_text: Callable[[str], None] | None = None) -> str:
        body: dict[str, Any] = {
            "model": self.model_id, "stream": True, "max_tokens": max_tokens,
            "temperature": temperature, "seed": 0,
            "messages": [{"role": m.role, "content": m.content} for m in messages],
        }
        if json_schema is not None:
            body["response_format"] = {"type": "json_object", "schema": dict(json_schema)}
        out: list[str] = []
        for piece in self._stream(body):
            if cancel is not None and cancel.cancelled:
                raise Cancelled()
            out.append(piece)
            if on_text is not None:
                on_text(piece)
        return "".join(out)

    def _stream(self, body: dict[str, Any]) -> Iterator[str]:
        request = urllib.request.Request(
            f"{self.base_url}/v1/chat/completions", data=json.dumps(body).encode("utf-8"),
            headers={"Content-Type": "application/json", "Accept": "text/event-stream"},
            method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_s) as response:
                for raw in response:
                    piece = _event_text(raw.decode("utf-8", "replace").strip())
                    if piece is None:
                        return
                    yield piece
        except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
            log.warning("inferensserveren svarte ikke: %s", type(exc).__name__)
            raise LLMUnavailable(
                f"Inferensserveren {self.base_url} svarte ikke ({type(exc).__name__}).") \
                from None


def _event_text(line: str) -> str | None:
    """Text of one SSE line; None at the end of the stream."""
    if not line.startswith("data:"):
        return ""
    data = line[5:].strip()
    if data == "[DONE]":
        return None
    try:
        event = json.loads(data)
    except json.JSONDecodeError:
        return ""
    choices = event.get("choices") or [{}]
    return str((choices[0].get("delta") or {}).get("content") or "")
