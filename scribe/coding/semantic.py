"""Retrieval by meaning: ICPC-2 codes ranked by sentence-embedding similarity to a query.

Every term of a code is a passage of its own: the title, the inclusion terms, the termsett and
the everyday words of ``data/lekord.tsv``, so "det svir når jeg tisser" can meet
"svie ved vannlating" (U01) although they share no word. A code's score is its best passage's
cosine. A query is also cut into clauses (and a long one into 10-word windows), and a code
scores its best piece: one complaint inside a longer sentence is not drowned by the rest.

Measured on hand-written lay complaints (``bench/bench_embed.py``): one term per passage beat
passages of several terms; "query: " on both sides (e5's advice for symmetric tasks: a lay
phrase against a term is paraphrase matching) beat "passage: " on the terms; windows beat one
vector for the whole query. The matrix is cached on disk, keyed by the passages and the model's
sha256, so a PC embeds the code list once per edition.

:func:`fuse_rrf` merges this ranking with the lexical one (reciprocal-rank fusion): scores from
the two retrievers are on different scales, ranks are not. Raw cosines bunch together (0.8–0.95);
use the ranks, never a fixed threshold on the cosine.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from scribe.coding.lekord import LAY_SOURCES as LAY_SOURCES  # re-exported
from scribe.coding.lekord import load_lekord as load_lekord
from scribe.llm.embed import Embedder, EmbedKind

log = logging.getLogger(__name__)

FORMAT = 2  # bump when the passage recipe changes, so old caches are not used
KIND: EmbedKind = "query"  # for passages and queries alike: see the module text
WINDOW = 10  # words per query window
STRIDE = 5
RRF_K = 60  # the usual constant: rank 1 scores 1/61, rank 10 scores 1/70
# Qualifiers of the code lists that carry no meaning for an embedding model.
_NOISE = re.compile(r"\b(IKA|INA|NOS|IKKE KLASSIFISERT ANNET STED)\b", re.IGNORECASE)
_CLAUSE = re.compile(r"[.!?;:,\n]+|\s(?:og|men|eller)\s", re.IGNORECASE)


def _clean(text: str) -> str:
    return " ".join(_NOISE.sub(" ", text).split()).strip(" ,;")


def code_passages(title: str, terms: Iterable[str]) -> list[str]:
    """The passages for one code: the title, then each distinct term once."""
    seen: dict[str, str] = {}
    for text in map(_clean, (title, *terms)):
        if text and text.lower() not in seen:
            seen[text.lower()] = text
    return list(seen.values())


def query_windows(text: str, *, window: int = WINDOW, stride: int = STRIDE) -> list[str]:
    """What a query is embedded as: the whole of it (or overlapping ``window``-word stretches
    of a longer one) and each of its clauses, split at punctuation and "og", "men", "eller".
    Each distinct text once."""
    words = text.split()
    spans = [" ".join(words[i:i + window])
             for i in range(0, max(1, len(words) - window + stride), stride)] if words else []
    clauses = [" ".join(c.split()) for c in _CLAUSE.split(text) if len(c.split()) >= 2]
    return list(dict.fromkeys([*spans, *clauses]))


@dataclass(frozen=True)
class Passages:
    """All passages, grouped by code: ``texts[starts[i]:starts[i+1]]`` belong to ``codes[i]``."""

    codes: tuple[str, ...]
    starts: tuple[int, ...]
    texts: tuple[str, ...]

    def key(self, fingerprint: str) -> str:
        digest = hashlib.sha256(f"{FORMAT}\n{KIND}\n{fingerprint}\n".encode())
        for i, code in enumerate(self.codes):
            end = self.starts[i + 1] if i + 1 < len(self.codes) else len(self.texts)
            digest.update(f"{code}\t{'|'.join(self.texts[self.starts[i]:end])}\n".encode())
        return digest.hexdigest()


def build_passages(entries: Mapping[str, Sequence[str]],
                   lay: Mapping[str, Sequence[str]] | None = None) -> Passages:
    """``entries``: code → [title, *official terms]; ``lay``: code → everyday words
    (default: ``lekord.tsv``), placed after the title. Codes without a title are skipped."""
    lay = load_lekord() if lay is None else lay
    codes: list[str] = []
    starts: list[int] = []
    texts: list[str] = []
    for code, (title, *terms) in sorted((c, e) for c, e in entries.items() if e):
        codes.append(code)
        starts.append(len(texts))
        texts += code_passages(title, [*lay.get(code, ()), *terms])
    return Passages(tuple(codes), tuple(starts), tuple(texts))


class SemanticIndex:
    """Codes ranked by the best cosine between a query and any of their passages."""

    def __init__(self, passages: Passages, matrix: NDArray[np.float32],
                 embedder: Embedder) -> None:
        if matrix.shape != (len(passages.texts), embedder.dim):
            raise ValueError("matrix does not fit the passages")
        self.passages = passages
        self.matrix = matrix
        self.embedder = embedder
        self._starts = np.asarray(passages.starts, dtype=np.intp)

    @classmethod
    def build(cls, passages: Passages, embedder: Embedder, *,
              cache_dir: Path | None = None) -> SemanticIndex:
        """Embed the passages, or read them from ``cache_dir`` when nothing has changed."""
        key = passages.key(embedder.fingerprint)
        path = cache_dir / f"semantic-{key[:16]}.npz" if cache_dir is not None else None
        matrix = _read_cache(path, key, len(passages.texts), embedder.dim) if path else None
        if matrix is None:
            matrix = _embed_unique(embedder, passages.texts)
            if path is not None:
                _write_cache(path, key, matrix)
        return cls(passages, matrix, embedder)

    def code_scores(self, query: str) -> NDArray[np.float32]:
        """Best cosine per code over the query's windows, in ``passages.codes`` order."""
        windows = query_windows(query)
        if not self.passages.codes or not windows:
            return np.zeros(len(self.passages.codes), dtype=np.float32)
        sims = self.embedder.embed(windows, kind=KIND) @ self.matrix.T  # windows × passages
        return np.maximum.reduceat(sims.max(axis=0), self._starts)

    def search(self, query: str, k: int = 10) -> list[tuple[str, float]]:
        """The ``k`` codes nearest in meaning to ``query``, best first, with their cosine."""
        scores = self.code_scores(query)
        top = np.argsort(-scores, kind="stable")[:k]
        return [(self.passages.codes[i], round(float(scores[i]), 4)) for i in top]


