"""The reader's lexical weights: IDF of terms, key-term group weights, and IDF-weighted coverage."""

from __future__ import annotations

import math


def term_weights(term_sets: list[set[str]]) -> dict[str, float]:
    """Inverse document frequency of each term over the given texts (smoothed, > 0)."""
    counts: dict[str, int] = {}
    for term_set in term_sets:
        for term in term_set:
            counts[term] = counts.get(term, 0) + 1
    total = len(term_sets)
    return {t: math.log(1 + (total - n + 0.5) / (n + 0.5)) for t, n in counts.items()}


def group_weights(groups: list[frozenset[str]], idf: dict[str, float], rarest: float | None = None) -> list[float]:
    """The weight of each key-term group: the largest IDF among its stems, or `rarest`
    (the largest IDF of the index; computed when not given) when none occurs."""
    if rarest is None:
        rarest = max(idf.values(), default=1.0)
    return [max((idf.get(t, 0.0) for t in g), default=0.0) or rarest for g in groups]


def coverage(groups: list[frozenset[str]], text_terms: set[str], idf: dict[str, float]) -> float:
    """IDF-weighted share of the question's key terms that a text holds (0 when none are
    asked). A group is one question word with its accepted stems; a group none of whose
    stems occurs in the corpus weighs as much as the rarest term."""
    return weighted_coverage(groups, dict(zip(groups, group_weights(groups, idf), strict=True)), text_terms)


def weighted_coverage(groups: list[frozenset[str]], weights: dict[frozenset[str], float], held: set[str]) -> float:
    """Share (0-1) of the groups' summed weight whose group has a term in `held`, with
    weights given (the reader and reranker keep them per question); 0 without groups."""
    if not groups:
        return 0.0
    return sum(weights[g] for g in groups if g & held) / sum(weights[g] for g in groups)
