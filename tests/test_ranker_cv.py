"""The ranking cross-validation script's pure part (scripts/ranker_cv.py)."""

from __future__ import annotations

from qa.reader import FEATURES
from qa.token_support import TokenMatch
from scripts.ranker_cv import RankedQuestion, cross_validate


def _questions(
    support: dict[str, float], coverage: dict[str, float], calls: list[tuple[str, int]]
) -> list[RankedQuestion]:
    """12 documents of 2 questions each (one Danish, one English), each with candidates
    listed B, A, C where only A is right; A and B differ only in `coverage` and in the
    token support `support` gives them. `calls` records every token match made."""
    questions = []
    for doc in range(12):
        for language in ("da", "en"):
            qid = f"{doc}-{language}"
            rows = []
            for name in ("B", "A", "C"):
                row = dict.fromkeys(FEATURES, 0.0)
                row["coverage"] = coverage[name]
                rows.append(row)

            def match(i: int, qid: str = qid) -> TokenMatch:
                calls.append((qid, i))
                value = support["BAC"[i]]
                return TokenMatch(value, value)

            questions.append(RankedQuestion(language, f"dev:doc{doc}", rows, [False, True, False], match))
    return questions


def test_the_answer_reranker_finds_the_right_one_of_two_the_reader_cannot_tell_apart() -> None:
    calls: list[tuple[str, int]] = []
    questions = _questions({"A": 0.9, "B": 0.5, "C": 0.5}, {"A": 1.0, "B": 1.0, "C": 0.0}, calls)
    table = cross_validate(questions, folds=4, shuffles=2, depth=2)
    # A and B score alike, so the reader keeps the listed order (B first) and is never
    # right; the answer reranker's token support puts A first every time.
    assert table == {
        "da": {"questions": 12.0, "reader": 0.0, "answer_reranker": 12.0},
        "en": {"questions": 12.0, "reader": 0.0, "answer_reranker": 12.0},
    }
    # Each candidate is matched once, however many folds and shuffles read it; C, never
    # among the reader's best two, never.
    assert len(calls) == len(set(calls)) == 2 * len(questions)
    assert {i for _, i in calls} == {0, 1}


def test_the_answer_reranker_keeps_the_readers_right_pick_when_the_token_matches_tie() -> None:
    questions = _questions({"A": 0.7, "B": 0.7, "C": 0.7}, {"A": 1.0, "B": 0.5, "C": 0.0}, [])
    table = cross_validate(questions, folds=3, shuffles=1, depth=2)
    assert table == {
        "da": {"questions": 12.0, "reader": 12.0, "answer_reranker": 12.0},
        "en": {"questions": 12.0, "reader": 12.0, "answer_reranker": 12.0},
    }


def test_a_question_without_candidates_counts_as_asked_and_not_right() -> None:
    questions = _questions({"A": 0.9, "B": 0.5, "C": 0.5}, {"A": 1.0, "B": 1.0, "C": 0.0}, [])
    questions.append(RankedQuestion("da", "dev:empty", [], [], lambda i: TokenMatch(0.0, 0.0)))
    table = cross_validate(questions, folds=4, shuffles=1, depth=2)
    assert table["da"] == {"questions": 13.0, "reader": 0.0, "answer_reranker": 12.0}
