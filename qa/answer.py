"""Answer selection: the best sentence(s) inside the top chunks, judged with their context."""

from __future__ import annotations

import math
from dataclasses import dataclass

from qa.analysis import QuestionKind, fits_kind
from qa.chunking import Chunk, Sentence
from qa.retrieval import RankedChunk


@dataclass(frozen=True)
class SentenceWeights:
    """How a sentence is scored: its own similarity to the question, its chunk's, and the
    IDF-weighted share of the question's key terms it holds."""

    sentence: float = 1.0
    chunk: float = 0.25
    lexical: float = 0.5
    chunks_considered: int = 3
    second_margin: float = 0.01
    english_lexical: float = 0.3


@dataclass(frozen=True)
class Candidate:
    """A sentence that could answer, with its score and where it stands."""

    sentence_id: int
    chunk_rank: int
    score: float
    similarity: float
    coverage: float


def term_weights(term_sets: list[set[str]]) -> dict[str, float]:
    """Inverse document frequency of each term over the given texts (smoothed, > 0)."""
    counts: dict[str, int] = {}
    for term_set in term_sets:
        for term in term_set:
            counts[term] = counts.get(term, 0) + 1
    total = len(term_sets)
    return {t: math.log(1 + (total - n + 0.5) / (n + 0.5)) for t, n in counts.items()}


def coverage(groups: list[frozenset[str]], text_terms: set[str], idf: dict[str, float]) -> float:
    """IDF-weighted share of the question's key terms that a text holds (0 when none are
    asked). A group is one question word with its accepted stems; a group none of whose
    stems occurs in the corpus weighs as much as the rarest term."""
    if not groups:
        return 0.0
    rarest = max(idf.values(), default=1.0)
    weights = [max((idf.get(t, 0.0) for t in g), default=0.0) or rarest for g in groups]
    found = sum(w for g, w in zip(groups, weights, strict=True) if g & text_terms)
    return found / sum(weights)


def rank_sentences(
    ranked: list[RankedChunk],
    chunks: list[Chunk],
    sentences: list[Sentence],
    similarities: dict[int, float],
    groups: list[frozenset[str]],
    sentence_terms: list[set[str]],
    idf: dict[str, float],
    kind: QuestionKind,
    weights: SentenceWeights,
) -> list[Candidate]:
    """Every sentence of the top chunks, best first."""
    candidates: list[Candidate] = []
    for rank, hit in enumerate(ranked[: weights.chunks_considered]):
        for sentence_id in chunks[hit.index].sentence_ids:
            similarity = similarities[sentence_id]
            share = coverage(groups, sentence_terms[sentence_id], idf)
            score = weights.sentence * similarity + weights.chunk * hit.dense + weights.lexical * share
            candidates.append(Candidate(sentence_id, rank, score, similarity, share))
    if kind != "other":
        # A "when" question wants a date, a "how many" question a number: when some
        # sentence holds one, the sentences that hold none cannot answer.
        fitting = [c for c in candidates if fits_kind(sentences[c.sentence_id].text, kind)]
        candidates = fitting or candidates
    candidates.sort(key=lambda c: (-c.score, c.sentence_id))
    return candidates


def pick(candidates: list[Candidate], weights: SentenceWeights) -> list[Candidate]:
    """The best sentence, plus the runner-up when it scores within the margin and stands
    right next to it in the same chunk (so that the two read as one passage); in text order."""
    if not candidates:
        return []
    best = candidates[0]
    chosen = [best]
    if len(candidates) > 1:
        runner = candidates[1]
        if (
            best.score - runner.score <= weights.second_margin
            and runner.chunk_rank == best.chunk_rank
            and abs(runner.sentence_id - best.sentence_id) == 1
        ):
            chosen.append(runner)
    return sorted(chosen, key=lambda c: c.sentence_id)
