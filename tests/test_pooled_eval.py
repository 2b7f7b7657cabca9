"""`scripts/pooled_eval.py`: `qa eval`'s figures pooled by question over the labelled sets,
each set asked of its own index."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pytest

import scripts.pooled_eval as pooled_eval
from qa.cli import metric_table_lines
from qa.evaluation import EvalQuestion, Outcome, load_questions
from qa.index import corpus_hash
from scripts.labelled_sets import ROOT


def _outcome(language: str, right: bool, answerable: bool = True, page: str | None = "da") -> Outcome:
    question = EvalQuestion("q", language, "?", answerable, ("gold",) if answerable else (), "check")  # type: ignore[arg-type]
    return Outcome(question, 1 if right else 2, True, right, 0.9, page if answerable else None)


def test_pooled_answer_accuracy_counts_questions_not_a_mean_of_the_sets() -> None:
    report = pooled_eval.pooled_report(
        {
            "small": [_outcome("da", True)],
            "large": [_outcome("da", False), _outcome("da", False), _outcome("da", False)],
        },
        "check",
    )
    assert report["per_set"]["small"]["da"]["answer_accuracy"] == 1.0
    assert report["per_set"]["large"]["da"]["answer_accuracy"] == 0.0
    # 1 of 4 answered right, where the mean of the two sets would be 0.5.
    assert report["metrics"]["da"]["answer_accuracy"] == 0.25
    assert report["metrics"]["da"]["answerable"] == 4
    assert report["by_page_language"]["da-da"]["answerable"] == 4


def test_the_report_prints_each_sets_accuracy_then_qa_evals_tables_over_all_sets() -> None:
    report = pooled_eval.pooled_report(
        {
            "pages-a": [_outcome("da", True), _outcome("en", False, page="da")],
            "html": [_outcome("en", True, page="en")],
        },
        "check",
        left_out=["seed"],
    )
    assert pooled_eval.report_lines(report) == [
        "check split, answer accuracy per set (answerable questions):",
        "  pages-a    da 1.000 (  1)   en 0.000 (  1)",
        "  html       en 1.000 (  1)",
        "  left out, no question in the check split: seed",
        "",
        "pooled over the sets:",
        *metric_table_lines(report["metrics"], report["by_page_language"], 0),
    ]
    assert report["metrics"]["en"]["answerable"] == 2 and report["metrics"]["en"]["answer_accuracy"] == 0.5
    assert metric_table_lines(report["metrics"], report["by_page_language"], 0)[1:4] == [
        "da              1             0       1.0       1.0    1.0              1.0               0.0"
        "                       -                     -                  -",
        "en              2             0       0.5       1.0   0.75              0.5               0.0"
        "                       -                     -                  -",
        "all             3             0     0.667       1.0  0.833            0.667               0.0"
        "                       -                     -                  -",
    ]
    assert report["by_page_language"].keys() == {"da-da", "en-da", "en-en"}


def test_a_question_with_gold_in_both_languages_is_counted_under_the_page_language_table() -> None:
    report = pooled_eval.pooled_report({"dev": [_outcome("da", True), _outcome("en", True, page=None)]}, "check")
    assert report["left_out_of_page_language"] == 1
    assert pooled_eval.report_lines(report)[-1] == (
        "1 answerable question left out: gold in pages of both languages, so no one page language"
    )


def test_no_set_gives_empty_tables() -> None:
    report = pooled_eval.pooled_report({}, "fit")
    assert report["per_set"] == {} and report["by_page_language"] == {}
    assert report["metrics"]["all"]["answerable"] == 0


def test_main_asks_each_sets_split_of_its_own_index_and_leaves_out_a_set_without_one(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    asked: list[tuple[Path, set[str], int]] = []

    class Engine:
        index_version = "v1"
        policy = type("Policy", (), {"threshold": 0.385})()

        def __init__(self, index: Path, embedder: object, **models: object) -> None:
            self.index = index

    def evaluate(engine: Engine, questions: list[EvalQuestion]) -> list[Outcome]:
        asked.append((engine.index, {q.split for q in questions}, len(questions)))
        return []

    monkeypatch.setattr(pooled_eval, "load_embedder", lambda settings: type("E", (), {"identity": {}})())
    monkeypatch.setattr(pooled_eval, "scoring_models", lambda settings: type("M", (), {"load": lambda self: {}})())
    monkeypatch.setattr(pooled_eval, "loaded_index", lambda labelled, identity: labelled.index)
    monkeypatch.setattr(pooled_eval, "QAEngine", Engine)
    monkeypatch.setattr(pooled_eval, "evaluate", evaluate)
    argv = ["/tmp/dev", "/tmp/seed", "--pages", "/tmp/p", "--page-sets", "k", "--html", "/tmp/html", "--split", "fit"]
    assert pooled_eval.main([*argv, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["indexes"]["pages-k"] == {
        "index_version": "v1",
        "operating_point": 0.385,
    }
    asked.clear()
    assert pooled_eval.main(argv) == 0
    # The web-page set is all check: it has no fit question, so it is named and left out.
    assert [(index, splits) for index, splits, _ in asked] == [
        (Path("/tmp/dev"), {"fit"}),
        (Path("/tmp/seed"), {"fit"}),
        (Path("/tmp/p/k"), {"fit"}),
    ]
    fit_of_k = sum(1 for q in load_questions(ROOT / "tests/eval/pages/k/questions.jsonl") if q.split == "fit")
    assert asked[2][2] == fit_of_k > 0
    printed = capsys.readouterr()
    assert printed.out.startswith("fit split, answer accuracy per set (answerable questions):\n")
    assert "  left out, no question in the fit split: html\n" in printed.out
    assert f"pages-k: {fit_of_k} fit questions on index v1\n" in printed.err


class _Index:
    def __init__(self, corpus_sha256: str, *doc_ids: str) -> None:
        self.documents = dict.fromkeys(doc_ids)
        self.manifest = type("Manifest", (), {"corpus_sha256": corpus_sha256})()


def test_a_missing_index_is_named_with_the_command_that_builds_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(pooled_eval, "load_embedder", lambda settings: type("E", (), {"identity": {}})())
    monkeypatch.setattr(pooled_eval, "scoring_models", lambda settings: type("M", (), {"load": lambda self: {}})())
    assert pooled_eval.main([str(tmp_path / "nowhere"), str(tmp_path / "seed")]) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"error: dev: no index in {tmp_path / 'nowhere'}")
    assert error.endswith(
        f"build it from the set's corpus: QA_CORPUS_DIR=tests/eval/dev/corpus QA_INDEX_DIR={tmp_path / 'nowhere'} "
        ".venv/bin/qa build --force\n"
    )


def test_an_index_built_from_another_corpus_or_an_older_one_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    seed = pooled_eval.chosen_sets(pooled_eval.parse_index_arguments(_parser(), ["/tmp/dev", "/tmp/seed"]))[1]
    documents = pooled_eval.read_corpus(seed.corpus).documents
    ids = [d.doc_id for d in documents]
    current = corpus_hash(documents)
    monkeypatch.setattr(pooled_eval, "load_live_index", lambda root, identity: _Index(current, *ids))
    assert list(pooled_eval.loaded_index(seed, {}).documents) == ids
    for index, counts in (
        (_Index("0" * 64, "other-page", *ids), "1 indexed documents not in the corpus, 0"),
        (_Index("0" * 64, *ids), "0 indexed documents not in the corpus, 0"),
    ):
        monkeypatch.setattr(pooled_eval, "load_live_index", lambda root, identity, index=index: index)
        with pytest.raises(pooled_eval.SetProblem) as refused:
            pooled_eval.loaded_index(seed, {})
        assert str(refused.value) == (
            f"seed: the index in /tmp/seed was not built from corpus as it is now ({counts} of the corpus's "
            "documents not indexed, the others maybe changed); build it again: QA_CORPUS_DIR=corpus "
            "QA_INDEX_DIR=/tmp/seed .venv/bin/qa build --force"
        )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser()
    pooled_eval.add_index_arguments(parser)
    return parser


def test_a_split_that_is_not_check_fit_or_all_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["pooled_eval.py"])
    with pytest.raises(SystemExit) as stopped:
        pooled_eval.main(["/tmp/dev", "/tmp/seed", "--split", "train"])
    assert stopped.value.code == 2
    assert "invalid choice: 'train'" in capsys.readouterr().err
