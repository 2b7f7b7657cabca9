"""The web-page tester sets (`tests/eval/pages/a` .. `d`): their gold is in the served text,
they are marked as test data, and split by document."""

from __future__ import annotations

import json
from collections import defaultdict

import pytest

from qa.documents import read_corpus
from qa.evaluation import gold_spans, load_questions
from tests.conftest import ROOT
from tests.eval.pages.assign_splits import SETS, assign, splits_by_document

PAGES = ROOT / "tests" / "eval" / "pages"


@pytest.mark.parametrize("name", SETS)
def test_every_gold_of_a_set_is_in_its_own_served_text(name: str) -> None:
    documents = read_corpus(PAGES / name / "corpus").documents
    questions = [q for q in load_questions(PAGES / name / "questions.jsonl") if q.answerable]
    assert len(questions) >= 40
    assert [q.id for q in questions if not gold_spans(q, documents)] == []


@pytest.mark.parametrize("name", SETS)
def test_every_page_says_it_is_test_data(name: str) -> None:
    for page in (PAGES / name / "corpus").iterdir():
        text = page.read_text(encoding="utf-8")
        if page.suffix == ".html":
            assert "test" in text.split("<html", 1)[0].lower(), page
        elif page.suffix == ".md":
            assert "\ntest_data: true\n" in text.split("\n---", 1)[0] + "\n", page


@pytest.mark.parametrize("name", SETS)
def test_every_question_about_one_document_is_in_that_documents_split(name: str) -> None:
    rows = [json.loads(line) for line in (PAGES / name / "questions.jsonl").read_text(encoding="utf-8").splitlines()]
    splits: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        if row.get("doc"):
            splits[row["doc"]].add(row["split"])
    assert all(len(found) == 1 for found in splits.values()), splits
    # The file holds what assign_splits.py gives: re-assigning changes nothing.
    again = assign([dict(row) for row in rows], splits_by_document(PAGES / name / "corpus"))
    assert [r["split"] for r in again] == [r["split"] for r in rows]


def test_a_near_miss_without_a_document_alternates_and_an_unknown_document_is_refused() -> None:
    rows: list[dict[str, object]] = [
        {"language": "da", "doc": None},
        {"language": "en"},
        {"language": "da"},
        {"language": "da", "doc": "b"},
    ]
    assert [r["split"] for r in assign(rows, {"b": "check"})] == ["fit", "fit", "check", "check"]
    with pytest.raises(KeyError):
        assign([{"language": "da", "doc": "nowhere"}], {"b": "check"})
