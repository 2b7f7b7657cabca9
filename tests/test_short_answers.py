"""A page's answer may be one short line under a question heading: a name, a status word,
a form, a card or an app ("Gratis", "Det Gule Sundhedskort", "Ansøgningsskema til
Boligstøtte", "Jobcenter Ravnsholt, Sygedagpengeteamet"). A stop 61 reviewer's pages
(`tests/fixtures/html/short_answers/`): a rule that offered a line of a name or an
address alone only to a who or where question lost these answers (and crashed when every
unit of the top chunks was such a line); the reader keeps them."""

from __future__ import annotations

from typing import Any

import pytest

from qa.documents import read_corpus
from qa.engine import QAEngine
from qa.index import build, load_live_index
from tests.conftest import ROOT

PAGES = ROOT / "tests" / "fixtures" / "html" / "short_answers"


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> QAEngine:
    index = tmp_path_factory.mktemp("short-answers")
    build(read_corpus(PAGES).documents, real_embedder, index)
    return QAEngine(load_live_index(index, real_embedder.identity), real_embedder)


@pytest.mark.model
@pytest.mark.parametrize(
    ("question", "quote"),
    [
        ("Hvilken blanket skal jeg bruge til at søge boligstøtte?", "Ansøgningsskema til Boligstøtte"),
        ("Hvad koster det at søge boligstøtte?", "Gratis"),
        ("Hvilket kort skal mit barn have med til tandlægen?", "Det Gule Sundhedskort"),
        ("Hvilken afdeling skal jeg sende lægeerklæringen til?", "Jobcenter Ravnsholt, Sygedagpengeteamet"),
        ("How can I pay for a new health insurance card?", "Dankort, Visa and Mastercard"),
        ("How much is the first health insurance card?", "Free"),
        ("Is International House Ravnsted open on Fridays?", "Closed"),
    ],
)
def test_a_short_line_under_a_question_heading_answers_it(engine: QAEngine, question: str, quote: str) -> None:
    answer = engine.ask(question)
    assert (answer.answered, answer.citations[0].quote if answer.citations else None) == (True, quote)
