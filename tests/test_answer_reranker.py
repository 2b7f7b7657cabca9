"""The answer reranker: the reader's best two candidates reordered by their token matches."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from qa.answer_reranker import (
    ANSWER_RERANKER_FEATURES,
    AnswerReranker,
    AnswerRerankerConfig,
    answer_features,
    guarded_order,
)
from qa.embedder import TokenVectors
from qa.engine import QAEngine
from qa.evaluation import gold_spans, load_questions, overlaps
from qa.fitting import fit_models, neutral_model
from qa.linear import LinearModel, ModelFileError, load_model
from qa.manifest import file_sha256
from qa.policy import AbstentionPolicy
from qa.reader import AnswerCandidate
from qa.scoring import load_answer_reranker_model, scoring_identity, shipped_path
from qa.service import scoring_models
from qa.settings import Settings
from qa.token_support import TokenMatch, answer_text, token_match
from tests.conftest import EVAL_SET


def _candidate(sentence: int, score: float) -> AnswerCandidate:
    return AnswerCandidate((sentence,), 0, "single", {}, score)


def _model(weights: dict[str, float]) -> LinearModel:
    n = len(ANSWER_RERANKER_FEATURES)
    coef = tuple(weights.get(f, 0.0) for f in ANSWER_RERANKER_FEATURES)
    return LinearModel("answer_reranker", ANSWER_RERANKER_FEATURES, (0.0,) * n, (1.0,) * n, coef, 0.0)


def test_answer_features_give_each_candidate_its_value_and_its_margin_to_the_best() -> None:
    rows = answer_features([_candidate(1, 2.0), _candidate(2, 1.5)], [TokenMatch(0.75, 0.875), TokenMatch(0.875, 0.75)])
    assert rows == [
        {
            "reader_score": 2.0,
            "reader_margin": 0.0,
            "token_support": 0.75,
            "token_support_margin": -0.125,
            "token_recall": 0.875,
            "token_recall_margin": 0.0,
        },
        {
            "reader_score": 1.5,
            "reader_margin": -0.5,
            "token_support": 0.875,
            "token_support_margin": 0.0,
            "token_recall": 0.75,
            "token_recall_margin": -0.125,
        },
    ]
    assert list(rows[0]) == list(ANSWER_RERANKER_FEATURES)


def test_answer_features_need_one_match_per_candidate() -> None:
    message = "answer features need one token match per candidate, and at least one candidate"
    with pytest.raises(ValueError, match=message):
        answer_features([_candidate(1, 1.0)], [])
    with pytest.raises(ValueError, match=message):
        answer_features([], [])


def test_the_reranker_reorders_the_matched_candidates_only_and_keeps_ties_in_the_readers_order() -> None:
    candidates = [_candidate(1, 3.0), _candidate(2, 2.0), _candidate(3, 1.0)]
    matches = [TokenMatch(0.7, 0.8), TokenMatch(0.9, 0.95)]
    by_recall = AnswerReranker(_model({"token_recall": 1.0}))
    reordered, moved = by_recall.rerank(candidates, matches)
    assert [c.sentence_ids for c in reordered] == [(2,), (1,), (3,)]
    assert moved == [matches[1], matches[0]]
    # A neutral model scores both 0: the reader's order stands.
    neutral = AnswerReranker(neutral_model("answer_reranker", ANSWER_RERANKER_FEATURES))
    assert neutral.rerank(candidates, matches) == (candidates, matches)
    assert not neutral.reorders and by_recall.reorders
    # One match (or none) has nothing to reorder.
    assert by_recall.rerank(candidates, matches[:1]) == (candidates, matches[:1])
    assert by_recall.rerank([], []) == ([], [])
    with pytest.raises(ValueError, match="more token matches than candidates"):
        by_recall.rerank(candidates[:1], matches)


def test_the_reranker_never_puts_a_candidate_above_one_the_reader_ranked_higher_that_misses_fewer_labels() -> None:
    # t73: "hundeinternat silkemose åbningstider lørdag". The reader ranks the Saturday row
    # first; the token matches favour the Christmas Eve sentence, which lacks the day.
    saturday, christmas = _candidate(1, 4.6), _candidate(2, 3.2)
    by_recall = AnswerReranker(_model({"token_recall": 1.0}))
    matches = [TokenMatch(0.7, 0.8), TokenMatch(0.9, 0.95)]
    assert by_recall.rerank([saturday, christmas], matches, [0, 1]) == ([saturday, christmas], matches)
    # Missing as many (none, or one each) the swap stands, as does one to a candidate
    # missing fewer, and one with no counts given.
    for missing in ([0, 0], [1, 1], [1, 0]):
        assert by_recall.rerank([saturday, christmas], matches, missing) == ([christmas, saturday], matches[::-1])
    assert by_recall.rerank([saturday, christmas], matches)[0] == [christmas, saturday]
    with pytest.raises(ValueError, match="one count of missing labels is needed per token match"):
        by_recall.rerank([saturday, christmas], matches, [0])


def test_guarded_order_gives_each_place_to_the_best_scored_candidate_no_higher_ranked_one_misses_fewer_than() -> None:
    assert guarded_order([1.0, 2.0], [0, 1]) == [0, 1]
    assert guarded_order([1.0, 2.0], [1, 0]) == [1, 0]
    assert guarded_order([2.0, 2.0], [0, 0]) == [0, 1]  # a tie keeps the reader's order
    # The third, missing nothing, passes both; the second still cannot pass the first.
    assert guarded_order([1.0, 2.0, 3.0], [0, 1, 0]) == [2, 0, 1]
    # The third, best scored, waits behind the first, which misses fewer.
    assert guarded_order([1.0, 2.0, 3.0], [0, 1, 2]) == [0, 1, 2]
    assert guarded_order([1.0, 3.0, 2.0], [1, 0, 2]) == [1, 0, 2]
    assert guarded_order([], []) == []
    with pytest.raises(ValueError, match="guarded_order needs one count of missing labels per score"):
        guarded_order([1.0], [])


def test_a_depth_below_two_never_reorders_and_below_one_is_refused() -> None:
    assert not AnswerReranker(_model({"token_recall": 1.0}), AnswerRerankerConfig(depth=1)).reorders
    with pytest.raises(ValueError, match="depth must be at least 1"):
        AnswerRerankerConfig(depth=0)


def test_token_match_gives_the_weakest_and_the_mean_best_cosine_of_the_better_rendering() -> None:
    def tokens(*rows: list[float]) -> TokenVectors:
        spans = tuple((5 * i, 5 * i + 4) for i in range(len(rows)))
        return TokenVectors(np.zeros(2, np.float32), np.array(rows, np.float32), spans)

    answer = tokens([1.0, 0.0])
    # Two content words: one matched exactly, one at cosine 0.6.
    question = tokens([1.0, 0.0], [0.6, 0.8])
    match = token_match([(question, "pris gebyr")], answer)
    assert (match.support, match.recall) == pytest.approx((0.6, 0.8))
    # A rendering matched worse on both counts changes nothing; the better of each counts.
    worse = tokens([0.0, 1.0], [0.8, 0.6])
    both = token_match([(question, "pris gebyr"), (worse, "cost fees")], answer)
    assert both == match
    # Each count takes its own better rendering: this one has the higher mean, the lower minimum.
    flatter = tokens([1.0, 0.0], [1.0, 0.0], [1.0, 0.0], [0.28, 0.96])
    mixed = token_match([(question, "pris gebyr"), (flatter, "fee cost card form")], answer)
    assert (mixed.support, mixed.recall) == pytest.approx((0.6, 0.82))
    assert token_match([], answer) == TokenMatch(0.0, 0.0)
    assert token_match([(question, "hvad er")], answer) == TokenMatch(0.0, 0.0)  # stop words only


def _spy(engine: QAEngine) -> list[list[str]]:
    calls: list[list[str]] = []
    encode = engine.embedder.encode_tokens
    engine.embedder.encode_tokens = lambda texts, kind: calls.append([kind, *texts]) or encode(texts, kind)  # type: ignore[method-assign]
    return calls


def _answer_text(engine: QAEngine, trace_retrieval: object, candidate: AnswerCandidate) -> str:
    chunk = engine.data.chunks[trace_retrieval.ranked[candidate.chunk_rank].index]  # type: ignore[attr-defined]
    lead = engine.reader.lead_in(candidate.sentence_ids[0])
    sentences = engine.data.sentences
    return answer_text(
        chunk.head(),
        sentences[lead].text if lead is not None else None,
        [sentences[s].text for s in candidate.sentence_ids],
    )


def test_the_engine_matches_the_readers_best_two_in_one_call_and_quotes_the_reranked_best(
    fake_engine: QAEngine,
) -> None:
    question = "Hvad bruges NemKonto til?"
    fake_engine.answer_reranker = AnswerReranker(neutral_model("answer_reranker", ANSWER_RERANKER_FEATURES))
    reader_order = fake_engine.trace(question)
    # Neutral, it reorders nothing: only the best candidate is matched, for the evidence.
    assert len(reader_order.candidates) > 2 and len(reader_order.token_matches) == 1
    # A model that prefers the reader's second candidate swaps the first two.
    fake_engine.answer_reranker = AnswerReranker(_model({"reader_margin": -1.0}))
    calls = _spy(fake_engine)
    trace = fake_engine.trace(question)
    first, second, *rest = reader_order.candidates
    assert trace.candidates == [second, first, *rest]
    texts = [_answer_text(fake_engine, trace.retrieval, c) for c in (first, second)]
    assert calls == [["query", question], ["passage", *texts]]
    (asked,) = fake_engine.embedder.encode_tokens([question], "query")
    expected = [token_match([(asked, question)], a) for a in fake_engine.embedder.encode_tokens(texts, "passage")]
    assert list(trace.token_matches) == [expected[1], expected[0]]
    assert trace.evidence is not None and trace.evidence["token_support"] == expected[1].support
    assert trace.evidence["reader_margin"] == second.score - first.score
    assert trace.quoted[0] == second.sentence_ids[0]


def test_without_token_support_in_abstention_and_with_a_neutral_reranker_no_token_pass_is_made(
    fake_engine: QAEngine,
) -> None:
    model = fake_engine.policy.model
    keep = [i for i, f in enumerate(model.features) if f != "token_support"]
    older = replace(
        model,
        features=tuple(model.features[i] for i in keep),
        mean=tuple(model.mean[i] for i in keep),
        scale=tuple(model.scale[i] for i in keep),
        coef=tuple(model.coef[i] for i in keep),
    )
    fake_engine.policy = AbstentionPolicy(older)
    calls = _spy(fake_engine)
    # The shipped answer reranker still matches the reader's best two.
    trace = fake_engine.trace("Hvad bruges NemKonto til?")
    assert [c[0] for c in calls] == ["query", "passage"] and len(calls[1]) == 3
    assert trace.evidence is not None and "token_support" not in trace.evidence
    calls.clear()
    fake_engine.answer_reranker = AnswerReranker(neutral_model("answer_reranker", ANSWER_RERANKER_FEATURES))
    trace = fake_engine.trace("Hvad bruges NemKonto til?")
    assert calls == [["query", "Hvad bruges NemKonto til?"]] and trace.token_matches == ()


def test_the_shipped_answer_reranker_is_fitted_plain_json_and_a_configured_one_is_served(tmp_path: Path) -> None:
    row = json.loads(shipped_path("answer_reranker.json").read_text(encoding="utf-8"))
    assert row["kind"] == "answer_reranker" and tuple(row["features"]) == ANSWER_RERANKER_FEATURES
    assert "fit" in row["fitted_on"] and all(c > 0 for c in row["coef"])
    assert AnswerReranker(load_answer_reranker_model()).reorders
    model = _model({"token_recall": 1.0})
    model.save(tmp_path / "answer_reranker.json")
    configured = tmp_path / "answer_reranker.json"
    assert load_answer_reranker_model(configured) == load_model(configured, "answer_reranker")
    assert (
        scoring_identity(answer_reranker=configured)["answer_reranker_sha256"]
        != (scoring_identity()["answer_reranker_sha256"])
    )
    with pytest.raises(ModelFileError, match="no answer_reranker model at"):
        load_answer_reranker_model(tmp_path / "missing.json")


def test_the_configured_answer_reranker_file_is_loaded_and_recorded(tmp_path: Path) -> None:
    path = tmp_path / "answer_reranker.json"
    _model({"token_recall": 1.0}).save(path)
    models = scoring_models(Settings(answer_reranker_model=path))
    assert models.load()["answer_reranker_model"] == load_model(path, "answer_reranker")
    assert models.identity()["answer_reranker_sha256"] == file_sha256(path)
    assert scoring_models(Settings()).identity()["answer_reranker_sha256"] == file_sha256(
        shipped_path("answer_reranker.json")
    )


def test_fitting_learns_to_put_right_candidates_first_and_swaps_the_model_in(fake_engine: QAEngine) -> None:
    questions = load_questions(EVAL_SET)
    report = fit_models([(fake_engine, questions)], "test", refit_reader=False, refit_answer_reranker=True)
    assert report.answer_reranker is not None and fake_engine.answer_reranker.model is report.answer_reranker
    # On the pairs it was fitted on, the right candidate scores higher more often than not
    # (labels turned round, it would be the other way).
    fake_engine.answer_reranker = AnswerReranker(neutral_model("answer_reranker", ANSWER_RERANKER_FEATURES))
    documents = fake_engine.documents()
    ordered = total = 0
    for question in (q for q in questions if q.answerable):
        trace = fake_engine.trace(question.question)
        top = trace.candidates[:2]
        if len(top) < 2:
            continue
        gold = gold_spans(question, documents)
        right = [
            overlaps(fake_engine.data.sentences[c.sentence_ids[0]].doc_id, *_span(fake_engine, c), gold) for c in top
        ]
        if right[0] == right[1]:
            continue
        scores = [
            report.answer_reranker.score(row)
            for row in answer_features(top, fake_engine.match_tokens(trace.renderings, trace.retrieval, top))
        ]
        total += 1
        ordered += (scores[0] > scores[1]) == right[0]
    assert total >= 10 and ordered / total > 0.6, (ordered, total)


def _span(engine: QAEngine, candidate: AnswerCandidate) -> tuple[int, int]:
    sentences = engine.data.sentences
    return sentences[candidate.sentence_ids[0]].start, sentences[candidate.sentence_ids[-1]].end
