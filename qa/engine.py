"""The core object: a loaded index plus an embedder, answering questions with citations."""

from __future__ import annotations

import logging
import re
import time
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from qa.abstention import Evidence, evidence_score, threshold_for
from qa.analysis import Language, guess_language, key_terms, query_terms, question_kind
from qa.answer import Candidate, SentenceWeights, coverage, pick, rank_sentences, term_weights
from qa.documents import Document
from qa.embedder import Embedder
from qa.index import IndexData
from qa.retrieval import RankedChunk, fuse, lexical_weight

log = logging.getLogger(__name__)
DENSE_CANDIDATES = 200
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")

NOT_FOUND = {
    "da": "Kilderne besvarer ikke spørgsmålet. Her er de tekststykker, der ligger nærmest.",
    "en": "The sources do not answer this question. Here are the closest passages.",
}


class QuestionError(ValueError):
    """A question or parameter the engine cannot take; the message says what is wrong."""


class DocumentNotFoundError(KeyError):
    """No document has the requested id."""


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk, as shown to a user."""

    chunk_id: str
    doc_id: str
    title: str
    heading: str
    text: str
    start: int
    end: int
    score: float


@dataclass(frozen=True)
class Citation:
    """A numbered source for one answer sentence; `quote == document.text[start:end]`."""

    n: int
    doc_id: str
    title: str
    source: str | None
    start: int
    end: int
    quote: str
    score: float


@dataclass
class AskResult:
    """Everything `POST /ask` returns."""

    question: str
    language: Language
    answered: bool
    answer: str | None
    message: str | None
    citations: list[Citation]
    passages: list[Passage]
    index_version: str
    took_ms: float
    evidence: float = 0.0
    threshold: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of `POST /ask`."""
        return asdict(self)


