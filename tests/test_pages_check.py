"""The web-page tester sets (`tests/eval/pages/a` .. `zzzzq`): their gold is in the served text,
they are marked as test data, split by document, and floors hold on the check split of
ten of them (`FLOOR_SETS`) with the real model and the shipped models.

The shipped models were fitted on the fit split of sets a .. d (with the development and
seed sets' fit splits, `scripts/fit_scoring.py --pages`); sets e .. zzzzq came later
(`tests/eval/README.md`), so none of the check split's 363 documents, nor the fit split of
e .. zzzzq, was seen by them. Floors sit a little under what was measured (`qa eval
--eval-set tests/eval/pages/S/questions.jsonl --split check` on an index of
`tests/eval/pages/S/corpus` for each set S, pooled over `FLOOR_SETS`); every set's figures
are printed by `scripts/pooled_eval.py --page-sets all --split check`.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from typing import Any

import pytest

from qa.documents import read_corpus
from qa.engine import QAEngine
from qa.evaluation import evaluate, gold_spans, load_questions, metrics_by_language
from qa.index import build, load_live_index
from tests.conftest import ROOT
from tests.eval.pages.assign_splits import SETS, assign, splits_by_document
from tests.metric_limits import assert_within_limits

PAGES = ROOT / "tests" / "eval" / "pages"


@pytest.mark.parametrize("name", SETS)
def test_every_gold_of_a_set_is_in_its_own_served_text(name: str) -> None:
    documents = read_corpus(PAGES / name / "corpus").documents
    questions = [q for q in load_questions(PAGES / name / "questions.jsonl") if q.answerable]
    assert len(questions) >= 40
    assert [q.id for q in questions if not gold_spans(q, documents)] == []


# The nine text pages whose writers put no mark in them (tests/eval/README.md says so for them).
UNMARKED_TEXT = {
    "borger-flytning-adresseaendring.txt",
    "koerekort-esbjerg.txt",
    "nemkonto.txt",
    "bakkeby_bibliotek_gebyrer.txt",
    "kystlund-ferieaktiviteter.txt",
    "depositum-huslejenaevn.txt",
    "gravsteder-kystrup.txt",
    "lyngbaek-demens.txt",
    "klubber-fjordby.txt",
}
# A text page's mark: its first line opens "TESTDATA" or "test data", maybe in brackets or
# after a word ("OPDIGTEDE TESTDATA – ...", a stop 44 tester's).
TEST_DATA_LINE = re.compile(r"\[?(?:\w+ )?test ?data\b", re.IGNORECASE)
TEST_DATA_COMMENT = re.compile(r"<!--(?:(?!-->).)*\btest\s?data\b", re.IGNORECASE | re.DOTALL)


@pytest.mark.parametrize("name", SETS)
def test_every_page_says_it_is_test_data(name: str) -> None:
    for page in (PAGES / name / "corpus").iterdir():
        text = page.read_text(encoding="utf-8")
        assert page.suffix in {".html", ".md", ".txt"}, page
        if page.suffix == ".html":
            assert "<html" in text and TEST_DATA_COMMENT.search(text.split("<html", 1)[0]), page
        elif page.suffix == ".md":
            assert "\ntest_data: true\n" in text.split("\n---", 1)[0] + "\n", page
        elif page.name not in UNMARKED_TEXT:
            assert TEST_DATA_LINE.match(text), page


def test_the_unmarked_text_pages_are_there_and_unmarked() -> None:
    pages = {page.name: page for name in SETS for page in (PAGES / name / "corpus").glob("*.txt")}
    assert pages.keys() >= UNMARKED_TEXT
    assert not [name for name in UNMARKED_TEXT if TEST_DATA_LINE.match(pages[name].read_text(encoding="utf-8"))]


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


# The sets whose check split the floors test asks: every tenth set in name order when
# there were ninety-nine (a, k, u, ze, zo, zy, zzi, zzs, zzzc, zzzm), named here so that a
# set added later neither moves the floors nor lengthens the test (`SETS[::10]` over
# 103 sets took `zzzw` as an eleventh, stop 59); `scripts/pooled_eval.py --page-sets all`
# measures the rest. Building a set's index with the
# real model takes 10 to 25 s on two cores, nearly all of it the encoder (`py-spy`, stop
# 56); over every second set the test took 21 of `make test`'s 37 minutes with other work
# on the machine and about 10 of 19 alone (stop 55); over every seventh, 3 min 17 s alone,
# and a fresh clone's `make test` 14 min 52 s of pytest (stop 56), while it may take 15.
FLOOR_SETS = ("a", "k", "u", "ze", "zo", "zy", "zzi", "zzs", "zzzc", "zzzm")


@pytest.fixture(scope="module")
def page_engines(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> dict[str, QAEngine]:
    engines = {}
    for name in FLOOR_SETS:
        root = tmp_path_factory.mktemp(f"pages-{name}-index")
        build(read_corpus(PAGES / name / "corpus").documents, real_embedder, root)
        engines[name] = QAEngine(load_live_index(root, real_embedder.identity), real_embedder)
    return engines


@pytest.mark.model
def test_check_split_floors_hold(page_engines: dict[str, QAEngine]) -> None:
    results = []
    for name, engine in page_engines.items():
        questions = [q for q in load_questions(PAGES / name / "questions.jsonl") if q.split == "check"]
        results += evaluate(engine, questions)
    table = metrics_by_language(results)
    # Measured with the shipped models (scoring version 15), pooled over `FLOOR_SETS`, at
    # stop 56 (each set's index built and its check questions asked as `qa eval` asks
    # them, by the probe the README's stop 56 section names): da answer 0.658, false
    # abstention 0.108, unanswerable abstained 0.533, recall@1 0.733; en 0.639, 0.244,
    # 0.702, 0.815. (The same run over every second set, forty-six of ninety-one: da 0.664,
    # 0.140, 0.637, 0.753; en 0.560, 0.285, 0.673, 0.721.) At stop 57, with the named
    # answer types (`qa.answer_types.named_answer_type`) and a Danish question's words
    # matching English text (`qa.analysis.LexicalOptions.reverse_bridge`), measured the
    # same way: da 0.683, 0.083, 0.444, 0.758; en unchanged. Four more Danish near misses
    # answered, so the Danish floor on them moved from 0.48 to 0.40: over every check split
    # the bridge answers 17 more Danish questions right and 8 more near misses, and at the
    # cut that withholds as many near misses as before, 14 more right (README, stop 57).
    # At stop 59, with a country's or a language's name matched by the words for its
    # class (`qa.origins`), measured the same way: da 0.700, 0.075, 0.444, 0.767; en 0.689
    # (82 of 119 right, 78 before), 0.202, 0.702, 0.815; the English floor on answers moved
    # from 0.59 to 0.63.
    floors = {
        "da": {"recall@1": 0.69, "answer_accuracy": 0.61, "unanswerable_abstained": 0.40},
        "en": {"recall@1": 0.77, "answer_accuracy": 0.63, "unanswerable_abstained": 0.65},
    }
    ceilings = {"da": {"false_abstention": 0.15}, "en": {"false_abstention": 0.29}}
    # Every check question of the ten sets is asked (answerable, unanswerable).
    assert {language: (table[language]["answerable"], table[language]["unanswerable"]) for language in floors} == {
        "da": (120, 45),
        "en": (119, 47),
    }
    assert_within_limits(table, floors, ceilings)
