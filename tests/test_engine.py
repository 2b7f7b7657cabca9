"""The engine's query path with a fake embedder: one encoder pass, bounded candidates, errors."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from qa.engine import BRIDGE_WEIGHT, DocumentNotFoundError, QAEngine, QuestionError
from qa.policy import AbstentionPolicy
from qa.question import analyse
from qa.retriever import HybridRetriever, RetrieverConfig
from qa.token_support import answer_text, token_support


def test_retrieval_makes_objects_only_for_the_candidates_of_each_side(fake_engine: QAEngine) -> None:
    fake_engine.retriever = HybridRetriever(fake_engine.data, RetrieverConfig(dense_candidates=2, lexical_candidates=1))
    trace = fake_engine.trace("How many strategies were there?")
    assert 2 <= len(trace.retrieval.ranked) <= 3 < len(fake_engine.data.chunks)
    assert sorted(h.dense_rank for h in trace.retrieval.ranked)[:2] == [1, 2]


def test_a_danish_question_costs_one_encoder_pass(fake_engine: QAEngine) -> None:
    before = fake_engine.embedder.query_calls  # type: ignore[attr-defined]
    fake_engine.ask("Hvad bruges NemKonto til?")
    assert fake_engine.embedder.query_calls == before + 1  # type: ignore[attr-defined]


def test_an_english_question_also_encodes_its_danish_rendering(fake_engine: QAEngine) -> None:
    question = analyse("How much does a new health card cost?")
    assert question.language == "en" and question.bridged == "How much does a ny sundhedskort koste?"
    before = fake_engine.embedder.query_calls  # type: ignore[attr-defined]
    vector = fake_engine.trace(question.text).query
    assert fake_engine.embedder.query_calls == before + 2  # type: ignore[attr-defined]
    english = fake_engine.embedder.encode_query(question.text)
    danish = fake_engine.embedder.encode_query(question.bridged)
    expected = english + BRIDGE_WEIGHT * danish
    np.testing.assert_allclose(vector, expected / np.linalg.norm(expected), rtol=1e-5)
    assert analyse("Hvad koster et nyt sundhedskort?").bridged is None


def test_engine_refuses_empty_questions_and_bad_counts(fake_engine: QAEngine) -> None:
    with pytest.raises(QuestionError, match="the question is empty"):
        fake_engine.ask("  ")
    with pytest.raises(QuestionError, match="^the question holds no letters or digits: write a question in words$"):
        fake_engine.ask(" ??? ")
    with pytest.raises(QuestionError, match="top_k must be at least 1"):
        fake_engine.ask("Hvad er NemID?", top_k=0)
    surrogate = (
        r"^the question contains invalid Unicode \(the lone surrogate \\ud800\): "
        r"write the question as valid UTF-8 text$"
    )
    with pytest.raises(QuestionError, match=surrogate):
        fake_engine.ask("Hvad er \ud800NemID?")
    with pytest.raises(QuestionError, match=surrogate):
        fake_engine.search("Hvad er \ud800NemID?")
    with pytest.raises(QuestionError, match="k must be at least 1"):
        fake_engine.search("Hvad er NemID?", k=0)
    with pytest.raises(DocumentNotFoundError):
        fake_engine.document("nope")


def test_evaluation_citations_are_kept_but_not_answered_below_the_threshold(fake_engine: QAEngine) -> None:
    fake_engine.policy = AbstentionPolicy(replace(fake_engine.policy.model, threshold=1.0))
    result = fake_engine.ask("Hvad bruges NemKonto til?", always_cite=True)
    assert not result.answered and result.answer is None
    assert result.citations and result.citations[0].quote
    assert result.threshold == 1.0


def test_token_support_matches_the_question_against_the_best_candidates_heading_and_sentences(
    fake_engine: QAEngine,
) -> None:
    trace = fake_engine.trace("Hvad bruges NemKonto til?")
    assert trace.evidence is not None
    best = trace.candidates[0]
    chunk = fake_engine.data.chunks[trace.retrieval.ranked[best.chunk_rank].index]
    sentences = [fake_engine.data.sentences[s].text for s in best.sentence_ids]
    assert fake_engine.reader.lead_in(best.sentence_ids[0]) is None
    (asked,) = fake_engine.embedder.encode_tokens(["Hvad bruges NemKonto til?"], "query")
    (answer,) = fake_engine.embedder.encode_tokens([answer_text(chunk.head(), None, sentences)], "passage")
    expected = token_support([(asked, "Hvad bruges NemKonto til?")], answer)
    assert trace.evidence["token_support"] == pytest.approx(expected)
    assert expected == pytest.approx(1.0)  # "bruges" and "NemKonto" are both in the answer
