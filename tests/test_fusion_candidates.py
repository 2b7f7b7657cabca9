"""The retriever fuses only each side's top candidates, and looks up per chunk what it
computed once at load: the fused ranking is the one of scoring every chunk of the corpus,
a chunk only BM25 finds gets its exact cosine, repeated texts are told apart by number."""

from __future__ import annotations

import numpy as np
import pytest

from qa.engine import QAEngine
from qa.retrieval import RankedChunk
from qa.retriever import HybridRetriever, RetrieverConfig, distinct_texts, fuse_candidates, text_keys
from qa.vector_index import build_vector_index_with_report


def _full_fusion(
    dense: np.ndarray, lexical: np.ndarray, lexical_order: list[int], top: int, weight: float, k: int
) -> list[RankedChunk]:
    """Reciprocal-rank fusion scoring every chunk of a corpus (the definition the retriever
    keeps): `dense` is every chunk's cosine, ranked best first with ties to the smaller
    index; `lexical` every chunk's BM25 score, ranked as `lexical_order` says (BM25's own
    order of its matches). A side counts for a chunk when the chunk is among its first
    `top`, BM25 only with a score above 0; a chunk neither counts for is not ranked."""
    dense_rank = {int(i): r for r, i in enumerate(np.lexsort((np.arange(len(dense)), -dense))[:top].tolist(), 1)}
    lexical_rank = {i: r for r, i in enumerate([i for i in lexical_order if lexical[i] > 0][:top], 1)}
    hits = []
    for i in range(len(dense)):
        if i not in dense_rank and i not in lexical_rank:
            continue
        score = (1.0 / (k + dense_rank[i]) if i in dense_rank else 0.0) + (
            weight / (k + lexical_rank[i]) if i in lexical_rank else 0.0
        )
        hits.append(
            RankedChunk(
                index=i,
                score=score,
                dense=float(dense[i]),
                lexical=float(lexical[i]) if i in lexical_rank else 0.0,
                dense_rank=dense_rank.get(i, top + 1),
                lexical_rank=lexical_rank.get(i),
            )
        )
    return sorted(hits, key=lambda h: (-h.score, h.index))


def _candidate_fusion(
    dense: np.ndarray, lexical: np.ndarray, lexical_order: list[int], top: int, weight: float, k: int
) -> list[RankedChunk]:
    """What `HybridRetriever.retrieve` hands `fuse_candidates`: the first `top` of each
    side, with the cosine of every chunk either side found."""
    dense_order = np.lexsort((np.arange(len(dense)), -dense))[:top].tolist()
    matches = [i for i in lexical_order if lexical[i] > 0][:top]
    cosines = {i: float(dense[i]) for i in dense_order + matches}
    return fuse_candidates(cosines, dense_order, {i: float(lexical[i]) for i in matches}, matches, weight, k)


# Twelve chunks, four candidates a side. Dense: 1, then 3, 4, 6 and 11 tie at 0.7 (11 is
# fifth, out); BM25: 2 and 5 tie at 3.0, then 9, then 4 and 11 tie at 1.5 (11 out again);
# 0, 8 and 10 neither side keeps; 7 BM25 finds below the four.
COSINES = np.array([0.3, 0.9, 0.5, 0.7, 0.7, 0.1, 0.7, 0.2, 0.6, 0.05, 0.4, 0.7], dtype=np.float32)
BM25 = np.array([0.0, 0.0, 3.0, 0.0, 1.5, 3.0, 0.0, 0.8, 0.0, 2.0, 0.0, 1.5], dtype=np.float32)
BM25_ORDER = [2, 5, 9, 4, 11, 7, 0, 1, 3, 6, 8, 10]