def _embed_unique(embedder: Embedder, texts: Sequence[str]) -> NDArray[np.float32]:
    """Each distinct text embedded once (a term may belong to several codes)."""
    unique = list(dict.fromkeys(texts))
    rows = {t: i for i, t in enumerate(unique)}
    matrix = embedder.embed(unique, kind=KIND) if unique else np.zeros((0, embedder.dim),
                                                                        dtype=np.float32)
    return np.ascontiguousarray(matrix[[rows[t] for t in texts]], dtype=np.float32)


def _read_cache(path: Path, key: str, rows: int, dim: int) -> NDArray[np.float32] | None:
    """The cached matrix, or None when it is absent, from other inputs or unreadable."""
    if not path.exists():
        return None
    try:
        # Our own handle: np.load leaves a file it opened itself open when a zip is cut short.
        with path.open("rb") as fh, np.load(fh, allow_pickle=False) as doc:
            stored = str(doc["key"])
            matrix = np.asarray(doc["matrix"], dtype=np.float32)
    except (OSError, ValueError, TypeError, KeyError, EOFError, zipfile.BadZipFile):
        log.warning("semantic cache %s unreadable; rebuilding", path.name)
        return None
    if stored != key or matrix.shape != (rows, dim) or not np.isfinite(matrix).all():
        log.warning("semantic cache %s does not match; rebuilding", path.name)
        return None
    return matrix


def _write_cache(path: Path, key: str, matrix: NDArray[np.float32]) -> None:
    """Atomic: a temp file in the same folder, fsynced, then renamed; older caches removed."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tmp.open("wb") as fh:
            np.savez(fh, key=np.asarray(key), matrix=matrix)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        for old in path.parent.glob("semantic-*.npz"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError as exc:  # a cache that cannot be written only costs time next start
        log.warning("semantic cache not written: %s", exc.strerror)
        tmp.unlink(missing_ok=True)


def fuse_rrf(rankings: Sequence[Sequence[str]], *, weights: Sequence[float] | None = None,
             k: int = RRF_K, limit: int | None = None) -> list[tuple[str, float]]:
    """Reciprocal-rank fusion: score(code) = Σ weight_i / (k + rank_i), ranks from 1.

    A code absent from a ranking gets nothing from it. Ties go to the code with the better
    single rank, then to the earlier ranking's order. Pure: no model, no index.
    """
    weights = [1.0] * len(rankings) if weights is None else list(weights)
    if len(weights) != len(rankings) or k < 0:
        raise ValueError("one weight per ranking, and k >= 0")
    score: dict[str, float] = {}
    best: dict[str, tuple[int, int]] = {}
    for which, (ranking, weight) in enumerate(zip(rankings, weights, strict=True)):
        for rank, code in enumerate(dict.fromkeys(ranking), start=1):
            score[code] = score.get(code, 0.0) + weight / (k + rank)
            best[code] = min(best.get(code, (rank, which)), (rank, which))
    ordered = sorted(score, key=lambda c: (-score[c], best[c]))
    return [(c, score[c]) for c in ordered[:limit]]
