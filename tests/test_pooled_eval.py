"""`scripts/pooled_eval.py`: `qa eval`'s figures pooled by question over the labelled sets,
each set asked of its own index."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pytest

import scripts.pooled_eval as pooled_eval
from qa.evaluation import EvalQuestion, Outcome
from scripts.labelled_sets import ROOT


def _outcome(language: str, right: bool, answerable: bool = True, page: str | None = "da") -> Outcome:
    question = EvalQuestion("q", language, "?", answerable, ("gold",) if answerable else (), "check")  # type: ignore[arg-type]
    return Outcome(question, 1 if right else 2, True, right, 0.9, page if answerable else None)


def test_pooled_answer_accuracy_counts_questions_not_a_mean_of_the_sets() -> None:
    report = pooled_eval.pooled_report(
        {
            "small": [_outcome("da", True)],
            "large": [_outcome("da", False), _outcome("da", False), _outcome("da", False)],
        }
    )
    assert report["per_set"]["small"]["da"]["answer_accuracy"] == 1.0
    assert report["per_set"]["large"]["da"]["answer_accuracy"] == 0.0
    # 1 of 4 answered right, where the mean of the two sets would be 0.5.
    assert report["metrics"]["da"]["answer_accuracy"] == 0.25
    assert report["metrics"]["da"]["answerable"] == 4
    assert report["by_page_language"]["da-da"]["answerable"] == 4


def test_the_report_prints_each_sets_accuracy_then_the_pooled_tables() -> None:
    report = pooled_eval.pooled_report(
        {"pages-a": [_outcome("da", True), _outcome("en", False, page="da")], "html": [_outcome("en", True, page="en")]}
    )
    lines = pooled_eval.report_lines(report, "check")
    assert lines[:3] == [
        "check split, answer accuracy per set (answerable questions):",
        "  pages-a    da 1.000 (  1)   en 0.000 (  1)",
        "  html       en 1.000 (  1)",
    ]
    assert lines[4] == "pooled over the sets:"
    assert lines[5].split() == ["answerable", "unanswerable", *pooled_eval.METRICS]
    assert lines[7].split()[:2] == ["en", "2"]
    assert [line.split()[:3] for line in lines[-3:]] == [["da", "on", "da"], ["en", "on", "da"], ["en", "on", "en"]]


def test_no_set_gives_empty_tables() -> None:
    report = pooled_eval.pooled_report({})
    assert report["per_set"] == {} and report["by_page_language"] == {}
    assert report["metrics"]["all"]["answerable"] == 0


def test_main_asks_each_sets_split_of_its_own_index_and_leaves_out_a_set_without_one(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    asked: list[tuple[Path, set[str], int]] = []

    class Engine:
        index_version = "v1"

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
    assert pooled_eval.main(argv) == 0
    # The web-page set is all check: it has no fit question, so it is named and left out.
    assert [(index, splits) for index, splits, _ in asked] == [
        (Path("/tmp/dev"), {"fit"}),
        (Path("/tmp/seed"), {"fit"}),
        (Path("/tmp/p/k"), {"fit"}),
    ]
    fit_of_k = sum(1 for line in (ROOT / "tests/eval/pages/k/questions.jsonl").open() if '"split": "fit"' in line)
    assert asked[2][2] == fit_of_k > 0
    printed = capsys.readouterr()
    assert printed.out.startswith("fit split, answer accuracy per set (answerable questions):\n")
    assert "  left out, no question in the fit split: html\n" in printed.out
    assert f"pages-k: {fit_of_k} fit questions on index v1\n" in printed.err


class _Index:
    def __init__(self, *doc_ids: str) -> None:
        self.documents = dict.fromkeys(doc_ids)


def test_a_missing_index_is_named_with_the_command_that_builds_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(pooled_eval, "load_embedder", lambda settings: type("E", (), {"identity": {}})())
    monkeypatch.setattr(pooled_eval, "scoring_models", lambda settings: None)
    assert pooled_eval.main([str(tmp_path / "nowhere"), str(tmp_path / "seed")]) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"error: dev: no index in {tmp_path / 'nowhere'}")
    assert error.endswith(
        f"build it from the set's corpus: QA_CORPUS_DIR=tests/eval/dev/corpus QA_INDEX_DIR={tmp_path / 'nowhere'} "
        ".venv/bin/qa build --force\n"
    )


def test_an_index_built_from_another_corpus_is_refused_before_any_question(monkeypatch: pytest.MonkeyPatch) -> None:
    seed = pooled_eval.chosen_sets(pooled_eval.parse_index_arguments(_parser(), ["/tmp/dev", "/tmp/seed"]))[1]
    seed_ids = {d.doc_id for d in pooled_eval.read_corpus(seed.corpus).documents}
    monkeypatch.setattr(pooled_eval, "load_live_index", lambda root, identity: _Index(*seed_ids))
    assert pooled_eval.loaded_index(seed, {}).documents.keys() == seed_ids
    monkeypatch.setattr(pooled_eval, "load_live_index", lambda root, identity: _Index("other-page", *seed_ids))
    with pytest.raises(pooled_eval.SetProblem) as refused:
        pooled_eval.loaded_index(seed, {})
    assert str(refused.value) == (
        "seed: the index in /tmp/seed was built from another corpus than corpus (1 documents not in it, "
        "0 of it missing); build it again: QA_CORPUS_DIR=corpus QA_INDEX_DIR=/tmp/seed .venv/bin/qa build --force"
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
