"""The core object: a loaded index plus an embedder, answering questions with citations."""

from __future__ import annotations

import logging
import time
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from qa.analysis import Language, terms
from qa.answer_reranker import AnswerReranker, AnswerRerankerConfig
from qa.answer_types import asks_contact, contact_only
from qa.documents import Document
from qa.embedder import Embedder, TokenVectors
from qa.index import IndexData
from qa.linear import LinearModel
from qa.normalise import MAX_TEXT_CHARS, checked_text, lone_surrogate
from qa.places import CorpusMunicipalities
from qa.policy import AbstentionPolicy, Decision, evidence, lacks_asked_answer
from qa.question import AnalysedQuestion, analyse, missing_labels
from qa.reader import AnswerCandidate, Reader, ReaderConfig
from qa.reranker import ChunkReranker, RerankerConfig
from qa.retrieval import RankedChunk
from qa.retriever import HybridRetriever, Retrieval, RetrieverConfig
from qa.scoring import load_abstention_model, load_answer_reranker_model, load_reader_model, load_reranker_model
from qa.token_support import TokenMatch, answer_text, match_rows, question_rows
from qa.truecasing import corpus_casing

log = logging.getLogger(__name__)
# Weight of an English question's Danish rendering in its query vector. Chosen on the
# development set's fit split (English passage recall@1 over 139 questions: 0.547 without,
# 0.576 / 0.597 / 0.583 at weights 0.3 / 0.5 / 0.7).
BRIDGE_WEIGHT = 0.5

