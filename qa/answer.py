"""Lexical weights shared by the reader and the policy: IDF of terms and IDF-weighted coverage."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class SentenceWeights:
    """Weights of the hand-tuned sentence score this project used before the learned
    reader (`qa/reader.py`); kept so that `QAEngine(data, embedder, weights)` still
    accepts them. The engine no longer reads them."""

    sentence: float = 1.0
    chunk: float = 0.25
    lexical: float = 0.5
    chunks_considered: int = 3
    second_margin: float = 0.01
    english_lexical: float = 0.3


def term_weights(term_sets: list[set[str]]) -> dict[str, float]:
    """Inverse document frequency of each term over the given texts (smoothed, > 0)."""
    counts: dict[str, int] = {}
    for term_set in term_sets:
        for term in term_set:
            counts[term] = counts.get(term, 0) + 1
    total = len(term_sets)
    return {t: math.log(1 + (total - n + 0.5) / (n + 0.5)) for t, n in counts.items()}


def coverage(
    groups: list[frozenset[str]], text_terms: set[str], idf: dict[str, float], rarest: float | None = None
) -> float:
    """IDF-weighted share of the question's key terms that a text holds (0 when none are
    asked). A group is one question word with its accepted stems; a group none of whose
    stems occurs in the corpus weighs as much as the rarest term (`rarest`, the largest
    IDF: pass it when known, it is computed once per index)."""
    if not groups:
        return 0.0
    if rarest is None:
        rarest = max(idf.values(), default=1.0)
    weights = [max((idf.get(t, 0.0) for t in g), default=0.0) or rarest for g in groups]
    found = sum(w for g, w in zip(groups, weights, strict=True) if g & text_terms)
    return found / sum(weights)
