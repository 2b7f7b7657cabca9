"""The reranker component: the fused chunks reordered by a learned ranker before reading.

Fusion ranks a chunk by its dense and BM25 ranks alone. The reranker reads the first
`RerankerConfig.depth` fused chunks again with what fusion cannot see: how much of the
question's key terms the chunk, its heading, its document's title and its document hold
(`coverage` weighted by rarity, as the reader weighs them), the best cosine of any of its
sentences, whether its document is in the question's language, and the margins of these
within the question's own chunks. A pairwise ranker over these `RERANKER_FEATURES`
(`qa.fitting.fit_pairwise_ranker`, fitted on the development data's fit split, shipped
as `qa/data/reranker.json`) orders them; chunks below the depth keep their fused order.

Measured before it was built, in 5-fold cross-validation over the development fit split
grouped by document (two shuffles, C 0.1): the gold chunk first for 98-105 of 135 Danish
and 102 of 139 English questions against 95 and 83 in fused order, and among the first
six (what the reader reads) for 132 and 128 against 129 and 117.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from qa.answer import weighted_coverage
from qa.index import IndexData
from qa.linear import LinearModel
from qa.question import AnalysedQuestion
from qa.reader import LANGUAGE_TOP, Reader, focus_groups, language_margins
from qa.retrieval import RankedChunk

RERANKER_FEATURES: tuple[str, ...] = (
    "fused_rank_inv",
    "dense",
    "dense_rank_inv",
    "lexical_rank_inv",
    "coverage",
    "focus_coverage",
    "heading_coverage",
    "title_coverage",
    "doc_coverage",
    "same_language",
    "best_sentence_cos",
    "dense_margin",
    "best_sentence_margin",
    "coverage_margin",
    "sentence_language_margin",
)


@dataclass(frozen=True)
class RerankerConfig:
    """How many fused chunks are reordered (the rest keep their place). 20 holds the gold
    chunk for 97 % of the development fit split's answerable questions (265 of 274)."""

    depth: int = 20

    def __post_init__(self) -> None:
        if self.depth < 1:
            raise ValueError("the reranker's depth must be at least 1")


class ChunkReranker:
    """Reorders the first fused chunks of a question by a linear ranker."""

    def __init__(self, data: IndexData, reader: Reader, model: LinearModel, config: RerankerConfig | None = None):
        """Reads term sets and weights from the reader (computed once per index). Raises
        ModelFileError (from `LinearModel.score`) later if the model lacks a feature."""
        self.data = data
        self.reader = reader
        self.model = model
        self.config = config or RerankerConfig()

    def features(
        self, question: AnalysedQuestion, query: np.ndarray, ranked: list[RankedChunk]
    ) -> list[dict[str, float]]:
        """`RERANKER_FEATURES` of each of the first `config.depth` chunks (fused order)."""
        top = ranked[: self.config.depth]
        if not top:
            return []
        groups = list(question.groups)
        focus = focus_groups(question.text, groups)
        weights = self.reader.question_weights(groups)
        rows: list[dict[str, float]] = []
        languages: list[str] = []
        for rank, hit in enumerate(top):
            chunk = self.data.chunks[hit.index]
            sentence_ids = list(chunk.sentence_ids)
            best_sentence = (
                float(np.max(self.data.sentence_vectors[sentence_ids] @ query)) if sentence_ids else hit.dense
            )
            language = self.data.documents[chunk.doc_id].language
            languages.append(language)
            rows.append(
                {
                    "fused_rank_inv": 1.0 / (rank + 1),
                    "dense": hit.dense,
                    "dense_rank_inv": 1.0 / hit.dense_rank,
                    "lexical_rank_inv": 1.0 / hit.lexical_rank if hit.lexical_rank else 0.0,
                    "coverage": weighted_coverage(groups, weights, self.reader.chunk_terms[hit.index]),
                    "focus_coverage": weighted_coverage(focus, weights, self.reader.chunk_terms[hit.index]),
                    "heading_coverage": weighted_coverage(groups, weights, self.reader.heading_terms[hit.index]),
                    "title_coverage": weighted_coverage(groups, weights, self.reader.title_terms[chunk.doc_id]),
                    "doc_coverage": weighted_coverage(groups, weights, self.reader.document_terms[chunk.doc_id]),
                    "same_language": float(language == question.language),
                    "best_sentence_cos": best_sentence,
                }
            )
        best_dense = max(r["dense"] for r in rows)
        best_sentence_cos = max(r["best_sentence_cos"] for r in rows)
        best_coverage = max(r["coverage"] for r in rows)
        margins = language_margins([r["best_sentence_cos"] for r in rows], languages, LANGUAGE_TOP)
        for row, margin in zip(rows, margins, strict=True):
            row["dense_margin"] = row["dense"] - best_dense
            row["best_sentence_margin"] = row["best_sentence_cos"] - best_sentence_cos
            row["coverage_margin"] = row["coverage"] - best_coverage
            row["sentence_language_margin"] = margin
        return rows

    def rerank(self, question: AnalysedQuestion, query: np.ndarray, ranked: list[RankedChunk]) -> list[RankedChunk]:
        """The fused chunks with the first `config.depth` in the ranker's order (ties keep
        the fused order); the rest unchanged. Each chunk keeps its fused `score`."""
        rows = self.features(question, query, ranked)
        if not rows:
            return list(ranked)
        scores = [self.model.score(row) for row in rows]
        order = sorted(range(len(rows)), key=lambda i: (-scores[i], i))
        return [ranked[i] for i in order] + list(ranked[len(rows) :])
