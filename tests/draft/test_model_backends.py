"""Real tiny model (smollm2-135m) through the embedded backend and a real loopback server."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from scribe.config import load_settings
from scribe.domain import Transcript
from scribe.draft.lexicon import DrugLexicon
from scribe.draft.llm_stages import LlmOptions
from scribe.draft.pipeline import Drafter
from scribe.draft.prefill import PrefillSession
from scribe.draft.schema import labels_schema
from scribe.errors import NetworkRefused
from scribe.llm.api import Message
from scribe.llm.http_backend import HttpChatModel, _is_local, check_server_url
from scribe.llm.schema import parse_answer
from scribe.models import ModelStore
from scribe.progress import CancelToken

PACK = "smollm2-135m"


@pytest.fixture(scope="module")
def gguf() -> Path:
    store = ModelStore(load_settings().models_dir)
    pack = store.get(PACK)
    if not store.status(pack).installed:
        pytest.fail(f"kjør: scribe models install {PACK}")
    return store.resolve(PACK)


@pytest.fixture(scope="module")
def llama(gguf: Path) -> Iterator[object]:
    from scribe.llm.llama_backend import LlamaChatModel

    model = LlamaChatModel(gguf, model_id=PACK, n_ctx=2048, n_threads=1)
    yield model
    model.close()


MESSAGES = [Message("system", "Label each line."), Message("user", "1 Hei\n2 Vondt i halsen")]


@pytest.mark.model
def test_embedded_model_answers_inside_the_grammar(llama: object) -> None:
    schema = labels_schema(2, ["A", "X"])
    pieces: list[str] = []
    answer = llama.chat(MESSAGES, json_schema=schema, max_tokens=24,  # type: ignore[attr-defined]
                        on_text=pieces.append)
    value, problems = parse_answer(answer, schema)
    assert problems == [] and len(value["labels"]) == 2
    assert "".join(pieces) == answer and len(pieces) > 1  # streamed


@pytest.mark.model
def test_prefill_leaves_only_the_tail_to_evaluate(llama: object) -> None:
    lines = "\n".join(f"{i} Pasienten har hatt vondt i {i} dager." for i in range(30))
    system = Message("system", "Prefill-test.")
    first = llama.prefill([system, Message("user", lines)])  # type: ignore[attr-defined]
    again = llama.prefill([system, Message("user", lines + "\n31 Vondt i halsen")])  # type: ignore[attr-defined]
    assert first > 200 and 0 < again < 20


@pytest.mark.model
def test_cancel_stops_generation(llama: object) -> None:
    from scribe.errors import Cancelled

    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        llama.chat(MESSAGES, max_tokens=8, cancel=token)  # type: ignore[attr-defined]


@pytest.mark.model
def test_prefill_session_drafts_with_evidence_on_the_tiny_model(
        llama: object, back_pain: Transcript, lexicon: DrugLexicon) -> None:
    drafter = Drafter(lexicon, model=llama,  # type: ignore[arg-type]
                      options=LlmOptions(max_statements=2, tokens_per_statement=40,
                                         context_tokens=2048))
    session = PrefillSession(drafter)
    assert session.append(back_pain.segments[:5]) > 0
    session.append(back_pain.segments[5:])
    result = session.finish()
    statements = [st for sec in result.draft.sections for st in sec.statements]
    assert statements and all(st.evidence for st in statements)
    assert result.draft.section("Resepter") is not None


# --- HTTP ---------------------------------------------------------------------------------
def test_public_addresses_are_refused_unless_allowed() -> None:
    with pytest.raises(NetworkRefused):
        check_server_url("http://8.8.8.8:8080")
    with pytest.raises(NetworkRefused):
        check_server_url("ftp://127.0.0.1")
    assert check_server_url("http://8.8.8.8:8080/", allow_public=True) == "http://8.8.8.8:8080"
    assert check_server_url("http://192.168.1.20:8080/") == "http://192.168.1.20:8080"
    assert check_server_url("http://localhost:1") == "http://localhost:1"


@pytest.mark.parametrize("address", [
    "2001:0:4136:e378:8000:63bf:3fff:fdd2",  # Teredo, tunnels to a public IPv4 host
    "2002:808:808::1",  # 6to4 of 8.8.8.8
    "64:ff9b::808:808",  # NAT64 of 8.8.8.8
    "::ffff:8.8.8.8",  # IPv4-mapped public address
    "2001:db8::1",  # documentation range, which ip.is_private admits
    "100.64.0.1",  # carrier-grade NAT: the ISP's network, not the practice's
    "2a00:1450:4010::1",
])
def test_tunnelled_and_mapped_public_addresses_are_not_local(address: str) -> None:
    assert not _is_local(address)
    with pytest.raises(NetworkRefused):
        check_server_url(f"http://[{address}]:8080" if ":" in address
                         else f"http://{address}:8080")


@pytest.mark.parametrize("address", [
    "127.0.0.1", "10.1.2.3", "172.20.0.5", "192.168.1.20", "169.254.3.4", "::1",
    "fd12:3456:789a::1", "fe80::1%eth0", "::ffff:192.168.1.20",
])
def test_private_link_local_and_loopback_addresses_are_local(address: str) -> None:
    assert _is_local(address)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(gguf: Path) -> Iterator[str]:
    pytest.importorskip("uvicorn")
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(gguf), "--host", "127.0.0.1",
         "--port", str(port), "--n_ctx", "1024", "--n_threads", "1", "--model_alias", PACK],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"{url}/v1/models", timeout=1) as r:
                    json.load(r)
                break
            except OSError:
                time.sleep(0.25)
        else:
            pytest.fail("llama_cpp.server startet ikke")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.mark.model
def test_http_client_streams_schema_answers_from_a_real_loopback_server(server: str) -> None:
    model = HttpChatModel(server, PACK)
    schema = labels_schema(2, ["A", "X"])
    pieces: list[str] = []
    answer = model.chat(MESSAGES, json_schema=schema, max_tokens=24, on_text=pieces.append)
    _, problems = parse_answer(answer, schema)
    assert problems == [] and len(pieces) > 1


def test_http_client_reports_a_dead_server_in_norwegian() -> None:
    from scribe.errors import LLMUnavailable

    model = HttpChatModel(f"http://127.0.0.1:{_free_port()}", "x", timeout_s=2)
    with pytest.raises(LLMUnavailable, match="svarte ikke"):
        model.chat(MESSAGES, max_tokens=4)
