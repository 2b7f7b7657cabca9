"""`scripts/pooled_eval.py`: `qa eval`'s figures pooled by question over the labelled sets,
each set asked of its own index."""

from __future__ import annotations

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
        "  pages-a    da 1.000 (1)   en 0.000 (1)",
        "  html       en 1.000 (1)",
    ]
    assert lines[4] == "pooled over the sets:"
    assert lines[5].split() == ["answerable", "unanswerable", *pooled_eval.METRICS]
    assert lines[7].split()[:2] == ["en", "2"]
    assert [line.split()[:3] for line in lines[-3:]] == [["da", "on", "da"], ["en", "on", "da"], ["en", "on", "en"]]


def test_no_set_gives_empty_tables() -> None:
    report = pooled_eval.pooled_report({})
    assert report["per_set"] == {} and report["by_page_language"] == {}
    assert report["metrics"]["all"]["answerable"] == 0


def test_main_asks_each_sets_split_of_its_own_index_and_adds_the_web_page_set(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    asked: list[tuple[Path, set[str], int]] = []

    class Engine:
        def __init__(self, index: Path, embedder: object, **models: object) -> None:
            self.index = index

    def evaluate(engine: Engine, questions: list[EvalQuestion]) -> list[Outcome]:
        asked.append((engine.index, {q.split for q in questions}, len(questions)))
        return []

    monkeypatch.setattr(pooled_eval, "load_embedder", lambda settings: type("E", (), {"identity": {}})())
    monkeypatch.setattr(pooled_eval, "scoring_models", lambda settings: type("M", (), {"load": lambda self: {}})())
    monkeypatch.setattr(pooled_eval, "load_live_index", lambda root, identity: root)
    monkeypatch.setattr(pooled_eval, "QAEngine", Engine)
    monkeypatch.setattr(pooled_eval, "evaluate", evaluate)
    argv = ["/tmp/dev", "/tmp/seed", "--pages", "/tmp/p", "--page-sets", "k", "--html", "/tmp/html", "--split", "fit"]
    assert pooled_eval.main(argv) == 0
    assert [(index, splits) for index, splits, _ in asked] == [
        (Path("/tmp/dev"), {"fit"}),
        (Path("/tmp/seed"), {"fit"}),
        (Path("/tmp/p/k"), {"fit"}),
        # The web-page set is all check: none of its questions is asked for fit.
        (Path("/tmp/html"), set()),
    ]
    fit_of_k = sum(1 for line in (ROOT / "tests/eval/pages/k/questions.jsonl").open() if '"split": "fit"' in line)
    assert asked[2][2] == fit_of_k > 0
    assert capsys.readouterr().out.startswith("fit split, answer accuracy per set (answerable questions):\n")


def test_a_split_that_is_not_check_fit_or_all_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["pooled_eval.py"])
    with pytest.raises(SystemExit) as stopped:
        pooled_eval.main(["/tmp/dev", "/tmp/seed", "--split", "train"])
    assert stopped.value.code == 2
    assert "invalid choice: 'train'" in capsys.readouterr().err
