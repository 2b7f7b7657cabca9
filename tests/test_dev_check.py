"""Floors on the development set's check split, with the real model and the shipped models.

The reader and the abstention model were fitted on the fit split only; the check split's
documents were never seen by them. Floors sit a little under what was measured
(`qa eval --eval-set tests/eval/dev/questions.jsonl --split check` on an index of
`tests/eval/dev/corpus`, README of tests/eval). They are far under the issue's aims.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from qa.documents import read_corpus
from qa.engine import QAEngine
from qa.evaluation import evaluate, load_questions, metrics_by_language
from qa.index import build, load_live_index
from tests.conftest import ROOT
from tests.metric_limits import assert_within_limits

pytestmark = pytest.mark.model
DEV = ROOT / "tests" / "eval" / "dev"


@pytest.fixture(scope="module")
def dev_engine(tmp_path_factory: pytest.TempPathFactory, real_embedder) -> QAEngine:  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("dev-index")
    build(read_corpus(DEV / "corpus").documents, real_embedder, root)
    return QAEngine(load_live_index(root, real_embedder.identity), real_embedder)


def test_check_split_floors_hold(dev_engine: QAEngine) -> None:
    questions = [q for q in load_questions(DEV / "questions.jsonl") if q.split == "check"]
    table = metrics_by_language(evaluate(dev_engine, questions))
    # Measured with the shipped models: da recall@1 0.896, recall@3 0.961, answer 0.779,
    # false abstention 0.104, unanswerable abstained 0.667; en 0.787, 0.938, 0.550, 0.212, 0.632
    # (scoring version 14; at 13, da 0.883, 0.948, 0.753, 0.104, 0.733 and en 0.825, 0.938,
    # 0.550, 0.212, 0.632: the refit on the web-page tester sets answers one more of the 15
    # Danish near misses here and fewer elsewhere, README "Quality and speed").
    # Each floor or ceiling is about one question away from its figure (README "Quality and speed").
    floors = {
        "da": {"recall@1": 0.87, "recall@3": 0.94, "answer_accuracy": 0.76, "unanswerable_abstained": 0.6},
        "en": {"recall@1": 0.77, "recall@3": 0.92, "answer_accuracy": 0.53, "unanswerable_abstained": 0.57},
    }
    ceilings = {"da": {"false_abstention": 0.12}, "en": {"false_abstention": 0.24}}
    for language in floors:
        row = table[language]
        assert row["answerable"] >= 75 and row["unanswerable"] >= 15, row
    assert_within_limits(table, floors, ceilings)


def test_every_check_citation_is_the_exact_document_text(dev_engine: QAEngine) -> None:
    for item in load_questions(DEV / "questions.jsonl")[:60]:
        for citation in dev_engine.ask(item.question, always_cite=True).citations:
            assert citation.quote == dev_engine.document(citation.doc_id).text[citation.start : citation.end]


def test_dev_corpus_is_marked_as_test_data() -> None:
    assert all("test_data: true" in p.read_text(encoding="utf-8") for p in Path(DEV / "corpus").glob("*.md"))