NOT_FOUND = {
    "da": "Kilderne besvarer ikke spørgsmålet. Her er de tekststykker, der ligger nærmest.",
    "en": "The sources do not answer this question. Here are the closest passages.",
}
# Why a question that names nothing to look up (`AnalysedQuestion.names_subject`) is not
# answered, and what to do instead.
NO_SUBJECT = {
    "da": "Spørgsmålet siger ikke, hvad det drejer sig om. Skriv, hvilken ydelse eller sag du spørger om.",
    "en": "The question does not say what it is about. Say which service or matter you are asking about.",
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
    page: int | None = None
    """1-based page of the passage's start in a PDF; None for other formats."""
    language: str = field(kw_only=True)
    """The language of the passage's document, as the index stores it ("da" or "en")."""


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
    page: int | None = None
    """1-based page of the quote's start in a PDF; None for other formats."""
    language: str = field(kw_only=True)
    """The language of the quote's document, as the index stores it ("da" or "en")."""


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
    """Answers questions from one loaded index with one embedder.

    The question path is six components (`docs/design.md`): `analyse` (question
    analysis) -> `HybridRetriever` -> `Reader` -> `AnswerReranker` (the reader's best
    candidates matched token by token) -> `AbstentionPolicy`, with `ChunkReranker`
    ordering the passages shown. The reranker, reader, answer reranker and abstention
    models default to the ones shipped in `qa/data/`.
    """

    def __init__(
        self,
        data: IndexData,
        embedder: Embedder,
        *,
        reader_model: LinearModel | None = None,
        abstention_model: LinearModel | None = None,
        reranker_model: LinearModel | None = None,
        answer_reranker_model: LinearModel | None = None,
        retriever_config: RetrieverConfig | None = None,
        reader_config: ReaderConfig | None = None,
        reranker_config: RerankerConfig | None = None,
        answer_reranker_config: AnswerRerankerConfig | None = None,
    ) -> None:
        """Wrap a loaded index; the embedder must be the one the index was built with.
        Raises ValueError for a dimension mismatch, ModelFileError for an unreadable model."""
        if data.dimension != embedder.dimension:
            raise ValueError(
                f"index vectors have dimension {data.dimension}, the model {embedder.dimension}: run `qa build`"
            )
        self.data = data
        self.embedder = embedder
        self.retriever = HybridRetriever(data, retriever_config)
        self.reader = Reader(data, reader_model or load_reader_model(), reader_config)
        self.reranker = ChunkReranker(data, self.reader, reranker_model or load_reranker_model(), reranker_config)
        self.answer_reranker = AnswerReranker(
            answer_reranker_model or load_answer_reranker_model(), answer_reranker_config
        )
        self.policy = AbstentionPolicy(abstention_model or load_abstention_model())
        vocabulary = getattr(data.bm25, "vocab_dict", None) or {}
        self._vocabulary: set[str] = set(vocabulary)
        # How the corpus writes its words, for questions typed without capitals: built
        # with the index, and here only for an index built before it was stored or under
        # other casing rules (`qa.truecasing.corpus_casing`).
        self.casing = data.casing if data.casing is not None else corpus_casing(data.sentences, data.documents)
        self.municipalities = CorpusMunicipalities.of(data.documents.values())

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

    def _passage(self, hit: RankedChunk) -> Passage:
        chunk = self.data.chunks[hit.index]
        document = self.data.documents[chunk.doc_id]
        return Passage(
            chunk.chunk_id,
            chunk.doc_id,
            chunk.title,
            chunk.heading,
            chunk.text,
            chunk.start,
            chunk.end,
            round(hit.score, 6),
            page=document.page_at(chunk.start),
            language=document.language,
        )

    def search(self, query: str, k: int = 5) -> list[Passage]:
        """The k best passages for a query, fused dense and BM25 ranking ordered by the
        passage reranker, at most two of the first five from one document while others
        are relevant."""
        query = _clean(query)
        if k < 1:
            raise QuestionError("k must be at least 1")
        question = analyse(query, self.casing)
        vector, _ = self._encode(question)
        retrieval = self._retrieve(question, vector, k)
        return [self._passage(hit) for hit in retrieval.shown[:k]]

    def _retrieve(self, question: AnalysedQuestion, query: np.ndarray, depth: int) -> Retrieval:
        """The retriever's fused chunks (what the reader reads) and the passages to show,
        in the reranker's order. The reader reads the fused order because reading the
        reranked one made its first pick worse: on the development data, right picks with
        every question answered went from 0.67 to 0.64 of the Danish fit questions and from
        0.74 to 0.68 on Danish check, English unchanged (0.63 and 0.60), although the
        reranked order puts the passage with the answer first more often."""
        return self.retriever.retrieve(
            question, query, depth, order_shown=lambda fused: self.reranker.rerank(question, query, fused)
        )

    def trace(self, question_text: str, depth: int = 5, rules_first: bool = False) -> Trace:
        """Run the question path and keep every intermediate result (for `ask`,
        evaluation and fitting). The reader's best candidates are reordered by the answer
        reranker (`qa.answer_reranker`), whose token matches also give the abstention
        evidence its `token_support`. When the policy answers, the passages the answer is
        quoted from are the first passages shown (`HybridRetriever.lead_with`): on the
        development check split this raised passage recall@1 from 0.805 to 0.883 in
        Danish and lowered it from 0.688 to 0.662 in English (models of f9f301a), where
        the reader's pick is right less often than the reranker's first passage.

        An answer read from another municipality's pages than the ones the question names
        is withheld (`qa.places`; probability 0), after the reranking, whatever its
        evidence, and so is a line of contact details and nothing more for a question
        that asks nothing about reaching someone (`_contact_for_another_question`).

        With `rules_first`, a question the policy's rules withhold whatever the evidence
        (one that names nothing to look up, `AnalysedQuestion.names_subject`, or
        `lacks_asked_answer`, which the reranker's reordering cannot change) skips the
        token matching (an encoder pass): its candidates stay in the reader's order, with
        no token matches and evidence without `token_support`; the decision (abstain,
        probability 0) and the passages shown are the same. `ask` uses it unless it must
        cite the would-be answer. Raises QuestionError for an empty question."""
        question = analyse(_clean(question_text), self.casing)
        query, renderings = self._encode(question)
        retrieval = self._retrieve(question, query, depth)
        candidates = self.reader.read(question, query, retrieval.ranked)
        withheld = not question.names_subject or lacks_asked_answer(question, candidates)
        matches: list[TokenMatch] = []
        if not (rules_first and withheld):
            texts = self.answer_texts(retrieval, candidates[: self._match_depth()])
            matches = self.match_texts(renderings, texts)
            labels = [missing_labels(question, text) for text in texts]
            candidates, matches = self.answer_reranker.rerank(candidates, matches, labels)
            named = self.reader.named_row(question, candidates[: len(matches)], self._own_place(candidates))
            if named is not None:
                candidates = [candidates[named], *candidates[:named], *candidates[named + 1 :]]
                matches = [matches[named], *matches[:named], *matches[named + 1 :]]
        if candidates and (
            self._from_elsewhere(question, candidates[0]) or self._contact_for_another_question(question, candidates[0])
        ):
            withheld = True
        features = None
        if candidates:
            hit = retrieval.ranked[candidates[0].chunk_rank]
            chunk = self.data.chunks[hit.index]
            features = evidence(
                question,
                candidates,
                retrieval.ranked,
                retrieval.lexical_weight,
                chunk.context(),
                self._unknown_share(question),
                matches[0].support if matches and self._reads_token_support else None,
                self.answer_texts(retrieval, candidates[:1])[0],
            )
        decision = self.policy.decide(features, withheld)
        quoted = self.reader.extend(question, candidates[0]) if candidates else ()
        if decision.answered and quoted:
            # The passages the answer is quoted from are shown first, in text order (a
            # quote of several steps can run into the next chunk).
            chunks = list(dict.fromkeys(self.data.sentences[sid].chunk_index for sid in quoted))
            retrieval = self.retriever.lead_with(retrieval, chunks, depth)
        return Trace(question, query, renderings, retrieval, candidates, tuple(matches), quoted, features, decision)

    def _from_elsewhere(self, question: AnalysedQuestion, candidate: AnswerCandidate) -> bool:
        """Whether a candidate was read from another municipality's pages than the ones the
        question names (`qa.places`): another municipality's rule does not answer it.
        False for a question that names no municipality."""
        asked = self.municipalities.asked(t for t in (question.text, question.bridged) if t)
        return self.municipalities.elsewhere(asked, self._document_of(candidate))

    def _document_of(self, candidate: AnswerCandidate) -> str:
        """The id of the document a candidate was read from."""
        return self.data.sentences[candidate.sentence_ids[0]].doc_id

    def _own_place(self, candidates: list[AnswerCandidate]) -> frozenset[str]:
        """The terms of the name of the municipality the best candidate's page is about
        (`qa.places`; none for a national page): a row of its tables that names it ("P-
        pladsen ved Ravnsholt Hallen") is not told from the others by that name."""
        if not candidates:
            return frozenset()
        about = self.municipalities.municipality_of.get(self._document_of(candidates[0]), ())
        return frozenset(t for name in about for t in terms(name))

    def _contact_for_another_question(self, question: AnalysedQuestion, candidate: AnswerCandidate) -> bool:
        """Whether the best candidate is a line of contact details and nothing more
        (`qa.answer_types.contact_only`: "Tlf. 74 55 20 10 musikskole@kaerbaek.dk") while
        the question asks nothing about reaching someone, nor where or who (`asks_contact`):
        the passages hold no answer to it ("Koster det noget at gå til kor på musikskolen
        i Kærbæk?" was answered so)."""
        text = " ".join(self.data.sentences[s].text for s in candidate.sentence_ids)
        return contact_only(text) and not asks_contact(
            question.asked or question.text, question.answer_type, question.form
        )

    def _encode(self, question: AnalysedQuestion) -> tuple[np.ndarray, list[tuple[TokenVectors, str]]]:
        """The question's vector (normalised, float32, shape (dimension,)) and its
        renderings' token vectors, each with the text it was encoded from. An English
        question also encodes its word-by-word Danish rendering and adds its vector with
        weight `BRIDGE_WEIGHT` before normalising: two encoder passes instead of one, each
        giving a rendering's vector and its tokens at once."""
        texts = [question.text]
        if question.bridged and question.bridged != question.text:
            texts.append(question.bridged)
        encoded = self.embedder.encode_tokens(texts, "query")
        query = encoded[0].sentence
        if len(encoded) > 1:
            mixed = query + BRIDGE_WEIGHT * encoded[1].sentence
            query = (mixed / np.linalg.norm(mixed)).astype(np.float32)
        return query, list(zip(encoded, texts, strict=True))

    @property
    def _reads_token_support(self) -> bool:
        """Whether the abstention model in use has the `token_support` feature (a file
        fitted before it has not)."""
        return "token_support" in self.policy.model.features

    def _match_depth(self) -> int:
        """How many of the reader's candidates are matched token by token: the answer
        reranker's depth when it can reorder them, else 1 when the abstention model reads
        `token_support` (the best candidate's), else none, and then no encoder pass is
        made for them (an operator's model fitted without them pays nothing)."""
        if self.answer_reranker.reorders:
            return self.answer_reranker.depth
        return 1 if self._reads_token_support else 0

    def match_tokens(
        self, renderings: list[tuple[TokenVectors, str]], retrieval: Retrieval, candidates: list[AnswerCandidate]
    ) -> list[TokenMatch]:
        """The `qa.token_support.TokenMatch` of the question's renderings (token vectors
        with the text each was encoded from) against each candidate's
        `qa.token_support.answer_text` (its chunk's head, the sentence opening its list when
        it is an item or a row, `Reader.lead_in`, and its sentences), in the given order:
        one encoder run over all their texts, padded to the longest (about 41 ms for two
        at one thread, `bench/token_support_cost.py`). `retrieval`
        is the one the candidates were read from (their `chunk_rank` indexes its ranked
        chunks)."""
        return self.match_texts(renderings, self.answer_texts(retrieval, candidates))

    def match_texts(self, renderings: list[tuple[TokenVectors, str]], texts: list[str]) -> list[TokenMatch]:
        """The `qa.token_support.TokenMatch` of the question's renderings against each of
        `texts` (candidates' `answer_texts`), in order: one encoder run over them all, none
        when there are none."""
        if not texts:
            return []
        rows = question_rows(renderings)
        return [match_rows(rows, answer) for answer in self.embedder.encode_tokens(texts, "passage")]

    def answer_texts(self, retrieval: Retrieval, candidates: list[AnswerCandidate]) -> list[str]:
        """Each candidate's `qa.token_support.answer_text`, in the given order: its chunk's
        head (title and heading, an FAQ item's question), the sentence opening its list or
        its table's caption (`Reader.lead_in`, `Reader.table_caption`), and its sentences;
        what the answer reranker matches and what `qa.question.missing_labels` reads for
        its guard (a day or a holiday is often named only in the heading or the lead-in:
        "## Lørdag", "Om tirsdagen gælder særlige telefontider:"; a stop 43 reviewer's
        pages). `retrieval` is the one the candidates were read from."""
        sentences = self.data.sentences
        texts = []
        for candidate in candidates:
            chunk = self.data.chunks[retrieval.ranked[candidate.chunk_rank].index]
            lead = self.reader.lead_in(candidate.sentence_ids[0])
            if lead is None:
                lead = self.reader.table_caption(candidate.sentence_ids[0])
            texts.append(
                answer_text(
                    chunk.head(),
                    sentences[lead].text if lead is not None else None,
                    [sentences[s].text for s in candidate.sentence_ids],
                )
            )
        return texts

    def _unknown_share(self, question: AnalysedQuestion) -> float:
        if not question.groups:
            return 0.0
        return sum(1 for g in question.groups if not g & self._vocabulary) / len(question.groups)

    def ask(self, question: str, top_k: int = 5, always_cite: bool = False) -> AskResult:
        """Answer with quoted sentences and citations, or abstain with the closest passages.

        `always_cite` keeps the chosen sentences as citations even when the policy
        abstains (for evaluation); `answered` still tells the decision. `evidence` is
        the policy's probability that the answer is right, `threshold` its operating point.
        """
        started = time.perf_counter()
        if top_k < 1:
            raise QuestionError("top_k must be at least 1")
        trace = self.trace(question, top_k, rules_first=not always_cite)
        decision = trace.decision
        answered = decision.answered
        citations: list[Citation] = []
        if trace.quoted and (answered or always_cite):
            citations = self._cite(trace.quoted, trace.candidates[0].score)
        answer = " ".join(f"{c.quote} [{c.n}]" for c in citations) if answered else None
        language = trace.question.language
        return AskResult(
            question=trace.question.received,
            language=language,
            answered=answered,
            answer=answer,
            message=None if answered else (NOT_FOUND if trace.question.names_subject else NO_SUBJECT)[language],
            citations=citations,
            passages=[self._passage(hit) for hit in trace.retrieval.shown[:top_k]],
            index_version=self.index_version,
            took_ms=round((time.perf_counter() - started) * 1000, 2),
            evidence=round(decision.probability, 6),
            threshold=round(decision.threshold, 6),
        )

    def _cite(self, sentence_ids: tuple[int, ...], score: float) -> list[Citation]:
        """One citation per run of consecutive sentences (a sentence with the one it
        refers back to, or the items of one list, read as one quote)."""
        runs: list[list[int]] = []
        for sid in sentence_ids:
            if runs and runs[-1][-1] + 1 == sid:
                runs[-1].append(sid)
            else:
                runs.append([sid])
        citations = []
        for n, run in enumerate(runs, start=1):
            first, last = self.data.sentences[run[0]], self.data.sentences[run[-1]]
            document = self.data.documents[first.doc_id]
            citations.append(
                Citation(
                    n,
                    document.doc_id,
                    document.title,
                    document.source,
                    first.start,
                    last.end,
                    document.text[first.start : last.end],
                    round(score, 6),
                    page=document.page_at(first.start),
                    language=document.language,
                )
            )
        return citations


@dataclass(frozen=True)
class Trace:
    """Every intermediate result of one question: analysis, query vector, the
    renderings' token vectors with their texts (`QAEngine._encode`), retrieval, scored
    candidates (best first, after the answer reranker), the token matches of the first
    candidates (`token_matches[i]` is `candidates[i]`'s; as many as `QAEngine._match_depth`
    gives: the answer reranker's depth, 1, or none; none either when `QAEngine.trace`
    settled the question by a rule first),
    the sentence ids the answer quotes (the best candidate extended by `Reader.extend`;
    empty without candidates), the evidence and the decision."""

    question: AnalysedQuestion
    query: np.ndarray
    renderings: list[tuple[TokenVectors, str]]
    retrieval: Retrieval
    candidates: list[AnswerCandidate]
    token_matches: tuple[TokenMatch, ...]
    quoted: tuple[int, ...]
    evidence: dict[str, float] | None
    decision: Decision


def _clean(question: str) -> str:
    """The trimmed question. Raises QuestionError, worded as the HTTP API's validation
    (`api.schemas.check_text`), when it holds invalid Unicode (a lone surrogate, which the
    tokeniser cannot read), is empty or holds no letter or digit ("???")."""
    surrogate = lone_surrogate(question)
    if surrogate is not None:
        raise QuestionError(
            f"the question contains invalid Unicode (the lone surrogate {ascii(surrogate)[1:-1]}): "
            "write the question as valid UTF-8 text"
        )
    try:
        # The API's check and words; the engine itself reads a question of any length.
        checked_text("question", question, max(MAX_TEXT_CHARS, len(question)))
    except ValueError as exc:
        raise QuestionError(str(exc)) from None
    return question.strip()