def test_fusing_each_sides_first_candidates_ranks_as_scoring_every_chunk_of_the_corpus() -> None:
    full = _full_fusion(COSINES, BM25, BM25_ORDER, top=4, weight=1.0, k=10)
    pruned = _candidate_fusion(COSINES, BM25, BM25_ORDER, top=4, weight=1.0, k=10)
    assert pruned == full
    # 4 is on both sides; 1 (dense first) and 2 (BM25 first) tie at 1/11 and keep index
    # order, as do 3 and 5 at 1/12; 6 is dense's fourth, 9 BM25's third.
    assert [h.index for h in pruned] == [4, 1, 2, 3, 5, 9, 6]
    assert [h.score for h in pruned[:3]] == [1 / 13 + 1 / 14, 1 / 11, 1 / 11]
    by_index = {h.index: h for h in pruned}
    assert (by_index[2].dense_rank, by_index[2].lexical_rank, by_index[2].dense) == (5, 1, float(np.float32(0.5)))
    assert (by_index[6].dense_rank, by_index[6].lexical_rank, by_index[6].lexical) == (4, None, 0.0)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_fused_candidates_equal_the_whole_corpus_scored_when_scores_tie_often(seed: int) -> None:
    rng = np.random.default_rng(seed)
    # Cosines and BM25 scores of one decimal: many ties, inside the lists and at their ends.
    cosines = np.round(rng.uniform(-0.2, 0.9, 300), 1).astype(np.float32)
    bm25 = np.where(rng.random(300) < 0.6, 0.0, np.round(rng.uniform(0.1, 4.0, 300), 1)).astype(np.float32)
    order = sorted(range(300), key=lambda i: (-bm25[i], int(rng.integers(1000))))
    for top, weight in ((20, 0.3), (50, 1.0)):
        assert _candidate_fusion(cosines, bm25, order, top, weight, 10) == _full_fusion(
            cosines, bm25, order, top, weight, 10
        )


def test_repeated_texts_share_a_number_whatever_their_spacing_and_case() -> None:
    texts = ["Tilskud gives.", "Fristen er 1. maj.", "tilskud  gives.", "Tilskud gives. Mere.", " Fristen er\n1. MAJ. "]
    assert text_keys(texts).tolist() == [0, 1, 0, 2, 1]
    ranked = [RankedChunk(i, 1.0 - i / 10, 0.0, 0.0, 1, None) for i in (4, 0, 2, 1, 3)]
    assert [h.index for h in distinct_texts(ranked, text_keys(texts))] == [4, 0, 3]


@pytest.mark.parametrize("exact_up_to", [1000, 0])
def test_a_batch_of_stored_vectors_is_read_back_as_one_by_one(exact_up_to: int) -> None:
    # The retriever reads the vectors of the chunks only BM25 found in one call, from the
    # flat index of a small corpus or the IVF index of a large one.
    rng = np.random.default_rng(3)
    vectors = rng.standard_normal((400, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    index, report = build_vector_index_with_report(vectors, exact_up_to)
    assert report["kind"] == ("flat" if exact_up_to else "ivf")
    rows = [397, 3, 150, 3]
    batch = index.reconstruct_batch(np.asarray(rows, dtype=np.int64))
    assert np.array_equal(batch, np.stack([index.reconstruct(i) for i in rows]))
    assert np.array_equal(batch, vectors[rows])


def test_a_chunk_only_bm25_finds_gets_its_exact_cosine_and_no_dense_rank(fake_engine: QAEngine) -> None:
    fake_engine.retriever = HybridRetriever(fake_engine.data, RetrieverConfig(dense_candidates=1, lexical_candidates=5))
    trace = fake_engine.trace("Hvad bruges NemKonto til?")
    lexical_only = [h for h in trace.retrieval.ranked if h.dense_rank == 2]
    assert lexical_only and all(h.lexical_rank is not None for h in lexical_only)
    stored = fake_engine.data.chunk_vectors
    for hit in lexical_only:
        assert hit.dense == float((stored[[hit.index]] @ trace.query)[0])
    assert [h.dense_rank for h in trace.retrieval.ranked].count(1) == 1