class QAEngine:
    """Answers questions from one loaded index with one embedder."""

    def __init__(self, data: IndexData, embedder: Embedder, weights: SentenceWeights | None = None) -> None:
        """Wrap a loaded index; the embedder must be the one the index was built with."""
        if data.dimension != embedder.dimension:
            raise ValueError(
                f"index vectors have dimension {data.dimension}, the model {embedder.dimension}: run `qa build`"
            )
        self.data = data
        self.embedder = embedder
        self.weights = weights or SentenceWeights()
        self._chunk_term_sets = [set(t) for t in data.chunk_terms]
        self._sentence_terms = [set(t) for t in data.sentence_terms]
        self._idf = term_weights(self._sentence_terms)

    @property
    def index_version(self) -> str:
        """The build id of the loaded index."""
        return self.data.version

    def documents(self) -> list[Document]:
        """All documents, in id order."""
        return [self.data.documents[k] for k in sorted(self.data.documents)]

    def document(self, doc_id: str) -> Document:
        """One document; raises DocumentNotFoundError for an unknown id."""
        try:
            return self.data.documents[doc_id]
        except KeyError:
            raise DocumentNotFoundError(doc_id) from None

    def _rank(self, question: str, danish: float, groups: list[frozenset[str]]) -> tuple[np.ndarray, list[RankedChunk]]:
        query = self.embedder.encode_query(question)
        # FAISS gives the nearest chunks; any beyond its candidates rank below them all.
        found, ids = self.data.faiss_index.search(query[None, :], min(DENSE_CANDIDATES, len(self.data.chunks)))
        dense = np.full(len(self.data.chunks), -1.0, dtype=np.float32)
        dense[ids[0][ids[0] >= 0]] = found[0][ids[0] >= 0]
        lexical_terms = query_terms(question, groups)
        lexical = (
            np.asarray(self.data.bm25.get_scores(lexical_terms), dtype=np.float32)
            if any(t in self.data.bm25.vocab_dict for t in lexical_terms)
            else np.zeros(len(self.data.chunks), dtype=np.float32)
        )
        return query, fuse(dense, lexical, lexical_weight(danish, self.weights.english_lexical))

    def _passage(self, hit: RankedChunk) -> Passage:
        chunk = self.data.chunks[hit.index]
        return Passage(
            chunk.chunk_id,
            chunk.doc_id,
            chunk.title,
            chunk.heading,
            chunk.text,
            chunk.start,
            chunk.end,
            round(hit.score, 6),
        )

    def search(self, query: str, k: int = 5) -> list[Passage]:
        """The k best passages for a query, fused dense and BM25 ranking."""
        query = _clean(query)
        if k < 1:
            raise QuestionError("k must be at least 1")
        _, ranked = self._rank(query, guess_language(query).danish, key_terms(query))
        return [self._passage(hit) for hit in ranked[:k]]

    def ask(self, question: str, top_k: int = 5, always_cite: bool = False) -> AskResult:
        """Answer with quoted sentences and citations, or abstain with the closest passages.

        `always_cite` keeps the chosen sentences as citations even when the evidence is
        below the threshold (for evaluation); `answered` still tells the decision.
        """
        started = time.perf_counter()
        question = _clean(question)
        if top_k < 1:
            raise QuestionError("top_k must be at least 1")
        guess = guess_language(question)
        question_terms = key_terms(question)
        query, ranked = self._rank(question, guess.danish, question_terms)
        top_ids = [
            sid for hit in ranked[: self.weights.chunks_considered] for sid in self.data.chunks[hit.index].sentence_ids
        ]
        sims = self.data.sentence_vectors[top_ids] @ query
        similarities = dict(zip(top_ids, (float(s) for s in sims), strict=True))
        candidates = rank_sentences(
            ranked,
            self.data.chunks,
            self.data.sentences,
            similarities,
            question_terms,
            self._sentence_terms,
            self._idf,
            question_kind(question),
            self.weights,
        )
        evidence = self._evidence(question, ranked, candidates, question_terms)
        score = evidence_score(evidence)
        threshold = threshold_for(self.data.calibration, guess.language)
        answered = bool(candidates) and score >= threshold
        citations = self._cite(pick(candidates, self.weights)) if answered or always_cite else []
        answer = " ".join(f"{c.quote} [{c.n}]" for c in citations) if answered else None
        return AskResult(
            question=question,
            language=guess.language,
            answered=answered,
            answer=answer,
            message=None if answered else NOT_FOUND[guess.language],
            citations=citations,
            passages=[self._passage(hit) for hit in ranked[:top_k]],
            index_version=self.index_version,
            took_ms=round((time.perf_counter() - started) * 1000, 2),
            evidence=score,
            threshold=threshold,
        )

    def _evidence(
        self, question: str, ranked: list[RankedChunk], candidates: list[Candidate], groups: list[frozenset[str]]
    ) -> Evidence:
        if not candidates:
            return Evidence(0.0, 0.0, 0.0, 0.0, 0)
        best = candidates[0]
        hit = ranked[best.chunk_rank]
        chunk_numbers = set(_NUMBER.findall(self.data.chunks[hit.index].text))
        return Evidence(
            similarity=best.similarity,
            chunk_similarity=hit.dense,
            coverage=coverage(groups, self._chunk_term_sets[hit.index], self._idf),
            sentence_coverage=best.coverage,
            missing_numbers=len(set(_NUMBER.findall(question)) - chunk_numbers),
        )

    def _cite(self, chosen: list[Candidate]) -> list[Citation]:
        citations = []
        for n, candidate in enumerate(chosen, start=1):
            sentence = self.data.sentences[candidate.sentence_id]
            document = self.data.documents[sentence.doc_id]
            citations.append(
                Citation(
                    n,
                    document.doc_id,
                    document.title,
                    document.source,
                    sentence.start,
                    sentence.end,
                    document.text[sentence.start : sentence.end],
                    round(candidate.score, 6),
                )
            )
        return citations


def _clean(question: str) -> str:
    question = question.strip()
    if not question:
        raise QuestionError("the question is empty: write a question of 1 to 1000 characters")
    return question
