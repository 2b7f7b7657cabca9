"""Hybrid retrieval: dense and BM25 rankings fused with a language-dependent weight."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

RRF_K = 10


@dataclass(frozen=True)
class RankedChunk:
    """A chunk's place in the fused ranking, with the scores behind it."""

    index: int
    score: float
    dense: float
    lexical: float
    dense_rank: int
    lexical_rank: int | None


def lexical_weight(danish: float, english: float = 0.0) -> float:
    """BM25's weight in the fusion: full for Danish questions, `english` for English ones.

    BM25 over a Danish corpus barely matches English questions, and fusing it in for
    them lowered English recall@1 from 0.89 to 0.78 (notes/multilingual-model.md).
    """
    danishness = min(1.0, max(0.0, 2.0 * danish - 1.0))
    return float(english + (1.0 - english) * danishness)


def _ranks(scores: np.ndarray) -> np.ndarray:
    order = np.argsort(-scores, kind="stable")
    ranks = np.empty(len(scores), dtype=np.int64)
    ranks[order] = np.arange(1, len(scores) + 1)
    return ranks


def fuse(dense: np.ndarray, lexical: np.ndarray, weight: float, k: int = RRF_K) -> list[RankedChunk]:
    """Weighted reciprocal-rank fusion, best first. Chunks with no BM25 match get no
    lexical share; ties keep index order, so the result is deterministic."""
    if dense.shape != lexical.shape:
        raise ValueError("dense and lexical scores must cover the same chunks")
    dense_ranks = _ranks(dense)
    lexical_ranks = _ranks(lexical)
    fused = 1.0 / (k + dense_ranks)
    matched = lexical > 0
    fused = fused + np.where(matched, weight / (k + lexical_ranks), 0.0)
    order = np.argsort(-fused, kind="stable")
    return [
        RankedChunk(
            index=int(i),
            score=float(fused[i]),
            dense=float(dense[i]),
            lexical=float(lexical[i]),
            dense_rank=int(dense_ranks[i]),
            lexical_rank=int(lexical_ranks[i]) if matched[i] else None,
        )
        for i in order
    ]
