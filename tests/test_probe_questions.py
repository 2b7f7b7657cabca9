"""`scripts/probe_questions.py`: each labelled question's outcome as a row, the figures per
set, and the questions two runs judged differently."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import scripts.probe_questions as probe
from qa.documents import read_corpus
from qa.engine import QAEngine
from qa.evaluation import EvalQuestion
from qa.index import build, load_live_index
from tests.conftest import ROOT


def _row(name: str, qid: str, language: str, kind: str, split: str = "check", rank: int | None = 1) -> dict[str, Any]:
    answerable = kind in ("right", "wrong", "withheld")
    answered = kind in ("right", "wrong", "near miss answered")
    return {
        "set": name,
        "id": qid,
        "language": language,
        "split": split,
        "question": f"{qid}?",
        "answerable": answerable,
        "answered": answered,
        "correct": kind == "right",
        "gold_rank": rank if answerable else None,
        "quote": f"quote of {qid}",
    }


ROWS = [
    _row("pages/a", "1", "da", "right"),
    _row("pages/a", "2", "da", "wrong", rank=2),
    _row("pages/a", "3", "da", "withheld", rank=None),
    _row("pages/a", "4", "da", "near miss withheld"),
    _row("pages/a", "5", "en", "right"),
    _row("pages/b", "1", "da", "right"),
    _row("pages/b", "2", "da", "near miss answered"),
]


def test_the_table_gives_qa_evals_four_figures_per_set_and_pooled_by_question() -> None:
    assert probe.table_lines(ROWS) == [
        "| set | Danish | English |",
        "|---|---|---|",
        "| pages/a | 0.333 (1/3), 0.333, 1.000 (1/1), 0.333 | 1.000 (1/1), 0.000, 0.000 (0/0), 1.000 |",
        "| pages/b | 1.000 (1/1), 0.000, 0.000 (0/1), 1.000 | - |",
        "| all | 0.500 (2/4), 0.250, 0.500 (1/2), 0.500 | 1.000 (1/1), 0.000, 0.000 (0/0), 1.000 |",
    ]
    assert probe.table_lines(ROWS, ["pages/b"])[-1] == "| all | 1.000 (1/1), 0.000, 0.000 (0/1), 1.000 | - |"


def test_compare_counts_the_moves_per_split_and_lists_each_moved_question() -> None:
    new = [
        _row("pages/a", "1", "da", "right"),
        _row("pages/a", "2", "da", "right"),
        _row("pages/a", "3", "da", "wrong"),
        _row("pages/a", "4", "da", "near miss answered"),
        _row("pages/c", "9", "da", "right"),  # not in the base run: not compared
    ]
    assert probe.changes(ROWS, new) == [
        "check: da near miss withheld -> near miss answered: 1; da withheld -> wrong: 1; da wrong -> right: 1",
        "pages/a 2 [da] wrong -> right | 2? | quote of 2",
        "pages/a 3 [da] withheld -> wrong | 3? | quote of 3",
        "pages/a 4 [da] near miss withheld -> near miss answered | 4? | quote of 4",
    ]


def test_sets_are_folders_of_tests_eval_and_pages_names_every_page_set() -> None:
    every = probe.set_folders(["pages"])
    assert every[0] == "pages/a" and len(every) == len(
        [p for p in (ROOT / "tests" / "eval" / "pages").iterdir() if (p / "questions.jsonl").is_file()]
    )
    assert probe.set_folders(["dev", "html"]) == ["dev", "html"]
    with pytest.raises(
        ValueError, match="^nosuch: no corpus/ and questions.jsonl under .*; name a folder of tests/eval$"
    ):
        probe.set_folders(["nosuch"])


def test_an_unknown_set_stops_the_run_before_any_model_is_loaded(capsys: pytest.CaptureFixture[str]) -> None:
    assert probe.main(["run", "/tmp/never.jsonl", "/tmp/never-index", "held_out/t0"]) == 2
    assert "held_out/t0: no corpus/ and questions.jsonl" in capsys.readouterr().err


@pytest.mark.model
def test_a_row_judges_the_first_citation_against_the_gold_as_qa_eval_does(tmp_path: Path, real_embedder: Any) -> None:
    build(read_corpus(ROOT / "tests" / "fixtures" / "web_addresses").documents, real_embedder, tmp_path)
    engine = QAEngine(load_live_index(tmp_path, real_embedder.identity), real_embedder)
    documents = engine.documents()
    gold = "Haveaffald hentes fra april til november."
    right = probe.probe_row(
        "x",
        EvalQuestion("q-1", "da", "Hvornår hentes haveaffald?", True, (gold,), "fit", "solvang-affald"),
        engine,
        documents,
    )
    assert {k: right[k] for k in ("set", "id", "split", "answered", "cited_right", "correct", "gold_rank")} == {
        "set": "x",
        "id": "q-1",
        "split": "fit",
        "answered": True,
        "cited_right": True,
        "correct": True,
        "gold_rank": 1,
    }
    assert (right["quote"], right["quote_doc"], right["page_language"], right["gold_in_text"]) == (
        gold,
        "solvang-affald",
        "da",
        True,
    )
    missing = probe.probe_row(
        "x", EvalQuestion("q-2", "da", "Hvornår hentes haveaffald?", True, ("Findes ikke.",), "fit"), engine, documents
    )
    assert (missing["gold_in_text"], missing["correct"], missing["gold_rank"]) == (False, False, None)
    assert probe.outcome(missing) == "wrong"
