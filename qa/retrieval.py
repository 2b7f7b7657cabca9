"""A chunk's place in the fused ranking (`qa.retriever` builds the ranking)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RankedChunk:
    """A chunk's place in the fused ranking, with the scores behind it."""

    index: int
    score: float
    dense: float
    lexical: float
    dense_rank: int
    lexical_rank: int | None
