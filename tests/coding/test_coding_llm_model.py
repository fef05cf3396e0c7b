"""The LLM path with a real (tiny) model: it may only ever yield codes of the edition."""

from __future__ import annotations

import pytest
from coding_helpers import make_transcript

from scribe.coding.icpc import suggest_icpc2
from scribe.coding.index import CodeIndex
from scribe.config import load_settings
from scribe.models import ModelStore

PACK = "smollm2-135m"  # the tiny pack `make models-test` installs


@pytest.mark.model
@pytest.mark.slow
def test_real_model_chooses_only_among_candidates(index: CodeIndex) -> None:
    from scribe.llm.factory import make_chat_model

    store = ModelStore(load_settings().models_dir)
    if not store.status(store.get(PACK)).installed:
        pytest.fail(f"Modellpakken {PACK} mangler. Kjør: scribe models install {PACK}")
    llm = make_chat_model(load_settings(), store, model_id=PACK, n_ctx=2048)
    transcript = make_transcript(
        ("pasient", "Jeg har hatt vondt i halsen og hoste i fire dager, og tett nese."),
        ("lege", "Halsen er litt rød, lungene er fine. Du har en vanlig forkjølelse."))
    out = suggest_icpc2(transcript, None, index=index, llm=llm, k=5)
    assert out and all(s.code in index.ref.codes for s in out)
    assert out[0].code in {"R74", "R21", "R05", "R07"}
    assert all(e in {"s0001", "s0002"} for s in out for e in s.evidence)
