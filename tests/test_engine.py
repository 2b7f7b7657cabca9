"""The engine's query path with a fake embedder: one encoder pass, FAISS candidates, errors."""

from __future__ import annotations

import pytest

from qa.engine import DocumentNotFoundError, QAEngine, QuestionError


def test_dense_side_ranks_chunks_beyond_the_faiss_candidates_last(
    fake_engine: QAEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    import qa.engine

    monkeypatch.setattr(qa.engine, "DENSE_CANDIDATES", 2)
    _, ranked = fake_engine._rank("How many strategies were there?", danish=0.0, groups=[])
    dense_scores = sorted((h.dense for h in ranked), reverse=True)
    assert dense_scores[2:] == [-1.0] * (len(ranked) - 2)
    assert all(score > 0 for score in dense_scores[:2])


def test_a_question_costs_one_encoder_pass(fake_engine: QAEngine) -> None:
    before = fake_engine.embedder.query_calls  # type: ignore[attr-defined]
    fake_engine.ask("Hvad bruges NemKonto til?")
    assert fake_engine.embedder.query_calls == before + 1  # type: ignore[attr-defined]


def test_engine_refuses_empty_questions_and_bad_counts(fake_engine: QAEngine) -> None:
    with pytest.raises(QuestionError, match="the question is empty"):
        fake_engine.ask("  ")
    with pytest.raises(QuestionError, match="top_k must be at least 1"):
        fake_engine.ask("Hvad er NemID?", top_k=0)
    with pytest.raises(DocumentNotFoundError):
        fake_engine.document("nope")


def test_evaluation_citations_are_kept_but_not_answered_below_the_threshold(fake_engine: QAEngine) -> None:
    fake_engine.data.calibration = {"thresholds": {"da": 9.0, "en": 9.0}}
    result = fake_engine.ask("Hvad bruges NemKonto til?", always_cite=True)
    assert not result.answered and result.answer is None
    assert result.citations and result.citations[0].quote
