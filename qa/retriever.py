"""The retriever component: dense (FAISS) and BM25 candidates, fused, with breadth.

Only the top candidates of each side become Python objects: FAISS returns its
`dense_candidates` nearest chunks, bm25s's own top-k retrieval its `lexical_candidates`
best, and the union (at most their sum) is fused by weighted reciprocal-rank fusion
(Cormack, Clarke and Büttcher, SIGIR 2009). Chunks BM25 found but FAISS did not get
their exact cosine from the stored vector. Nothing on the query path touches every chunk.

Two corrections for mixed-language corpora (measured on the development set's fit
split, dense recall@1 of English questions 0.52 -> 0.56, Danish 0.67 -> 0.70): the
multilingual model scores a text in the question's language higher whatever it says,
so each candidate's cosine is ranked relative to the mean of the best
`centring_top` cosines of its document's language; and BM25 counts only as much as the
question's terms belong to the Danish documents' vocabulary (an English question's
words match English pages on their words alone and crowd out the Danish pages with the
answer: fusing full BM25 took English recall@1 from 0.56 to 0.26).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from qa.index import IndexData
from qa.question import AnalysedQuestion
from qa.retrieval import RankedChunk


@dataclass(frozen=True)
class RetrieverConfig:
    """How many candidates each side contributes, the fusion constant, and the breadth rule.

    `per_document_cap` chunks of one document at most among the first `cap_window`
    passages while chunks of other documents are among the candidates (issue 7: at most
    two of the top five). 200 dense candidates: the reader reads only the first few, so
    the exact number only matters for fusion stability. The fused ranking is defined on
    these lists: a side adds 1 / (rrf_k + rank) (BM25 times its weight) for a chunk among
    its first `dense_candidates` / `lexical_candidates` and nothing past them, which is the
    ranking of scoring every chunk of the corpus so (`tests/test_fusion_candidates.py`);
    nothing on the query path scores the others. Against fusion with every chunk's full
    ranks (no cut; the same centring offsets and BM25's own order of its first 200), the
    first 5 fused chunks differed for 1 of the development set's 530 questions (419
    chunks, where 200 is half the corpus) and the first 20 (the reranker's depth) in order
    for 118 and as a set for 88; for none of 60 questions at 100,000 synthetic chunks (the
    first 20 for 5 of 60 at 10,000). `rrf_k` (10 against the paper's
    60), `lexical_weight` (BM25's weight for a question whose terms are all Danish
    vocabulary) and `centring_top` were chosen on the development set's fit split
    (recall@1 over rrf_k in {10, 60}, weight in {0, 0.3, 1}, centring_top in {0, 5, 20}).
    """

    dense_candidates: int = 200
    lexical_candidates: int = 200
    rrf_k: int = 10
    lexical_weight: float = 0.3
    centring_top: int = 20
    per_document_cap: int = 2
    cap_window: int = 5

    def __post_init__(self) -> None:
        if self.dense_candidates < 1 or self.lexical_candidates < 1:
            raise ValueError("dense_candidates and lexical_candidates must be at least 1")
        if self.rrf_k < 1:
            raise ValueError("rrf_k must be at least 1")
        if not 0.0 <= self.lexical_weight <= 1.0 or self.centring_top < 0:
            raise ValueError("lexical_weight must be in [0, 1] and centring_top at least 0")
        if self.per_document_cap < 1 or self.cap_window < 1:
            raise ValueError("per_document_cap and cap_window must be at least 1")


@dataclass(frozen=True)
class Retrieval:
    """The fused ranking (relevance order, what the reader reads), the order the passages
    are shown from (the reranker's, or the fused one without a reranker; the answer's
    passage first once the question is answered) and the passages to show, arranged by
    `HybridRetriever.shown` (breadth order)."""

    ranked: list[RankedChunk]
    order: list[RankedChunk]
    shown: list[RankedChunk]
    lexical_weight: float


def vocabulary_share(lexical_terms: tuple[str, ...] | list[str], vocabulary: dict[str, int] | set[str]) -> float:
    """Share (0-1) of a question's distinct BM25 terms that the corpus vocabulary holds:
    BM25's weight in the fusion. A Danish question over a Danish corpus gets nearly 1,
    an English one the share of its words that happen to be Danish terms too."""
    distinct = set(lexical_terms)
    if not distinct:
        return 0.0
    return sum(1 for t in distinct if t in vocabulary) / len(distinct)


def centre_by_language(dense: dict[int, float], language_of: list[str], top: int) -> dict[int, float]:
    """Each cosine minus the mean of the `top` best cosines of its language among the
    candidates (unchanged when `top` is 0 or only one language is present)."""
    if top <= 0:
        return dict(dense)
    by_language: dict[str, list[float]] = {}
    for i, score in dense.items():
        by_language.setdefault(language_of[i], []).append(score)
    if len(by_language) < 2:
        return dict(dense)
    offset = {lang: float(np.mean(sorted(scores, reverse=True)[:top])) for lang, scores in by_language.items()}
    return {i: score - offset[language_of[i]] for i, score in dense.items()}


def fuse_candidates(
    dense: dict[int, float],
    dense_order: list[int],
    lexical: dict[int, float],
    lexical_order: list[int],
    weight: float,
    k: int,
) -> list[RankedChunk]:
    """Weighted reciprocal-rank fusion of two candidate lists, best first.

    `dense` holds the cosine of every candidate (both lists), `dense_order` the dense
    top list in rank order, `lexical`/`lexical_order` BM25 scores and order (matches
    only). A chunk missing from a list gets no share from it; ties go to the smaller
    chunk index, so the result is deterministic.
    """
    dense_rank = {i: r for r, i in enumerate(dense_order, start=1)}
    lexical_rank = {i: r for r, i in enumerate(lexical_order, start=1)}
    missing = len(dense_order) + 1
    hits = []
    for i in set(dense_rank) | set(lexical_rank):
        score = (1.0 / (k + dense_rank[i]) if i in dense_rank else 0.0) + (
            weight / (k + lexical_rank[i]) if i in lexical_rank else 0.0
        )
        hits.append(
            RankedChunk(
                index=i,
                score=score,
                dense=dense.get(i, -1.0),
                lexical=lexical.get(i, 0.0),
                dense_rank=dense_rank.get(i, missing),
                lexical_rank=lexical_rank.get(i),
            )
        )
    hits.sort(key=lambda h: (-h.score, h.index))
    return hits


def diversify(ranked: list[RankedChunk], doc_of: list[str], cap: int, window: int) -> list[RankedChunk]:
    """Reorder so that at most `cap` of the first `window` chunks come from one document,
    as long as chunks of other documents are in the list; the chunks moved down keep
    their order right after the window."""
    head: list[RankedChunk] = []
    deferred: list[RankedChunk] = []
    counts: dict[str, int] = {}
    rest = len(ranked)
    for position, hit in enumerate(ranked):
        if len(head) >= window:
            rest = position
            break
        doc = doc_of[hit.index]
        if counts.get(doc, 0) >= cap:
            deferred.append(hit)
            continue
        counts[doc] = counts.get(doc, 0) + 1
        head.append(hit)
    # When no other document was left, the deferred chunks fill the window in order.
    return head + deferred + ranked[rest:]


def text_keys(texts: Sequence[str]) -> np.ndarray:
    """One integer per text (int64, shape (len(texts),)), equal for two texts exactly when
    they are the same with whitespace runs taken as one space, leading and trailing
    whitespace dropped, and case folded (`str.casefold`); numbered by first occurrence.
    Computed once per index, so that `distinct_texts` compares integers on the query path."""
    numbers: dict[str, int] = {}
    keys = np.empty(len(texts), dtype=np.int64)
    for i, text in enumerate(texts):
        keys[i] = numbers.setdefault(" ".join(text.split()).casefold(), len(numbers))
    return keys


def distinct_texts(ranked: list[RankedChunk], key_of: Sequence[int] | np.ndarray) -> list[RankedChunk]:
    """The chunks in order with every repeat of an earlier chunk's text (whitespace and
    case aside: `key_of[i]` is chunk i's `text_keys` number) left out: a paragraph a page
    repeats is shown once."""
    seen: set[int] = set()
    out: list[RankedChunk] = []
    for hit in ranked:
        key = int(key_of[hit.index])
        if key not in seen:
            seen.add(key)
            out.append(hit)
    return out


class HybridRetriever:
    """Dense + BM25 retrieval over one loaded index."""

    def __init__(self, data: IndexData, config: RetrieverConfig | None = None) -> None:
        """Wrap a loaded index; computes once what the query path looks up per chunk: its
        document id and language, and its text's `text_keys` number (repeated texts)."""
        self.data = data
        self.config = config or RetrieverConfig()
        self._doc_of = [c.doc_id for c in data.chunks]
        self._text_key = text_keys([c.text for c in data.chunks])
        self._language_of = [data.documents[c.doc_id].language for c in data.chunks]
        self._vocabulary: dict[str, int] = dict(getattr(data.bm25, "vocab_dict", {}) or {})
        danish = [t for i, ts in enumerate(data.chunk_terms) if self._language_of[i] == "da" for t in ts]
        self._danish_vocabulary: set[str] = set(danish) if danish else set(self._vocabulary)

    def retrieve(
        self,
        question: AnalysedQuestion,
        query: np.ndarray,
        depth: int,
        order_shown: Callable[[list[RankedChunk]], list[RankedChunk]] | None = None,
    ) -> Retrieval:
        """Fused candidates for an analysed question and its query vector (normalised,
        float32, shape (dimension,)); `shown` holds at least `depth` passages when the
        corpus has them, taken from the fused order or, when `order_shown` is given (the
        passage reranker), from the order it makes of the fused chunks."""
        n = len(self.data.chunks)
        found, ids = self.data.faiss_index.search(
            query[None, :].astype(np.float32), min(self.config.dense_candidates, n)
        )
        dense = {i: s for i, s in zip(ids[0].tolist(), found[0].tolist(), strict=True) if i >= 0}
        centred = centre_by_language(dense, self._language_of, self.config.centring_top)
        dense_order = sorted(centred, key=lambda i: (-centred[i], i))
        weight = self.config.lexical_weight * vocabulary_share(question.lexical_terms, self._danish_vocabulary)
        lexical_order: list[int] = []
        lexical: dict[int, float] = {}
        known = [t for t in question.lexical_terms if t in self._vocabulary]
        if known and weight > 0:
            # n_threads=0: bm25s maps in this thread; any other value starts a thread pool
            # per call (about 2 ms of the query, measured with cProfile on the dev index).
            docs, scores = self.data.bm25.retrieve(
                [known], k=min(self.config.lexical_candidates, n), show_progress=False, n_threads=0
            )
            for i, s in zip(docs[0].tolist(), scores[0].tolist(), strict=True):
                if s > 0:
                    lexical_order.append(i)
                    lexical[i] = s
        extra = [i for i in lexical_order if i not in dense]
        if extra:
            # One call for all of them: the same rows as `reconstruct` one by one.
            vectors = self.data.faiss_index.reconstruct_batch(np.asarray(extra, dtype=np.int64))
            for i, s in zip(extra, (vectors @ query).tolist(), strict=True):
                dense[i] = s
        ranked = fuse_candidates(dense, dense_order, lexical, lexical_order, weight, self.config.rrf_k)
        order = order_shown(ranked) if order_shown else ranked
        return Retrieval(ranked=ranked, order=order, shown=self.shown(order, depth), lexical_weight=weight)

    def lead_with(self, retrieval: Retrieval, chunk_indices: list[int], depth: int) -> Retrieval:
        """The same retrieval with the chunks an answer is quoted from (`chunk_indices`,
        in text order) first in the order the passages are shown from, and the passages
        arranged again: the passages an answer cites come first, whatever the reranker
        thought of them. A chunk the fused ranking does not hold (no score to show) is
        left out."""
        by_index = {h.index: h for h in retrieval.order}
        lead = [by_index[i] for i in dict.fromkeys(chunk_indices) if i in by_index]
        leading = {h.index for h in lead}
        order = lead + [h for h in retrieval.order if h.index not in leading]
        return replace(retrieval, order=order, shown=self.shown(order, depth))

    def shown(self, ranked: list[RankedChunk], depth: int) -> list[RankedChunk]:
        """The passages to show for a relevance order: repeated texts once, at most
        `per_document_cap` of one document among the first `cap_window`, at least `depth`
        (1 or more) when the ranking has them."""
        shown = diversify(
            distinct_texts(ranked, self._text_key), self._doc_of, self.config.per_document_cap, self.config.cap_window
        )
        return shown[: max(depth, 1)]
